"""The article's shape: two ``## `` sections, in brief.md, and nothing before them.

The rest of a brief lives in facts.yaml; an editor used to other tools puts
front matter or a headline at the top of the article, and is told where
those belong instead.
"""

from __future__ import annotations

import re

from briefly.content.read import RawBrief
from briefly.content.text import strip_comments
from briefly.errors import Diagnostics

WHAT_HAPPENED = "What happened"
NUMBERS_PREFIX = "The numbers"
_FRONT_MATTER = re.compile(r"^(---|\+\+\+)\s*$")


def check_sections(raw: RawBrief, diagnostics: Diagnostics
                   ) -> dict[str, tuple[str, str, int]] | None:
    """The article's two sections by key, or None once what is wrong with them is reported."""
    found: dict[str, tuple[str, str, int]] = {}
    preamble, line = raw.preamble
    if _FRONT_MATTER.match(preamble.split("\n", 1)[0]):
        diagnostics.error(raw.article_path, line, 1,
                               "brief.md starts with a front-matter block (---)",
                               hint="Briefly keeps these fields in facts.yaml: move them "
                                    "there and delete the block")
    elif strip_comments(preamble).strip():
        diagnostics.error(raw.article_path, line, 1,
                               "text before the first '## ' section heading",
                               hint="start the article with '## What happened'; the headline "
                                    "and the answer belong in facts.yaml")
    misnamed = False
    for section in raw.sections:
        heading = section.heading.strip()
        if heading.lower() == WHAT_HAPPENED.lower():
            key = "what_happened"
        elif heading.lower().startswith(NUMBERS_PREFIX.lower()):
            key = "numbers"
        else:
            misnamed = True
            diagnostics.error(
                raw.article_path, section.line, 1, f"unknown section '## {heading}'",
                hint="the article has two sections, '## What happened' and "
                     "'## The numbers…'; the quote, what to watch, FAQ and sources "
                     "go in facts.yaml")
            continue
        if key in found:
            diagnostics.error(raw.article_path, section.line, 1,
                                   f"the section '## {heading}' appears twice",
                                   hint="merge the two sections into one")
            continue
        found[key] = (heading, section.body, section.body_line)
    for key, label in (("what_happened", "## What happened"),
                       ("numbers", "## The numbers: …")):
        if key not in found and not misnamed:  # else the unknown heading says it
            diagnostics.error(raw.article_path, 0, 0,
                                   f"the article has no '{label}' section",
                                   hint=f"add a line '{label}' followed by its text")
    for key, (heading, body, line) in found.items():
        if not strip_comments(body).strip():
            diagnostics.error(raw.article_path, line - 1, 1,
                                   f"the section '## {heading}' is empty",
                                   hint="write the section's text under its heading")
    return found if len(found) == 2 else None
