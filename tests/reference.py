"""The plain reference build that tests hold the incremental build to, byte for byte.

Every page of a site rendered in memory from scratch, with no cache and no
process pool: the simplest composition of the stages.
"""

from __future__ import annotations

from briefly.content.model import Site
from briefly.outputs import BRIEF_BUILDERS, SITE_BUILDERS, read_static
from briefly.project import Project
from briefly.render.environment import Pages, Renderer
from briefly.render.pages import render_site
from briefly.views.brief_view import BriefView, build_brief_view
from briefly.views.markdown import MarkdownRenderer


def render_pages(project: Project, site: Site) -> Pages:
    markdown = MarkdownRenderer()
    views: dict[str, BriefView] = {b.slug: build_brief_view(b, markdown) for b in site.briefs}
    renderer = Renderer(project.templates)
    pages = render_site(renderer, site, views, SITE_BUILDERS)
    for brief in site.briefs:
        for builder in BRIEF_BUILDERS:
            pages.update(builder(renderer, site.config, views[brief.slug]))
    pages.update(read_static(project))
    return pages
