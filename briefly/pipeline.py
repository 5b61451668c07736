"""The whole build, top to bottom: read → check → model → views → render → publish.

Two passes, as the best generators do it: every brief is read and checked
before any site page is rendered, because home, topic pages and feeds need
the whole model, and because a site with errors must never be published.

``build_site`` calls the stages in that order.  Each brief goes through
``brief_pipeline.build_briefs`` (read, check, model, views, render), on every
core when there are many; then the site is assembled, its shared pages rendered and
everything published in one atomic swap.  The cache never composes a build
of its own: each stage asks it for a stored result under its inputs' key
first (``cache/``), and stores what it computed.  ``check_pipeline`` runs
the same read and check steps without the cache or any output.
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from briefly.cache.brief_store import BriefStore
from briefly.cache.folders import FolderListings, Listing
from briefly.cache.full_briefs import Full, FullBriefs, SiteViews
from briefly.cache.gc_tuning import collecting_rarely, keep_out_of_collections
from briefly.cache.library_cache import cached_library
from briefly.cache.index import BRIEF_OWNER, Index, load_index, record_build
from briefly.cache.ledger import OutputLedger, Owned
from briefly.cache.records import Entry, Output, unpack
from briefly.cache.site_pages import (Records, SiteKeys, copy_static, index_search,
                                      render_listings, run_site_builder)
from briefly.cache.store import code_fingerprint, digest, file_signature, tree_fingerprint
from briefly.brief_pipeline import BriefOutcome, BriefTask, build_briefs, read_and_check
from briefly.content.check_site import check_across_briefs
from briefly.content.config import load_config
from briefly.content.model import Library, Site, SiteConfig
from briefly.content.library import library_digest
from briefly.content.discover import discover
from briefly.content.read import ARTICLE_NAME, BRIEFS_DIR, FACTS_NAME, display_path
from briefly.content.site import assemble_site
from briefly.context import BuildContext, builder_name, is_template_free
from briefly.errors import BriefError, Diagnostics
from briefly.os_failures import CACHE_NOT_SAVED, NOT_PUBLISHED, os_failure
from briefly.outputs import BRIEF_BUILDERS, SITE_BUILDERS, read_static, search_indexer
from briefly.project import Project
from briefly.publish.commit import Transaction, prepare_output
from briefly.publish.output_folder import MARKER, WriteStats
from briefly.cache.templates import compiled_templates
from briefly.render.card_font import font_identity, missing_font
from briefly.render.environment import Renderer
from briefly.views.markdown import MarkdownRenderer
from briefly.views.summaries import LazyBrief, LazyView

CACHE_FORMAT = "4"  # bump when the meaning of a key or record changes


@dataclass
class BuildResult:
    diagnostics: Diagnostics
    site: Site | None = None
    pages: list[str] = field(default_factory=list)  # every published file
    stats: WriteStats | None = None
    seconds: float = 0.0
    rendered: int = 0  # pages rendered by this build
    reused: int = 0  # pages kept from the previous build

    @property
    def ok(self) -> bool:
        return self.site is not None and not self.diagnostics.errors


@collecting_rarely
def build_site(project: Project, output: Path, *, drafts: bool = False, strict: bool = False,
               search: bool = True, progress: bool = False) -> BuildResult:
    """Check, render and publish; the previous output stays unless all of it succeeds."""
    started = time.perf_counter()
    result = BuildResult(Diagnostics())
    try:
        _build(project, output, result, drafts, strict, search, progress)
    except BriefError as problem:
        result.diagnostics.add(problem)
    except OSError as failure:  # the build did not finish, whatever it had done
        result.site = None
        result.diagnostics.add(os_failure(failure, project.root, output=output, outcome=(
            CACHE_NOT_SAVED if result.stats else NOT_PUBLISHED)))
    result.seconds = time.perf_counter() - started
    return result


def _build(project: Project, output: Path, result: BuildResult, drafts: bool, strict: bool,
           search: bool, progress: bool) -> None:
    """``build_site``'s stages; the result fills in as they succeed."""
    problems = result.diagnostics
    prepare_output(output, project.root)  # refuse a folder we did not make; mend a kill
    config = read_settings(project, problems)
    if config is None:
        return
    # A new font can draw other characters: nothing checked with the old one is kept.
    code = digest(code_fingerprint(), font_identity())
    library = cached_library(project.content, project.root, project.cache, code, problems)
    index = load_index(project.cache, code)
    keep_out_of_collections()  # the index is long-lived and acyclic
    with Transaction(output, project.root) as txn:
        ctx = make_context(project, config, library, drafts, index, txn)
        records = index.outputs.get(ctx.outputs.key, {})
        folders, listed = discover_briefs(ctx, index, problems)
        outcomes = build_briefs(ctx, brief_tasks(folders, index, records), progress)
        entries = collect_briefs(outcomes, problems)
        check_briefs_together(entries, library, problems)
        if not problems.has_errors(strict):
            site, views = assemble_site_views(ctx, entries)
            owners, rendered = render_site_pages(ctx, site, views, outcomes, records,
                                                 search)
            result.stats = publish(ctx, txn, owners, records)
            if record_build(project.cache, index, ctx.outputs.key, entries, listed,
                            published_records(ctx, owners)):
                ctx.briefs.keep_only(entries)
            result.site, result.pages = site, published_names(owners)
            pages = len(result.pages) - sum(len(owners[o].outputs)
                                            for o in ("static", "search") if o in owners)
            result.rendered, result.reused = rendered, pages - rendered


