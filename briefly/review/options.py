"""What the reviewing commands share: the day to judge by, and a revision to compare with."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from briefly.content.history import HistoryError, Revision, open_revision

TODAY_VARIABLE = "BRIEFLY_TODAY"
"""Set to a YYYY-MM-DD day to run every command as if it were that day (tests, reruns)."""


def day(text: str) -> date:
    """A YYYY-MM-DD argument; argparse turns the ValueError into a usage error (exit 2)."""
    return date.fromisoformat(text)


def resolve_today(given: date | None) -> date:
    """``--today``, else $BRIEFLY_TODAY, else the clock: the one place a command reads it."""
    if given is not None:
        return given
    if os.environ.get(TODAY_VARIABLE):
        try:
            return day(os.environ[TODAY_VARIABLE])
        except ValueError:
            print(f"{TODAY_VARIABLE}={os.environ[TODAY_VARIABLE]!r} is not a YYYY-MM-DD day; "
                  "using today's date", file=sys.stderr)
    return date.today()


def revision_or_report(root: Path, name: str) -> Revision | None:
    """The revision, or None once its problem is printed as one line (and a hint)."""
    try:
        return open_revision(root, name)
    except HistoryError as exc:
        print(exc.problem.format(), file=sys.stderr)
        return None
