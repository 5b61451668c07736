"""The build that never does the same work twice.

Every output records a *key*: a hash of everything it was rendered from.
A brief's page depends on the brief's files, the templates, the site
settings and Briefly's own code; the home page, archive and site-wide extra
outputs on the summaries of every shown brief (or on the briefs themselves,
when rendering them reached past a summary; see ``sitewide``); a topic page
likewise on the briefs of that topic.  A build computes each key, re-renders
an output only when its key changed (or its published file was touched), and
writes it only when its bytes changed.

Inputs are read only when ``stat`` says they changed (see
``cache.file_signature``); Markdown is rendered only when a brief's text
changed, so a template edit re-runs Jinja alone.  Work on many briefs is
spread over a process pool.  Rules for code that plugs in here:

* a brief's page (and ``BRIEF_BUILDERS``' outputs) may depend only on that
  brief, the settings and the templates; a builder marked
  ``workers.template_free`` must not depend on the templates at all, because
  a template edit does not re-run it;
* ``EXTRA_BUILDERS`` are re-run whenever a shown brief's summary changes (any
  change, if they read past summaries) and must be pure functions of
  ``(renderer, site, views)``.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from briefly.cache import store as cache

from briefly.cache import brief_work as workers
from briefly.cache.index import BRIEF_OWNER, Index, load_index, save_index
from briefly.cache.gc_tuning import collecting_rarely, keep_out_of_collections
from briefly.publish.commit import Transaction
from briefly.content.config import load_config
from briefly.errors import BriefError, Diagnostics
from briefly.content.read import ARTICLE_NAME, BRIEFS_DIR, FACTS_NAME, discover, display_path
from briefly.content.located_yaml import Position
from briefly.content.model import Site
from briefly.progress import Progress
from briefly.cache.site_pages import builder_name, index_search, render_site_pages
from briefly.cache.templates import compiled_templates
from briefly.render.pages import PageBuilder, Renderer
from briefly.views.summaries import BriefSummary, LazyBrief, LazyView, LazyViews
from briefly.content.check_brief import validate_site
from briefly.cache.brief_work import Context, Entry, Outcome, Output, Task
from briefly.publish.output_folder import MARKER

log = logging.getLogger(__name__)

PARALLEL_THRESHOLD = 48  # below this many briefs to (re)render, forking costs more


@dataclass
class Plan:
    """What one incremental build produced, for ``BuildResult``."""

    site: Site | None
    names: list[str]
    rendered: int
    reused: int
    written: int = 0
    removed: int = 0


_CODE: list[str] = []


def _code() -> str:
    if not _CODE:
        _CODE.append(cache.code_fingerprint())
    return _CODE[0]


@collecting_rarely
def build(root: Path, content: Path, templates: Path, output: Path, drafts: bool,
          strict: bool, diagnostics: Diagnostics, extra: Iterable[PageBuilder],
          brief_builders: list[workers.BriefBuilder],
          read_static: Callable[[], dict[str, bytes]], progress: bool = False,
          search_index: Callable[[Mapping[str, bytes]], dict[str, bytes]] | None = None
          ) -> Plan:
    """Load, check, render and publish what changed; see the module docstring."""
    config = load_config(root, diagnostics)
    if not content.is_dir():
        diagnostics.error(display_path(content, root), 0, 0, "the content folder does not exist")
    if config is None or diagnostics.errors:
        return Plan(None, [], 0, 0)
    code = _code()
    cache_dir = root / cache.CACHE_DIR
    index = load_index(cache_dir, code)
    keep_out_of_collections()
    folders, listings = _discover(content, root, index, diagnostics)
    extra = list(extra)
    renderer = Renderer(templates, bytecode_cache=compiled_templates(root))
    render_key = cache.digest("render", str(cache.CACHE_VERSION), code,
                              cache.tree_fingerprint(templates), repr(config),
                              *[builder_name(b) for b in extra + brief_builders])
    data_key = cache.digest("data", str(cache.CACHE_VERSION), code, repr(config),
                            *[builder_name(b) for b in brief_builders
                              if workers.is_template_free(b)])
    out_key = str(output.resolve())
    records = index.outputs.get(out_key)
    cold = records is None
    records = records or {}
    txn = Transaction(output, root)  # raises BriefError for folders we must not touch
    try:
        ctx = Context(root, content, cache_dir, output, txn.staging, renderer, config, drafts,
                      render_key, data_key, code, cold, brief_builders)
        workers.CONTEXT = ctx
        tasks = []
        for folder in folders:
            where = str(folder)
            tasks.append(Task(folder.name,
                              (cache.file_signature(os.path.join(where, FACTS_NAME)),
                               cache.file_signature(os.path.join(where, ARTICLE_NAME))),
                              index.briefs.get(folder.name),
                              records.get("brief/" + folder.name, {})))
        outcomes = _run(tasks, progress)
        plan = _finish(ctx, txn, index, outcomes, diagnostics, strict, drafts, extra,
                       read_static, records, out_key, listings, search_index)
    except BaseException:
        txn.abort()
        raise
    finally:
        workers.CONTEXT = None
    return plan


def _discover(content: Path, root: Path, index: Index, diagnostics: Diagnostics
              ) -> tuple[list[Path], dict[str, tuple]]:
    """``load.discover``, without listing brief folders that did not change.

    Adding, removing or renaming a file in a folder changes the folder's
    mtime and ctime, so an unchanged folder ``stat`` means unchanged contents,
    provided it has no sub-folders (``st_nlink == 2``; file systems that do not
    count sub-folders this way are always listed) and was not listed within
    the timestamp granularity of its last change.
    """
    listings: dict[str, tuple] = {}
    now = time.time_ns()

    def prune(path: str) -> bool:
        name = os.path.basename(path)
        try:
            st = os.stat(path)
        except OSError:
            return False
        signature = (st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_nlink)
        known = index.folders.get(name)
        if (known is not None and known[0] == signature and st.st_nlink == 2
                and signature[0] < known[1] - workers.RACY_NS):
            listings[name] = known
            return True
        listings[name] = (signature, now, [])
        return False

    folders, problems = discover(content, root, prune)
    prefix = display_path(content / BRIEFS_DIR, root) + "/"
    for problem in problems:
        if problem.path.startswith(prefix):
            name = problem.path[len(prefix):].split("/", 1)[0]
            if name in listings and listings[name][1] == now:
                listings[name][2].append(astuple(problem))
    diagnostics.extend(problems)
    for name, (_, listed, strays) in listings.items():
        if listed != now:
            diagnostics.extend(workers.unpack(strays))
    kept = {f.name for f in folders}
    return folders, {name: (sig, listed, tuple(strays))
                     for name, (sig, listed, strays) in listings.items() if name in kept}


def _run(tasks: list[Task], progress: bool) -> list[Outcome]:
    """Each brief's outcome, sorted by slug whatever order workers finish in."""
    done: list[Outcome] = []
    todo: list[Task] = []
    for task in tasks:
        reused = workers.try_reuse(task)
        if reused is None:
            todo.append(task)
        else:
            done.append(reused)
    bar = Progress(len(todo), "Rendering briefs", enabled=progress)
    try:
        for batch in _execute(todo):
            done.extend(batch)
            bar.advance(len(batch))
    finally:
        bar.close()
    done.sort(key=lambda o: o.slug)
    return done


