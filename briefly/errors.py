"""The one error type of Briefly, and the collection that gathers them.

Every stage reports problems as :class:`BriefError` values so that editors see
one format everywhere (``path:line:col: error: message (field)``), whichever
library (PyYAML, Python-Markdown, Jinja) noticed the problem first.  Stages
collect errors instead of raising on the first one, so one run shows them all.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning", "note"]
"""A note reports something to look at (a fact that may have gone stale) and
never fails a run, not even with ``--strict``."""


@dataclass(frozen=True, order=True)
class BriefError(Exception):
    """A problem in an input file, located as precisely as we can.

    ``line`` and ``column`` are 1-based; 0 means "the whole file".  ``field``
    is the path inside the fact sheet (``numbers.tables[0].rows[2]``) so an
    editor knows which entry to fix even in a long file.
    """

    path: str
    line: int = 0
    column: int = 0
    message: str = ""
    field: str = ""
    hint: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        return self.format()

    @property
    def location(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def format(self) -> str:
        """Render as a compiler-style line, with the hint on a second line.

        Messages quote editors' text, which may hold newlines or terminal
        escapes; those are shown escaped so one problem stays one line and
        no file can forge output lines or recolour a terminal.
        """
        text = f"{one_line(self.location)}: {self.severity}: {one_line(self.message)}"
        if self.field:
            text += f" ({one_line(self.field)})"
        if self.hint:
            text += f"\n  hint: {one_line(self.hint)}"
        return text

    def format_github(self) -> str:
        """Render as a GitHub Actions workflow command (a PR annotation)."""
        kind = {"error": "error", "warning": "warning"}.get(self.severity, "notice")
        props = [f"file={_property(self.path)}"]
        if self.line:
            props.append(f"line={self.line}")
        if self.column:
            props.append(f"col={self.column}")
        message = self.message + (f" ({self.field})" if self.field else "")
        if self.hint:
            message += f". Hint: {self.hint}"
        return f"::{kind} {','.join(props)}::{_data(message)}"

    def as_dict(self) -> dict[str, object]:
        """Every text as valid UTF-8: a file name that is not shows its bytes escaped."""
        return {key: _valid_utf8(value) if isinstance(value, str) else value
                for key, value in asdict(self).items()}


def _data(text: str) -> str:
    """A workflow command's message: it ends at a line end, so a file name holding
    one could otherwise start a forged command (GitHub's documented escapes)."""
    text = _valid_utf8(text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value: ``:`` and ``,`` end it as well."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _valid_utf8(text: str) -> str:
    """Undecodable bytes of a file name (``os.fsdecode``) shown as ``\\xff``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "backslashreplace")
        return raw.decode("utf-8", "backslashreplace")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Editor text for one line of output: control characters shown as escapes."""
    text = _valid_utf8(text)
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


@dataclass
class Diagnostics:
    """Errors, warnings and notes gathered across a whole run, reported once."""

    items: list[BriefError] = field(default_factory=list)
    # The sorted problems and how many items they were sorted from: a run asks
    # for errors, warnings and notes many times, and sorting 20,000 stray-file
    # warnings each time cost more than the check itself.
    _sorted: tuple[int, list[BriefError]] = field(default=(-1, []), repr=False, compare=False)

    def add(self, problem: BriefError) -> None:
        self.items.append(problem)

    def error(self, path: str, line: int, column: int, message: str,
              field: str = "", hint: str = "") -> None:
        self.add(BriefError(path, line, column, message, field, hint, "error"))

    def warning(self, path: str, line: int, column: int, message: str,
                field: str = "", hint: str = "") -> None:
        self.add(BriefError(path, line, column, message, field, hint, "warning"))

    def note(self, path: str, line: int, column: int, message: str,
             field: str = "", hint: str = "") -> None:
        self.add(BriefError(path, line, column, message, field, hint, "note"))

    def extend(self, problems: Iterable[BriefError]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[BriefError]:
        return [p for p in self.sorted() if p.severity == "error"]

    @property
    def warnings(self) -> list[BriefError]:
        return [p for p in self.sorted() if p.severity == "warning"]

    @property
    def notes(self) -> list[BriefError]:
        return [p for p in self.sorted() if p.severity == "note"]

    def sorted(self) -> list[BriefError]:
        """Sorted by file, line and column, without repeats."""
        if self._sorted[0] != len(self.items):  # items are only ever appended
            unique = dict.fromkeys(self.items)
            self._sorted = (len(self.items), sorted(
                unique, key=lambda p: (p.path, p.line, p.column, p.message)))
        return list(self._sorted[1])

    def errors_since(self, count: int) -> bool:
        """True if an error came after the first ``count`` items: no sorting needed."""
        return any(p.severity == "error" for p in self.items[count:])

    def has_errors(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


def format_report(problems: Iterable[BriefError], style: str = "text") -> str:
    """Format problems for a terminal (text), a machine (json) or GitHub."""
    problems = list(problems)
    if style == "json":
        return json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False)
    if style == "github":
        return "\n".join(p.format_github() for p in problems)
    return "\n".join(p.format() for p in problems)
