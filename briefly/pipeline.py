"""The whole build, top to bottom: discover, load, validate, model, render, write.

Two passes, as the best generators do it: every brief is loaded and checked
before anything is rendered, because home, topic pages and feeds need the
whole model, and because a site with errors must never be published.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import load_config
from .data import build_data_files
from .errors import BriefError, Diagnostics
from .load import load_content
from .markup import MarkdownRenderer
from .model import Brief, Site, SiteConfig, Topic
from .render import PageBuilder, Pages, Renderer, render_site
from .search import build_search_index, build_search_page
from .validate import validate_brief, validate_site
from .views import BriefView, build_brief_view
from .write import WriteStats, check_output_folder, publish, recover_leftovers

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Project:
    """Where a project's inputs live; every path derives from the root."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def static(self) -> Path:
        return self.root / "static"


@dataclass
class BuildResult:
    diagnostics: Diagnostics
    site: Site | None = None
    pages: Pages = field(default_factory=dict)
    stats: WriteStats | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.site is not None and not self.diagnostics.errors


def load_site(project: Project, drafts: bool = False) -> tuple[Site | None, Diagnostics]:
    """Pass one: read and check everything; a Site only if there are no errors."""
    diagnostics = Diagnostics()
    config = load_config(project.root, diagnostics)
    loaded = load_content(project.content, project.root)
    diagnostics.extend(loaded.diagnostics.items)
    briefs = [b for raw in loaded.briefs if (b := validate_brief(raw, diagnostics))]
    validate_site(briefs, diagnostics, loaded.briefs)
    if config is None or diagnostics.errors:
        return None, diagnostics
    return assemble_site(config, briefs, drafts), diagnostics


def assemble_site(config: SiteConfig, briefs: list[Brief], drafts: bool) -> Site:
    """Order briefs newest first (ties by slug) so output never depends on disk order."""
    shown = [b for b in briefs if drafts or not b.draft]
    shown.sort(key=lambda b: (b.published, b.updated, b.slug), reverse=True)
    topics: dict[str, Topic] = {}
    for brief in shown:
        for topic in brief.topics:
            topics.setdefault(topic.slug, topic)
    return Site(config, tuple(shown), tuple(sorted(topics.values(), key=lambda t: t.slug)))


def read_static(project: Project) -> Pages:
    """Stylesheet and scripts, published under assets/."""
    files: Pages = {}
    if project.static.is_dir():
        for path in sorted(project.static.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files["assets/" + path.relative_to(project.static).as_posix()] = path.read_bytes()
    return files


# Outputs beyond briefs and index pages (feeds, data files...): each builder
# takes the renderer, the site and the brief views and returns {path: bytes}.
EXTRA_BUILDERS: list[PageBuilder] = [build_data_files, build_search_page]


def render_pages(project: Project, site: Site) -> Pages:
    """Pass two: every page of the site, in memory."""
    markdown = MarkdownRenderer()
    views: dict[str, BriefView] = {b.slug: build_brief_view(b, markdown) for b in site.briefs}
    pages = render_site(Renderer(project.templates), site, views, EXTRA_BUILDERS)
    pages.update(read_static(project))
    return pages


def build_site(project: Project, output: Path, drafts: bool = False,
               strict: bool = False, search: bool = True) -> BuildResult:
    """Check, render and publish; the previous output stays unless all succeeds.

    ``search=False`` skips the Pagefind index (the search page then says so).
    """
    started = time.perf_counter()
    try:  # refuse a wrong --output before any work (and before the search cache)
        check_output_folder(output, project.root)
    except BriefError as problem:
        return BuildResult(Diagnostics([problem]), seconds=time.perf_counter() - started)
    recover_leftovers(output)
    site, diagnostics = load_site(project, drafts)
    result = BuildResult(diagnostics, site)
    if site is None or diagnostics.has_errors(strict):
        result.site = None
        result.seconds = time.perf_counter() - started
        return result
    try:
        result.pages = render_pages(project, site)
        if search:  # the last step: it indexes the pages about to be published
            result.pages.update(build_search_index(
                result.pages, project.root / ".briefly-cache" / "search"))
        result.stats = publish(result.pages, output, project.root)
    except BriefError as problem:
        diagnostics.add(problem)
        result.site = None
    result.seconds = time.perf_counter() - started
    return result
