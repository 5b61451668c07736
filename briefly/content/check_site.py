"""Rules across briefs: every address on the site belongs to exactly one brief."""

from __future__ import annotations

from typing import Mapping, Sequence

from briefly.content.model import Brief
from briefly.errors import Diagnostics

AliasLines = Mapping[str, Sequence[tuple[int, int]]]
"""Per fact sheet path, the (line, column) of each alias, so a clash points at it."""


def check_across_briefs(briefs: Sequence[Brief], diagnostics: Diagnostics,
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
