"""``python build.py diff REV``: every change of fact since a revision, brief by brief.

A reviewer of a pull request needs the changed facts, not the changed
lines: "$1.74/M → $1.80/M in V4-Pro's input price" rather than a YAML diff.
The same comparison as ``check --since`` (``content/fact_changes.py``),
shown whole, drafts included, for a terminal or, with ``--format
markdown``, for a pull request's job summary.  Briefs are listed by slug
and changes in the order of the files, so the output depends only on the
two versions compared.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

from briefly.content.check_history import old_briefs
from briefly.content.fact_changes import FactChange, compare_briefs, new_updates
from briefly.content.history import Revision
from briefly.content.model import Brief, Update
from briefly.content.discover import discover
from briefly.errors import BriefError, Diagnostics
from briefly.check_pipeline import check_briefs
from briefly.project import Project
from briefly.review import escape
from briefly.review.options import revision_or_report

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def add_diff_command(commands: argparse._SubParsersAction) -> None:
    diff = commands.add_parser("diff", help="list every change of fact since a git revision")
    diff.add_argument("revision", metavar="REV", help="a branch, tag or commit to compare with")
    diff.add_argument("--format", choices=("text", "markdown"), default="text",
                      help="markdown: for a pull request's job summary")
    diff.set_defaults(handler=run_diff)


@dataclass
class BriefDiff:
    slug: str
    headline: str
    state: str = ""  # "" (compared), "new", "removed", "has errors", or why not compared
    changes: list[FactChange] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.state or self.changes or self.updates)


def run_diff(args: argparse.Namespace) -> int:
    project = Project(args.root.resolve())
    revision = revision_or_report(project.root, args.revision)
    if revision is None:
        return EXIT_USAGE
    problems = Diagnostics()
    _, checked, _ = check_briefs(project, problems)
    diffs = brief_diffs(project, revision, [brief for _, brief in checked])
    shown = [d for d in diffs if not d.empty]
    print(markdown_report(revision, shown) if args.format == "markdown"
          else text_report(revision, shown))
    return EXIT_ERRORS if problems.errors else EXIT_OK


def brief_diffs(project: Project, revision: Revision, briefs: list[Brief]) -> list[BriefDiff]:
    """One entry per brief now or then, by slug."""
    olds = old_briefs(revision, briefs, drafts=True)
    diffs = []
    for brief in briefs:
        old = olds.get(brief.slug)
        entry = BriefDiff(brief.slug, brief.headline)
        if old is None:
            entry.state = "new" + (" (a draft)" if brief.draft else "")
        elif isinstance(old, BriefError):
            entry.state = f"not compared: {old.message}"
        else:
            entry.changes = compare_briefs(old, brief)
            entry.updates = new_updates(old, brief)
            if old.draft != brief.draft:
                entry.state = "now a draft" if brief.draft else "published since"
        diffs.append(entry)
    known = {name for b in briefs for name in (b.slug, *b.aliases)}
    folders, _ = discover(project.content, project.root)
    broken = {f.name for f in folders} - {b.slug for b in briefs}
    for slug in sorted(set(revision.brief_files()) - known):
        diffs.append(BriefDiff(slug, "", "has errors now, so it was not compared"
                               if slug in broken else "removed"))
    return sorted(diffs, key=lambda d: d.slug)


def _change_parts(change: FactChange) -> tuple[str, str, str]:
    """(what, before, after) with a cell named by its row and column."""
    what = (f"row '{change.row}', column '{change.column}'"
            + (f" ({change.what.split(' of ')[0]})" if change.what.startswith("the status")
               else " (note)" if change.what.startswith("the note") else "")
            if change.row else change.what)
    return what, change.old or "", change.new or ""


def text_report(revision: Revision, diffs: list[BriefDiff]) -> str:
    out = [f"Fact changes since {escape.terminal(revision.name)} ({revision.commit[:12]}):"]
    for entry in diffs:
        title = f" — {escape.terminal(entry.headline)}" if entry.headline else ""
        out += ["", f"content/briefs/{entry.slug}{title}"]
        if entry.state:
            out.append(f"  {escape.terminal(entry.state)}")
        for change in entry.changes:
            what, before, after = (escape.terminal(p) for p in _change_parts(change))
            out.append(f"  {what}: {before or '(none)'} → {after or '(removed)'}")
        for update in entry.updates:
            out.append(f"  new in the update log, {update.date.isoformat()} ({update.kind}): "
                       f"{escape.terminal(' '.join(update.text.split()))}")
    out += ["", _count(diffs, escape.terminal(revision.name))]
    return "\n".join(out)


def markdown_report(revision: Revision, diffs: list[BriefDiff]) -> str:
    name = escape.markdown(revision.name)
    out = [f"## Fact changes since {name} ({revision.commit[:12]})"]
    for entry in diffs:
        title = f": {escape.markdown(entry.headline)}" if entry.headline else ""
        out += ["", f"### {escape.markdown(entry.slug)}{title}", ""]
        if entry.state:
            out += [f"*{escape.markdown(entry.state)}*", ""]
        if entry.changes:
            out += ["| what | before | after |", "| --- | --- | --- |"]
            out += ["| " + " | ".join(escape.markdown(p) or "—" for p in _change_parts(c)) + " |"
                    for c in entry.changes]
            out.append("")
        if entry.updates:
            out += ["New in the update log:", ""]
            out += [f"- {u.date.isoformat()}, {u.kind}: "
                    f"{escape.markdown(' '.join(u.text.split()))}" for u in entry.updates]
            out.append("")
    if out[-1] != "":
        out.append("")
    out.append(_count(diffs, name))
    return "\n".join(out)


def _count(diffs: list[BriefDiff], name: str) -> str:
    if not diffs:
        return f"No brief's facts changed since {name}."
    return f"{len(diffs)} brief{'s' if len(diffs) != 1 else ''} changed since {name}."
