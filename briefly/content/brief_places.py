"""Where a brief wrote what the rules across briefs compare, kept with its summary.

The checks across briefs (``check_site``) run on every build from the cache's
summaries, without reading any brief again; their messages must still point
at a line.  So each brief's summary keeps the line and column of its aliases,
its own sources and its table cells, with what those cells say.
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
                       tuple(measures))
