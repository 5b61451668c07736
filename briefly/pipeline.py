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
from typing import Iterator, Mapping

from briefly.cache.cards import build_card
from briefly.content.config import load_config
from briefly.render.data_files import brief_data_files
from briefly.errors import BriefError, Diagnostics
from briefly.render.feeds import build_atom_feeds, build_json_feed
from briefly.content.read import load_content
from briefly.views.markdown import MarkdownRenderer
from briefly.content.model import Brief, Site, SiteConfig, Topic
from briefly.render.pages import PageBuilder, Pages, Renderer, render_site
from briefly.render.sitemap import build_robots, build_sitemap
from briefly.render.search import build_search_page
from briefly.content.check_brief import validate_brief, validate_site
from briefly.views.brief_view import BriefView, build_brief_view
from briefly.cache import store as cache
from briefly.cache import incremental
from briefly.cache.search_index import cached_search_index
from briefly.cache.templates import compiled_templates
from briefly.publish.commit import recover as recover_commit
from briefly.cache.brief_work import BriefBuilder, template_free
from briefly.publish.output_folder import WriteStats, check_output_folder, recover_leftovers

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


class OutputPages(Mapping[str, bytes]):
    """The published files of a build, read from the output folder on demand.

    An incremental build does not hold every page in memory (10,000 pages
    would be hundreds of megabytes); this keeps ``result.pages[path]`` and
    ``len(result.pages)`` working all the same.
    """

    def __init__(self, folder: Path, names: list[str]) -> None:
        self.folder = folder
        self.names = names
        self._set = set(names)

    def __getitem__(self, name: str) -> bytes:
        if name not in self._set:
            raise KeyError(name)
        return (self.folder / name).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


@dataclass
class BuildResult:
    diagnostics: Diagnostics
    site: Site | None = None
    pages: Mapping[str, bytes] = field(default_factory=dict)
    stats: WriteStats | None = None
    seconds: float = 0.0
    rendered: int = 0  # pages rendered by this build
    reused: int = 0  # pages kept from the previous build

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
EXTRA_BUILDERS: list[PageBuilder] = [build_search_page]
# Readers (issue 5): feeds to follow the site and pages for search engines.
EXTRA_BUILDERS += [build_atom_feeds, build_json_feed, build_sitemap, build_robots]


@template_free
def build_brief_data(renderer: Renderer, config: SiteConfig, view: BriefView) -> Pages:
    """Each brief's CSV tables and facts.json (``data.brief_data_files``)."""
    return brief_data_files(view)


# Outputs that depend on one brief only, rendered with its page and cached with
# it: each takes (renderer, site settings, the brief's view) -> {path: bytes}.
# The incremental build re-runs them only when that brief changes (marked
# template_free: not even when a template does), whereas an EXTRA_BUILDERS
# entry runs again whenever any brief's summary does.
BRIEF_BUILDERS: list[BriefBuilder] = [build_brief_data]
# Readers (issue 5): each brief's social card (cached in .briefly-cache/cards/).
BRIEF_BUILDERS += [template_free(build_card)]


def render_pages(project: Project, site: Site) -> Pages:
    """Every page of the site, in memory, with no cache: the plain reference
    that tests hold the incremental build (``build_site``) to, byte for byte."""
    markdown = MarkdownRenderer()
    views: dict[str, BriefView] = {b.slug: build_brief_view(b, markdown) for b in site.briefs}
    renderer = Renderer(project.templates, bytecode_cache=compiled_templates(project.root))
    pages = render_site(renderer, site, views, EXTRA_BUILDERS)
    for brief in site.briefs:
        for builder in BRIEF_BUILDERS:
            pages.update(builder(renderer, site.config, views[brief.slug]))
    pages.update(read_static(project))
    return pages


def build_site(project: Project, output: Path, drafts: bool = False,
               strict: bool = False, search: bool = True, *,
               changed: set[Path] | None = None, progress: bool = False) -> BuildResult:
    """Check, render and publish; the previous output stays unless all succeeds.

    ``search=False`` skips the Pagefind index (the search page then says so).
    Incremental: only what changed since the last build (recorded in
    ``<project>/.briefly-cache/``) is read, rendered and written; see
    ``incremental``.  ``changed`` (paths a watcher saw change) is accepted for
    the preview server; every input's ``stat`` is checked anyway, which costs
    little and cannot miss an edit.  ``progress`` draws a bar on a terminal.
    """
    started = time.perf_counter()
    try:  # refuse a wrong --output before any work (and before the search cache)
        check_output_folder(output, project.root)
    except BriefError as problem:
        return BuildResult(Diagnostics([problem]), seconds=time.perf_counter() - started)
    recover_commit(output)  # first: it needs the staging folder a killed commit left
    recover_leftovers(output)  # a site a kill left mid-way through the fallback swap
    diagnostics = Diagnostics()
    result = BuildResult(diagnostics)
    try:
        # The search index is the last step: it indexes the pages about to be published.
        index = (lambda pages: cached_search_index(
            pages, project.root / cache.CACHE_DIR / "search")) if search else None
        plan = incremental.build(
            project.root, project.content, project.templates, output, drafts, strict,
            diagnostics, EXTRA_BUILDERS, BRIEF_BUILDERS, lambda: read_static(project),
            progress=progress, search_index=index)
    except BriefError as problem:
        diagnostics.add(problem)
        plan = None
    if plan is not None and plan.site is not None and not diagnostics.has_errors(strict):
        result.site = plan.site
        result.pages = OutputPages(output, plan.names)
        result.rendered, result.reused = plan.rendered, plan.reused
        result.stats = WriteStats(plan.written, len(plan.names) - plan.written, plan.removed)
    result.seconds = time.perf_counter() - started
    return result
