"""Pages that depend on many briefs, re-rendered only when what they show changed.

An index page depends on every brief it lists, a site-wide builder (feeds,
sitemap, search page) on every shown brief, the search index on every
published HTML page.  Each output has two possible keys.  Its *shown* key
hashes only what the briefs' summaries hold; it is recorded when rendering
never reached past a summary (the count of full-brief loads did not move),
and it lets an edit to a brief's body or table skip the home page, feeds
and sitemap.  Otherwise the output records its *digest* key, which changes
with any edit at all.
"""

from __future__ import annotations

from typing import Callable, Mapping, NamedTuple, Sequence

from briefly.cache.full_briefs import SiteViews
from briefly.cache.ledger import Owned
from briefly.cache.pool import map_in_order
from briefly.cache.records import Output, all_current, intact
from briefly.cache.store import digest
from briefly.content.model import Brief, Site
from briefly.context import BuildContext
from briefly.render.pages import PageBuilder, index_pages

LISTING_PARALLEL_BRIEFS = 2000
"""Listing pages this long (home, archive) are worth rendering on every core."""

Records = Mapping[str, Output]


class SiteKeys(NamedTuple):
    """The two keys a site-wide output may have been recorded under."""

    digests: str  # changes with any edit to a brief it depends on
    shown: str  # changes only with what those briefs' summaries hold

    def pick(self, loaded: bool) -> str:
        """The key to record: ``shown`` only if rendering read nothing beyond summaries."""
        return self.digests if loaded else self.shown

    @classmethod
    def of(cls, render_key: str, scope: str, briefs: Sequence[Brief],
           shown: Mapping[str, str]) -> "SiteKeys":
        return cls(digest(scope, render_key, *[f"{b.slug}:{b.digest}" for b in briefs]),
                   digest(scope + "-shown", render_key,
                          *[f"{b.slug}:{shown[b.slug]}" for b in briefs]))


def render_listings(ctx: BuildContext, site: Site, views: SiteViews, everything: SiteKeys,
                    previous: Records) -> tuple[Owned, int]:
    """Home, archive, topic pages and the 404 page; and how many were rendered.

    ``everything`` is the site's keys, for pages that list every brief.
    """
    owned = Owned()
    shown, loads = views.shown, views.loads
    topics = {t.slug: t for t in site.topics}
    todo: list[tuple[str, SiteKeys, Output | None, Callable[[], bytes]]] = []
    for name, topic, make in index_pages(ctx.renderer, site, views):
        keys = everything if topic is None else SiteKeys.of(
            ctx.render_key, "topic:" + topic, site.briefs_in(topics[topic]), shown)
        record = previous.get(name)
        if record is not None and record.key in keys and intact(ctx.outputs.out_dir, name,
                                                                 record):
            owned.outputs[name] = record
        else:
            todo.append((name, keys, record, make))
    makers = [make for *_, make in todo]
    if len(site.briefs) >= LISTING_PARALLEL_BRIEFS:
        # Each worker inherits the pages' data by fork; only bytes come back.
        rendered = map_in_order(_render_counting, (makers, loads), range(len(makers)))
    else:
        rendered = [_render_counting((makers, loads), i) for i in range(len(makers))]
    for (name, keys, record, _), (data, loaded) in zip(todo, rendered):
        ctx.outputs.put(owned, name, data, keys.pick(loaded), record)
    return owned, len(todo)


def _render_counting(job: tuple[list[Callable[[], bytes]], Callable[[], int]],
                     index: int) -> tuple[bytes, bool]:
    """A page's bytes, and whether rendering it loaded any full brief."""
    makers, loads = job
    before = loads()
    data = makers[index]()
    return data, loads() != before


def run_site_builder(ctx: BuildContext, builder: PageBuilder, site: Site, views: SiteViews,
                     keys: SiteKeys, previous: Records) -> tuple[Owned, int]:
    """One site-wide builder's outputs (feeds, sitemap...), unless all are current."""
    loads = views.loads
    if all_current(ctx.outputs.out_dir, previous, keys):
        return Owned(dict(previous)), 0
    owned = Owned()
    before = loads()
    pages = builder(ctx.renderer, site, views)
    key = keys.pick(loads() != before)
    for name in sorted(pages):
        ctx.outputs.put(owned, name, pages[name], key, previous.get(name))
    return owned, len(pages)


def copy_static(ctx: BuildContext, files: Mapping[str, bytes], previous: Records) -> Owned:
    owned = Owned()
    for name, data in files.items():
        ctx.outputs.put(owned, name, data, "static", previous.get(name))
    return owned


def index_search(ctx: BuildContext, owners: Mapping[str, Owned], previous: Records,
                 search_index: Callable[[Mapping[str, bytes]], dict[str, bytes]]) -> Owned:
    """Re-run the search indexer only when some published page changed.

    Pagefind has no incremental mode, so its inputs are every HTML page about
    to be published; their content digests, already known, make the key, and
    the pages are read back (from the output folder or the staged files) only
    when the key changed.
    """
    html = {name: record.digest for owned in owners.values()
            for name, record in owned.outputs.items() if name.endswith(".html")}
    key = digest("search", *[f"{name}:{html[name]}" for name in sorted(html)])
    if all_current(ctx.outputs.out_dir, previous, (key,)):
        return Owned(dict(previous))
    owned = Owned()
    staged = {name for o in owners.values() for name in o.staged}
    files = search_index(ctx.outputs.pending(sorted(html), staged))
    for name in sorted(files):
        ctx.outputs.put(owned, name, files[name], key, previous.get(name))
    return owned
