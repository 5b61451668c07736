"""The indentation of a YAML file as an editor sees it: lines, their levels and columns.

A line indented a space off is the commonest mistake and the parser reports
it a line late and in its own terms; these types let the explainers compare
a line with its siblings instead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from briefly.content.yaml_reading import Explanation, after_dash, commonest_step, indented, is_key, is_list_item, shorten, spaces, without_comment


@dataclass(frozen=True)
class Line:
    """A line that carries structure: a key, or a list's '- ' item."""

    number: int
    indent: int
    content: str  # after the indentation, without a trailing comment
    item: bool
    inline: bool = False  # the key right after '- ': it shares its line with the item

    @property
    def label(self) -> str:
        """How a hint names the line: its key (``'title:'``) or its item's start."""
        text, prefix = self.content, ""
        if self.item:
            prefix, text = "- ", after_dash(text)[1]
        key_end = text.find(": ")
        if key_end > 0 and text[0] not in "{[\"'":
            text = text[:key_end + 1]
        return prefix + shorten(text, 30)


@dataclass
class Level:
    """A column that the keys of one mapping, or the items of one list, share."""

    indent: int
    first: Line
    last: Line
    items: int = 0
    keys: int = 0
    step: int = -1  # how much deeper than the line that opened it; -1: no such line
    firsts: dict[bool, Line] = field(default_factory=dict)  # first item, first key

    def add(self, line: Line) -> None:
        self.last = line
        if not self.holds(line):
            self.firsts[line.item] = line
        if line.item:
            self.items += 1
        else:
            self.keys += 1

    def holds(self, line: Line) -> int:
        return self.items if line.item else self.keys


@dataclass(frozen=True)
class Misfit:
    """A line whose indentation matches none of the columns open above it."""

    line: Line
    between: list[Level]  # the columns it falls between, deepest first
    parent_indent: int  # the column that holds them all (-1: the file's top)
    steps: Counter[int]  # how much deeper than their key the file indents blocks
    after: Line | None  # the structural line above it


class Columns:
    """The columns open as the lines are read top to bottom.

    A line must start in one of them, or start a new, deeper one right
    after a line that opens a block (``key:`` with no value, or ``-``); a
    deeper line after a value is that value's text wrapped.
    """

    def __init__(self) -> None:
        self.levels: list[Level] = []
        self.previous: Line | None = None
        self.steps: Counter[int] = Counter()
        self.closed: list[Level] = []  # the columns the last line placed ended
        self.earlier: Line | None = None  # the structural line before the previous one

    @property
    def usual_step(self) -> int:
        return commonest_step(self.steps)

    @classmethod
    def read(cls, lines: Sequence[str], last: int) -> Columns:
        columns = cls()
        for line in structure(lines, last):
            if columns.place(line) is not None:
                break
        return columns

    def place(self, line: Line) -> Misfit | None:
        top = self.levels[-1].indent if self.levels else -1
        self.closed = []
        if line.indent > top:
            if self.previous is not None and not opens(self.previous):
                return None  # wrapped text of the value above
            step = line.indent - inner_column(self.previous) if self.previous else -1
            self._open(line, step)
            if step >= 0:
                self.steps[step] += 1
        else:
            dropped: list[Level] = []
            while self.levels and self.levels[-1].indent > line.indent:
                dropped.append(self.levels.pop())
            if not self.levels or self.levels[-1].indent < line.indent:
                parent = self.levels[-1].indent if self.levels else -1
                return Misfit(line, dropped + self.levels[-1:], parent, self.steps,
                               self.previous)
            if not self._may_join(self.levels[-1], line):
                parent = self.levels[-2].indent if len(self.levels) > 1 else -1
                return Misfit(line, dropped + self.levels[-2:][::-1], parent,
                               self.steps, self.previous)
            self.closed = dropped
            self.levels[-1].add(line)
        self._open_inline(line)
        self.earlier, self.previous = self.previous, line
        return None

    def deeper_than_allowed(self, line: Line) -> Misfit | None:
        """The line the parser refused, read as wrapped text: it was meant deeper or level.

        Text may wrap onto deeper lines, but the parser stopped here, so
        this line was not wrapped text: it is indented past its siblings.
        """
        if not self.levels or self.previous is None or opens(self.previous):
            return None
        if line.indent <= self.levels[-1].indent:
            return None
        parent = self.levels[-2].indent if len(self.levels) > 1 else -1
        return Misfit(line, self.levels[::-1], parent, self.steps, self.previous)

    def _may_join(self, level: Level, line: Line) -> bool:
        """A list may share its key's column, but a key may not join a list's column."""
        if level.first.item:
            return line.item
        if not line.item:
            return True
        return level.last.item or (level.last is self.previous and opens(level.last))

    def _open(self, line: Line, step: int = -1) -> None:
        level = Level(line.indent, line, line, step=step)
        level.add(line)
        self.levels.append(level)

    def _open_inline(self, line: Line) -> None:
        """``- id: a`` also starts a mapping whose keys line up with ``id``."""
        indent, content = line.indent, line.content
        while content.startswith("- "):
            offset, content = after_dash(content)
            indent += offset
            if content and not content.startswith("- ") and is_key(content):
                self._open(Line(line.number, indent, content, False, True))
            elif content.startswith("- "):
                self._open(Line(line.number, indent, content, True, True))


