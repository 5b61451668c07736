"""Plain words for a YAML syntax error, read from the lines around it.

PyYAML says what its parser expected ("expected <block end>, but found
'<block mapping start>'"), which tells an editor nothing.  The mistakes
behind such errors are few: a line indented a space off, a tab, a quote or
bracket never closed, a colon in an unquoted value.  Each shows in the text
near the parser's mark, so we read those lines, name the mistake and show
the fix; an error we do not recognise keeps the parser's words.

A broken file may be hostile as well as mistaken: every reading here is one
pass over the lines with string methods, never a regular expression that
could backtrack.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

import yaml

COLON_MESSAGE = 'a value containing ": " must be in quotes'
FLOW_COLON_MESSAGE = 'a value containing ": " inside {…} or […] must be in quotes: '
_BREAKS = str.maketrans({"\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_SHOWN_CHARS = 120  # longest editor's text quoted whole in a message
_DEFAULT_STEP = 2  # the indentation of the scaffold, when a file shows none of its own


@dataclass(frozen=True)
class Explanation:
    """A mistake in the editor's terms: where it is, what it is, how to fix it."""

    line: int
    column: int
    message: str
    hint: str


def yaml_lines(text: str) -> list[str]:
    """The lines as YAML counts them, so that a parser mark's line indexes this list."""
    return text.replace("\r\n", "\n").translate(_BREAKS).split("\n")


def in_quotes(text: str) -> str:
    """``text`` as a quoted YAML value that reads back as exactly ``text``.

    Double quotes read most naturally, but inside them a backslash starts an
    escape; single quotes take any text once their own quote is doubled.
    """
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def shorten(text: str, limit: int = _SHOWN_CHARS) -> str:
    """Editors' text for a message: whole when short, else its start and '…'."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def explain_syntax_error(text: str, error: yaml.MarkedYAMLError) -> Explanation | None:
    """The editor's mistake behind a parser error, or None when the text does not show one."""
    if error.problem_mark is None:
        return None
    found = _Error.of(text, error)
    for explain in _EXPLAINERS:
        explanation = explain(found)
        if explanation is not None:
            return explanation
    return None


@dataclass(frozen=True)
class _Error:
    """A parser error with the file's lines, its marks made 1-based."""

    text: str
    lines: list[str]
    problem: str
    context: str
    line: int
    column: int
    context_line: int  # 0 when the parser gave no context mark
    context_column: int

    @classmethod
    def of(cls, text: str, error: yaml.MarkedYAMLError) -> _Error:
        mark, context = error.problem_mark, error.context_mark
        return cls(text, yaml_lines(text), str(error.problem or ""), str(error.context or ""),
                   mark.line + 1, mark.column + 1,
                   context.line + 1 if context else 0, context.column + 1 if context else 0)

    def at(self, number: int) -> str:
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""


# -- quotes ---------------------------------------------------------------

def _quotes(error: _Error) -> Explanation | None:
    """A quote never closed, or closed too early by a quote inside the value.

    An unclosed quote runs on until the next quote character in the file,
    often a line or two down, and the parser complains there; the quoted
    value spanning lines up to the complaint is what gives it away.
    """
    if error.context == "while scanning a quoted scalar" and error.context_line:
        return _never_closed(error, error.context_line, error.context_column)
    if not error.problem.startswith("expected"):
        return None
    token = _last_quoted_value(error)
    if token is None or token.end_mark.line + 1 != error.line:
        return None
    if token.start_mark.line + 1 < error.line:
        return _never_closed(error, token.start_mark.line + 1, token.start_mark.column + 1)
    if error.problem.endswith("but found '<scalar>'"):
        return _closed_early(token)
    return None


def _last_quoted_value(error: _Error) -> yaml.ScalarToken | None:
    last = None
    try:
        for token in yaml.scan(error.text, Loader=yaml.SafeLoader):
            start = token.start_mark
            if (start.line + 1, start.column + 1) >= (error.line, error.column):
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                last = token
    except yaml.YAMLError:
        pass
    return last


