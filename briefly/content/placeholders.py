"""The scaffold's ``TODO`` markers: a brief is not finished while one is left.

``new`` writes a brief full of ``TODO``s; ``check`` must find every one the
editor has not replaced yet, in the fact sheet and in the article, so the
rule lives with the other checks rather than with the scaffold.
"""

from __future__ import annotations

import re

from briefly.content.located_yaml import format_field_path
from briefly.content.read import RawBrief
from briefly.content.text import strip_comments
from briefly.errors import BriefError

PLACEHOLDER = re.compile(r"\bTODO\b:?")


def placeholder_problems(raw: RawBrief, draft: bool) -> list[BriefError]:
    """Every ``TODO`` still in a brief: a warning in a draft, an error otherwise."""
    severity = "warning" if draft else "error"
    hint = ("replace it before the brief is published" if draft else
            "replace it, or set 'draft: true' until the brief is finished")
    problems = []
    for path, value in _strings(raw.facts, ()):
        if PLACEHOLDER.search(value):
            pos = raw.positions.get(path) or raw.positions.get(path[:-1]) or None
            problems.append(BriefError(raw.facts_path, pos.line if pos else 0,
                                       pos.column if pos else 0,
                                       "placeholder 'TODO' left from the scaffold",
                                       format_field_path(path), hint, severity))
    text = strip_comments("\n".join(section_lines(raw)), keep_length=True)
    for number, line in enumerate(text.split("\n"), start=1):
        match = PLACEHOLDER.search(line)
        if match:
            # The section names where it is, as the fact sheet's field does: the
            # list of what remains then reads as the brief's outline.
            problems.append(BriefError(raw.article_path, number, match.start() + 1,
                                       "placeholder 'TODO' left from the scaffold",
                                       section_at(raw, number), hint, severity))
    return problems


def section_at(raw: RawBrief, line: int) -> str:
    """``## Heading`` of the section holding a line of the article, or "" above the first."""
    headings = [s for s in raw.sections if s.line <= line]
    return f"## {headings[-1].heading.strip()}" if headings else ""


def section_lines(raw: RawBrief) -> list[str]:
    """The article's lines as in the file, rebuilt from its sections."""
    lines: dict[int, str] = {}
    for section in raw.sections:
        lines[section.line] = "## " + section.heading
        for offset, line in enumerate(section.body.split("\n")):
            lines[section.body_line + offset] = line
    return [lines.get(n, "") for n in range(1, max(lines, default=0) + 1)]


def _strings(value: object, path: tuple) -> list[tuple[tuple, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in _strings(item, path + (key,))]
    if isinstance(value, list):
        return [s for i, item in enumerate(value) for s in _strings(item, path + (i,))]
    return []
