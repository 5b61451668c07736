"""The rule of ``check --since``: a published fact never changes without a log entry.

A reader who saw "$1.74/M" and comes back to "$1.80/M" must be told why, so
for every brief that was published at the revision compared with, each
changed fact needs at least one entry in ``updates:`` that the old version
did not have.  The error points at the changed fact in the current files
and its hint is the YAML to add.  A brief that was a draft, or did not exist,
at that revision has no readers to owe an explanation and is skipped.
"""

from __future__ import annotations

from datetime import date
from typing import Sequence

from briefly.content.brief_texts import Locator
from briefly.content.check_brief import check_brief
from briefly.content.fact_changes import FactChange, compare_briefs, new_updates
from briefly.content.history import Revision
from briefly.content.model import Brief
from briefly.content.read import RawBrief
from briefly.content.read_library import library_from_texts
from briefly.errors import BriefError, Diagnostics

Checked = Sequence[tuple[RawBrief, Brief]]


def old_briefs(revision: Revision, briefs: Sequence[Brief], drafts: bool = False
               ) -> dict[str, Brief | BriefError | None]:
    """Each current brief's version at ``revision``, by current slug.

    A brief renamed since keeps its old slug among its aliases, so it is found
    under that.  None: it did not exist (or, without ``drafts``, was a draft).
    A BriefError: it could not be read.
    """
    wanted = {brief.slug: [brief.slug, *brief.aliases] for brief in briefs}
    raws = revision.read_briefs(sorted({s for names in wanted.values() for s in names}))
    # Facts and sources the briefs shared then are those of the same revision.
    registry, sheets = revision.shared_texts()
    library = library_from_texts(registry, sheets, Diagnostics())
    found: dict[str, Brief | BriefError | None] = {}
    for slug, names in wanted.items():
        raw = next((raws[n] for n in names if n in raws), None)
        if raw is None or isinstance(raw, BriefError):
            found[slug] = raw
            continue
        if not drafts and isinstance(raw.facts, dict) and raw.facts.get("draft") is True:
            found[slug] = None  # never published: nothing to explain
            continue
        problems = Diagnostics()
        brief = check_brief(raw, problems, library)
        found[slug] = brief if brief is not None else BriefError(
            raw.facts_path, 0, 0, "this version has errors under today's rules, so it "
            "cannot be compared", hint="the brief's facts were not compared with it")
    return found


def check_since(revision: Revision, briefs: Checked, today: date,
                problems: Diagnostics) -> None:
    """Report every unlogged change of fact since ``revision``."""
    olds = old_briefs(revision, [brief for _, brief in briefs])
    for raw, brief in briefs:
        old = olds.get(brief.slug)
        if isinstance(old, BriefError):
            problems.note(raw.facts_path, 0, 0, f"not compared with {revision.name}: "
                          f"{old.message}", hint=old.hint)
            continue
        if old is None or old.draft:
            continue
        changes = [c for c in compare_briefs(old, brief) if c.needs_log]
        if not changes or new_updates(old, brief):
            continue
        locator = Locator(raw)
        for change in changes:
            report_change(locator, change, revision.name, brief, today, problems)


def report_change(locator: Locator, change: FactChange, since: str, brief: Brief, today: date,
                  problems: Diagnostics) -> None:
    word = change.new or ""
    line, column = locator.at(change.path, change.text, change.offset, word)
    problems.error(locator.file(change.path), line, column,
                   f"{change.sentence()} since {since}, with no new entry in updates",
                   locator.field(change.path), log_hint(change, brief, today))


def log_hint(change: FactChange, brief: Brief, today: date) -> str:
    """The entry to add, as one line of YAML, and what else it needs."""
    if change.old is not None and change.new is not None:
        text = f"{change.what} is {change.new}, not {change.old}."
    elif change.new is not None:
        text = f"Added {change.what}: {change.new}."
    else:
        text = f"Removed {change.what}: {change.old}."
    text = text[0].upper() + text[1:]
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    entry = f"- {{date: {today.isoformat()}, kind: correction, text: {quoted}}}"
    also = f"; and set 'updated: {today.isoformat()}'" if brief.updated < today else ""
    return (f"log it in facts.yaml under 'updates:': {entry} (kind: correction if we got it "
            f"wrong, update for a new development, clarification for misleading "
            f"wording){also}")
