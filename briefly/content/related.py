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
from itertools import chain
from collections import Counter, defaultdict
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
    """For each brief (a Brief or its summary), the briefs related to it, best first.

    This runs on every build, no-op ones too, and in a newsroom most briefs
    share a topic with hundreds of others; so shared keys are counted by
    ``Counter`` over each key's holders, and the ranking (more shared sources,
    more shared topics, newer, slug) is folded into one integer per candidate,
    whose smallest few are the answer.
    """
    keys = {b.slug: _keys(b) for b in briefs}
    holders: dict[str, list[int]] = defaultdict(list)
    # A brief's place in the newest-first, then slug, order breaks every tie.
    order = sorted(briefs, key=lambda b: (-b.published.toordinal(), b.slug))
    place = {b.slug: i for i, b in enumerate(order)}
    for slug, (topics, sources) in keys.items():
        for key in topics | sources:
            holders[key].append(place[slug])
    count = len(order)
    related: dict[str, tuple[RelatedBrief, ...]] = {}
    for brief in briefs:
        topics, sources = keys[brief.slug]
        # A source shared under two keys (its url, its title) counts once per key;
        # the order only needs "more shared first".
        by_source = Counter(chain.from_iterable(holders[k] for k in sources))
        by_topic = Counter(chain.from_iterable(holders[k] for k in topics))
        most_s, most_t = len(sources), len(topics)
        me = place[brief.slug]
        ranks = [((most_s - by_source[p]) * (most_t + 1) + most_t - by_topic[p]) * count + p
                 for p in by_source.keys() | by_topic.keys() if p != me]
        picked = [order[rank % count] for rank in heapq.nsmallest(RELATED_LIMIT, ranks)]
        related[brief.slug] = tuple(
            RelatedBrief(b.slug, b.headline, b.kicker, b.published) for b in picked)
    return related


def related_digest(related: Iterable[RelatedBrief]) -> str:
    """What a brief's page shows of its related briefs, as a cache key part."""
    items = list(related)
    if not items:
        return ""
    return hashlib.blake2b(repr(items).encode(), digest_size=16).hexdigest()


def related_keys(related: Mapping[str, Iterable[RelatedBrief]]) -> dict[str, str]:
    return {slug: related_digest(items) for slug, items in related.items()}
