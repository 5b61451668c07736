"""Claim statuses: how solid a figure is, in one place for tables and prose.

Table cells carry ``status:`` in facts.yaml; a cited sentence carries it
inside its citation, ``[@deepseek-release, self-reported]``.  Both read
their names and meanings from here, so the page legend, the badges and
``check`` can never disagree about what a status is called.
"""

from __future__ import annotations

import difflib

STATUS_MEANINGS: dict[str, str] = {
    "reported": "reported by an independent source",
    "self-reported": "claimed by the party itself, not independently checked",
    "estimate": "an estimate, not a measured figure",
    "disputed": "contested by other sources",
    "not disclosed": "the party has not made this public",
}
CLAIM_STATUSES: tuple[str, ...] = tuple(STATUS_MEANINGS)


def status_class(status: str) -> str:
    """The CSS class of a badge: ``status-not-disclosed`` (no spaces in classes)."""
    return "status-" + status.replace(" ", "-")


def unknown_status_hint(status: str) -> str:
    """Did-you-mean for a misspelt status, else the list to choose from."""
    close = difflib.get_close_matches(status.lower(), CLAIM_STATUSES, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "use one of: " + ", ".join(CLAIM_STATUSES)


def legend(used: set[str] | frozenset[str]) -> tuple[tuple[str, str], ...]:
    """(status, meaning) for every status used, in the canonical order."""
    return tuple((s, STATUS_MEANINGS[s]) for s in CLAIM_STATUSES if s in used)
