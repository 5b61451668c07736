"""Data to take away: each table as CSV, each fact sheet as JSON.

Both are pure functions of one brief (its view), so an incremental build can
cache them with the brief.  Shapes, documented in README.md ("Data files"):

``briefs/<slug>/table-<n>.csv`` keeps the table's orientation, one line per
row (measure) and one column per thing compared, so it reads like the page.
When a row's stated values share a unit ("1M tokens", "128K tokens") the
unit moves into the row's header ("Context [tokens]") and the cells hold plain
numbers in that unit (1000000, 128000) that a spreadsheet can sum and chart;
other rows keep the text exactly as shown.  An empty cell means the brief
does not give the value.  The baseline column's header ends "[baseline]".
Three last columns: ``status`` ("V4-Pro: self-reported"), ``notes`` (the
table's footnotes, with the column they belong to) and ``sources`` (every
source cited for the row, its cells or its columns).

``briefs/<slug>/facts.json`` is the validated fact sheet in facts.yaml's own
shape (every default filled in, dates as ISO strings), so it validates
against the JSON Schema of ``fact_sheet.facts_json_schema()``.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Context, Decimal
from functools import cache
from typing import Any, Callable

from briefly.content.fact_sheet import FACTS
from briefly.content.model import Brief, Source, Table
from briefly.content.spec_model import exporter
from briefly.render.environment import Pages
from briefly.render.urls import facts_json_url, table_csv_url
from briefly.views.brief_view import BriefView, TableView
from briefly.views.charts import parse_quantity


def brief_data_files(view: BriefView) -> Pages:
    """One brief's CSV tables and facts.json, keyed by output path."""
    files: Pages = {facts_json_url(view.slug): facts_json(view.brief)}
    for table, model in zip(view.tables, view.brief.tables):
        files[table_csv_url(view.slug, table.anchor)] = table_csv(table, model, view.brief)
    return files


def table_csv(table: TableView, model: Table, brief: Brief) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_inert(["measure", *(c.label + (" [baseline]" if c.baseline else "")
                                         for c in table.columns), "status", "notes",
                            "sources"]))
    for row, row_model in zip(table.rows, model.rows):
        shown = [cell.text if cell.stated else None for cell in row.cells]
        quantities = [None if text is None else parse_quantity(text) for text in shown]
        stated = [q for text, q in zip(shown, quantities) if text is not None]
        units = sorted({q.unit_label for q in stated if q})
        numeric = bool(stated) and all(stated) and len(units) == 1
        label = row.label + (f" [{units[0]}]" if numeric and units[0] else "")
        values = [("" if text is None else _number(q.value) if numeric and q
                   else _inert_cell(text)) for text, q in zip(shown, quantities)]
        status = "; ".join(f"{col.label}: {cell.status}"
                           for col, cell in zip(table.columns, row.cells) if cell.status)
        notes = "; ".join(f"{col.label}: {cell.note.text}"
                          for col, cell in zip(table.columns, row.cells) if cell.note)
        cited = [*row_model.cites]
        for column, cell in zip(model.columns, row_model.cells):
            cited.extend(column.cites)
            cited.extend(cell.cites)
        sources = " | ".join(_source_text(s) for i in dict.fromkeys(cited)
                             if (s := brief.source(i)) is not None)
        writer.writerow([_inert_cell(label), *values, *_inert([status, notes, sources])])
    return out.getvalue().encode("utf-8")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert_cell(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula (OWASP's leading quote).

    Only text gets the quote: a row converted to plain numbers keeps "-5"
    a number, since a bare number cannot be a formula.
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def _inert(cells: list[str]) -> list[str]:
    return [_inert_cell(cell) for cell in cells]


def _number(value: Decimal) -> str:
    """1.6E+12 -> "1600000000000", 1.740 -> "1.74": plain digits, no exponent.

    Normalised with as many digits as the value has: the default context
    would round anything longer than 28 digits.
    """
    exact = Context(prec=max(1, len(value.as_tuple().digits)))
    return format(value.normalize(exact), "f")


def _source_text(source: Source) -> str:
    text = f"{source.publisher}: {source.title} ({source.date.isoformat()})"
    return f"{text} {source.url}" if source.url else text


def facts_json(brief: Brief) -> bytes:
    """The fact sheet as JSON, deterministic (sorted keys, fixed indentation)."""
    return (json.dumps(fact_sheet(brief), ensure_ascii=False, indent=2, sort_keys=True)
            + "\n").encode("utf-8")


def fact_sheet(brief: Brief) -> dict[str, Any]:
    """The model back in facts.yaml's shape: optional fields left out when empty.

    Compiled from the fact sheet's spec, so a new field is exported with no
    edit here; topics are the one thing the model holds in another form.
    """
    return _sheet_exporter()(brief, topics=[t.name for t in brief.topics])


@cache
def _sheet_exporter() -> Callable[..., dict[str, Any]]:
    # On first use rather than on import, like the assembler: a stale model
    # must not stop `build.py docs` (which imports the command line) from fixing it.
    return exporter(FACTS, given=("topics",))
