"""The number check of ``check``: every figure of the page's text against the fact sheet.

It runs on the assembled brief, whose cells are what the page's tables
show, and reports each finding at the figure in the file; a misquoted cell
is named with its own place in facts.yaml, so both can be opened at once.
A cell that takes a shared fact is named at the fact's line in its fact
file first, since that is where a wrong figure has to be corrected.
"""

from __future__ import annotations

from typing import Callable

from briefly.content.located_yaml import FieldPath, Position
from briefly.content.markdown_lint import TextField
from briefly.content.model import Brief, Library
from briefly.content.numbers.facts import CellFact, fact_index
from briefly.content.numbers.notation import as_written
from briefly.content.numbers.rules import Reading, read_texts
from briefly.content.numbers.sentences import visible_text
from briefly.errors import Diagnostics

MISMATCH_HINT = ("correct whichever is wrong, the prose or the cell; a reader who follows the "
                 "figure to the table must find the same one")
UNCITED_HINT = ("cite the source that gives it, [@id], or add it to a table in facts.yaml; "
                "the page must not state a figure nobody stands behind")


UNCITABLE = ("headline", "dek")
"""Fields that cannot carry citations: only the brief's other sentences can back their figures."""


def check_numbers(brief: Brief, fields: list[TextField], positions: dict[FieldPath, Position],
                  diagnostics: Diagnostics, library: Library | None = None) -> None:
    """Report misquoted, unsourced and unattributed figures of the brief's texts.

    The update log is left out: it quotes superseded figures by design.
    """
    texts = [f for f in fields if not f.field.startswith("updates")]
    index = fact_index(brief)
    readings = read_texts(index, [(f.text, f.field not in UNCITABLE) for f in texts])

    def cell_position(path: FieldPath) -> Position:
        found = positions.get(path + ("value", "@value")) or positions.get(path + ("@value",))
        while found is None and path:
            found, path = positions.get(path), path[:-1]
        return found or Position(1, 1)

    for reading in readings:
        if reading.problem is None:
            continue
        field = texts[reading.text]
        line, column = field.locate(reading.figure.start)
        report = diagnostics.warning if reading.problem != "mismatch" else diagnostics.error
        said = as_written(reading.figure, visible_text(field.text))
        report(field.path, line, column, _message(brief, reading, said, cell_position, library),
               field.field, _hint(reading))


def _message(brief: Brief, reading: Reading, said: str,
             cell_position: Callable[[FieldPath], Position], library: Library | None) -> str:
    cell = reading.cell
    if reading.problem == "uncited" or cell is None:
        return f"{said} is not in the fact sheet and its sentence cites no source"
    if reading.problem == "unattributed":
        return (f"{said} is marked '{cell.status}' in the table ({cell.place}), but its "
                "sentence does not say so")
    where = cell_position(_cell_path(cell))
    place = f"{brief.facts_path}:{where.line}:{where.column}"
    shared = _shared_fact_place(brief, cell, library)
    if shared:
        place = f"{shared}, via {place}"
    return f"the prose says {said} for {cell.place}; the table says {cell.value} ({place})"


def _shared_fact_place(brief: Brief, cell: CellFact, library: Library | None) -> str:
    """``file:line:col`` of the shared fact a cell takes, or "" for a cell of its own."""
    ref = brief.tables[cell.table].rows[cell.row].cells[cell.column].fact
    if not ref or library is None:
        return ""
    entity, _, key = ref.partition(".")
    sheet = library.sheets.get(entity)
    fact = sheet.facts.get(key) if sheet else None
    if sheet is None or fact is None:
        return ""
    return f"{sheet.path}:{fact.line}:{fact.column}"


def _hint(reading: Reading) -> str:
    if reading.problem == "mismatch":
        return MISMATCH_HINT
    if reading.problem == "unattributed" and reading.cell is not None:
        status = reading.cell.status
        return (f"cite the source with the status, [@id, {status}], or write '{status}' "
                "beside the figure")
    return UNCITED_HINT


def _cell_path(cell: CellFact) -> FieldPath:
    return ("numbers", "tables", cell.table, "rows", cell.row, "cells", cell.column)
