"""Pages that depend on many briefs: index pages, extra builders, static files, search.

Split from ``incremental`` (which decides what each brief needs) because
these follow different rules: an index page depends on every brief it lists,
an extra builder on every shown brief, the search index on every published
HTML page.  Each is re-rendered only when its key changed or its published
file was touched, and written only when its bytes changed.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Callable, Iterator, Mapping, NamedTuple

from briefly.cache import store as cache

from briefly.cache import brief_work as workers
from briefly.publish.commit import staged_name
from briefly.content.model import Site
from briefly.render.pages import PageBuilder, index_pages
from briefly.cache.brief_work import Context, Outcome, Output


def builder_name(builder: Callable) -> str:
    return f"{getattr(builder, '__module__', '')}.{getattr(builder, '__qualname__', builder)}"


class _Keys(NamedTuple):
    """The two keys a site-wide output may have been recorded under."""

    digests: str  # changes with any edit to a brief it depends on
    shown: str  # changes only with what those briefs' summaries hold

    def pick(self, loaded: bool) -> str:
        """The key to record: ``shown`` only if rendering read nothing beyond summaries."""
        return self.digests if loaded else self.shown


def render_site_pages(ctx: Context, site: Site, views: Mapping, extra: list[PageBuilder],
                      records: dict[str, dict[str, Output]], owners: dict[str, Outcome],
                      read_static: Callable[[], dict[str, bytes]],
                      shown: Mapping[str, str], loads: Callable[[], int]) -> int:
    """Index pages, extra outputs and static files: re-rendered when their key changed.

    Each output has two possible keys.  Its *shown* key hashes only what the
    briefs' summaries hold (``shown``, slug -> ``BriefSummary.shown``); it is
    recorded when rendering never reached past a summary (``loads()``, the
    count of full-brief loads, did not move), and it lets an edit to a brief's
    body or table skip the home page, feeds and sitemap.  Otherwise the
    output records its *digest* key, which changes with any edit at all.
    """
    rendered = 0
    site_keys = _Keys(cache.digest("site", ctx.render_key,
                                   *[f"{b.slug}:{b.digest}" for b in site.briefs]),
                      cache.digest("site-shown", ctx.render_key,
                                   *[f"{b.slug}:{shown[b.slug]}" for b in site.briefs]))
    listing = Outcome("index", None)
    previous = records.get("index", {})
    topics = {t.slug: t for t in site.topics}
    todo: list[tuple[str, _Keys, Output | None, Callable[[], bytes]]] = []
    for name, topic, make in index_pages(ctx.renderer, site, views):
        members = site.briefs_in(topics[topic]) if topic is not None else ()
        keys = site_keys if topic is None else _Keys(
            cache.digest("topic", ctx.render_key, topic,
                         *[f"{b.slug}:{b.digest}" for b in members]),
            cache.digest("topic-shown", ctx.render_key, topic,
                         *[f"{b.slug}:{shown[b.slug]}" for b in members]))
        record = previous.get(name)
        if record is not None and record.key in keys and workers.intact(ctx.out_dir, name,
                                                                         record):
            listing.outputs[name] = record
        else:
            todo.append((name, keys, record, make))
    rendered_pages = _render_all([t[3] for t in todo], len(site.briefs), loads)
    for (name, keys, record, _), (data, loaded) in zip(todo, rendered_pages):
        workers.stage_if_changed(ctx, name, data, keys.pick(loaded), record, listing)
        rendered += 1
    owners["index"] = listing
    for builder in extra:
        owner = "extra/" + builder_name(builder)
        previous = records.get(owner, {})
        outcome = Outcome(owner, None)
        if previous and all(r.key in site_keys and workers.intact(ctx.out_dir, n, r)
                            for n, r in previous.items()):
            outcome.outputs = dict(previous)
        else:
            before = loads()
            pages = builder(ctx.renderer, site, views)
            key = site_keys.pick(loads() != before)
            rendered += len(pages)
            for name in sorted(pages):
                workers.stage_if_changed(ctx, name, pages[name], key, previous.get(name),
                                         outcome)
        owners[owner] = outcome
    static = Outcome("static", None)
    previous = records.get("static", {})
    for name, data in read_static().items():
        workers.stage_if_changed(ctx, name, data, "static", previous.get(name), static)
    owners["static"] = static
    return rendered


def index_search(ctx: Context, owners: dict[str, Outcome],
                  records: dict[str, dict[str, Output]],
                  search_index: Callable[[Mapping[str, bytes]], dict[str, bytes]]) -> None:
    """Re-run the search indexer only when some published page changed.

    Pagefind has no incremental mode, so its inputs are every HTML page about
    to be published; their content digests, already known, make the key, and
    the pages are read back (from the output folder or the staged files) only
    when the key changed.
    """
    html = {name: record.digest for outcome in owners.values()
            for name, record in outcome.outputs.items() if name.endswith(".html")}
    key = cache.digest("search", *[f"{name}:{html[name]}" for name in sorted(html)])
    previous = records.get("search", {})
    outcome = Outcome("search", None)
    if previous and all(r.key == key and workers.intact(ctx.out_dir, n, r)
                        for n, r in previous.items()):
        outcome.outputs = dict(previous)
    else:
        staged = {name for o in owners.values() for name in o.staged}
        files = search_index(_PendingPages(ctx, sorted(html), staged))
        for name in sorted(files):
            workers.stage_if_changed(ctx, name, files[name], key, previous.get(name), outcome)
    owners["search"] = outcome


class _PendingPages(Mapping[str, bytes]):
    """The pages this build will publish, read from disk on demand."""

    def __init__(self, ctx: Context, names: list[str], staged: set[str]) -> None:
        self.ctx, self.names, self.staged = ctx, names, staged

    def __getitem__(self, name: str) -> bytes:
        if name in self.staged:
            return staged_name(self.ctx.staging, name).read_bytes()
        return (self.ctx.out_dir / name).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


_LISTING: list[Callable[[], bytes]] = []
_LOADS: list[Callable[[], int]] = []
LISTING_PARALLEL_BRIEFS = 2000  # listing pages this long are worth a second core


def _render_listing(index: int) -> tuple[bytes, bool]:
    return _render_counting(_LISTING[index], _LOADS[0])


def _render_counting(make: Callable[[], bytes], loads: Callable[[], int]) -> tuple[bytes, bool]:
    """A page's bytes, and whether rendering it loaded any full brief."""
    before = loads()
    data = make()
    return data, loads() != before


def _render_all(makers: list[Callable[[], bytes]], briefs: int,
                loads: Callable[[], int]) -> list[tuple[bytes, bool]]:
    """Render index pages; long ones (home, archive at 10,000 briefs) on every core.

    Each page lists every brief, so at scale a one-brief edit that changes a
    summary spends most of its time here; forked workers inherit the pages'
    data, nothing is pickled but the bytes (and a load flag) coming back.
    """
    cpus = os.cpu_count() or 1
    if (briefs < LISTING_PARALLEL_BRIEFS or len(makers) < 2 or cpus < 2
            or threading.active_count() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [_render_counting(make, loads) for make in makers]
    _LISTING[:] = makers
    _LOADS[:] = [loads]
    pool = multiprocessing.get_context("fork").Pool(min(cpus, len(makers)))
    try:
        pages = pool.map(_render_listing, range(len(makers)), chunksize=1)
        pool.close()
        return pages
    finally:
        pool.terminate()
        pool.join()
        _LISTING.clear()
        _LOADS.clear()
