"""Editors' text in reports: one line for a terminal, inert in Markdown.

Reports quote what editors wrote, and a pull request may carry anything:
a control character that recolours a terminal or forges a line, or
Markdown that turns a job summary into links, images, maths or a broken
table.  Text is escaped on the way out, never trusted.
"""

from __future__ import annotations

import re

from briefly.errors import one_line

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+!|~$&:\-.])")


def terminal(text: str) -> str:
    """Control characters shown as escapes (``\\n``, ``\\x1b``), as check does."""
    return one_line(text)


def markdown(text: str) -> str:
    """Plain text in Markdown, table cells included: every punctuation mark escaped."""
    return _MARKDOWN.sub(r"\\\1", terminal(text))
