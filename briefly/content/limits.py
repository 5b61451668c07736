"""The size limits of a brief, in one place: what Briefly refuses and why.

Content is written by editors but arrives through pull requests, so a file
may be huge or crafted to make a parser slow.  Each limit is far above what
an explainer brief needs (the DeepSeek V4 brief is 6 KB with one 7-row
table) and low enough that the slowest input within all of them still builds
in seconds: Python-Markdown rescans a paragraph for every unclosed ``[``, and
nests lists recursively (a line of a few hundred ``- `` exhausts Python's
stack), so paragraph length, brackets and nesting are bounded as well as file
size.  Counts are bounded too, because some outputs grow with a product of
two of them: each topic gets a page and a feed, and each feed entry lists all
of its brief's topics.  ``check`` reports a broken limit like any other
error, with the file and line, before anything is rendered.
"""

from __future__ import annotations

import re

from typing import Any

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

MAX_TABLES = 10
"""Most comparison tables in one brief (each is also a CSV file and charts)."""

MAX_TOPICS = 12
"""Most topics of one brief: each is a page and a feed, and every entry lists them all."""

MAX_ALIASES = 20
"""Most old slugs of one brief, each a redirect page."""

MAX_SLUG_CHARS = 100
"""Longest brief folder name: file systems refuse names past 255 bytes, and the
cache and the build's temporary files add to the name."""

MAX_NAME_CHARS = 120
"""Longest topic name: a few words (its address keeps the first 60 characters)."""

MAX_WORD_CHARS = 64
"""Longest word of a headline, kicker, dek or topic: lines are wrapped at spaces."""

MAX_LIST_NESTING = 8
"""Most list or quote markers opening one Markdown line (``- - - x`` nests three lists)."""

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
_MARKERS = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)|>[ \t]*)")
_RULE = re.compile(r"[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*")


def list_nesting(line: str) -> int:
    """How many lists and quotes a line opens at once: "- - > 1. x" opens four.

    A thematic break ("- - -", "* * *") is a line of its own kind, not a nest.
    """
    if _RULE.fullmatch(line):
        return 0
    depth, at = 0, 0
    while (found := _MARKERS.match(line, at)) and found.end() > at:
        depth, at = depth + 1, found.end()
    return depth


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
                elif (nesting := list_nesting(line)) > MAX_LIST_NESTING:
                    problem = (f"a line opening {nesting} nested lists or quotes; the limit "
                               f"is {MAX_LIST_NESTING}")
                if problem:
                    start = text.text.index(line, start)
                    break
        if problem:
            line_number, column = text.locate(start)
            return BriefError(text.path, line_number, column, problem, text.field,
                              "split long paragraphs and flatten deep lists; the limits are "
                              "in CONTRIBUTING.md")
    return None


Problem = tuple[tuple[Any, ...], str, str]
"""A field path, the message, the hint: where and what of one broken count."""


def count_problems(data: dict[str, Any]) -> list[Problem]:
    """The limits on counts and names of a fact sheet that passed its schema."""
    found: list[Problem] = []

    def over(path: tuple[Any, ...], items: Any, limit: int, noun: str, hint: str) -> None:
        if len(items or ()) > limit:
            found.append((path, f"{len(items)} {noun}; the limit is {limit}", hint))

    over(("sources",), data["sources"], MAX_SOURCES, "sources",
         "keep the sources the brief relies on")
    over(("topics",), data["topics"], MAX_TOPICS, "topics",
         "name the few topics a reader would follow the brief under")
    over(("aliases",), data["aliases"], MAX_ALIASES, "aliases",
         "keep the old addresses that were really shared")
    tables = data["numbers"]["tables"] or ()
    over(("numbers", "tables"), tables, MAX_TABLES, "tables",
         "a brief compares a few things; link to the full data")
    for t, table in enumerate(tables[:MAX_TABLES]):
        path = ("numbers", "tables", t)
        over(path + ("rows",), (table or {}).get("rows"), MAX_TABLE_ROWS, "rows",
             "a brief's table compares a few measures; link to the full data")
        over(path + ("columns",), (table or {}).get("columns"), MAX_TABLE_COLUMNS, "columns",
             "split the comparison into several tables")
    for i, name in enumerate((data["topics"] or ())[:MAX_TOPICS]):
        if len(name) > MAX_NAME_CHARS:
            found.append((("topics", i), f"a topic name of {len(name)} characters; the limit "
                          f"is {MAX_NAME_CHARS}", "name the topic in a few words"))
    for path, text in [(("headline",), data["headline"]), (("kicker",), data["kicker"]),
                       (("dek",), data["dek"]),
                       *((("topics", i), n) for i, n in enumerate(data["topics"] or ()))]:
        longest = max((text or "").split(), key=len, default="")
        if len(longest) > MAX_WORD_CHARS:
            found.append((path, f"a word of {len(longest):,} characters ('{longest[:20]}…'); "
                          f"the limit is {MAX_WORD_CHARS}",
                          "put spaces between the words, so the line can wrap"))
    return found
