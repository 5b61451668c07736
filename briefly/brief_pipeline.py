"""One brief through the stages: read → check → model → views → render.

``build_site`` runs ``build_briefs``: ``check_task`` for every brief whose
files or shared items may have changed, then ``render_task`` for every page
whose brief or related briefs changed, on every core when there are many.
Each stage looks in the cache for its result first: unchanged files (by
``stat``, then by digest) skip reading and checking; a stored view skips
Markdown; published files under today's keys skip rendering.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Callable

from briefly.cache.full_briefs import Full
from briefly.cache.ledger import Owned
from briefly.cache.pool import run_all
from briefly.cache.records import Entry, Output, all_current, pack, page_key, unchanged_since
from briefly.content.check_brief import check_brief
from briefly.content.library import combined_digest, digest_of
from briefly.content.related import related_briefs, related_digest
from briefly.content.read import (ARTICLE_NAME, BRIEFS_DIR, FACTS_NAME, brief_digest,
                                  display_path, load_brief, read_text)
from briefly.context import BuildContext, is_template_free
from briefly.errors import BriefError, Diagnostics
from briefly.os_failures import os_failure
from briefly.progress import Progress
from briefly.render.card_check import card_warnings
from briefly.render.pages import render_brief
from briefly.views.brief_view import build_brief_view
from briefly.views.summaries import BriefSummary


def build_briefs(ctx: BuildContext, tasks: list[BriefTask], progress: bool) -> list[BriefOutcome]:
    """Every brief's outcome, sorted by slug whatever order the workers finish in.

    Two rounds, each on every core when there are many: first every brief
    whose files or shared items changed is read and checked, since a brief's
    page lists its related briefs, which only all the summaries can tell;
    then the pages whose brief or related briefs changed are rendered.
    """
    outcomes = [BriefOutcome(t.slug, t.entry, list(t.entry.problems))
                for t in tasks if t.entry is not None and _current(ctx, t.entry, t.signatures)]
    fresh = {o.slug for o in outcomes}
    outcomes += _in_batches(check_brief_reporting, ctx, [t for t in tasks if t.slug not in fresh],
                            "Checking briefs", progress)
    ctx = dataclasses.replace(ctx, related=related_briefs(
        [o.entry.summary for o in outcomes
         if o.entry is not None and (ctx.drafts or not o.entry.summary.draft)]))
    tasks_by_slug = {t.slug: t for t in tasks}
    done, todo = [], []
    for outcome in outcomes:
        task = dataclasses.replace(tasks_by_slug[outcome.slug], entry=outcome.entry)
        kept = None if outcome.entry is None else _kept(ctx, task, outcome.entry)
        if outcome.entry is None or kept is not None:
            done.append(kept or outcome)
        else:
            todo.append(task)
    done += _in_batches(render_brief_reporting, ctx, todo, "Rendering briefs", progress)
    return sorted(done, key=lambda o: o.slug)


def _in_batches(step: Callable[[BuildContext, BriefTask], BriefOutcome], ctx: BuildContext,
                tasks: list[BriefTask], label: str, progress: bool) -> list[BriefOutcome]:
    done: list[BriefOutcome] = []
    bar = Progress(len(tasks), label, enabled=progress and bool(tasks))
    try:
        for batch in run_all(step, ctx, tasks):
            done.extend(batch)
            bar.advance(len(batch))
    finally:
        bar.close()
    return done


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


def _current(ctx: BuildContext, entry: Entry, signatures: tuple) -> bool:
    """Whether ``stat`` alone proves the entry is the brief's, shared items and all."""
    return unchanged_since(signatures, entry) and _shared_current(ctx, entry)


def _kept(ctx: BuildContext, task: BriefTask, entry: Entry) -> BriefOutcome | None:
    """The brief's published files, if all of them are current."""
    if entry.summary.draft and not ctx.drafts:
        return BriefOutcome(task.slug, entry, list(entry.problems))
    keys = (_page_key(ctx, task.slug, entry), page_key(ctx.data_key, entry.summary.digest))
    if all_current(ctx.outputs.out_dir, task.previous, keys):
        return BriefOutcome(task.slug, entry, list(entry.problems), Owned(dict(task.previous)))
    return None


def _page_key(ctx: BuildContext, slug: str, entry: Entry) -> str:
    """The page's key: the brief, and what it shows of its related briefs."""
    return (page_key(ctx.render_key, entry.summary.digest)
            + related_digest(ctx.related.get(slug, ())))


def check_brief_reporting(ctx: BuildContext, task: BriefTask) -> BriefOutcome:
    """``check_task``, with a problem that stops it as its outcome."""
    return _reporting(check_task, ctx, task)


def render_brief_reporting(ctx: BuildContext, task: BriefTask) -> BriefOutcome:
    """``render_task``, with a problem that stops it (a template error) as its outcome."""
    return _reporting(render_task, ctx, task)


