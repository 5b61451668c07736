"""Rules across briefs: every address on the site belongs to exactly one brief,
and one topic is written one way."""

from __future__ import annotations

from typing import Mapping, Sequence

from briefly.content.model import Brief
from briefly.errors import Diagnostics

AliasLines = Mapping[str, Sequence[tuple[int, int]]]
"""Per fact sheet path, the (line, column) of each alias, so a clash points at it."""


def check_across_briefs(briefs: Sequence[Brief], diagnostics: Diagnostics,
                        alias_lines: AliasLines) -> None:
    check_aliases(briefs, diagnostics, alias_lines)
    check_topic_spellings(briefs, diagnostics)


def check_aliases(briefs: Sequence[Brief], diagnostics: Diagnostics,
                  alias_lines: AliasLines) -> None:
    owners: dict[str, Brief] = {}
    for brief in briefs:
        owners.setdefault(brief.slug, brief)
    for brief in briefs:
        for index, alias in enumerate(brief.aliases):
            other = owners.get(alias)
            if other is None:
                owners[alias] = brief
                continue
            what = "is this brief's own slug" if other is brief else \
                f"is already used by {other.facts_path.rsplit('/', 1)[0]}"
            lines = alias_lines.get(brief.facts_path, ())
            line, column = lines[index] if index < len(lines) else (0, 0)
            diagnostics.error(brief.facts_path, line, column,
                              f"duplicate slug: alias '{alias}' {what}", f"aliases[{index}]",
                              "each address may point at one brief only; remove the alias "
                              "or rename one of the briefs")


def check_topic_spellings(briefs: Sequence[Brief], diagnostics: Diagnostics) -> None:
    """Names that fold to one topic page ("Grid storage", "grid-storage") are one topic.

    Every brief is listed on that page whichever spelling it uses, but the page
    can show only one: a reader would see one brief's topic renamed.  The
    warning names the brief that wrote it first (by folder), so either can be
    changed to match.
    """
    first: dict[str, tuple[str, Brief]] = {}
    for brief in sorted(briefs, key=lambda b: b.slug):
        for topic in brief.topics:
            seen = first.setdefault(topic.slug, (topic.name, brief))
            if seen[0] == topic.name:
                continue
            diagnostics.warning(
                brief.facts_path, 0, 0,
                f"topic '{topic.name}' is also written '{seen[0]}' in "
                f"{seen[1].facts_path.rsplit('/', 1)[0]}; both briefs are on one topic "
                "page, under one of the two names", "topics",
                f"write it '{seen[0]}' in both briefs, or give the topics distinct names")