def structure(lines: Sequence[str], last: int) -> Iterator[Line]:
    """The lines that carry structure, up to ``last``: no blanks, comments or block text.

    A ``|`` or ``>`` text's first line sets its indentation, as in YAML: a
    later line indented less ends the text, even if deeper than the key.
    """
    text_deeper_than = -1  # inside a | or > block: its lines are indented more than this
    text_indent = -1  # the indentation its first line set
    for number in range(1, min(last, len(lines)) + 1):
        raw = lines[number - 1]
        text = raw.lstrip(" ")
        indent = len(raw) - len(text)
        if text_deeper_than >= 0:
            if not text.strip():
                continue
            if text_indent < 0 and indent > text_deeper_than:
                text_indent = indent
            if text_indent >= 0 and indent >= text_indent:
                continue
            text_deeper_than = text_indent = -1
        content = without_comment(text).rstrip()
        if not content or content in ("---", "...") or content.startswith("%"):
            continue
        line = Line(number, indent, content, is_list_item(content))
        text_deeper_than = block_text_parent(line)
        yield line


def inner_column(line: Line) -> int:
    """The column of the line's innermost key or item text (past any '- ')."""
    indent, content = line.indent, line.content
    while content.startswith("- "):
        offset, content = after_dash(content)
        indent += offset
    return indent


def opens(line: Line) -> bool:
    """True when the lines after this one, indented deeper, are its contents."""
    return line.content.endswith(":") or line.content == "-"


def block_text_parent(line: Line) -> int:
    """For a line ending in ``|`` or ``>``, the indent its text lines exceed; else -1."""
    column, content, parent = line.indent, line.content, line.indent
    while content.startswith("- "):
        parent = column
        offset, content = after_dash(content)
        column += offset
    key_end = content.find(": ")
    if key_end >= 0:
        parent, content = column, content[key_end + 2:].strip()
    if content[:1] in ("|", ">") and all(c in "+-0123456789" for c in content[1:]):
        return parent
    return -1


def nearest(line: Line, levels: Sequence[Level]) -> Level:
    """The column a misplaced line was meant for: one holding lines of its kind, nearest."""
    levels = [level for level in levels if level.indent != line.indent] or list(levels)
    alike = [level for level in levels if level.holds(line)] or levels
    return min(alike, key=lambda level: (abs(level.indent - line.indent), -level.indent))


def indent_explanation(line: Line, expected: int, sibling: Line) -> Explanation:
    usual = (f"the items around it use {expected}" if expected
             else "the items around it are not indented")
    return Explanation(line.number, line.indent + 1,
                       f"{indented(line.indent)}; {usual}",
                       line_up(expected, sibling, line.number))


def line_up(indent: int, sibling: Line, number: int) -> str:
    where = "the line above" if sibling.number == number - 1 else f"line {sibling.number}"
    return f"line it up with {where} ({spaces(indent)}, like '{sibling.label}')"
