"""Claim statuses: how solid a figure is, in one place for tables and prose.

Table cells carry ``status:`` in facts.yaml; a cited sentence carries it
inside its citation, ``[@deepseek-release, self-reported]``.  Both read
their names and meanings from here, so the page legend, the badges and
``check`` can never disagree about what a status is called.  The legend also
explains the table's other labels (``baseline``), so every tag a reader meets
under a table is spelled out there.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

STATUS_MEANINGS: dict[str, str] = {
    "reported": "reported by an independent source",
    "self-reported": "claimed by the party itself, not independently checked",
    "estimate": "an estimate, not a measured figure",
    "disputed": "contested by other sources",
    "denied": "the party itself denies it",
    "not disclosed": "the party has not made this public",
    "not applicable": "the measure does not apply to that thing",
}
CLAIM_STATUSES: tuple[str, ...] = tuple(STATUS_MEANINGS)

VALUELESS_STATUSES: tuple[str, ...] = ("not disclosed", "not applicable")
"""Statuses that stand in for a value: a cell marked so gives none."""

TABLE_MARKS: dict[str, str] = {"not applicable": "—"}
"""How a value-less status reads in a table cell, where its words would crowd
out the values that do exist; the legend says what the mark means."""

TAG_MEANINGS: dict[str, str] = {
    "baseline": "the column the others are compared with",
}
"""Labels a table shows that are not claim statuses; the same legend explains
them, so no label on a table goes unexplained."""


def status_class(status: str) -> str:
    """The CSS class of a badge: ``status-not-disclosed`` (no spaces in classes)."""
    return "status-" + status.replace(" ", "-")


def unknown_status_hint(status: str) -> str:
    """Did-you-mean for a misspelt status, else the list to choose from."""
    close = difflib.get_close_matches(status.lower(), CLAIM_STATUSES, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "use one of: " + ", ".join(CLAIM_STATUSES)


@dataclass(frozen=True)
class LegendEntry:
    """One line of a page's legend: a label as the page shows it, and its meaning."""

    label: str  # "baseline", "estimate", or a table's mark ("—")
    css: str  # the classes of the label's badge, as on the page
    meaning: str


def legend(in_prose: Iterable[str], in_tables: Iterable[str],
           tags: Iterable[str] = ()) -> tuple[LegendEntry, ...]:
    """An entry for every label the page shows: tags first, as table headers
    come before their cells, then statuses in the canonical order.

    A status shown as a mark in a table is explained under its mark, and again
    under its words if a sentence uses it too.
    """
    prose, tables, used_tags = set(in_prose), set(in_tables), set(tags)
    entries = [LegendEntry(tag, "tag", meaning) for tag, meaning in TAG_MEANINGS.items()
               if tag in used_tags]
    for status, meaning in STATUS_MEANINGS.items():
        badge = "status " + status_class(status)
        mark = TABLE_MARKS.get(status)
        if status in tables and mark:
            entries.append(LegendEntry(mark, badge + " status-mark", f"{status}: {meaning}"))
        if status in prose or (status in tables and not mark):
            entries.append(LegendEntry(status, badge, meaning))
    return tuple(entries)


def cell_value_problem(value: str, status: str | None) -> tuple[str, str] | None:
    """A status that stands in for a value has none; every other status has one.

    The rule of a table cell, and so of a shared fact a cell takes: the
    (message, hint) to report, or None.
    """
    value = value.strip()
    if status in VALUELESS_STATUSES and value and value.lower() != status:
        # The page shows the status in place of the value: the value would be lost.
        return (f"a value marked '{status}' cannot also give '{value}'",
                "leave the value out, or change the status")
    if status in CLAIM_STATUSES and status not in VALUELESS_STATUSES and not value:
        # A badge on a blank cell would read as a blank: say what is missing.
        return (f"a cell marked '{status}' has no value",
                "write the value; use 'status: not disclosed' when the party has not "
                "made it public, 'status: not applicable' when the measure does not apply")
    return None
