"""The work done for one brief, in whichever process runs it.

A task reads a brief only if its files changed, renders its page only if its
inputs or the templates changed (reusing the cached Markdown when only the
templates did), and stages only pages whose bytes changed.  It needs the
build's settings: they sit in a module global set before the worker pool
forks, so tasks carry only a slug and what the cache knew about it.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Callable, NamedTuple

from briefly.cache import store as cache
from briefly.publish.commit import stage_file
from briefly.errors import BriefError, Diagnostics
from briefly.content.read import ARTICLE_NAME, BRIEFS_DIR, FACTS_NAME, brief_digest, load_brief, read_text
from briefly.views.markdown import RENDERER_VERSION, MarkdownRenderer
from briefly.content.model import Brief, SiteConfig
from briefly.render import pages as render
from briefly.render.pages import Pages, Renderer
from briefly.views.summaries import BriefSummary
from briefly.content.check_brief import validate_brief
from briefly.views.brief_view import BriefView, build_brief_view

RACY_NS = 1_000_000_000  # a file changed this close to when we read it is re-read

# Outputs that depend on one brief only: ``(renderer, config, view) -> {path: bytes}``.
BriefBuilder = Callable[[Renderer, SiteConfig, BriefView], Pages]


def template_free(builder: BriefBuilder) -> BriefBuilder:
    """Mark a brief builder whose output never depends on the templates.

    Its outputs are keyed without the templates, so a template edit (which
    re-renders every page) leaves them alone instead of redoing them all.
    """
    setattr(builder, "template_free", True)
    return builder


def is_template_free(builder: BriefBuilder) -> bool:
    return getattr(builder, "template_free", False)


# Named tuples, not dataclasses: the index holds tens of thousands of these,
# and tuples unpickle several times faster.
class Output(NamedTuple):
    """A published file as the cache remembers it."""

    key: str  # what it was rendered from (a hash, or render key and digest)
    digest: str  # hash of its bytes
    mtime_ns: int = 0
    size: int = 0
    ino: int = 0


class Entry(NamedTuple):
    """What the cache index keeps per valid brief."""

    signatures: tuple[cache.Signature, cache.Signature]
    checked_ns: int
    summary: BriefSummary
    problems: tuple[tuple, ...]  # BriefError fields (warnings)


@dataclass
class Context:
    root: Path
    content: Path
    cache_dir: Path
    out_dir: Path
    staging: Path  # where changed files wait for the commit
    renderer: Renderer
    config: SiteConfig
    drafts: bool
    render_key: str
    data_key: str  # like render_key without the templates: for template-free builders
    code: str
    cold: bool  # no record of the output folder: compare bytes with what is there
    builders: list[BriefBuilder]


@dataclass
class Task:
    slug: str
    signatures: tuple[cache.Signature, cache.Signature]
    entry: Entry | None
    previous: dict[str, Output]


@dataclass
class Outcome:
    slug: str
    entry: Entry | None
    problems: list[tuple] = field(default_factory=list)
    outputs: dict[str, Output] = field(default_factory=dict)
    staged: list[str] = field(default_factory=list)
    rendered: int = 0


CONTEXT: Context | None = None
_MARKDOWN: MarkdownRenderer | None = None


def pack(problems: list[BriefError]) -> list[tuple]:
    return [astuple(p) for p in problems]


def unpack(problems: list[tuple] | tuple[tuple, ...]) -> list[BriefError]:
    return [BriefError(*p) for p in problems]


def view_key(digest: str, code: str) -> str:
    return cache.digest("view", digest, RENDERER_VERSION, code)


def page_key(render_key: str, digest: str) -> str:
    return render_key + digest  # both fixed-length hashes: no need to hash again


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def intact(out_dir: Path, name: str, record: Output) -> bool:
    """True when the published file is still the one the cache recorded."""
    try:
        # str(Path) is cached and output names are relative POSIX paths:
        # cheaper than os.path.join on a Path, called once per output per build.
        st = os.stat(f"{out_dir}/{name}")
    except OSError:
        return False
    return (st.st_mtime_ns, st.st_size, st.st_ino) == (record.mtime_ns, record.size, record.ino)


def shard_path(ctx: Context, slug: str) -> Path:
    return ctx.cache_dir / "briefs" / slug


def load_full(ctx: Context, slug: str, digest: str | None) -> tuple[Brief, BriefView] | None:
    """The cached model and view of a brief, if they match its current digest."""
    if digest is None:
        return None
    stored = cache.load(shard_path(ctx, slug))
    if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == view_key(digest, ctx.code):
        return stored[1], stored[2]
    return None


def read_brief(ctx: Context, slug: str, diagnostics: Diagnostics,
               positions: dict | None = None) -> tuple[Brief, BriefView] | None:
    """Load, validate and render one brief's texts from its files; cache the result.

    ``positions``, if given, receives the fact sheet's value positions.
    """
    global _MARKDOWN
    try:
        raw = load_brief(ctx.content / BRIEFS_DIR / slug, ctx.root, ctx.content)
    except BriefError as problem:
        diagnostics.add(problem)
        return None
    if positions is not None:
        positions.update(raw.positions)
    brief = validate_brief(raw, diagnostics)
    if brief is None:
        return None
    _MARKDOWN = _MARKDOWN or MarkdownRenderer()
    view = build_brief_view(brief, _MARKDOWN)
    cache.dump(shard_path(ctx, slug), (view_key(brief.digest, ctx.code), brief, view))
    return brief, view


def process(task: Task) -> Outcome:
    ctx = CONTEXT
    assert ctx is not None, "the build context is set before tasks run"
    try:
        return _process(ctx, task)
    except BriefError as problem:
        return Outcome(task.slug, None, pack([problem]))


def process_chunk(tasks: list[Task]) -> list[Outcome]:
    return [process(task) for task in tasks]


def try_reuse(task: Task) -> Outcome | None:
    """The outcome of a brief with nothing to do, decided by ``stat`` alone."""
    assert CONTEXT is not None
    if task.entry is None or not _fresh(task, time.time_ns()):
        return None
    return _reuse(CONTEXT, task, task.entry)


def _reuse(ctx: Context, task: Task, entry: Entry) -> Outcome | None:
    if entry.summary.draft and not ctx.drafts:
        return Outcome(task.slug, entry, list(entry.problems))
    keys = (page_key(ctx.render_key, entry.summary.digest),
            page_key(ctx.data_key, entry.summary.digest))
    previous = task.previous
    if previous and all(r.key in keys and intact(ctx.out_dir, n, r) for n, r in previous.items()):
        return Outcome(task.slug, entry, list(entry.problems), dict(previous))
    return None


def _process(ctx: Context, task: Task) -> Outcome:
    entry = task.entry
    full: tuple[Brief, BriefView] | None = None
    checked = time.time_ns()
    if not _fresh(task, checked):
        diagnostics = Diagnostics()
        digest = None if None in task.signatures else _quick_digest(ctx, task.slug)
        if entry is not None and digest == entry.summary.digest:
            entry = Entry(task.signatures, checked, entry.summary, entry.problems)
        else:
            positions: dict = {}
            full = read_brief(ctx, task.slug, diagnostics, positions)
            if full is None:
                return Outcome(task.slug, None, pack(diagnostics.items))
            entry = Entry(task.signatures, checked, BriefSummary.of(full[1], positions),
                          tuple(pack(diagnostics.items)))
    assert entry is not None
    reused = _reuse(ctx, task, entry)
    if reused is not None:
        return reused
    outcome = Outcome(task.slug, entry, list(entry.problems))
    key = page_key(ctx.render_key, entry.summary.digest)
    data_key = page_key(ctx.data_key, entry.summary.digest)
    previous = task.previous
    # Outputs of template-free builders are recorded together, so any record
    # at today's data key means all of them are current (unless touched).
    kept = {n: r for n, r in previous.items() if r.key == data_key}
    keep = bool(kept) and all(intact(ctx.out_dir, n, r) for n, r in kept.items())
    if full is None:
        full = load_full(ctx, task.slug, entry.summary.digest)
    if full is None:
        diagnostics = Diagnostics()
        full = read_brief(ctx, task.slug, diagnostics)
        if full is None:  # the files changed under us: report what they say now
            return Outcome(task.slug, None, pack(diagnostics.items))
    pages = render.render_brief(ctx.renderer, ctx.config, full[1])
    data: Pages = {}
    for builder in ctx.builders:
        if not is_template_free(builder):
            pages.update(builder(ctx.renderer, ctx.config, full[1]))
        elif not keep:
            data.update(builder(ctx.renderer, ctx.config, full[1]))
    outcome.rendered = len(pages) + len(data)
    if keep:
        outcome.outputs.update(kept)
    for name in sorted(pages):
        stage_if_changed(ctx, name, pages[name], key, previous.get(name), outcome)
    for name in sorted(data):
        stage_if_changed(ctx, name, data[name], data_key, previous.get(name), outcome)
    return outcome


def stage_if_changed(ctx: Context, name: str, data: bytes, key: str,
                     record: Output | None, outcome: Outcome) -> None:
    """Stage a file unless the published one already has exactly these bytes."""
    digest = content_digest(data)
    if record is not None and record.digest == digest and intact(ctx.out_dir, name, record):
        outcome.outputs[name] = Output(key, digest, record.mtime_ns, record.size, record.ino)
        return
    if record is None and ctx.cold:
        target = ctx.out_dir / name
        try:
            st = os.stat(target)
            if st.st_size == len(data) and target.read_bytes() == data:
                outcome.outputs[name] = Output(key, digest, st.st_mtime_ns, st.st_size, st.st_ino)
                return
        except OSError:
            pass
    stage_file(ctx.staging, name, data)
    outcome.outputs[name] = Output(key, digest)
    outcome.staged.append(name)


def _fresh(task: Task, now_ns: int) -> bool:
    """Whether ``stat`` alone proves the brief's files are the cached ones."""
    entry = task.entry
    if entry is None or None in task.signatures or task.signatures != entry.signatures:
        return False
    # "Racily clean": written within the timestamp granularity of our read.
    return all(sig[0] < entry.checked_ns - RACY_NS for sig in task.signatures if sig)


def _quick_digest(ctx: Context, slug: str) -> str | None:
    """The brief's digest without parsing it, or None if it cannot be read."""
    folder = ctx.content / BRIEFS_DIR / slug
    try:
        return brief_digest(read_text(folder / FACTS_NAME, slug),
                            read_text(folder / ARTICLE_NAME, slug))
    except BriefError:
        return None