def _never_closed(error: _Error, line: int, column: int) -> Explanation:
    text = error.at(line)
    quote = text[column - 1] if 0 < column <= len(text) else '"'
    hint = f"add the closing {quote} at the end of the value"
    opened_inside_brackets = any(c in "[{" for c in text[:column - 1])
    if not opened_inside_brackets:
        hint += ": " + shorten(text.strip() + quote)
    return Explanation(line, column, "this quote is never closed", hint)


def _closed_early(token: yaml.ScalarToken) -> Explanation:
    quote = token.style
    if quote == "'":
        hint = """inside '…' write each ' as two ('') or put the whole value in "…" instead"""
    else:
        hint = """inside "…" write each " as \\" or put the whole value in '…' instead"""
    return Explanation(token.start_mark.line + 1, token.start_mark.column + 1,
                       f"this value's closing {quote} comes too early, after "
                       f"'{shorten(token.value, 40)}'", hint)


# -- tabs -----------------------------------------------------------------

def _tab(error: _Error) -> Explanation | None:
    if "found character '\\t'" not in error.problem:
        return None
    line = error.at(error.line)
    if line[:error.column - 1].strip(" "):
        return Explanation(error.line, error.column,
                           "this line has a tab where YAML needs a space",
                           "replace the tab with a space")
    return Explanation(error.line, error.column,
                       "this line is indented with a tab; YAML indents with spaces only",
                       "replace the tab with spaces" + _tab_indent(error))


def _tab_indent(error: _Error) -> str:
    """How many spaces the tab stands for: the column the lines above say it belongs in."""
    columns = _Columns.read(error.lines, error.line - 1)
    previous = columns.previous
    if previous is None:
        return ""
    text_parent = _block_text_parent(previous)
    if text_parent >= 0 and _starts_with_key(error.at(error.line).lstrip(" \t")):
        text_parent = -1  # a key after a block of text, not more of the text
    if text_parent >= 0 and previous.number < error.line - 1:
        above = error.at(error.line - 1)
        if above.strip():
            return f": {_spaces(_indent_of(above))}, like the line above"
    if text_parent >= 0:
        return f": {_spaces(text_parent + 2)}, 2 more than '{previous.label}' above"
    if _opens(previous):
        return f": {_spaces(_inner_column(previous) + 2)}, 2 more than the line above"
    if not columns.levels:
        return ""
    level = columns.levels[-1]
    return ": " + _line_up(level.indent, level.last, error.line)


# -- brackets and colons inside them --------------------------------------

def _unclosed_bracket(error: _Error) -> Explanation | None:
    """A ``[`` or ``{`` whose closing bracket never comes, so the file ends inside it."""
    if error.context == "while parsing a flow node" and error.problem.endswith("'<stream end>'"):
        line, column = _last_open_bracket(error)
    elif error.context in ("while parsing a flow sequence", "while parsing a flow mapping"):
        line, column = error.context_line, error.context_column
        if not line or error.line <= line or _closes_on_its_line(error.at(line), column):
            return None
    else:
        return None
    opening = error.at(line)[column - 1:column] if line else ""
    if opening not in ("[", "{"):
        return None
    closing, what = ("]", "list") if opening == "[" else ("}", "entry")
    return Explanation(line, column, f"this {opening} is never closed",
                       f"add the closing {closing} at the end of the {what}, on the same line")


def _closes_on_its_line(text: str, column: int) -> bool:
    opening = text[column - 1:column]
    closing = "]" if opening == "[" else "}"
    depth = 0
    for char in text[column - 1:]:
        depth += (char == opening) - (char == closing)
    return depth <= 0