def _execute(todo: list[Task]) -> Iterator[list[Outcome]]:
    """Run tasks in a forked pool, or here when that would not pay or be safe.

    Workers inherit the build context by ``fork``.  Forking a process that
    runs other threads (the preview server's watcher) can deadlock the child
    on a lock one of them held, so such processes render in-process.
    """
    cpus = os.cpu_count() or 1
    if (len(todo) < PARALLEL_THRESHOLD or cpus < 2 or threading.active_count() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        for task in todo:
            yield [workers.process(task)]
        return
    size = max(4, min(64, len(todo) // (cpus * 8)))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    pool = multiprocessing.get_context("fork").Pool(cpus)
    try:
        yield from pool.imap_unordered(workers.process_chunk, chunks)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _finish(ctx: Context, txn: Transaction, index: Index, outcomes: list[Outcome],
            diagnostics: Diagnostics, strict: bool, drafts: bool, extra: list[PageBuilder],
            read_static: Callable[[], dict[str, bytes]],
            records: dict[str, dict[str, Output]], out_key: str,
            listings: dict[str, tuple],
            search_index: Callable[[Mapping[str, bytes]], dict[str, bytes]] | None) -> Plan:
    from briefly.pipeline import assemble_site  # the one place that orders briefs

    entries: dict[str, Entry] = {}
    for outcome in outcomes:
        diagnostics.extend(workers.unpack(outcome.problems))
        if outcome.entry is not None:
            entries[outcome.slug] = outcome.entry
    loader = _Loader(ctx, entries)
    briefs = [LazyBrief(entries[slug].summary, loader.get) for slug in entries]
    validate_site(briefs, diagnostics, [_AliasPositions(e.summary)  # type: ignore[arg-type]
                                        for e in entries.values() if e.summary.aliases])
    if diagnostics.has_errors(strict):
        txn.abort()
        return Plan(None, [], 0, 0)
    site = assemble_site(ctx.config, briefs, drafts)  # type: ignore[arg-type]
    views = LazyViews({b.slug: LazyView(entries[b.slug].summary, b, loader.get)
                       for b in site.briefs})
    owners: dict[str, Outcome] = {}
    rendered = 0
    for outcome in outcomes:
        if outcome.outputs:
            owners["brief/" + outcome.slug] = outcome
            rendered += outcome.rendered
    shown = {slug: entry.summary.shown for slug, entry in entries.items()}
    rendered += render_site_pages(ctx, site, views, extra, records, owners, read_static,
                                  shown, lambda: loader.calls)
    if search_index is not None:
        index_search(ctx, owners, records, search_index)
    final: dict[str, Output] = {}
    staged: set[str] = set()
    for outcome in owners.values():
        final.update(outcome.outputs)
        staged.update(outcome.staged)
    if ctx.cold:
        before = _list_output(ctx.out_dir)
    else:
        before = {name for files in records.values() for name in files}
    txn.commit(staged, before - final.keys())
    new_records: dict[str, dict[str, Output]] = {
        owner: {name: _stat(ctx.out_dir, name, record) if name in staged else record
                for name, record in outcome.outputs.items()}
        for owner, outcome in owners.items()}
    dirty = {s for s in entries.keys() | index.briefs.keys()
             if entries.get(s) is not index.briefs.get(s)}
    dirty |= {s for s in listings.keys() | index.folders.keys()
              if listings.get(s) != index.folders.get(s)}
    dirty |= {o[len(BRIEF_OWNER):] for o in new_records.keys() | records.keys()
              if o.startswith(BRIEF_OWNER) and new_records.get(o) != records.get(o)}
    shared_changed = any(new_records.get(o) != records.get(o)
                         for o in new_records.keys() | records.keys()
                         if not o.startswith(BRIEF_OWNER))
    if dirty or shared_changed:
        index.briefs = entries
        index.folders = listings
        index.outputs[out_key] = new_records
        save_index(ctx.cache_dir, index, dirty)
        cache.remove_stale(ctx.cache_dir / "briefs", entries)
    # Static files are copied and the search index is Pagefind's: neither is a
    # page this build rendered or reused.
    pages = len(final) - sum(len(owners[o].outputs) for o in ("static", "search") if o in owners)
    return Plan(site, sorted(final), rendered, pages - rendered, len(staged),
                len(before - final.keys()))


def _stat(out_dir: Path, name: str, record: Output) -> Output:
    st = os.stat(out_dir / name)
    return record._replace(mtime_ns=st.st_mtime_ns, size=st.st_size, ino=st.st_ino)


def _list_output(out_dir: Path) -> set[str]:
    names: set[str] = set()
    for dirpath, _, filenames in os.walk(out_dir):
        here = Path(dirpath).relative_to(out_dir).as_posix()
        prefix = "" if here == "." else here + "/"
        names.update(prefix + n for n in filenames)
    names.discard(MARKER)
    return names


class _AliasPositions:
    """The part of a loaded brief ``validate_site`` reads: where its aliases are."""

    def __init__(self, summary: BriefSummary) -> None:
        self.facts_path = summary.facts_path
        self.positions = {("aliases", i): Position(line, column)
                          for i, (line, column) in enumerate(summary.alias_positions)
                          if line}


class _Loader:
    """Full briefs and views for proxies that need more than a summary."""

    def __init__(self, ctx: Context, entries: dict[str, Entry]) -> None:
        self.ctx = ctx
        self.entries = entries
        self.loaded: dict[str, tuple] = {}
        self.calls = 0  # site pages that read past a summary are keyed by digests

    def get(self, slug: str) -> tuple:
        self.calls += 1
        if slug not in self.loaded:
            full = workers.load_full(self.ctx, slug, self.entries[slug].summary.digest)
            if full is None:
                full = workers.read_brief(self.ctx, slug, Diagnostics())
            if full is None:
                raise BriefError(f"content/briefs/{slug}", 0, 0,
                                 "this brief changed while the site was being built",
                                 hint="build again")
            self.loaded[slug] = full
        return self.loaded[slug]
