"""Checking a YAML value against its spec: every problem located, none fatal.

The checker never stops at the first mistake: it reports each one at its
field path (which the caller turns into a line and column) and carries on
with a stand-in value, so ``check`` shows an editor everything in one run.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from briefly.content.located_yaml import FieldPath, format_field_path
from briefly.content.spec import Choice, Day, Flag, ListOf, MapOf, Obj, Spec, Text, Url, Whole

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# What XML 1.0 cannot carry at all (feeds and sitemaps break on the first
# one) and HTML parsers replace: C0 controls but tab and line ends, the two
# noncharacters U+FFFE and U+FFFF, and halves of surrogate pairs.
ILLEGAL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def illegal_character_problem(text: str) -> tuple[int, str] | None:
    """Where the first character pages and feeds cannot carry is, and how to name it."""
    match = ILLEGAL_CHARACTER.search(text)
    if match is None:
        return None
    point = ord(match.group())
    kind = ("half of a surrogate pair" if 0xD800 <= point <= 0xDFFF
            else "a noncharacter" if point >= 0xFFFE else "a control character")
    return match.start(), f"U+{point:04X}, {kind} feeds and pages cannot carry"


@dataclass
class Checker:
    """Walks a value against a spec, collecting errors with positions.

    ``explain`` is asked first about an unknown key or a value of the wrong
    type (with the spec and "unknown key" or "wrong type"): YAML may have
    cut the editor's value apart, and only the file's text shows it.  It
    returns True when it has reported the problem in those terms.
    """

    report: Callable[[FieldPath, str, str], None]  # path, message, hint
    explain: Callable[[FieldPath, Spec, str], bool] | None = None

    def check(self, spec: Spec, value: Any, path: FieldPath) -> Any:
        if isinstance(spec, Obj):
            return self._object(spec, value, path)
        if isinstance(spec, ListOf):
            if spec.shorthand_scalar and not isinstance(value, list) and value is not None:
                value = [value]
            if not isinstance(value, list):
                return self._wrong(spec, value, path, (),
                                   "write one item per line, each starting with '- '")
            if len(value) < spec.min_items:
                self.report(path, f"needs at least {spec.min_items} "
                                  f"item{'s' if spec.min_items > 1 else ''}", "")
            return tuple(self.check(spec.item, item, path + (i,)) for i, item in enumerate(value))
        if isinstance(spec, MapOf):
            return self._map(spec, value, path)
        if isinstance(spec, Text):
            if spec.allow_numbers and isinstance(value, (int, float)) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                return self._wrong(spec, value, path, "")
            if self._illegal(value, path):
                return ""
            if not value.strip():
                self.report(path, f"{_name(path)} is empty",
                            "write the text, or delete the line if it is optional")
                return value
            if spec.pattern and not re.fullmatch(spec.pattern, value):
                self.report(path, f"'{value}' is not a valid {spec.pattern_noun}",
                            spec.pattern_hint)
            return value.strip() if not spec.markdown else value
        if isinstance(spec, Choice):
            if value not in spec.choices:
                close = difflib.get_close_matches(str(value), spec.choices, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"use {spec.describe()}"
                self.report(path, f"'{value}' is not a known value", hint)
            return value
        if isinstance(spec, Url):
            if not isinstance(value, str):
                return self._wrong(spec, value, path, "")
            if self._illegal(value, path):
                return ""
            if not re.match(r"^(https?://[^\s/]+|mailto:\S+)", value.strip()):
                self.report(path, f"'{value}' is not an http(s) or mailto address",
                            "web addresses start with https://; leave the url out if the "
                            "brief gives none")
            return value.strip()
        if isinstance(spec, Day):
            if isinstance(value, date):
                return value
            if isinstance(value, str) and _ISO_DAY.match(value.strip()):
                try:
                    return date.fromisoformat(value.strip())
                except ValueError as exc:  # 2026-02-30: the right shape, an impossible day
                    self.report(path, f"'{value.strip()}' is not a real date ({exc})",
                                "check the day and the month; dates are written YYYY-MM-DD")
                    return None
            self.report(path, f"'{value}' is not a date", "dates are written YYYY-MM-DD, "
                                                           "e.g. 2026-04-29")
            return None
        if isinstance(spec, Whole):
            if isinstance(value, int) and not isinstance(value, bool) and value < spec.minimum:
                self.report(path, f"expected {spec.describe()}, found {value}", "")
                return None
            if isinstance(value, bool) or not isinstance(value, int):
                return self._wrong(spec, value, path, None)
            return value
        if isinstance(spec, Flag):
            if not isinstance(value, bool):
                return self._wrong(spec, value, path, False)
            return value
        raise TypeError(spec)

    def _illegal(self, value: str, path: FieldPath) -> bool:
        """Report a character no feed or page can carry; it usually comes from an escape."""
        found = illegal_character_problem(value)
        if found is not None:
            self.report(path, f"{_name(path)} contains {found[1]}",
                        "delete it: in double quotes, YAML turns \\0, \\e, \\f and "
                        "\\x01-style escapes into such characters")
        return found is not None

    def _wrong(self, spec: Spec, value: Any, path: FieldPath, fallback: Any,
               hint: str = "") -> Any:
        if self.explain is not None and self.explain(path, spec, "wrong type"):
            return fallback
        message, hint = (_list_for_mapping(spec, value, path)
                         or (f"expected {spec.describe()}, found {_kind_of(value)}", hint))
        self.report(path, message, hint)
        return fallback

    def _map(self, spec: MapOf, value: Any, path: FieldPath) -> Any:
        if not isinstance(value, dict):
            return self._wrong(spec, value, path, {})
        if len(value) < spec.min_items:
            self.report(path, f"needs at least {spec.min_items} "
                              f"entr{'ies' if spec.min_items > 1 else 'y'}", "")
        result: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str) or (spec.key_pattern
                                            and not re.fullmatch(spec.key_pattern, key)):
                self.report(path + (key,), f"'{key}' cannot be a key here",
                            "use lowercase letters, digits and underscores, e.g. "
                            "'input_price'")
                continue
            result[key] = self.check(spec.item, item, path + (key,))
        return result

    def _object(self, spec: Obj, value: Any, path: FieldPath) -> Any:
        if spec.shorthand and not isinstance(value, (dict, list)) and value is not None:
            value = {spec.shorthand: value}
        if value is None and spec.shorthand:
            value = {}
        if not isinstance(value, dict):
            return self._wrong(spec, value, path, None)
        result: dict[str, Any] = {}
        stand_ins: dict[str, str] = {}  # a missing field -> the misspelt key that means it
        for key in value:
            if key not in spec.fields:
                if self.explain is not None and self.explain(path + (key,), spec, "unknown key"):
                    continue
                close = difflib.get_close_matches(key, spec.fields, n=1, cutoff=0.6)
                hint = (f"did you mean '{close[0]}'?" if close
                        else "known keys here: " + ", ".join(spec.fields))
                self.report(path + (key,), f"unknown key '{key}'", hint)
                if close and close[0] not in value and close[0] not in stand_ins:
                    stand_ins[close[0]] = key
        for name, fld in spec.fields.items():
            if name in stand_ins:
                # `sorces:` is reported once, above; checking its value as `sources`
                # spares the editor a cascade of "unknown source id" errors.
                typo = stand_ins[name]
                result[name] = (self.check(fld.spec, value[typo], path + (typo,))
                                if value[typo] is not None else fld.default)
            elif name in value and not _blank(value[name]):
                result[name] = self.check(fld.spec, value[name], path + (name,))
            elif name in value and fld.required:
                self.report(path + (name,), f"{_name(path + (name,))} is empty",
                            f"write it after '{name}:'" + _gloss(fld.spec))
                result[name] = None
            elif fld.required:
                where = format_field_path(path) or "the top level"
                self.report(path + ("@missing",),
                            f"missing required field '{name}' in {where}",
                            f"add '{name}:'" + _gloss(fld.spec))
                result[name] = None
            else:
                result[name] = fld.default
        return result


def _list_for_mapping(spec: Spec, value: Any, path: FieldPath) -> tuple[str, str] | None:
    """A list where one entry was meant, or the reverse: the fix is the '- '.

    Said in the editor's terms (the '- ' they typed or left out), not as
    YAML's types, which a journalist has no reason to know.
    """
    name = _name(path)
    if isinstance(spec, Obj) and isinstance(value, list):
        if spec.shorthand:
            return (f"{name} holds one value, not a list",
                    "write a single value, or its key: value lines, without '- '")
        if len(value) > 1:
            return (f"{name} holds one entry of key: value lines, not a list of "
                    f"{len(value)}", "keep one entry and remove the '- ' in front of its "
                                     "first line")
        return (f"{name} holds one entry of key: value lines, not a list",
                "remove the '- ' in front of its first line, and line its other lines up "
                "with that one")
    if isinstance(spec, ListOf) and isinstance(value, dict):
        if isinstance(spec.item, Obj) and not spec.item.shorthand:
            return (f"{name} holds a list, not one entry of key: value lines",
                    "start each entry's first line with '- ' and indent its other lines "
                    "2 more spaces, to line up after the '- '")
        return (f"{name} holds a list, not key: value lines",
                "write each item on its own line starting with '- '")
    return None


def _gloss(spec: Spec) -> str:
    """The first sentence of a field's doc, as a reminder in a hint."""
    first = spec.doc.split(". ")[0].rstrip(".")
    return f" ({first})" if first else ""


def _blank(value: Any) -> bool:
    """``answer:`` and ``answer: ""`` both mean the editor left it empty."""
    return value is None or (isinstance(value, str) and not value.strip())


def _name(path: FieldPath) -> str:
    """How a message names a value: its key, or its list position."""
    if path and isinstance(path[-1], str):
        return f"'{path[-1]}'"
    if path and isinstance(path[-1], int):
        return f"item {path[-1] + 1} of '{format_field_path(path[:-1])}'"
    return "the value"


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, date):
        return "a date"
    return type(value).__name__
