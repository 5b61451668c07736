"""``python build.py stale``: what in the published briefs may no longer be true.

A report, not a gate: it exits 0 whatever it finds, unless ``--strict``
asks for a failure, so a scheduled job can list stale facts in its summary
without turning red every week.  The findings are the notes ``check``
prints too (``content/staleness.py``); here they are the whole output.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from briefly.content.staleness import Today, stale_notes
from briefly.errors import BriefError, Diagnostics, format_report
from briefly.check_pipeline import check_briefs
from briefly.project import Project
from briefly.review import escape
from briefly.review.options import day, resolve_today

EXIT_OK, EXIT_FOUND = 0, 1


def add_stale_command(commands: argparse._SubParsersAction) -> None:
    stale = commands.add_parser(
        "stale", help="list facts that may have gone out of date (passed dates, old prices)")
    stale.add_argument("--today", type=day, default=None, metavar="YYYY-MM-DD",
                       help="judge as if it were this day (default: $BRIEFLY_TODAY, "
                            "else today)")
    stale.add_argument("--strict", action="store_true",
                       help="exit 1 when anything is stale")
    stale.add_argument("--format", choices=("text", "github", "markdown"), default="text",
                       help="text for a terminal, github for annotations, markdown for a "
                            "job summary")
    stale.set_defaults(handler=run_stale)


def run_stale(args: argparse.Namespace) -> int:
    today = resolve_today(args.today)
    checking = Diagnostics()
    config, checked, _ = check_briefs(Project(args.root.resolve()), checking)
    if config is None:
        print(format_report(checking.errors), file=sys.stderr)
        return EXIT_FOUND
    found = Diagnostics()
    for raw, brief in checked:
        stale_notes(raw, brief, Today(today, config.stale_after_days), found)
    notes = found.notes
    unchecked = len({p.path.rsplit("/", 1)[0] for p in checking.errors})
    if args.format == "markdown":
        print(markdown_report(notes, today, unchecked))
    elif args.format == "github":
        if notes:
            print(format_report(notes, "github"))
    else:
        if notes:
            print(format_report(notes))
        print(summary(len(notes), len({n.path.rsplit("/", 1)[0] for n in notes}), today,
                      unchecked))
    return EXIT_FOUND if args.strict and notes else EXIT_OK


def summary(count: int, briefs: int, today: date, unchecked: int) -> str:
    found = (f"{count} stale finding{'s' if count != 1 else ''} in {briefs} "
             f"brief{'s' if briefs != 1 else ''}" if count else "Nothing is stale")
    line = f"{found} on {today.isoformat()}."
    if unchecked:
        line += (f" {unchecked} brief{'s' if unchecked != 1 else ''} with errors "
                 "not looked at: run `python build.py check`.")
    return line


def markdown_report(notes: list[BriefError], today: date, unchecked: int) -> str:
    """A table for a job summary: where, what, and how to fix it."""
    lines = [f"## Stale facts on {today.isoformat()}", ""]
    if notes:
        lines += ["| where | what | what to do |", "| --- | --- | --- |"]
        lines += [f"| {escape.markdown(n.location)} | {escape.markdown(n.message)} | "
                  f"{escape.markdown(n.hint)} |" for n in notes]
        lines.append("")
    briefs = len({n.path.rsplit("/", 1)[0] for n in notes})
    lines.append(escape.markdown(summary(len(notes), briefs, today, unchecked)))
    return "\n".join(lines)