def _last_open_bracket(error: _Error) -> tuple[int, int]:
    """The innermost bracket still open when the file ends, from the scanner's tokens."""
    opened: list[yaml.Token] = []
    try:
        for token in yaml.scan(error.text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                opened.append(token)
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                if opened:
                    opened.pop()
    except yaml.YAMLError:
        pass
    if not opened:
        return 0, 0
    mark = opened[-1].start_mark
    return mark.line + 1, mark.column + 1


def _colon_in_brackets(error: _Error) -> Explanation | None:
    if not (error.problem.startswith("expected ',' or") and error.problem.endswith("but got ':'")):
        return None
    if error.line != error.context_line:
        return None
    text = error.at(error.line)
    colon = error.column - 1
    if text[colon:colon + 1] != ":":
        return None
    key_colon = text.rfind(": ", 0, colon)
    opener = max(text.rfind(",", 0, colon), text.rfind("{", 0, colon), text.rfind("[", 0, colon))
    start = max(key_colon + 1, opener) + 1
    while start < colon and text[start] == " ":
        start += 1
    ends = [i for i in (text.find(",", colon), text.find("}", colon), text.find("]", colon))
            if i != -1]
    end = min(ends) if ends else len(text)
    value = text[start:end].strip()
    if not value:
        return None
    quoted = in_quotes(value)
    key = ""
    if key_colon > opener:
        key_start = max(text.rfind(",", 0, key_colon), text.rfind("{", 0, key_colon),
                        text.rfind("[", 0, key_colon)) + 1
        key = text[key_start:key_colon].strip()
    fixed = f"{key}: {quoted}" if key else quoted
    return Explanation(error.line, start + 1, FLOW_COLON_MESSAGE + shorten(quoted),
                       f"write {shorten(fixed)}")


# -- indentation ------------------------------------------------------------

@dataclass(frozen=True)
class _Line:
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
            prefix, text = "- ", _after_dash(text)[1]
        key_end = text.find(": ")
        if key_end > 0 and text[0] not in "{[\"'":
            text = text[:key_end + 1]
        return prefix + shorten(text, 30)


@dataclass
class _Level:
    """A column that the keys of one mapping, or the items of one list, share."""

    indent: int
    first: _Line
    last: _Line
    items: int = 0
    keys: int = 0
    step: int = -1  # how much deeper than the line that opened it; -1: no such line
    firsts: dict[bool, _Line] = field(default_factory=dict)  # first item, first key

    def add(self, line: _Line) -> None:
        self.last = line
        if not self.holds(line):
            self.firsts[line.item] = line
        if line.item:
            self.items += 1
        else:
            self.keys += 1

    def holds(self, line: _Line) -> int:
        return self.items if line.item else self.keys


@dataclass(frozen=True)
class _Misfit:
    """A line whose indentation matches none of the columns open above it."""

    line: _Line
    between: list[_Level]  # the columns it falls between, deepest first
    parent_indent: int  # the column that holds them all (-1: the file's top)
    steps: Counter[int]  # how much deeper than their key the file indents blocks
    after: _Line | None  # the structural line above it


class _Columns:
    """The columns open as the lines are read top to bottom.

    A line must start in one of them, or start a new, deeper one right
    after a line that opens a block (``key:`` with no value, or ``-``); a
    deeper line after a value is that value's text wrapped.
    """

    def __init__(self) -> None:
        self.levels: list[_Level] = []
        self.previous: _Line | None = None
        self.steps: Counter[int] = Counter()
        self.closed: list[_Level] = []  # the columns the last line placed ended
        self.earlier: _Line | None = None  # the structural line before the previous one

    @property
    def usual_step(self) -> int:
        return _usual(self.steps)

    @classmethod
    def read(cls, lines: Sequence[str], last: int) -> _Columns:
        columns = cls()
        for line in _structure(lines, last):
            if columns.place(line) is not None:
                break
        return columns

    def place(self, line: _Line) -> _Misfit | None:
        top = self.levels[-1].indent if self.levels else -1
        self.closed = []
        if line.indent > top:
            if self.previous is not None and not _opens(self.previous):
                return None  # wrapped text of the value above
            step = line.indent - _inner_column(self.previous) if self.previous else -1
            self._open(line, step)
            if step >= 0:
                self.steps[step] += 1
        else:
            dropped: list[_Level] = []
            while self.levels and self.levels[-1].indent > line.indent:
                dropped.append(self.levels.pop())
            if not self.levels or self.levels[-1].indent < line.indent:
                parent = self.levels[-1].indent if self.levels else -1
                return _Misfit(line, dropped + self.levels[-1:], parent, self.steps,
                               self.previous)
            if not self._may_join(self.levels[-1], line):
                parent = self.levels[-2].indent if len(self.levels) > 1 else -1
                return _Misfit(line, dropped + self.levels[-2:][::-1], parent,
                               self.steps, self.previous)
            self.closed = dropped
            self.levels[-1].add(line)
        self._open_inline(line)
        self.earlier, self.previous = self.previous, line
        return None

    def deeper_than_allowed(self, line: _Line) -> _Misfit | None:
        """The line the parser refused, read as wrapped text: it was meant deeper or level.

        Text may wrap onto deeper lines, but the parser stopped here, so
        this line was not wrapped text: it is indented past its siblings.
        """
        if not self.levels or self.previous is None or _opens(self.previous):
            return None
        if line.indent <= self.levels[-1].indent:
            return None
        parent = self.levels[-2].indent if len(self.levels) > 1 else -1
        return _Misfit(line, self.levels[::-1], parent, self.steps, self.previous)

    def _may_join(self, level: _Level, line: _Line) -> bool:
        """A list may share its key's column, but a key may not join a list's column."""
        if level.first.item:
            return line.item
        if not line.item:
            return True
        return level.last.item or (level.last is self.previous and _opens(level.last))

    def _open(self, line: _Line, step: int = -1) -> None:
        level = _Level(line.indent, line, line, step=step)
        level.add(line)
        self.levels.append(level)

    def _open_inline(self, line: _Line) -> None:
        """``- id: a`` also starts a mapping whose keys line up with ``id``."""
        indent, content = line.indent, line.content
        while content.startswith("- "):
            offset, content = _after_dash(content)
            indent += offset
            if content and not content.startswith("- ") and _is_key(content):
                self._open(_Line(line.number, indent, content, False, True))
            elif content.startswith("- "):
                self._open(_Line(line.number, indent, content, True, True))


def _structure(lines: Sequence[str], last: int) -> Iterator[_Line]:
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
        content = _without_comment(text).rstrip()
        if not content or content in ("---", "...") or content.startswith("%"):
            continue
        line = _Line(number, indent, content, _is_item(content))
        text_deeper_than = _block_text_parent(line)
        yield line


def _misfit_explained(error: _Error) -> Explanation | None:
    """A line between the columns of its neighbours, found near the parser's mark.

    The parser notices a misplaced line only where the structure it expected
    ends, so its mark may sit on the line after the culprit; we read the
    columns from the top and take the first line that fits none of them,
    provided it lies where the parser was looking.
    """
    if not error.problem.startswith(("expected <block end>", "expected '<document start>'")):
        return None
    columns = _Columns()
    lines = list(_structure(error.lines, len(error.lines)))
    for index, line in enumerate(lines):
        if line.number > error.line:
            break
        misfit = columns.deeper_than_allowed(line) if line.number == error.line else None
        if misfit is not None:
            pulled = _text_left_early(error, line, columns) or _left_of_block(line, columns)
            if pulled is not None:
                return pulled
        misfit = misfit or columns.place(line)
        if misfit is not None:
            if line.number >= (error.context_line or 1):
                return _misfit_message(misfit, lines[index + 1:])
            break
    if error.problem.endswith(("'<block mapping start>'", "'<block sequence start>'")):
        return Explanation(error.line, error.column,
                           "this line's indentation does not match the lines above it",
                           "the keys of one mapping, and the '- ' items of one list, "
                           "start in the same column")
    return None


def _misfit_message(misfit: _Misfit, after: Sequence[_Line]) -> Explanation:
    line = misfit.line
    above = misfit.after
    if (above is not None and above.number == line.number - 1
            and _block_text_parent(above) >= line.indent):
        return Explanation(line.number, line.indent + 1,
                           f"{_text_indented(line.indent)}, no deeper than "
                           f"the '{above.label}' it belongs to",
                           f"indent the text more than line {above.number}, or that line less")
    if not any(level.holds(line) for level in misfit.between):
        return _opener_too_deep(line, misfit) or _mixed(line)
    level = _nearest(line, misfit.between)
    opener = _first_item_off(line, level, misfit.between, misfit.steps)
    if opener is not None:
        return opener
    # Several lines may share the odd column: whichever column most of the
    # siblings use is the pattern, and the other one is the mistake.
    odd, usual = 1, level.holds(line)
    for later in after:
        if later.indent <= misfit.parent_indent:
            break
        if later.item == line.item:
            odd += later.indent == line.indent
            usual += later.indent == level.indent
    first = level.firsts[line.item]
    if odd > usual and not first.inline:
        return _indent_explanation(first, line.indent, line)
    return _indent_explanation(line, level.indent, level.last)


def _opener_too_deep(line: _Line, misfit: _Misfit) -> Explanation | None:
    """``tables:`` indented past the ``- `` items that follow it, which then belong nowhere."""
    opener = misfit.after
    if opener is None or not _opens(opener) or opener.indent <= line.indent:
        return None
    level = next((lv for lv in misfit.between if lv.last is opener), None)
    if level is None or level.first is not opener or level.step < 0:
        return None
    target = opener.indent - level.step + _usual(misfit.steps, level.step)
    if target < 0 or target > line.indent or (target == line.indent and not line.item):
        return None
    return Explanation(opener.number, opener.indent + 1,
                       f"{_indented(opener.indent)}, more than the lines under it",
                       f"indent it {_spaces(target)}, so that the lines under it "
                       f"({_spaces(line.indent)}) are inside it")


def _mixed(line: _Line) -> Explanation:
    """A '- ' item among keys, or a key among items: no column is the right one."""
    if line.item:
        return Explanation(line.number, line.indent + 1,
                           "this '- ' item is in the middle of key: value lines",
                           "give the list its own key (a line 'key:' with the items indented "
                           "under it), or remove the '- '")
    return Explanation(line.number, line.indent + 1,
                       "this key: value line is in the middle of a list of '- ' items",
                       "start it with '- ' to make it an item, or move it out of the list")


def _nearest(line: _Line, levels: Sequence[_Level]) -> _Level:
    """The column a misplaced line was meant for: one holding lines of its kind, nearest."""
    levels = [level for level in levels if level.indent != line.indent] or list(levels)
    alike = [level for level in levels if level.holds(line)] or levels
    return min(alike, key=lambda level: (abs(level.indent - line.indent), -level.indent))


def _over_indented(error: _Error) -> Explanation | None:
    """``key:`` indented deeper than its siblings reads as the value above, wrapped.

    The parser then finds a second ``: `` in that value; the line's shape
    (nothing but a one-word key before the colon) says it was meant as a key.
    """
    if error.problem != "mapping values are not allowed here":
        return None
    raw = error.at(error.line)
    text = raw.lstrip(" ")
    indent = len(raw) - len(text)
    head = text[:error.column - 1 - indent]
    is_item = _is_item(head)
    if is_item:
        head = _after_dash(head)[1]
    if not _one_word(head):
        return None
    columns = _Columns.read(error.lines, error.line - 1)
    if not columns.levels or indent <= columns.levels[-1].indent:
        return None
    if columns.previous is None or _opens(columns.previous):
        return None
    line = _Line(error.line, indent, text, is_item)
    back = (_text_left_early(error, line, columns) or _left_of_block(line, columns)
            or _left_early(line, columns))
    if back is not None:
        return back
    levels = columns.levels[::-1]
    level = _nearest(line, levels)
    return (_first_item_off(line, level, levels, columns.steps)
            or _indent_explanation(line, level.indent, level.last))


def _text_left_early(error: _Error, line: _Line, columns: _Columns) -> Explanation | None:
    """A line of a ``|`` or ``>`` text pulled left, out of the text, which then goes on.

    The line ends the text and reads as a key (prose often holds ``: ``);
    the text's next line, back in the text's column, is what the parser
    refuses.
    """
    pulled, opener = columns.previous, columns.earlier
    if pulled is None or opener is None or pulled.number <= opener.number + 1:
        return None
    parent = _block_text_parent(opener)
    if parent < 0 or pulled.indent > parent or _starts_with_key(pulled.content):
        return None
    above = next((number for number in range(pulled.number - 1, opener.number, -1)
                  if error.at(number).strip()), 0)
    if not above or _indent_of(error.at(above)) != line.indent:
        return None
    where = "the line above" if above == pulled.number - 1 else f"line {above}"
    return Explanation(pulled.number, pulled.indent + 1,
                       f"{_indented(pulled.indent)}; the other lines of this text use "
                       f"{line.indent}",
                       f"line it up with {where} ({_spaces(line.indent)})")


def _left_of_block(line: _Line, columns: _Columns) -> Explanation | None:
    """The first key under ``quote:`` not indented, the keys after it indented.

    That key leaves ``quote`` empty, and the next line, indented as the
    quote's keys are, is what the parser refuses.
    """
    first, opener = columns.previous, columns.earlier
    if first is None or opener is None or not _opens(opener) or first.item:
        return None
    if first.indent > opener.indent or line.indent <= opener.indent or line.item:
        return None
    return Explanation(first.number, first.indent + 1,
                       f"{_indented(first.indent)}; the lines under '{opener.label}' use "
                       f"{line.indent}",
                       f"indent it {_spaces(line.indent)}, like line {line.number}, to put it "
                       f"under '{opener.label}' on the line above")


def _left_early(line: _Line, columns: _Columns) -> Explanation | None:
    """A key moved left out of its mapping, seen only on the next line, which stayed.

    ``speaker:`` pulled to the margin ends the ``quote`` mapping; the next
    line, still in the quote's column, then reads as the speaker's value
    wrapped.  The column the next line returns to says where ``speaker:``
    belonged.
    """
    previous = columns.previous
    if previous is None or previous.indent >= line.indent:
        return None
    ended = next((level for level in columns.closed
                  if level.indent == line.indent and level.holds(line)), None)
    if ended is None or ended.holds(previous) == 0:
        return None
    return _indent_explanation(previous, ended.indent, ended.last)


def _first_item_off(line: _Line, level: _Level, levels: Sequence[_Level],
                    steps: Counter[int]) -> Explanation | None:
    """The first ``- key:`` of a list indented off, seen only on the line under it.

    Nothing fixes where a list's first item starts, so the parser accepts
    it and stumbles on the item's second key instead.  When moving the item
    line would both line its keys up and give the list the file's usual
    indentation, the item line is the mistake.
    """
    if line.item:
        return _first_of_list_off(line, level, steps)
    if not level.first.inline or level.keys != 1 or level.items:
        return None
    holder = next((lv for lv in levels if lv.last.number == level.first.number
                   and lv.last.item and not lv.last.inline), None)
    if holder is None or holder.items != 1:
        return None
    first = holder.last
    # A list's first item either opened its column or joined its key's.
    step = holder.step if holder.first is first else 0
    shift = line.indent - level.indent
    usual_step = _usual(steps, step)
    if step < 0 or step == usual_step or step + shift != usual_step:
        return None
    where = "the line below" if line.number == first.number + 1 else f"line {line.number}"
    return Explanation(first.number, first.indent + 1,
                       f"{_indented(first.indent)}; the lines under it "
                       f"need {first.indent + shift}",
                       f"indent it {_spaces(first.indent + shift)}, so that "
                       f"'{level.first.label}' lines up with '{line.label}' on {where}")


def _first_of_list_off(line: _Line, level: _Level, steps: Counter[int]) -> Explanation | None:
    """The first ``- value`` of a list indented off, and the second one right."""
    first = level.firsts.get(True)
    if first is None or level.items != 1 or first is not level.last:
        return None
    # A list's first item either opened its column or joined its key's.
    step = level.step if level.first is first else 0
    shift = line.indent - level.indent
    usual_step = _usual(steps, step)
    if step < 0 or step == usual_step or step + shift != usual_step:
        return None
    return _indent_explanation(first, line.indent, line)


def _indent_explanation(line: _Line, expected: int, sibling: _Line) -> Explanation:
    usual = (f"the items around it use {expected}" if expected
             else "the items around it are not indented")
    return Explanation(line.number, line.indent + 1,
                       f"{_indented(line.indent)}; {usual}",
                       _line_up(expected, sibling, line.number))


def _line_up(indent: int, sibling: _Line, number: int) -> str:
    where = "the line above" if sibling.number == number - 1 else f"line {sibling.number}"
    return f"line it up with {where} ({_spaces(indent)}, like '{sibling.label}')"


# -- colons in values -------------------------------------------------------

def _colon_in_value(error: _Error) -> Explanation | None:
    """``dek: Why it matters: prices fall``: the second ``: `` needs the value quoted."""
    if error.problem != "mapping values are not allowed here":
        return None
    key_line, key, value = _value_with_colon(error)
    if not key or not value or value[0] in "\"'":
        return None
    prefix = "- " if _is_item(error.at(key_line).lstrip(" ")) else ""
    return Explanation(error.line, error.column, COLON_MESSAGE,
                       f"write it in quotes: {prefix}{key}: {shorten(in_quotes(value))}")


def _value_with_colon(error: _Error) -> tuple[int, str, str]:
    """The line of the key, the key, and its whole plain value (wrapped lines joined)."""
    raw = error.at(error.line)
    indent = _indent_of(raw)
    key_at = _key_colon(raw, indent)
    if 0 <= key_at < error.column - 1:
        return error.line, _key_before(raw, key_at), _value_after(raw, key_at)
    # The colon is on a wrapped line: the value starts on the nearest line
    # above that is indented less.
    wrapped = [raw.strip()]
    number = error.line - 1
    while number >= 1:
        above = error.at(number)
        text = above.strip()
        if text and not text.startswith("#"):
            if _indent_of(above) < indent:
                break
            wrapped.append(text)
        number -= 1
    above = error.at(number)
    key_at = _key_colon(above, _indent_of(above))
    if number < 1 or key_at < 0:
        return 0, "", ""
    parts = [_value_after(above, key_at), *reversed(wrapped)]
    value = _without_comment(" ".join(part for part in parts if part)).rstrip()
    return number, _key_before(above, key_at), value


def _key_before(raw: str, key_at: int) -> str:
    key = raw[_indent_of(raw):key_at].strip()
    return _after_dash(key)[1] if _is_item(key) else key


def _value_after(raw: str, key_at: int) -> str:
    return _without_comment(raw[key_at + 1:].strip()).rstrip()


def _indent_of(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" "))


