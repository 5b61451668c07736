"""Rules across briefs: every address belongs to one brief, one topic is written
one way, and briefs do not quietly disagree.

These run on every build from the briefs' summaries (no brief is read again),
so each message points at a place kept with the summary (``brief_places``).
Addresses are errors; the rest are warnings whose hint is the fix the
shared content allows: one spelling of a topic, one source in
``content/sources.yaml``, one figure in a fact sheet of ``content/facts/``.
"""

from __future__ import annotations

import functools
from typing import Iterable, Mapping, Sequence

from briefly.content.brief_places import BriefPlaces, Measure
from briefly.content.model import Brief, Library, Source
from briefly.errors import Diagnostics

Places = Mapping[str, BriefPlaces]
"""Per fact sheet path, where the brief wrote its aliases, sources and cells."""


def check_across_briefs(briefs: Sequence[Brief], diagnostics: Diagnostics, places: Places,
                        library: Library | None = None) -> None:
    check_aliases(briefs, diagnostics, places)
    check_topic_spellings(briefs, diagnostics, places)
    check_duplicate_sources(briefs, diagnostics, places, library or Library())
    check_consistent_values(briefs, diagnostics, places)


def check_aliases(briefs: Sequence[Brief], diagnostics: Diagnostics, places: Places) -> None:
    owners: dict[str, Brief] = {}
    for brief in briefs:
        owners.setdefault(brief.slug, brief)
    for brief in briefs:
        for index, alias in enumerate(brief.aliases):
            other = owners.get(alias)
            if other is None:
                owners[alias] = brief
                continue
            what = "is this brief's own slug" if other is brief else \
                f"is already used by {other.facts_path.rsplit('/', 1)[0]}"
            lines = places.get(brief.facts_path, BriefPlaces()).aliases
            line, column = lines[index] if index < len(lines) else (0, 0)
            diagnostics.error(brief.facts_path, line, column,
                              f"duplicate slug: alias '{alias}' {what}", f"aliases[{index}]",
                              "each address may point at one brief only; remove the alias "
                              "or rename one of the briefs")


def check_topic_spellings(briefs: Sequence[Brief], diagnostics: Diagnostics,
                          places: Places) -> None:
    """Names that fold to one topic page ("Grid storage", "grid-storage") are one topic.

    Every brief is listed on that page whichever spelling it uses, but the page
    can show only one: a reader would see one brief's topic renamed.  The
    warning names the brief that wrote it first (by folder), so either can be
    changed to match.
    """
    first: dict[str, tuple[str, Brief]] = {}
    for brief in sorted(briefs, key=lambda b: b.slug):
        lines = places.get(brief.facts_path, BriefPlaces()).topics
        for index, topic in enumerate(brief.topics):
            seen = first.setdefault(topic.slug, (topic.name, brief))
            if seen[0] == topic.name:
                continue
            line, column = lines[index] if index < len(lines) else (0, 0)
            diagnostics.warning(
                brief.facts_path, line, column,
                f"topic '{topic.name}' is also written '{seen[0]}' in "
                f"{seen[1].facts_path.rsplit('/', 1)[0]}; both briefs are on one topic "
                "page, under one of the two names", "topics",
                f"write it '{seen[0]}' in both briefs, or give the topics distinct names")


@functools.lru_cache(maxsize=65536)
def _plain(text: str | None) -> str:
    """Case and spacing do not make two labels or titles different.

    Cached: these checks run on every build, over every cell of every brief,
    and labels repeat."""
    return " ".join((text or "").casefold().split())


def source_keys(source: Source) -> Iterable[str]:
    """The identities under which two definitions are one source: its url, its title
    with its publisher."""
    if source.url:
        yield "url " + source.url.strip().rstrip("/").casefold()
    yield f"title {_plain(source.title)}\0{_plain(source.publisher)}"


def check_duplicate_sources(briefs: Sequence[Brief], diagnostics: Diagnostics, places: Places,
                            library: Library) -> None:
    """The same source written out twice (same url, or same title and publisher)."""
    first: dict[str, tuple[str, str, str]] = {}  # key -> (where, id, file)
    for ident, source in library.sources.items():
        line, column = library.source_places.get(ident, (0, 0))
        for key in source_keys(source):
            first.setdefault(key, (f"{library.registry_path}:{line}:{column}", ident,
                                   library.registry_path))
    for brief in briefs:
        own = brief.sources[:len(brief.sources) - len(brief.shared_sources)]
        lines = places.get(brief.facts_path, BriefPlaces()).sources
        for index, source in enumerate(own):
            line, column = lines[index] if index < len(lines) else (0, 0)
            here = (f"{brief.facts_path}:{line}:{column}", source.id, brief.facts_path)
            seen = [first[k] for k in source_keys(source) if k in first]
            other = next((s for s in seen if s[2] != brief.facts_path), None)
            for key in source_keys(source):
                first.setdefault(key, here)
            if other is None:
                continue
            where, other_id, other_file = other
            if other_file == library.registry_path:
                hint = (f"it is in {library.registry_path} as '{other_id}': delete this entry "
                        f"and cite [@{other_id}]")
            else:
                hint = (f"move it to {library.registry_path} once and delete both entries; "
                        "briefs cite registry sources by id without listing them")
            diagnostics.warning(brief.facts_path, line, column,
                                f"source '{source.id}' is also defined at {where}"
                                + (f" (as '{other_id}')" if other_id != source.id else ""),
                                f"sources[{index}]", hint)


def check_consistent_values(briefs: Sequence[Brief], diagnostics: Diagnostics,
                            places: Places) -> None:
    """Two briefs giving different values for the same row and column.

    A cell that takes a shared fact is never compared: it cannot drift.
    """
    first: dict[tuple[str, str], tuple[Brief, Measure]] = {}
    for brief in briefs:
        warned: set[tuple[str, str]] = set()
        for measure in places.get(brief.facts_path, BriefPlaces()).measures:
            if measure.fact:
                continue
            key = (_plain(measure.row), _plain(measure.column))
            seen = first.setdefault(key, (brief, measure))
            other, was = seen
            if other is brief or key in warned or _plain(was.value) == _plain(measure.value):
                continue
            warned.add(key)
            diagnostics.warning(
                brief.facts_path, measure.line, measure.col,
                f"'{measure.row}' for '{measure.column}' is '{measure.value}' here but "
                f"'{was.value}' at {other.facts_path}:{was.line}:{was.col}",
                hint="if both are the same measure of the same thing, put the value in "
                     "content/facts/<entity>.yaml and write {fact: <entity>.<key>} in both "
                     "cells; if they differ on purpose, say how in the row or column label")
