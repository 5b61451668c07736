"""The whole build, top to bottom: read → check → model → views → render → publish.

Two passes, as the best generators do it: every brief is read and checked
before any site page is rendered, because home, topic pages and feeds need
the whole model, and because a site with errors must never be published.

``build_site`` calls the stages in that order.  Each brief goes through
``build_brief`` (read, check, model, views, render), on every core when
there are many; then the site is assembled, its shared pages rendered and
everything published in one atomic swap.  The cache never composes a build
of its own: each stage asks it for a stored result under its inputs' key
first (``cache/``), and stores what it computed.  ``check_site`` runs the
same read and check steps without the cache or any output.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from briefly.cache.brief_store import BriefStore
from briefly.cache.folders import FolderListings
from briefly.cache.full_briefs import Full, FullBriefs
from briefly.cache.gc_tuning import collecting_rarely, keep_out_of_collections
from briefly.cache.index import BRIEF_OWNER, Index, load_index, record_build
from briefly.cache.ledger import OutputLedger, Owned
from briefly.cache.pool import run_all
from briefly.cache.records import (Entry, Output, all_current, pack, page_key, unchanged_since,
                                   unpack)
from briefly.cache.site_pages import copy_static, index_search, render_listings, run_site_builder
from briefly.cache.store import code_fingerprint, digest, file_signature, tree_fingerprint
from briefly.content.check_brief import check_brief
from briefly.content.check_site import check_across_briefs
from briefly.content.config import load_config
from briefly.content.model import Site
from briefly.content.read import (ARTICLE_NAME, BRIEFS_DIR, FACTS_NAME, brief_digest, discover,
                                  display_path, load_brief, read_text)
from briefly.content.site import assemble_site
from briefly.context import BuildContext, builder_name, is_template_free
from briefly.errors import BriefError, Diagnostics
from briefly.outputs import BRIEF_BUILDERS, SITE_BUILDERS, read_static, search_indexer
from briefly.progress import Progress
from briefly.project import Project
from briefly.publish.commit import Transaction, prepare_output, staged_name
from briefly.publish.output_folder import MARKER, WriteStats
from briefly.render.pages import Renderer, render_brief
from briefly.views.brief_view import build_brief_view
from briefly.views.markdown import MarkdownRenderer
from briefly.views.summaries import BriefSummary, LazyBrief, LazyView, LazyViews

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


def check_site(project: Project, *, drafts: bool = True) -> tuple[Site | None, Diagnostics]:
    """Read and check everything, as ``build`` does; a Site only if there are no errors."""
    problems = Diagnostics()
    config = load_config(project.root, problems)
    folders, strays = discover(project.content, project.root)
    problems.extend(strays)
    briefs, alias_lines = [], {}
    for folder in folders:
        try:
            raw = load_brief(folder, project.root, project.content)
        except BriefError as problem:
            problems.add(problem)
            continue
        if (brief := check_brief(raw, problems)) is not None:
            briefs.append(brief)
            alias_lines[brief.facts_path] = [
                (p.line, p.column) if (p := raw.positions.get(("aliases", i))) else (0, 0)
                for i in range(len(brief.aliases))]
    check_across_briefs(briefs, problems, alias_lines)
    if config is None or problems.errors:
        return None, problems
    return assemble_site(config, briefs, drafts), problems


@collecting_rarely
def build_site(project: Project, output: Path, *, drafts: bool = False, strict: bool = False,
               search: bool = True, progress: bool = False) -> BuildResult:
    """Check, render and publish; the previous output stays unless all of it succeeds."""
    started = time.perf_counter()
    problems = Diagnostics()
    result = BuildResult(problems)
    try:
        prepare_output(output, project.root)  # refuse a folder we did not make; mend a kill
        config = load_config(project.root, problems)
        if not project.content.is_dir():
            problems.error(display_path(project.content, project.root), 0, 0,
                           "the content folder does not exist")
        if config is not None and not problems.errors:
            index = load_index(project.cache, code_fingerprint())
            keep_out_of_collections()  # the index is long-lived and acyclic
            txn = Transaction(output, project.root)
            try:
                _build(project, output, config, drafts, strict, search, progress,
                       index, txn, result)
            finally:
                txn.abort()  # a no-op after a commit; otherwise forget what was staged
    except BriefError as problem:
        problems.add(problem)
    result.seconds = time.perf_counter() - started
    return result


def _build(project: Project, output: Path, config, drafts: bool, strict: bool, search: bool,
           progress: bool, index: Index, txn: Transaction, result: BuildResult) -> None:
    """The build proper, once the output folder is ours and the settings are sound."""
    problems = result.diagnostics
    out_key = str(output.resolve())
    records = index.outputs.get(out_key)
    code = index.code
    renderer = Renderer(project.templates)
    ctx = BuildContext(
        project=project, config=config, drafts=drafts, renderer=renderer,
        markdown=MarkdownRenderer(), brief_builders=tuple(BRIEF_BUILDERS),
        briefs=BriefStore(project.cache / "briefs", code),
        outputs=OutputLedger(output, txn.stage, lambda name: staged_name(txn.staging, name),
                             cold=records is None),
        render_key=digest("render", CACHE_FORMAT, code, tree_fingerprint(project.templates),
                          repr(config), *map(builder_name, SITE_BUILDERS + BRIEF_BUILDERS)),
        data_key=digest("data", CACHE_FORMAT, code, repr(config),
                        *[builder_name(b) for b in BRIEF_BUILDERS if is_template_free(b)]))
    records = records or {}

    # Read: which briefs exist (unchanged folders are not listed again).
    listings = FolderListings(index.folders)
    folders, strays = discover(project.content, project.root, listings.skip)
    strays, folder_records = listings.account(
        strays, display_path(project.content / BRIEFS_DIR, project.root), folders)
    problems.extend(strays)

    # Read, check, model, views, render: brief by brief (see build_brief).
    tasks = [BriefTask(f.name, _signatures(f), index.briefs.get(f.name),
                       records.get(BRIEF_OWNER + f.name, {})) for f in folders]
    outcomes = _build_briefs(ctx, tasks, progress)
    entries = {o.slug: o.entry for o in outcomes if o.entry is not None}
    for outcome in outcomes:
        problems.extend(unpack(outcome.problems))

    # Check across briefs, then assemble the site from summaries.
    check_across_briefs([LazyBrief(e.summary, _no_load) for e in entries.values()], problems,
                        {e.summary.facts_path: e.summary.alias_positions
                         for e in entries.values()})
    if problems.has_errors(strict):
        return
    full = FullBriefs(ctx.briefs, entries, lambda slug: read_and_check(ctx, slug, Diagnostics()))
    site = assemble_site(config, [LazyBrief(e.summary, full.get) for e in entries.values()],
                         drafts)  # type: ignore[list-item]
    views = LazyViews({b.slug: LazyView(entries[b.slug].summary, b, full.get)
                       for b in site.briefs})

    # Render the pages that depend on many briefs.
    owners: dict[str, Owned] = {BRIEF_OWNER + o.slug: o.owned for o in outcomes
                                if o.owned.outputs}
    rendered = sum(o.rendered for o in outcomes)
    shown = {slug: entry.summary.shown for slug, entry in entries.items()}
    owners["index"], count = render_listings(ctx, site, views, records.get("index", {}),
                                             shown, full.count)
    rendered += count
    for builder in SITE_BUILDERS:
        owner = "extra/" + builder_name(builder)
        owners[owner], count = run_site_builder(ctx, builder, site, views,
                                                records.get(owner, {}), shown, full.count)
        rendered += count
    owners["static"] = copy_static(ctx, read_static(project), records.get("static", {}))
    if search:
        owners["search"] = index_search(ctx, owners, records.get("search", {}),
                                        search_indexer(project))

    # Publish in one swap, then remember what was published.
    final = {name: rec for owned in owners.values() for name, rec in owned.outputs.items()}
    staged = {name for owned in owners.values() for name in owned.staged}
    before = ((ctx.outputs.listed() - {MARKER}) if ctx.outputs.cold
              else {name for files in records.values() for name in files})
    txn.commit(staged, before - final.keys())
    published = {owner: {name: ctx.outputs.restat(name, rec) if name in staged else rec
                         for name, rec in owned.outputs.items()}
                 for owner, owned in owners.items()}
    if record_build(project.cache, index, out_key, entries, folder_records, published):
        ctx.briefs.keep_only(entries)
    pages = len(final) - sum(len(owners[o].outputs) for o in ("static", "search") if o in owners)
    result.site, result.pages = site, sorted(final)
    result.rendered, result.reused = rendered, pages - rendered
    result.stats = WriteStats(len(staged), len(final) - len(staged),
                              len(before - final.keys()))


def _no_load(slug: str) -> Full:
    raise AssertionError("the checks across briefs read summaries only")


def _signatures(folder: Path) -> tuple:
    where = str(folder)
    return (file_signature(os.path.join(where, FACTS_NAME)),
            file_signature(os.path.join(where, ARTICLE_NAME)))


def _build_briefs(ctx: BuildContext, tasks: list[BriefTask], progress: bool) -> list[BriefOutcome]:
    """Every brief's outcome, sorted by slug whatever order the workers finish in."""
    done = [o for t in tasks if (o := reuse_brief(ctx, t)) is not None]
    reused = {o.slug for o in done}
    todo = [t for t in tasks if t.slug not in reused]
    bar = Progress(len(todo), "Rendering briefs", enabled=progress)
    try:
        for batch in run_all(build_brief, ctx, todo):
            done.extend(batch)
            bar.advance(len(batch))
    finally:
        bar.close()
    return sorted(done, key=lambda o: o.slug)