def _key_colon(raw: str, indent: int) -> int:
    """Where the line's first ``key:`` colon is, or -1."""
    at = raw.find(": ", indent)
    if at < 0 and raw.rstrip().endswith(":"):
        at = len(raw.rstrip()) - 1
    return at


# -- small readings of one line ---------------------------------------------

def _without_comment(text: str) -> str:
    if text.startswith("#"):
        return ""
    at = text.find(" #")
    return text if at < 0 else text[:at]


def _is_item(content: str) -> bool:
    return content == "-" or content.startswith("- ")


def _one_word(head: str) -> bool:
    """A key as fact sheets write them (``publisher``, ``cite``), not prose."""
    return bool(head) and all(c.isalnum() or c in "_-." for c in head)


def _starts_with_key(content: str) -> bool:
    if _is_item(content):
        content = _after_dash(content)[1]
    end = _key_colon(content, 0)
    return end > 0 and _one_word(content[:end])


def _is_key(content: str) -> bool:
    if content[:1] in ("{", "["):
        return False  # a {…} or […] value, not a key of a block mapping
    return content.endswith(":") or ": " in content


def _after_dash(content: str) -> tuple[int, str]:
    """``'- id: a'`` -> ``(2, 'id: a')``: an item's text and how far in it starts."""
    rest = content[1:].lstrip(" ")
    return len(content) - len(rest), rest