def read_settings(project: Project, problems: Diagnostics) -> SiteConfig | None:
    """The site settings, if they and the content folder are usable."""
    config = load_config(project.root, problems)
    if (no_font := missing_font()) is not None:
        problems.add(no_font)
    if not project.content.is_dir():
        problems.error(display_path(project.content, project.root), 0, 0,
                       "the content folder does not exist")
    return None if problems.errors else config


def make_context(project: Project, config: SiteConfig, library: Library, drafts: bool,
                 index: Index, txn: Transaction) -> BuildContext:
    """The build's settings and tools, and the keys its outputs are filed under."""
    code = index.code
    output = txn.out_dir
    return BuildContext(
        project=project, config=config, library=library, drafts=drafts,
        renderer=Renderer(project.templates, compiled_templates(project.root)),
        markdown=functools.cache(MarkdownRenderer), brief_builders=tuple(BRIEF_BUILDERS),
        briefs=BriefStore(project.cache / "briefs", code),
        outputs=OutputLedger(output, txn.stage, txn.staged_path,
                             cold=str(output.resolve()) not in index.outputs),
        render_key=digest("render", CACHE_FORMAT, code, tree_fingerprint(project.templates),
                          repr(config), *map(builder_name, SITE_BUILDERS + BRIEF_BUILDERS)),
        data_key=digest("data", CACHE_FORMAT, code, repr(config),
                        *[builder_name(b) for b in BRIEF_BUILDERS if is_template_free(b)]))


def discover_briefs(ctx: BuildContext, index: Index, problems: Diagnostics
                    ) -> tuple[list[Path], dict[str, Listing]]:
    """The brief folders, without listing again those that did not change."""
    project = ctx.project
    listings = FolderListings(index.folders)
    folders, strays = discover(project.content, project.root, listings.skip)
    strays, listed = listings.account(
        strays, display_path(project.content / BRIEFS_DIR, project.root), folders)
    problems.extend(strays)
    return folders, listed


def brief_tasks(folders: list[Path], index: Index, records: Records) -> list[BriefTask]:
    return [BriefTask(f.name, _signatures(f), index.briefs.get(f.name),
                      records.get(BRIEF_OWNER + f.name, {})) for f in folders]


