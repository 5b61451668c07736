"""The typed, frozen content model: what the editor wrote, and nothing else.

No I/O, Markdown or Jinja lives here.  Derived things (URLs, rendered HTML,
citation numbers) are computed later in ``views``; keeping them out of the
model means a brief can be compared, hashed and cached as plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from datetime import date


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: date
    url: str | None
    party: bool


@dataclass(frozen=True)
class Cell:
    value: str  # exactly as written; "" means the brief does not give it
    note: str | None
    status: str | None
    cites: tuple[str, ...]

    @property
    def stated(self) -> bool:
        return bool(self.value.strip()) and self.value.strip().lower() != "not stated"


@dataclass(frozen=True)
class Column:
    label: str
    baseline: bool
    cites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    cites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str
    role: str | None
    organisation: str | None
    source: str
    context: str | None


@dataclass(frozen=True)
class FaqItem:
    question: str
    answer: str  # Markdown


@dataclass(frozen=True)
class Update:
    date: date
    text: str  # Markdown


@dataclass(frozen=True)
class Prose:
    """A Markdown section of the article, with the heading the editor gave."""

    title: str
    markdown: str


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str


@dataclass(frozen=True)
class Brief:
    slug: str
    kicker: str
    topics: tuple[Topic, ...]
    headline: str
    dek: str
    answer: str  # Markdown
    published: date
    updated: date
    draft: bool
    aliases: tuple[str, ...]
    updates: tuple[Update, ...]
    what_happened: Prose
    numbers: Prose
    tables: tuple[Table, ...]
    quote: Quote | None
    watch: tuple[str, ...]
    faq: tuple[FaqItem, ...]
    sources: tuple[Source, ...]
    facts_path: str
    article_path: str
    digest: str

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


@dataclass(frozen=True)
class SiteConfig:
    title: str
    tagline: str
    base_url: str  # absolute, ends with "/"; used for canonical URLs and feeds
    language: str
    publisher: str
    publisher_url: str | None


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    briefs: tuple[Brief, ...]  # newest first
    topics: tuple[Topic, ...]  # by name

    @cached_property
    def _members(self) -> dict[Topic, tuple[Brief, ...]]:
        # One pass over the briefs for all topics: feeds, sitemap and index
        # pages ask for every topic, and O(topics x briefs) shows at 10,000.
        members: dict[Topic, list[Brief]] = {t: [] for t in self.topics}
        for brief in self.briefs:
            for topic in brief.topics:
                members.setdefault(topic, []).append(brief)
        return {t: tuple(b) for t, b in members.items()}

    def briefs_in(self, topic: Topic) -> tuple[Brief, ...]:
        return self._members.get(topic, ())