def _inner_column(line: _Line) -> int:
    """The column of the line's innermost key or item text (past any '- ')."""
    indent, content = line.indent, line.content
    while content.startswith("- "):
        offset, content = _after_dash(content)
        indent += offset
    return indent


def _opens(line: _Line) -> bool:
    """True when the lines after this one, indented deeper, are its contents."""
    return line.content.endswith(":") or line.content == "-"


def _block_text_parent(line: _Line) -> int:
    """For a line ending in ``|`` or ``>``, the indent its text lines exceed; else -1."""
    column, content, parent = line.indent, line.content, line.indent
    while content.startswith("- "):
        parent = column
        offset, content = _after_dash(content)
        column += offset
    key_end = content.find(": ")
    if key_end >= 0:
        parent, content = column, content[key_end + 2:].strip()
    if content[:1] in ("|", ">") and all(c in "+-0123456789" for c in content[1:]):
        return parent
    return -1


def _usual(steps: Counter[int], suspect: int = -1) -> int:
    """The file's usual indentation step, not counting once the step under suspicion."""
    counts = Counter(steps)
    if counts[suspect] > 0:
        counts[suspect] -= 1
    counts = +counts
    return counts.most_common(1)[0][0] if counts else _DEFAULT_STEP


def _indented(count: int) -> str:
    return f"this line is indented {_spaces(count)}" if count else "this line is not indented"


