"""Where a brief wrote what the rules across briefs compare, kept with its summary.

The checks across briefs (``check_site``) run on every build from the cache's
summaries, without reading any brief again; their messages must still point
at a line.  So each brief's summary keeps the line and column of its aliases,
its topics, its own sources and its table cells, with what those cells say.
"""

from __future__ import annotations

from typing import Any, Mapping, NamedTuple

from briefly.content.model import Brief


class Measure(NamedTuple):
    """One table cell, as the consistency check across briefs compares it."""

    row: str
    column: str
    value: str
    fact: str  # "" unless the cell takes a shared fact
    line: int
    col: int


class BriefPlaces(NamedTuple):
    aliases: tuple[tuple[int, int], ...] = ()
    sources: tuple[tuple[int, int], ...] = ()  # the brief's own, in its order
    measures: tuple[Measure, ...] = ()
    topics: tuple[tuple[int, int], ...] = ()  # one per topic of the model, in its order


def _at(positions: Mapping[tuple, Any], path: tuple) -> tuple[int, int]:
    pos = positions.get(path)
    return (pos.line, pos.column) if pos else (0, 0)


def brief_places(brief: Brief, positions: Mapping[tuple, Any] | None) -> BriefPlaces:
    """The places of a checked brief, from its fact sheet's positions."""
    positions = positions or {}
    own = len(brief.sources) - len(brief.shared_sources)
    measures = []
    for t, table in enumerate(brief.tables):
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                if c < len(table.columns) and cell.stated:
                    line, col = _at(positions, ("numbers", "tables", t, "rows", r, "cells", c))
                    measures.append(Measure(row.label, table.columns[c].label, cell.value,
                                            cell.fact or "", line, col))
    return BriefPlaces(tuple(_at(positions, ("aliases", i)) for i in range(len(brief.aliases))),
                       tuple(_at(positions, ("sources", i)) for i in range(own)),
                       tuple(measures), _topic_places(brief, positions))


def _topic_places(brief: Brief, positions: Mapping[tuple, Any]) -> tuple[tuple[int, int], ...]:
    """Each topic's own item when the model keeps the list as written; else the list.

    A brief that writes one topic twice keeps it once, so the model's order no
    longer matches the list's, and the ``topics:`` line is the honest place.
    A brief without topics files itself under its kicker.
    """
    written = 0
    while ("topics", written) in positions:
        written += 1
    if written == len(brief.topics):
        return tuple(_at(positions, ("topics", i)) for i in range(written))
    whole = _at(positions, ("topics",) if written else ("kicker",))
    return (whole,) * len(brief.topics)
