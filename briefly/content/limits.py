"""The size limits of a brief, in one place: what Briefly refuses and why.

Content is written by editors but arrives through pull requests, so a file
may be huge or crafted to make a parser slow.  Each limit is far above what
an explainer brief needs (the DeepSeek V4 brief is 6 KB with one 7-row
table) and low enough that the slowest input within all of them still builds
in seconds: Python-Markdown rescans a paragraph for every unclosed ``[``, and
nests lists recursively, so paragraph length, brackets and nesting are
bounded as well as file size.  ``check`` reports a broken limit like any other
error, with the file and line, before anything is rendered.
"""

from __future__ import annotations

import re

from briefly.errors import BriefError
from briefly.content.markdown_lint import TextField

MAX_FILE_BYTES = 128 * 1024
"""Largest facts.yaml or brief.md (a whole brief is typically under 10 KB)."""

MAX_PARAGRAPH_CHARS = 5_000
"""Longest Markdown paragraph (blank-line separated block), in characters."""

MAX_BRACKETS_PER_PARAGRAPH = 40
"""Most ``[`` in one paragraph: links and citations, each costing a rescan."""

MAX_INDENT_COLUMNS = 32
"""Deepest indentation of a Markdown line (8 levels of nested lists)."""

MAX_YAML_DEPTH = 12
"""Deepest nesting of a fact sheet (the schema itself needs 7 levels)."""

MAX_FOLDER_DEPTH = 8
"""Deepest folder nesting under content/ (a brief sits two levels down)."""

MAX_TABLE_ROWS = 100
"""Most rows in one comparison table."""

MAX_TABLE_COLUMNS = 12
"""Most columns in one comparison table."""

MAX_SOURCES = 200
"""Most sources in one brief."""

MAX_REGISTRY_BYTES = 1024 * 1024
"""Largest content/sources.yaml: several thousand sources, each a few lines."""

MAX_REGISTRY_SOURCES = 5_000
"""Most sources in the registry; every brief's check looks ids up in it."""

MAX_FACT_SHEETS = 1_000
"""Most files in content/facts/; each is read on every build."""

MAX_FACTS_PER_SHEET = 500
"""Most facts in one shared fact sheet (a file about one thing)."""


def describe_bytes(size: int) -> str:
    """'5.0 MB', '256 KB': sizes in messages, in the units editors think in."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{size // 1024} KB"


_BLOCKS = re.compile(r"\n[ \t]*\n")


def markdown_size_problem(text: TextField) -> BriefError | None:
    """The first paragraph or line of a Markdown text over the limits, as an error.

    Checked before any other Markdown check or rendering: the texts that fail
    it are neither scanned further nor rendered.
    """
    offset = 0
    for block in _BLOCKS.split(text.text):
        start = text.text.index(block, offset) if block else offset
        offset = start + len(block)
        problem = ""
        if len(block) > MAX_PARAGRAPH_CHARS:
            problem = (f"a paragraph of {len(block):,} characters; the limit is "
                       f"{MAX_PARAGRAPH_CHARS:,}")
        elif block.count("[") > MAX_BRACKETS_PER_PARAGRAPH:
            problem = (f"a paragraph with {block.count('[')} '[' brackets; the limit is "
                       f"{MAX_BRACKETS_PER_PARAGRAPH}")
        else:
            for line in block.split("\n"):
                expanded = line.expandtabs(4)
                indent = len(expanded) - len(expanded.lstrip())
                if line.strip() and indent > MAX_INDENT_COLUMNS:
                    problem = (f"a line indented {indent} columns; the limit is "
                               f"{MAX_INDENT_COLUMNS}")
                    start = text.text.index(line, start)
                    break
        if problem:
            line_number, column = text.locate(start)
            return BriefError(text.path, line_number, column, problem, text.field,
                              "split long paragraphs and flatten deep lists; the limits are "
                              "in briefly/limits.py")
    return None
