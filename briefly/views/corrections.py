"""Which entries of a brief's update log are corrections, and where each is shown.

A correction is shown where a reader cannot miss it, at the top of the
brief, and listed on the site's corrections page and feed, which link to it
there; all of them name it by the same anchor, made here from its date
("correction-2026-05-02", then "-2" for a second one that day).
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from briefly.content.model import Update

CORRECTION = "correction"
KIND_LABELS = {"correction": "Correction", "clarification": "Clarification"}
"""How the update log labels an entry of each kind; plain updates have no label."""


def correction_anchors(updates: Sequence[Update]) -> dict[int, str]:
    """The anchor of each correction, by its index in the log (oldest first)."""
    seen: Counter[str] = Counter()
    anchors = {}
    for index, update in enumerate(updates):
        if update.kind == CORRECTION:
            base = f"correction-{update.date.isoformat()}"
            seen[base] += 1
            anchors[index] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return anchors


def newest_first(updates: Sequence[Update]) -> list[tuple[Update, str]]:
    """Each correction with its anchor, newest first (the log's order breaks ties)."""
    anchors = correction_anchors(updates)
    found = [(updates[i], anchor, i) for i, anchor in anchors.items()]
    found.sort(key=lambda item: (item[0].date, item[2]), reverse=True)
    return [(update, anchor) for update, anchor, _ in found]
