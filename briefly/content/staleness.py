"""Facts that were true when published and may not be now.

A brief is read long after it was written: "will be retired 24 July 2026"
reads as news until that day and as an error after it, and a price goes out
of date without anyone editing the page.  These rules find what an editor
should look at again, given a day to judge by (so every run is
reproducible): review dates that have passed, sentences that put a passed
date in the future, and time-sensitive values whose ``as_of`` date is older
than the site's ``stale_after_days``.  They report notes, never errors: an
old brief must not block an unrelated pull request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from briefly.content.brief_texts import Locator, dated_texts
from briefly.content.fact_tokens import find_dates, readable
from briefly.content.model import Brief, Cell, Row, Table
from briefly.content.read import RawBrief
from briefly.errors import Diagnostics

_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|(?:is|are|was|were)\s+(?:due|set|expected|scheduled|slated|"
    r"planned|poised)\s+to|(?:is|are)\s+to\s+be|plans?\s+to|planning\s+to|"
    r"expected\s+to|scheduled\s+(?:to|for)|due\s+(?:to|on|by|in))\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[A-Z\"“(\[])|\n\s*\n|\n\s*[-*+]\s+")
_TIME_SENSITIVE = re.compile(r"\b(price|pricing|cost|costs|fee|fees|rank|ranking|rankings|"
                             r"ranked|leaderboard|position)\b", re.I)
_MONEY_OR_RANK = re.compile(r"[$€£¥]\s?\d|#\d")


@dataclass(frozen=True)
class Today:
    """The day findings are judged by, and the age at which as_of dates are stale."""

    day: date
    stale_after_days: int = 180


def stale_notes(raw: RawBrief, brief: Brief, today: Today, problems: Diagnostics) -> None:
    """Every stale finding of one brief, as notes (drafts have no readers yet)."""
    if brief.draft:
        return
    locator = Locator(raw)
    if brief.review_by is not None and brief.review_by < today.day:
        line, column = locator.at(("review_by",))
        problems.note(raw.facts_path, line, column,
                      f"this brief was due for review by {brief.review_by.isoformat()}, "
                      f"{_ago(brief.review_by, today.day)}", "review_by",
                      "read it against its sources, then set a later review_by (and log "
                      "any change in updates)")
    _passed_futures(locator, brief, today.day, problems)
    for t, table in enumerate(brief.tables):
        _table_notes(locator, t, table, today, problems)


def _passed_futures(locator: Locator, brief: Brief, today: date, problems: Diagnostics
                    ) -> None:
    for text in dated_texts(brief):
        source = readable(text.text)
        for start, end in _sentences(source):
            sentence = source[start:end]
            future = _FUTURE.search(sentence)
            if future is None:
                continue
            for mention in find_dates(sentence):
                if mention.last_day is None or mention.last_day >= today:
                    continue
                offset = start + mention.start
                line, column = locator.at(text.path, text.text, offset, mention.text)
                quoted = " ".join(sentence[future.start():mention.start + len(mention.text)]
                                  .split())
                problems.note(locator.file(text.path), line, column,
                              f"the text says '{quoted}', but {mention.text} has passed "
                              f"({_ago(mention.last_day, today)})", locator.field(text.path),
                              "say what happened (and log it in updates), or what is "
                              "known now")


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _SENTENCE.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(a, b) for a, b in bounds if text[a:b].strip()]


def _table_notes(locator: Locator, t: int, table: Table, today: Today,
                 problems: Diagnostics) -> None:
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            path = ("numbers", "tables", t, "rows", r, "cells", c)
            what = f"{table.columns[c].label}'s {row.label}" if c < len(table.columns) \
                else row.label
            if cell.review_by is not None and cell.review_by < today.day:
                line, column = locator.at(path + ("review_by",))
                problems.note(locator.file(path), line, column,
                              f"{what} was due for review by {cell.review_by.isoformat()}, "
                              f"{_ago(cell.review_by, today.day)}", locator.field(path),
                              "check the value against its source, then set a later "
                              "review_by or a new as_of")
            as_of = cell.as_of or row.as_of or (table.columns[c].as_of
                                                if c < len(table.columns) else None)
            if as_of is None or not cell.stated or not time_sensitive(row, cell):
                continue
            age = (today.day - as_of).days
            if age > today.stale_after_days:
                line, column = locator.at(path)
                problems.note(locator.file(path), line, column,
                              f"{what} ({cell.value.strip()}) is as of {as_of.isoformat()}, "
                              f"{age} days ago; time-sensitive values are checked after "
                              f"{today.stale_after_days} days", locator.field(path),
                              "check it against a current source and give its new as_of "
                              "date (log a change of value in updates); or write "
                              "'time_sensitive: false' if it cannot go out of date")


def time_sensitive(row: Row, cell: Cell) -> bool:
    """Said by the cell, else by the row; else prices and rankings are, by their label
    or their value ('$1.74/M', '#2'), and nothing else is."""
    if cell.time_sensitive is not None:
        return cell.time_sensitive
    if row.time_sensitive is not None:
        return row.time_sensitive
    return bool(_TIME_SENSITIVE.search(row.label) or _MONEY_OR_RANK.search(cell.value))


def _ago(day: date, today: date) -> str:
    days = (today - day).days
    return f"{days} day{'s' if days != 1 else ''} ago"
