"""What a broken YAML file's lines say: the error with its lines, and small readings of one line.

Every reading is one pass over a line with string methods, never a regular
expression that could backtrack on a hostile file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import yaml


COLON_MESSAGE = 'a value containing ": " must be in quotes'


FLOW_COLON_MESSAGE = 'a value containing ": " inside {…} or […] must be in quotes: '


BREAKS = str.maketrans({"\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


SHOWN_CHARS = 120  # longest editor's text quoted whole in a message
NAMED_PIECES = 3  # pieces a hint names before it only counts them


DEFAULT_STEP = 2  # the indentation of the scaffold, when a file shows none of its own


@dataclass(frozen=True)
class Explanation:
    """A mistake in the editor's terms: where it is, what it is, how to fix it."""

    line: int
    column: int
    message: str
    hint: str


def yaml_lines(text: str) -> list[str]:
    """The lines as YAML counts them, so that a parser mark's line indexes this list."""
    return text.replace("\r\n", "\n").translate(BREAKS).split("\n")


def in_quotes(text: str) -> str:
    """``text`` as a quoted YAML value that reads back as exactly ``text``.

    Double quotes read most naturally, but inside them a backslash starts an
    escape; single quotes take any text once their own quote is doubled.
    """
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """Editors' text for a message: whole when short, else its start and '…'."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass(frozen=True)
class Error:
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
    def of(cls, text: str, error: yaml.MarkedYAMLError) -> Error:
        mark, context = error.problem_mark, error.context_mark
        return cls(text, yaml_lines(text), str(error.problem or ""), str(error.context or ""),
                   mark.line + 1, mark.column + 1,
                   context.line + 1 if context else 0, context.column + 1 if context else 0)

    def at(self, number: int) -> str:
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""


def key_before(raw: str, key_at: int) -> str:
    key = raw[indent_of(raw):key_at].strip()
    return after_dash(key)[1] if is_list_item(key) else key


def value_after(raw: str, key_at: int) -> str:
    return without_comment(raw[key_at + 1:].strip()).rstrip()


def indent_of(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" "))


def key_colon_at(raw: str, indent: int) -> int:
    """Where the line's first ``key:`` colon is, or -1."""
    at = raw.find(": ", indent)
    if at < 0 and raw.rstrip().endswith(":"):
        at = len(raw.rstrip()) - 1
    return at


def without_comment(text: str) -> str:
    if text.startswith("#"):
        return ""
    at = text.find(" #")
    return text if at < 0 else text[:at]


def is_list_item(content: str) -> bool:
    return content == "-" or content.startswith("- ")


def one_word(head: str) -> bool:
    """A key as fact sheets write them (``publisher``, ``cite``), not prose."""
    return bool(head) and all(c.isalnum() or c in "_-." for c in head)


def starts_with_key(content: str) -> bool:
    if is_list_item(content):
        content = after_dash(content)[1]
    end = key_colon_at(content, 0)
    return end > 0 and one_word(content[:end])


def is_key(content: str) -> bool:
    if content[:1] in ("{", "["):
        return False  # a {…} or […] value, not a key of a block mapping
    return content.endswith(":") or ": " in content


def after_dash(content: str) -> tuple[int, str]:
    """``'- id: a'`` -> ``(2, 'id: a')``: an item's text and how far in it starts."""
    rest = content[1:].lstrip(" ")
    return len(content) - len(rest), rest


def commonest_step(steps: Counter[int], suspect: int = -1) -> int:
    """The file's usual indentation step, not counting once the step under suspicion."""
    counts = Counter(steps)
    if counts[suspect] > 0:
        counts[suspect] -= 1
    counts = +counts
    return counts.most_common(1)[0][0] if counts else DEFAULT_STEP


def indented(count: int) -> str:
    return f"this line is indented {spaces(count)}" if count else "this line is not indented"


def text_indented(count: int) -> str:
    return f"this text is indented {spaces(count)}" if count else "this text is not indented"


def spaces(count: int) -> str:
    if count == 0:
        return "no spaces"
    return f"{count} space" + ("" if count == 1 else "s")


def value_start(text: str, key_start: int, key: str) -> int:
    """Where the bare value after ``key:`` starts on the line, or -1."""
    if not text.startswith(key, key_start):
        return -1
    at = key_start + len(key)
    while at < len(text) and text[at] == " ":
        at += 1
    if at >= len(text) or text[at] != ":":
        return -1
    at += 1
    while at < len(text) and text[at] == " ":
        at += 1
    if at >= len(text) or text[at] in "\"'[{!&*|>":
        return -1
    return at


def bare_end(text: str, start: int) -> int:
    """Where a bare value inside {…} or […] ends: at a comma, a bracket, ': ' or ' #'."""
    at = start
    while at < len(text):
        char = text[at]
        if char in ",[]{}":
            break
        if char == ":" and (at + 1 == len(text) or text[at + 1] in " ,[]{}"):
            break
        if char == "#" and at > start and text[at - 1] == " ":
            break
        at += 1
    while at > start and text[at - 1] == " ":
        at -= 1
    return at


def char_before(text: str, start: int) -> str:
    at = start - 1
    while at >= 0 and text[at] == " ":
        at -= 1
    return text[at] if at >= 0 else ""


def only_dashes(text: str, start: int) -> bool:
    """True when only indentation and '- ' markers come before ``start``."""
    return all(char in " -" for char in text[:start])


def names(keys: list[str]) -> str:
    shown = [f"'{shorten(key, 40)}'" for key in keys[:NAMED_PIECES]]
    if len(keys) > NAMED_PIECES:
        shown.append(f"{len(keys) - NAMED_PIECES} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
