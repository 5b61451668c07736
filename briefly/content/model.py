"""The typed, frozen content model: what the editor wrote, and nothing else.

No I/O, Markdown or Jinja lives here.  Derived things (URLs, rendered HTML,
citation numbers) are computed later in ``views``; keeping them out of the
model means a brief can be compared, hashed and cached as plain data.

The attributes between ``fields:start`` and ``fields:end`` are written from the
fact sheet's spec (``fact_sheet.FACTS``) by ``python build.py docs``, so a field
is declared once, there; ``docs --check`` fails while they disagree.  The rest
is by hand: what comes from brief.md and the files, and the methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from typing import Any, Mapping


@dataclass(frozen=True)
class Source:
    # fields:start (written from fact_sheet.py by `python build.py docs`)
    id: str
    title: str
    publisher: str
    date: date
    url: str | None
    party: bool
    # fields:end


@dataclass(frozen=True)
class Cell:
    """One value of a table; ``value`` is exactly as written, "" when not given."""

    # fields:start (written from fact_sheet.py by `python build.py docs`)
    value: str
    note: str | None
    status: str | None
    cites: tuple[str, ...]
    as_of: date | None
    time_sensitive: bool | None
    review_by: date | None
    fact: str | None
    # fields:end

    @property
    def stated(self) -> bool:
        return bool(self.value.strip()) and self.value.strip().lower() != "not stated"


@dataclass(frozen=True)
class Column:
    # fields:start (written from fact_sheet.py by `python build.py docs`)
    label: str
    baseline: bool
    cites: tuple[str, ...]
    as_of: date | None
    # fields:end


@dataclass(frozen=True)
class Row:
    # fields:start (written from fact_sheet.py by `python build.py docs`)
    label: str
    cites: tuple[str, ...]
    as_of: date | None
    time_sensitive: bool | None
    cells: tuple[Cell, ...]
    # fields:end


@dataclass(frozen=True)
class Table:
    # fields:start (written from fact_sheet.py by `python build.py docs`)
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    # fields:end


@dataclass(frozen=True)
class Quote:
    # fields:start (written from fact_sheet.py by `python build.py docs`)
    text: str
    speaker: str
    role: str | None
    organisation: str | None
    source: str
    context: str | None  # Markdown
    # fields:end


@dataclass(frozen=True)
class FaqItem:
    # fields:start (written from fact_sheet.py by `python build.py docs`)
    question: str
    answer: str  # Markdown
    # fields:end


@dataclass(frozen=True)
class Update:
    # fields:start (written from fact_sheet.py by `python build.py docs`)
    date: date
    kind: str
    text: str  # Markdown
    # fields:end


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
    slug: str  # the folder's name
    # fields:start (written from fact_sheet.py by `python build.py docs`)
    kicker: str
    topics: tuple[Topic, ...]
    headline: str
    dek: str
    answer: str  # Markdown
    published: date
    updated: date
    draft: bool
    review_by: date | None
    aliases: tuple[str, ...]
    updates: tuple[Update, ...]
    tables: tuple[Table, ...]
    quote: Quote | None
    watch: tuple[str, ...]  # Markdown
    faq: tuple[FaqItem, ...]
    sources: tuple[Source, ...]
    # fields:end
    what_happened: Prose  # the sections of brief.md
    numbers: Prose
    facts_path: str
    article_path: str
    digest: str  # of both files' text and the shared items used: what caches are keyed by
    # What the brief takes from content/sources.yaml and content/facts/ (see
    # content/library.py): the registry ids it cites, every shared item it
    # depends on ("source:<id>", "fact:<entity>.<key>"), and a hash of those.
    shared_sources: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    shared_digest: str = ""

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


# -- the newsroom's shared content (see content/library.py) ----------------

ANY_SOURCE = "*"
"""In ``Library.broken``: the registry could not be read, so any id may be in it."""


@dataclass(frozen=True)
class SharedFact:
    """One fact of a sheet: the checked mapping a table cell would have."""

    entity: str
    key: str
    data: Mapping[str, Any]  # value, note, status, cite, as_of, time_sensitive, review_by
    line: int = 0
    column: int = 0

    @property
    def ref(self) -> str:
        return f"{self.entity}.{self.key}"


@dataclass(frozen=True)
class FactSheet:
    """Facts about one thing, from ``content/facts/<entity>.yaml``."""

    entity: str
    name: str
    path: str  # as messages show it
    facts: Mapping[str, SharedFact]  # in the file's order


@dataclass(frozen=True)
class Library:
    """Everything shared, checked; items with errors are left out but remembered.

    ``broken`` holds the ids, entity names and fact refs whose definitions
    failed their checks: a brief naming one is not told it is unknown, since
    the file that defines it already has an error to fix.
    """

    registry_path: str = "content/sources.yaml"
    sources: Mapping[str, Source] = field(default_factory=dict)  # in the file's order
    source_data: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    source_places: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    sheets: Mapping[str, FactSheet] = field(default_factory=dict)
    broken: frozenset[str] = frozenset()

    def knows_source(self, ident: str) -> bool:
        """True for a registry id, and for one whose definition has an error of its own."""
        return ident in self.sources or ident in self.broken or ANY_SOURCE in self.broken

    def fact(self, ref: str) -> SharedFact | None:
        entity, _, key = ref.partition(".")
        sheet = self.sheets.get(entity)
        return sheet.facts.get(key) if sheet is not None else None


@dataclass(frozen=True)
class SiteConfig:
    title: str
    tagline: str
    base_url: str  # absolute, ends with "/"; used for canonical URLs and feeds
    language: str
    publisher: str
    publisher_url: str | None
    stale_after_days: int = 180  # age at which `stale` lists a time-sensitive as_of date


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    briefs: tuple[Brief, ...]  # newest first
    topics: tuple[Topic, ...]  # by name
    library: Library = field(default_factory=Library)  # what briefs share

    @cached_property
    def _members(self) -> dict[str, tuple[Brief, ...]]:
        # One pass over the briefs for all topics: feeds, sitemap and index
        # pages ask for every topic, and O(topics x briefs) shows on a large archive.
        # Keyed by slug, a topic's one identity: "Grid storage" and "grid-storage"
        # share one page, so every brief naming either must be listed on it.
        members: dict[str, list[Brief]] = {t.slug: [] for t in self.topics}
        for brief in self.briefs:
            for topic in brief.topics:
                members.setdefault(topic.slug, []).append(brief)
        return {slug: tuple(b) for slug, b in members.items()}

    def briefs_in(self, topic: Topic) -> tuple[Brief, ...]:
        return self._members.get(topic.slug, ())
