"""The site as one model: the briefs to publish, in a stable order, and their topics."""

from __future__ import annotations

from typing import Sequence

from briefly.content.model import Brief, Library, Site, SiteConfig, Topic


def assemble_site(config: SiteConfig, briefs: Sequence[Brief], drafts: bool,
                  library: Library | None = None) -> Site:
    """Newest first, ties by slug, so output never depends on the order of the disk."""
    shown = [b for b in briefs if drafts or not b.draft]
    shown.sort(key=lambda b: (b.published, b.updated, b.slug), reverse=True)
    topics: dict[str, Topic] = {}
    for brief in shown:
        for topic in brief.topics:
            topics.setdefault(topic.slug, topic)
    return Site(config, tuple(shown), tuple(sorted(topics.values(), key=lambda t: t.slug)),
                library or Library())
