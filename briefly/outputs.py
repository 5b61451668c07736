"""Which outputs a build publishes besides each brief's page, in one list each.

Two kinds, with different cache rules (see ``pipeline``):

* ``BRIEF_BUILDERS`` depend on one brief only, ``(renderer, config, view)``;
  they are rendered with the brief's page and re-run only when that brief
  changes, or, marked ``template_free``, not even when a template does.
* ``SITE_BUILDERS`` depend on every shown brief, ``(renderer, site, views)``;
  they re-run whenever a shown brief's summary changes (any change, when
  they read past summaries), and must be pure functions of their inputs.
"""

from __future__ import annotations

from typing import Callable, Mapping

from briefly.cache.cards import build_card
from briefly.cache.search_index import cached_search_index
from briefly.context import BriefBuilder, template_free
from briefly.content.model import SiteConfig
from briefly.project import Project
from briefly.render.corrections import build_corrections
from briefly.render.data_files import brief_data_files
from briefly.render.feeds import build_atom_feeds, build_json_feed
from briefly.render.environment import Pages, Renderer
from briefly.render.pages import PageBuilder
from briefly.render.urls import asset_url
from briefly.render.search import build_search_page
from briefly.render.shared_pages import build_fact_pages, build_source_pages
from briefly.render.sitemap import build_robots, build_sitemap
from briefly.views.brief_view import BriefView


@template_free
def build_brief_data(renderer: Renderer, config: SiteConfig, view: BriefView) -> Pages:
    """Each brief's CSV tables and facts.json."""
    return brief_data_files(view)


BRIEF_BUILDERS: list[BriefBuilder] = [build_brief_data, template_free(build_card)]
SITE_BUILDERS: list[PageBuilder] = [build_search_page, build_atom_feeds, build_json_feed,
                                    build_corrections, build_source_pages, build_fact_pages,
                                    build_sitemap, build_robots]


def read_static(project: Project) -> Pages:
    """Stylesheet and scripts, published under assets/."""
    files: Pages = {}
    if project.static.is_dir():
        for path in sorted(project.static.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files[asset_url(path.relative_to(project.static).as_posix())] = path.read_bytes()
    return files


def search_indexer(project: Project) -> Callable[[Mapping[str, bytes]], Pages]:
    """The search index over the pages about to be published, cached in the project."""
    return lambda pages: cached_search_index(pages, project.cache / "search")
