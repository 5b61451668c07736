"""Full briefs for the proxies of listing pages that reach past a summary."""

from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping

from briefly.cache.brief_store import BriefStore
from briefly.cache.records import Entry
from briefly.content.model import Brief
from briefly.errors import BriefError
from briefly.views.brief_view import BriefView

Full = tuple[Brief, BriefView]


class FullBriefs:
    """Loads a brief's model and view on first use: from the store, else from its files.

    ``calls`` counts every request: a site page whose rendering moved it read
    more than summaries, so it is keyed by the briefs' digests.
    """

    def __init__(self, store: BriefStore, entries: Mapping[str, Entry],
                 read: Callable[[str], Full | None]) -> None:
        self.store = store
        self.entries = entries
        self.read = read
        self.loaded: dict[str, Full] = {}
        self.calls = 0

    def get(self, slug: str) -> Full:
        self.calls += 1
        if slug not in self.loaded:
            full = self.store.load(slug, self.entries[slug].summary.digest) or self.read(slug)
            if full is None:
                raise BriefError(f"content/briefs/{slug}", 0, 0,
                                 "this brief changed while the site was being built",
                                 hint="build again")
            self.loaded[slug] = full
        return self.loaded[slug]

    def count(self) -> int:
        return self.calls


class SiteViews(Mapping[str, Any]):
    """``views[slug]`` for site pages: summaries first, full views on demand.

    Also what the cache keys site pages by: each brief's ``shown`` hash (what
    its summary holds) and the count of full loads so far.
    """

    def __init__(self, views: Mapping[str, Any], shown: Mapping[str, str],
                 loads: Callable[[], int]) -> None:
        self._views = views
        self.shown = shown
        self.loads = loads

    def __getitem__(self, slug: str) -> Any:
        return self._views[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self._views)

    def __len__(self) -> int:
        return len(self._views)
