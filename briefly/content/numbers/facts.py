"""What the fact sheet says, as figures: the cells' values, its dates, its other text.

Read from the assembled model, the values the page's tables show, so a cell
filled in during assembly (from a fact sheet shared between briefs) is
compared as the reader sees it.  Built once per brief object and kept for
the next caller (the check, then the page's links), since both ask about
the same brief one after the other.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from briefly.content.model import Brief
from briefly.content.numbers.notation import Figure, date_keys, find_figures, singular

ATTRIBUTED_STATUSES = ("self-reported", "estimate", "disputed", "denied")
"""Statuses a figure cannot lose on its way into the prose: a reader of the
sentence must learn them there too."""

_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*")
_WORD = re.compile(r"[^\W\d_]{3,}")
_PLAIN_WORDS = frozenset({"the", "and", "per", "for", "with", "from", "list", "total"})


def cell_anchor(table: int, row: int, column: int) -> str:
    """The id of a table cell on the page, ``table-1-r4-c1`` (all 1-based): prose links to it."""
    return f"table-{table}-r{row}-c{column}"


class CellFact(NamedTuple):
    """One table cell, with the figures its value and note give."""

    table: int  # 0-based positions in the model
    row: int
    column: int
    column_label: str
    row_label: str
    value: str
    status: str | None
    figures: tuple[Figure, ...]
    row_words: frozenset[str]

    @property
    def anchor(self) -> str:
        return cell_anchor(self.table + 1, self.row + 1, self.column + 1)

    @property
    def place(self) -> str:
        """How a message names the cell: "V4-Pro's API input price (list)"."""
        return f"{self.column_label}'s {self.row_label}"


@dataclass
class FactIndex:
    """Figures of one brief's fact sheet, by value, and its columns by name."""

    cells: list[CellFact] = field(default_factory=list)
    by_value: dict[tuple[str, object], list[CellFact]] = field(default_factory=dict)
    known: set[tuple[str, object]] = field(default_factory=set)  # anywhere in the fact sheet
    columns: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # name -> (table, col)
    column_pattern: re.Pattern[str] | None = None

    def cell(self, table: int, row: int, column: int) -> CellFact | None:
        return next((c for c in self.cells
                     if (c.table, c.row, c.column) == (table, row, column)), None)


def column_name(label: str) -> str:
    """A column as prose names it: "V3.2 (prev.)" is written "V3.2"."""
    return _PARENTHESIS.sub(" ", label).strip()


def build_index(brief: Brief) -> FactIndex:
    index = FactIndex()
    cells: list[tuple[int, int, int, str, str, str, str | None, frozenset[str], str]] = []
    others: list[str] = [s.title for s in brief.sources] + ([brief.quote.text] if brief.quote else [])
    for t, table in enumerate(brief.tables):
        for c, column in enumerate(table.columns):
            name = column_name(column.label)
            if len(name) >= 2:
                index.columns.setdefault(name.lower(), []).append((t, c))
        others += [table.caption, *(c.label for c in table.columns), *(r.label for r in table.rows)]
        for row_i, row in enumerate(table.rows):
            words = frozenset(w.lower() for w in _WORD.findall(row.label)) - _PLAIN_WORDS
            for c, cell in enumerate(row.cells):
                label = table.columns[c].label if c < len(table.columns) else ""
                value = cell.value.strip() if cell.stated else ""
                cells.append((t, row_i, c, label, row.label, value, cell.status, words,
                              cell.note or ""))
    values = figures_of([cell[5] for cell in cells])
    notes = figures_of([cell[8] for cell in cells])
    noted: list[tuple[Figure, CellFact]] = []
    for (t, row_i, c, label, row_label, value, status, words, _), figures, note in zip(
            cells, values, notes):
        fact = CellFact(t, row_i, c, label, row_label, value, status, figures, words)
        index.cells.append(fact)
        for figure in figures:
            index.by_value.setdefault(figure.key, []).append(fact)
            if figure.kind == "count:":  # "12" in the row "Crossings a day"
                for word in words:
                    key = ("count:" + singular(word), figure.value)
                    index.by_value.setdefault(key, []).append(fact)
        noted.extend((f, fact) for f in note)
    for figure, fact in noted:  # a note's figures link to its cell, after the values
        index.by_value.setdefault(figure.key, []).append(fact)
    for day in _dates(brief):
        index.known.update(date_keys(day.year, day.month, day.day))
    index.known.update(f.key for found in figures_of(others) for f in found)
    index.known.update(index.by_value)
    if index.columns:
        names = sorted(index.columns, key=len, reverse=True)
        index.column_pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.I)
    return index


def figures_of(texts: list[str]) -> list[tuple[Figure, ...]]:
    """The figures of each of many short texts, read in one pass (a call per cell
    costs more than the reading); a NUL between them stops any figure crossing."""
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    found: list[list[Figure]] = [[] for _ in texts]
    for figure in find_figures("\x00".join(texts)):
        found[bisect_right(starts, figure.start) - 1].append(figure)
    return [tuple(f) for f in found]


def _dates(brief: Brief) -> list:
    days = [brief.published, brief.updated, *(u.date for u in brief.updates),
            *(s.date for s in brief.sources)]
    if brief.review_by:
        days.append(brief.review_by)
    for table in brief.tables:
        days += [c.as_of for c in table.columns if c.as_of]
        for row in table.rows:
            days += [row.as_of] if row.as_of else []
            days += [d for cell in row.cells for d in (cell.as_of, cell.review_by) if d]
    return days


_LAST: list[tuple[Brief, FactIndex]] = []


def fact_index(brief: Brief) -> FactIndex:
    """The brief's index, built once for the check and the page that follow it."""
    if _LAST and _LAST[0][0] is brief:
        return _LAST[0][1]
    index = build_index(brief)
    _LAST[:] = [(brief, index)]
    return index