def _text_indented(count: int) -> str:
    return f"this text is indented {_spaces(count)}" if count else "this text is not indented"


def _spaces(count: int) -> str:
    if count == 0:
        return "no spaces"
    return f"{count} space" + ("" if count == 1 else "s")


def _uneven_text(error: _Error) -> Explanation | None:
    """A line of a ``|`` or ``>`` text indented less than the text's first line.

    The first line sets the text's indentation, so one line further left
    ends the text there and the parser finds a stray value.
    """
    if not error.problem.startswith("expected <block end>"):
        return None
    columns = _Columns.read(error.lines, error.line - 1)
    opener = columns.previous
    if opener is None or opener.number >= error.line - 1:
        return None
    parent = _block_text_parent(opener)
    raw = error.at(error.line)
    indent = _indent_of(raw)
    if parent < 0 or indent <= parent or _is_item(raw.strip()) or _starts_with_key(raw.strip()):
        return None  # a key or an item after the text, not more of the text
    body = [(number, _indent_of(error.at(number)))
            for number in range(opener.number + 1, len(error.lines) + 1)
            if error.at(number).strip()]
    ends = next((i for i, (_, depth) in enumerate(body) if depth <= parent), len(body))
    body = body[:ends]
    if not body or body[0][0] == error.line:
        return None
    first_line, first = body[0]
    odd = sum(depth == indent for _, depth in body)
    usual = sum(depth == first for _, depth in body)
    step = parent + columns.usual_step
    if odd > usual or (odd == usual and indent == step != first):
        # The first line is the odd one out: it set the indentation the rest miss.
        return Explanation(first_line, first + 1,
                           f"{_indented(first)}; the other lines of this text use {indent}",
                           f"line it up with line {error.line} ({_spaces(indent)})")
    where = "the line above" if first_line == error.line - 1 else f"line {first_line}"
    return Explanation(error.line, indent + 1,
                       f"{_indented(indent)}; the other lines of this text use {first}",
                       f"line it up with {where} ({_spaces(first)})")