@dataclass
class BriefTask:
    """One brief to build, with what the cache knew about it."""

    slug: str
    signatures: tuple
    entry: Entry | None
    previous: dict[str, Output]  # the files it published last time


@dataclass
class BriefOutcome:
    slug: str
    entry: Entry | None  # None: the brief has errors
    problems: list[tuple] = field(default_factory=list)
    owned: Owned = field(default_factory=Owned)
    rendered: int = 0


def reuse_brief(ctx: BuildContext, task: BriefTask) -> BriefOutcome | None:
    """The outcome of a brief with nothing to do, decided by ``stat`` alone."""
    if not unchanged_since(task.signatures, task.entry):
        return None
    assert task.entry is not None
    return _kept(ctx, task, task.entry)


def _kept(ctx: BuildContext, task: BriefTask, entry: Entry) -> BriefOutcome | None:
    """The brief's published files, if all of them are current."""
    if entry.summary.draft and not ctx.drafts:
        return BriefOutcome(task.slug, entry, list(entry.problems))
    keys = (page_key(ctx.render_key, entry.summary.digest),
            page_key(ctx.data_key, entry.summary.digest))
    if all_current(ctx.outputs.out_dir, task.previous, keys):
        return BriefOutcome(task.slug, entry, list(entry.problems), Owned(dict(task.previous)))
    return None


