"""Markdown rules on strings: what each rule catches, and what it must leave alone."""

from __future__ import annotations

import pytest

from briefly.content.markdown_lint import TextField, check_markdown


def problems(text: str) -> list[tuple[int, int, str, str]]:
    field = TextField(text, "brief.md", 10, 1, True, "## What happened")
    return [(p.line, p.column, p.severity, p.message) for p in check_markdown(field)]


@pytest.mark.parametrize("text, expected", [
    ("See [the filing](javascript:alert(1)).",
     (10, 18, "error", "links may not use the 'javascript:' scheme")),
    ("See [the filing][f].\n\n[f]: ftp://example.org/f",
     (12, 6, "error", "links may not use the 'ftp:' scheme")),
    ("Mail <file:///etc/passwd> now.",
     (10, 7, "error", "links may not use the 'file:' scheme")),
    ("Intro.\n![chart][c]",
     (11, 1, "error", "images are not supported: pages load nothing from other sites")),
    ("Placed V4-Pro\n#2 on the index.",
     (11, 1, "warning", "this line starts with '#2', so it becomes a heading")),
    ("Text with <span class=x>markup</span> and <i>more</i>.",
     (10, 11, "warning", "raw HTML '<span class=x>' is shown as text, not as HTML")),
])
def test_each_rule_reports_once_at_its_spot(text: str, expected: tuple) -> None:
    assert problems(text) == [expected]


@pytest.mark.parametrize("text", [
    "Links to [a page](https://example.org/a), [mail](mailto:desk@example.org), "
    "[a section](#sources) and <https://example.org>.",
    "Code is left alone: `<b>`, `![x](y)` and\n\n```\n#2 in a fence\n<i>\n```",
    "A comment <!-- <b> ![x](y) [z](javascript:1) --> is dropped.",
    "## A real heading\n\n\\#2 escaped, and V4-Pro #2 mid-line.",
    "Prices in $ and 5 < 6 > 4 are text.",
])
def test_ordinary_markdown_passes(text: str) -> None:
    assert problems(text) == []
