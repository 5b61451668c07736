"""Related briefs: which other briefs a reader of one brief should see next.

A newsroom's briefs on one story cite the same sources and share topics, so
"related" is read from those two things alone: briefs sharing more sources
come first (they are about the same events), then those sharing more
topics, then the newest, then by slug, so the order never depends on the
disk.  Summaries hold everything needed, so the list is worked out for every
brief without reading any brief again.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import defaultdict
from datetime import date
from typing import Any, Iterable, Mapping, NamedTuple, Sequence

from briefly.content.check_site import source_keys

RELATED_LIMIT = 4
"""Related briefs shown under a brief: a short list a reader takes in at a glance."""


class RelatedBrief(NamedTuple):
    """What a brief's page shows of a related brief."""

    slug: str
    headline: str
    kicker: str
    published: date


def _keys(brief: Any) -> tuple[set[str], set[str]]:
    """The brief's topics, and its sources (by registry id or by identity)."""
    topics = {"topic " + t.slug for t in brief.topics}
    sources = {"shared " + i for i in brief.shared_sources}
    own = brief.sources[:len(brief.sources) - len(brief.shared_sources)]
    sources |= {key for source in own for key in source_keys(source)}
    return topics, sources


def related_briefs(briefs: Sequence[Any]) -> dict[str, tuple[RelatedBrief, ...]]:
    """For each brief (a Brief or its summary), the briefs related to it, best first."""
    keys = {b.slug: _keys(b) for b in briefs}
    holders: dict[str, list[str]] = defaultdict(list)
    for slug, (topics, sources) in keys.items():
        for key in topics | sources:
            holders[key].append(slug)
    by_slug = {b.slug: b for b in briefs}
    newness = {b.slug: b.published.toordinal() for b in briefs}
    related: dict[str, tuple[RelatedBrief, ...]] = {}
    for brief in briefs:
        topics, sources = keys[brief.slug]
        score: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for which, found in ((0, sources), (1, topics)):
            for key in found:
                for other in holders[key]:
                    if other != brief.slug:
                        score[other][which] += 1
        # A source shared under two keys (its url, its title) counts once per key;
        # the order only needs "more shared first".
        ranked = heapq.nsmallest(RELATED_LIMIT, score, key=lambda s: (
            -score[s][0], -score[s][1], -newness[s], s))
        related[brief.slug] = tuple(
            RelatedBrief(s, by_slug[s].headline, by_slug[s].kicker, by_slug[s].published)
            for s in ranked[:RELATED_LIMIT])
    return related


def related_digest(related: Iterable[RelatedBrief]) -> str:
    """What a brief's page shows of its related briefs, as a cache key part."""
    items = list(related)
    if not items:
        return ""
    return hashlib.blake2b(repr(items).encode(), digest_size=16).hexdigest()


def related_keys(related: Mapping[str, Iterable[RelatedBrief]]) -> dict[str, str]:
    return {slug: related_digest(items) for slug, items in related.items()}