def _reporting(step: Callable[[BuildContext, BriefTask], BriefOutcome], ctx: BuildContext,
               task: BriefTask) -> BriefOutcome:
    """Run one round's step for a brief; whatever stops it comes back as its outcome.

    In a worker process an exception would have to cross back to the parent,
    and a pool that loses a task waits for it forever; an outcome always
    comes back.
    """
    try:
        return step(ctx, task)
    except BriefError as problem:
        return BriefOutcome(task.slug, None, pack([problem]))
    except OSError as failure:  # a full disk in a worker comes back like any problem
        return BriefOutcome(task.slug, None, pack([
            os_failure(failure, ctx.project.root, output=ctx.outputs.out_dir)]))
    except RecursionError:
        # ``check`` refuses the nesting known to exhaust the stack; should some
        # other shape still do it, the build names the brief instead of crashing.
        folder = ctx.project.content / BRIEFS_DIR / task.slug
        return BriefOutcome(task.slug, None, pack([BriefError(
            display_path(folder / ARTICLE_NAME, ctx.project.root), 0, 0,
            "this brief nests too deeply to render", hint="flatten nested lists, quotes "
            "and emphasis; the limits are in CONTRIBUTING.md")]))


def check_task(ctx: BuildContext, task: BriefTask) -> BriefOutcome:
    """One brief through read → check → model → views, unless its digest shows it unchanged.

    Unchanged files (by ``stat``, then by digest) and shared items skip
    reading and checking; what is checked is stored for the render round.
    """
    entry = task.entry
    checked = time.time_ns()
    brief_files = None if None in task.signatures else _brief_digest(ctx, task.slug)
    if (entry is not None and brief_files is not None and _shared_current(ctx, entry)
            and combined_digest(brief_files, entry.summary.shared_digest)
            == entry.summary.digest):
        entry = entry._replace(signatures=task.signatures, checked_ns=checked)
        return BriefOutcome(task.slug, entry, list(entry.problems))
    problems, positions = Diagnostics(), {}
    full = read_and_check(ctx, task.slug, problems, positions)
    if full is None:
        return BriefOutcome(task.slug, None, pack(problems.items))
    entry = Entry(task.signatures, checked, BriefSummary.of(full[1], positions),
                  tuple(pack(problems.items)))
    return BriefOutcome(task.slug, entry, list(entry.problems))


def render_task(ctx: BuildContext, task: BriefTask) -> BriefOutcome:
    """A checked brief's page and outputs: a stored view skips Markdown; outputs
    of template-free builders survive a template edit."""
    entry = task.entry
    assert entry is not None
    outcome = BriefOutcome(task.slug, entry, list(entry.problems))
    full = ctx.briefs.load(task.slug, entry.summary.digest)
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

    ``positions``, if given, receives the fact sheet's value positions.  What
    the social card must leave out is reported here with the other checks, so
    the warning is kept with the brief and shown by every build and preview.
    """
    try:
        raw = load_brief(ctx.project.content / BRIEFS_DIR / slug, ctx.project.root,
                         ctx.project.content)
    except BriefError as problem:
        problems.add(problem)
        return None
    if positions is not None:
        positions.update(raw.positions)
    brief = check_brief(raw, problems, ctx.library)
    if brief is None:
        return None
    view = build_brief_view(brief, ctx.markdown())
    problems.extend(card_warnings(raw, brief, lambda: view.description))
    ctx.briefs.save(brief, view)
    return brief, view


def _render_brief(ctx: BuildContext, task: BriefTask, entry: Entry, full: Full,
                  outcome: BriefOutcome) -> None:
    """The brief's page and its own outputs, staged where their bytes changed."""
    key = _page_key(ctx, task.slug, entry)
    data_key = page_key(ctx.data_key, entry.summary.digest)
    # Outputs of template-free builders are recorded together, so any record
    # at today's data key means all of them are current (unless touched).
    kept = {n: r for n, r in task.previous.items() if r.key == data_key}
    keep = all_current(ctx.outputs.out_dir, kept, (data_key,))
    view = full[1]
    pages = render_brief(ctx.renderer, ctx.config, view, ctx.related.get(task.slug, ()))
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


def _shared_current(ctx: BuildContext, entry: Entry | None) -> bool:
    """Whether the shared items the brief used still hold what it was checked with."""
    return entry is not None and (digest_of(ctx.library, entry.summary.uses)
                                  == entry.summary.shared_digest)


def _brief_digest(ctx: BuildContext, slug: str) -> str | None:
    """The brief's digest without parsing it, or None if it cannot be read."""
    folder = ctx.project.content / BRIEFS_DIR / slug
    try:
        return brief_digest(read_text(folder / FACTS_NAME, slug),
                            read_text(folder / ARTICLE_NAME, slug))
    except BriefError:
        return None

