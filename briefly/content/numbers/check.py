"""The number check of ``check``: every figure of the page's text against the fact sheet.

It runs on the assembled brief, whose cells are what the page's tables
show, and reports each finding at the figure in the file; a misquoted cell
is named with its own place in facts.yaml, so both can be opened at once.
"""

from __future__ import annotations

from typing import Callable

from briefly.content.located_yaml import FieldPath, Position
from briefly.content.markdown_lint import TextField
from briefly.content.model import Brief
from briefly.content.numbers.facts import CellFact, fact_index
from briefly.content.numbers.rules import Reading, read_texts
from briefly.errors import Diagnostics

MISMATCH_HINT = ("correct whichever is wrong, the prose or the cell; a reader who follows the "
                 "figure to the table must find the same one")
UNCITED_HINT = ("cite the source that gives it, [@id], or add it to a table in facts.yaml; "
                "the page must not state a figure nobody stands behind")


def check_numbers(brief: Brief, texts: list[tuple[TextField, bool]],
                  cell_position: Callable[[FieldPath], Position],
                  diagnostics: Diagnostics) -> None:
    """Report misquoted, unsourced and unattributed figures of ``texts``.

    ``texts`` pairs each text with whether it can carry citations (the
    headline and dek cannot, so only the brief's other sentences can back
    their figures).
    """
    index = fact_index(brief)
    readings = read_texts(index, [(field.text, can_cite) for field, can_cite in texts])
    for reading in readings:
        if reading.problem is None:
            continue
        field = texts[reading.text][0]
        line, column = field.locate(reading.figure.start)
        report = diagnostics.warning if reading.problem != "mismatch" else diagnostics.error
        report(field.path, line, column, *_message(brief, reading, cell_position), field.field,
               *_hint(reading))


def _message(brief: Brief, reading: Reading,
             cell_position: Callable[[FieldPath], Position]) -> tuple[str]:
    said, cell = reading.figure.text, reading.cell
    if reading.problem == "uncited" or cell is None:
        return (f"{said} is not in the fact sheet and its sentence cites no source",)
    if reading.problem == "unattributed":
        return (f"{said} is marked '{cell.status}' in the table ({cell.place}), but its "
                f"sentence does not say so",)
    where = cell_position(_cell_path(cell))
    return (f"the prose says {said} for {cell.place}; the table says {cell.value} "
            f"({brief.facts_path}:{where.line}:{where.column})",)


def _hint(reading: Reading) -> tuple[str]:
    if reading.problem == "mismatch":
        return (MISMATCH_HINT,)
    if reading.problem == "unattributed" and reading.cell is not None:
        status = reading.cell.status
        return (f"cite the source with the status, [@id, {status}], or write '{status}' "
                "beside the figure",)
    return (UNCITED_HINT,)


def _cell_path(cell: CellFact) -> FieldPath:
    return ("numbers", "tables", cell.table, "rows", cell.row, "cells", cell.column)