def collect_briefs(outcomes: list[BriefOutcome], problems: Diagnostics) -> dict[str, Entry]:
    """Every brief's problems reported; the entries of those without errors, by slug."""
    for outcome in outcomes:
        problems.extend(unpack(outcome.problems))
    return {o.slug: o.entry for o in outcomes if o.entry is not None}


def check_briefs_together(entries: dict[str, Entry], library: Library,
                          problems: Diagnostics) -> None:
    """The rules across briefs, from summaries: no brief is read again for them."""
    check_across_briefs([LazyBrief(e.summary, _summaries_only) for e in entries.values()],
                        problems, {e.summary.facts_path: e.summary.places
                                   for e in entries.values()}, library)


def _summaries_only(slug: str) -> Full:
    raise AssertionError("the checks across briefs read summaries only")


def assemble_site_views(ctx: BuildContext, entries: dict[str, Entry]
                        ) -> tuple[Site, SiteViews]:
    """The site model and its views, from summaries; full briefs load only on demand."""
    full = FullBriefs(ctx.briefs, entries, lambda slug: read_and_check(ctx, slug, Diagnostics()))
    site = assemble_site(ctx.config, [LazyBrief(e.summary, full.get)  # type: ignore[misc]
                                      for e in entries.values()], ctx.drafts, ctx.library)
    return site, SiteViews({b.slug: LazyView(entries[b.slug].summary, b, full.get)
                            for b in site.briefs},
                           {slug: e.summary.shown for slug, e in entries.items()}, full.count)


def render_site_pages(ctx: BuildContext, site: Site, views: SiteViews,
                      outcomes: list[BriefOutcome], records: Records, search: bool
                      ) -> tuple[dict[str, Owned], int]:
    """Listing pages, site-wide outputs, static files and the search index; by owner."""
    owners = {BRIEF_OWNER + o.slug: o.owned for o in outcomes if o.owned.outputs}
    rendered = sum(o.rendered for o in outcomes)
    keys = SiteKeys.of(ctx.render_key, "site", site.briefs, views.shown)
    owners["index"], count = render_listings(ctx, site, views, keys, records.get("index", {}))
    rendered += count
    # Site-wide outputs may show the shared content itself (a source's page).
    shared = SiteKeys.of(ctx.render_key + library_digest(site.library), "site", site.briefs,
                         views.shown)
    for builder in SITE_BUILDERS:
        owner = "extra/" + builder_name(builder)
        owners[owner], count = run_site_builder(ctx, builder, site, views, shared,
                                                records.get(owner, {}))
        rendered += count
    owners["static"] = copy_static(ctx, read_static(ctx.project), records.get("static", {}))
    if search:
        owners["search"] = index_search(ctx, owners, records.get("search", {}),
                                        search_indexer(ctx.project))
    return owners, rendered


def publish(ctx: BuildContext, txn: Transaction, owners: dict[str, Owned],
            records: Records) -> WriteStats:
    """Swap the staged files in and the removed ones out, in one step."""
    final = published_names(owners)
    staged = {name for owned in owners.values() for name in owned.staged}
    before = ((ctx.outputs.listed() - {MARKER}) if ctx.outputs.cold
              else {name for files in records.values() for name in files})
    removed = before - set(final)
    txn.commit(staged, removed, final)
    return WriteStats(len(staged), len(final) - len(staged), len(removed))


def published_names(owners: dict[str, Owned]) -> list[str]:
    return sorted({name for owned in owners.values() for name in owned.outputs})


def published_records(ctx: BuildContext, owners: dict[str, Owned]
                      ) -> dict[str, dict[str, Output]]:
    """What each owner published, with the stat of every file this build wrote."""
    staged = {name for owned in owners.values() for name in owned.staged}
    return {owner: {name: ctx.outputs.restat(name, record) if name in staged else record
                    for name, record in owned.outputs.items()}
            for owner, owned in owners.items()}


def _signatures(folder: Path) -> tuple:
    where = str(folder)
    return (file_signature(os.path.join(where, FACTS_NAME)),
            file_signature(os.path.join(where, ARTICLE_NAME)))