def _text_pulled_left(error: _Error) -> Explanation | None:
    """A line of a ``|`` or ``>`` text indented no deeper than its key.

    It ends the text, and being prose, not ``key: value``, the parser
    reports a missing colon, often a line or two further down.
    """
    if error.context != "while scanning a simple key" or not error.context_line:
        return None
    number = error.context_line
    columns = _Columns.read(error.lines, number - 1)
    opener = columns.previous
    indent = _indent_of(error.at(number))
    parent = _block_text_parent(opener) if opener is not None else -1
    if opener is None or parent < 0 or indent > parent:
        return None
    around = [n for n in (*range(number - 1, opener.number, -1), number + 1)
              if error.at(n).strip() and _indent_of(error.at(n)) > parent]
    if not around:
        return Explanation(number, indent + 1,
                           f"{_text_indented(indent)}, no deeper than "
                           f"the '{opener.label}' it belongs to",
                           f"indent the text more than line {opener.number}, or that line less")
    sibling = around[0]
    depth = _indent_of(error.at(sibling))
    where = {number - 1: "the line above", number + 1: "the line below"}.get(
        sibling, f"line {sibling}")
    return Explanation(number, indent + 1,
                       f"{_indented(indent)}; the other lines of this text use {depth}",
                       f"line it up with {where} ({_spaces(depth)})")


_EXPLAINERS: tuple[Callable[[_Error], Explanation | None], ...] = (
    _quotes, _tab, _unclosed_bracket, _colon_in_brackets, _over_indented,
    _colon_in_value, _uneven_text, _text_pulled_left, _misfit_explained)