def build_brief(ctx: BuildContext, task: BriefTask) -> BriefOutcome:
    """One brief through the stages: read → check → model → views → render.

    Unchanged files (by ``stat``, then by digest) skip reading and checking;
    a stored view skips Markdown; published files under today's keys skip
    rendering; outputs of template-free builders survive a template edit.
    """
    entry, full = task.entry, None
    checked = time.time_ns()
    if not unchanged_since(task.signatures, entry):
        brief_files = None if None in task.signatures else _brief_digest(ctx, task.slug)
        if entry is not None and brief_files == entry.summary.digest:
            entry = entry._replace(signatures=task.signatures, checked_ns=checked)
        else:
            problems, positions = Diagnostics(), {}
            full = read_and_check(ctx, task.slug, problems, positions)
            if full is None:
                return BriefOutcome(task.slug, None, pack(problems.items))
            entry = Entry(task.signatures, checked, BriefSummary.of(full[1], positions),
                          tuple(pack(problems.items)))
    if (kept := _kept(ctx, task, entry)) is not None:
        return kept
    outcome = BriefOutcome(task.slug, entry, list(entry.problems))
    full = full or ctx.briefs.load(task.slug, entry.summary.digest)
    if full is None:
        problems = Diagnostics()
        full = read_and_check(ctx, task.slug, problems)
        if full is None:  # the files changed under us: report what they say now
            return BriefOutcome(task.slug, None, pack(problems.items))
    _render_brief(ctx, task, entry, full, outcome)
    return outcome


def read_and_check(ctx: BuildContext, slug: str, problems: Diagnostics,
                   positions: dict | None = None) -> Full | None:
    """Read a brief's files, check them, derive its view; store both for later builds.

    ``positions``, if given, receives the fact sheet's value positions.
    """
    try:
        raw = load_brief(ctx.project.content / BRIEFS_DIR / slug, ctx.project.root,
                         ctx.project.content)
    except BriefError as problem:
        problems.add(problem)
        return None
    if positions is not None:
        positions.update(raw.positions)
    brief = check_brief(raw, problems)
    if brief is None:
        return None
    view = build_brief_view(brief, ctx.markdown)
    ctx.briefs.save(brief, view)
    return brief, view


def _render_brief(ctx: BuildContext, task: BriefTask, entry: Entry, full: Full,
                  outcome: BriefOutcome) -> None:
    """The brief's page and its own outputs, staged where their bytes changed."""
    key = page_key(ctx.render_key, entry.summary.digest)
    data_key = page_key(ctx.data_key, entry.summary.digest)
    # Outputs of template-free builders are recorded together, so any record
    # at today's data key means all of them are current (unless touched).
    kept = {n: r for n, r in task.previous.items() if r.key == data_key}
    keep = all_current(ctx.outputs.out_dir, kept, (data_key,))
    view = full[1]
    pages = render_brief(ctx.renderer, ctx.config, view)
    data: dict[str, bytes] = {}
    for builder in ctx.brief_builders:
        if not is_template_free(builder):
            pages.update(builder(ctx.renderer, ctx.config, view))
        elif not keep:
            data.update(builder(ctx.renderer, ctx.config, view))
    outcome.rendered = len(pages) + len(data)
    if keep:
        outcome.owned.outputs.update(kept)
    for name in sorted(pages):
        ctx.outputs.put(outcome.owned, name, pages[name], key, task.previous.get(name))
    for name in sorted(data):
        ctx.outputs.put(outcome.owned, name, data[name], data_key, task.previous.get(name))


def _brief_digest(ctx: BuildContext, slug: str) -> str | None:
    """The brief's digest without parsing it, or None if it cannot be read."""
    folder = ctx.project.content / BRIEFS_DIR / slug
    try:
        return brief_digest(read_text(folder / FACTS_NAME, slug),
                            read_text(folder / ARTICLE_NAME, slug))
    except BriefError:
        return None

