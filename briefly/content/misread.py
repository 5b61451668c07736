"""Values YAML read differently from what the editor wrote.

Inside ``{…}`` or ``[…]`` a comma ends a value, so unquoted
``$200bn (reported, denied)`` reaches the schema as two values; and a
``: `` makes a key, so ``- Why it matters: prices fall`` reaches it as a key
and a value.  The schema then reports an unknown key or a cell too many,
which sends the editor the wrong way.  The editor's own text, found from the
positions the parser kept, shows that one value was cut apart: the report
can then quote it whole, in the quotes that keep it whole.

A file may be hostile: each mapping or list is read once, left to right,
and each piece of text is scanned once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Collection, Mapping

from briefly.content.located_yaml import FieldPath, Position
from briefly.content.yaml_reading import (COLON_MESSAGE, FLOW_COLON_MESSAGE, NAMED_PIECES,
                                          bare_end,
                                          char_before, in_quotes, names, only_dashes,
                                          shorten, value_start, yaml_lines)

COMMA_MESSAGE = 'a value containing ", " inside {…} or […] must be in quotes: '


@dataclass(frozen=True)
class Misreading:
    """One value the editor wrote, read by YAML as several, and how to write it."""

    path: FieldPath  # the value as the editor meant it
    line: int
    column: int
    message: str
    hint: str


@dataclass(frozen=True)
class _Piece:
    """Where a bare value sits on its line (0-based columns, end excluded)."""

    line: int
    start: int
    end: int


class Misreadings:
    """Finds the values YAML cut apart in one fact sheet, reading its text only on demand."""

    def __init__(self, data: Any, positions: Mapping[FieldPath, Position], text: str) -> None:
        self._data = data
        self._positions = positions
        self._text = text
        self._lines: list[str] | None = None
        self._mappings: dict[FieldPath, dict[str, Misreading]] = {}

    def line(self, number: int) -> str:
        if self._lines is None:
            self._lines = yaml_lines(self._text)
        return self._lines[number - 1] if 1 <= number <= len(self._lines) else ""

    # -- a key that is the tail of a value: {value: $200bn (reported, denied)} --
    def cut_mapping_value(self, path: FieldPath, known: Collection[str]) -> Misreading | None:
        """The value an unknown key at ``path`` was cut from, if it was one."""
        parent = path[:-1]
        if parent not in self._mappings:
            self._mappings[parent] = self._read_mapping(parent, known)
        return self._mappings[parent].get(str(path[-1]))

    def _read_mapping(self, path: FieldPath, known: Collection[str]) -> dict[str, Misreading]:
        mapping = _value_at(self._data, path)
        if not isinstance(mapping, dict):
            return {}
        entries = list(mapping.items())
        found: dict[str, Misreading] = {}
        index = 1
        while index < len(entries):
            end = index
            while end < len(entries) and _is_orphan(entries[end], known):
                end += 1
            if end > index and _is_bare(entries[index - 1][1]):
                tails = [key for key, _ in entries[index:end]]
                misreading = self._cut_value(path, entries[index - 1][0], tails)
                if misreading is not None:
                    found.update(dict.fromkeys(tails, misreading))
            index = end + 1
        return found

    def _cut_value(self, path: FieldPath, key: str, tails: list[str]) -> Misreading | None:
        key_at = self._positions.get(path + (key,))
        if key_at is None:
            return None
        text = self.line(key_at.line)
        start = value_start(text, key_at.column - 1, key)
        if start < 0:
            return None
        pieces = [_Piece(key_at.line, start, bare_end(text, start))]
        for tail in tails:
            piece = self._named_piece(path + (tail,), tail)
            if piece is None or not _comma_between(text, pieces[-1], piece):
                return None
            pieces.append(piece)
        original = text[start:pieces[-1].end]
        quoted = shorten(in_quotes(original))
        return Misreading(path + (key,), key_at.line, start + 1, COMMA_MESSAGE + quoted,
                          f"YAML ended the value at the comma and read {names(tails)} as "
                          f"{'a key' if len(tails) == 1 else 'keys'}; write {key}: {quoted}")

    def _named_piece(self, path: FieldPath, name: str) -> _Piece | None:
        """A key written bare, where the parser saw it."""
        at = self._positions.get(path)
        if at is None:
            return None
        text = self.line(at.line)
        start = at.column - 1
        if not text.startswith(name, start):
            return None
        return _Piece(at.line, start, start + len(name))

    # -- one value read as several items: [$200bn (reported, denied)] --------
    def cut_items(self, path: FieldPath, count: int, noun: str) -> list[tuple[Misreading, int]]:
        """Runs of a […] list's items that are one value cut at its commas.

        A piece ending with ``(`` still open and a later piece closing it
        (``$200bn (reported`` + ``denied)``) were one value; each run comes
        with how many items it stands for.
        """
        runs: list[tuple[Misreading, int]] = []
        first, depth = -1, 0
        previous: _Piece | None = None
        opened: _Piece | None = None
        for index in range(count):
            piece = self._bare_item(path + (index,))
            if piece is None or previous is None or not _comma_between(
                    self.line(piece.line), previous, piece):
                first, depth = -1, 0
            previous = piece
            if piece is None:
                continue
            balance = _balance(self.line(piece.line), piece)
            if first < 0:
                if balance > 0:
                    first, depth, opened = index, balance, piece
                continue
            depth += balance
            if depth <= 0:
                if balance < 0 and opened is not None:
                    runs.append((self._cut_items(path, first, opened, piece, index, noun),
                                 index - first + 1))
                first, depth = -1, 0
        return runs

    def _bare_item(self, path: FieldPath) -> _Piece | None:
        at = self._positions.get(path)
        if at is None:
            return None
        text = self.line(at.line)
        start = at.column - 1
        if start >= len(text) or text[start] in "\"'[{!&*|>":
            return None
        end = bare_end(text, start)
        return _Piece(at.line, start, end) if end > start else None

    def _cut_items(self, path: FieldPath, first: int, opened: _Piece, closed: _Piece,
                   last: int, noun: str) -> Misreading:
        text = self.line(opened.line)
        original = text[opened.start:closed.end]
        quoted = shorten(in_quotes(original))
        count = last - first + 1
        pieces = ""
        if count <= NAMED_PIECES:
            parts = [part.strip() for part in original.split(",")]
            pieces = ", " + " and ".join(f"'{shorten(part, 40)}'" for part in parts)
        return Misreading(path + (first,), opened.line, opened.start + 1, COMMA_MESSAGE + quoted,
                          f"YAML split it at the comma into {count} {noun}{pieces}; "
                          "write it with the quotes")

    # -- "text: text" read as a key and a value --------------------------------
    def colon_pair(self, path: FieldPath, prose_only: bool) -> Misreading | None:
        """A one-entry mapping at ``path`` that the editor wrote as text with ': '.

        ``prose_only`` asks for a key that reads as prose (it has a space),
        where a mapping is allowed and a short key might be a real one.
        """
        value = _value_at(self._data, path)
        if not isinstance(value, dict) or len(value) != 1:
            return None
        key, inner = next(iter(value.items()))
        if not isinstance(inner, (str, int, float)) or isinstance(inner, bool):
            return None
        at = self._positions.get(path + (key,))
        if at is None:
            return None
        text = self.line(at.line)
        start = at.column - 1
        before = char_before(text, start)
        in_brackets = before in (",", "[")
        if not in_brackets and not (before == "-" and only_dashes(text, start)):
            return None
        if prose_only and not in_brackets and " " not in key:
            return None
        end = self._pair_end(text, start, str(key), in_brackets)
        if end < 0:
            return None
        quoted = shorten(in_quotes(text[start:end]))
        if in_brackets:
            return Misreading(path, at.line, start + 1, FLOW_COLON_MESSAGE + quoted,
                              f"YAML read '{shorten(str(key), 40)}' as a key; "
                              "write it with the quotes")
        return Misreading(path, at.line, start + 1, COLON_MESSAGE,
                          f"write it in quotes: - {quoted}")

    def _pair_end(self, text: str, start: int, key: str, in_brackets: bool) -> int:
        """Where ``key: value`` ends on its line, or -1 if it is not written there whole."""
        if not text.startswith(key + ":", start):
            return -1
        value = start + len(key) + 1
        while value < len(text) and text[value] == " ":
            value += 1
        if in_brackets:
            end = bare_end(text, value)
        else:
            comment = text.find(" #", value)
            end = len(text) if comment < 0 else comment
            while end > value and text[end - 1] == " ":
                end -= 1
        return end if end > value else -1


def _value_at(data: Any, path: FieldPath) -> Any:
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _is_orphan(entry: tuple[Any, Any], known: Collection[str]) -> bool:
    """A key with no value that the mapping does not know: a value's tail, cut off."""
    key, value = entry
    return value is None and str(key) not in known


def _is_bare(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _comma_between(text: str, left: _Piece, right: _Piece) -> bool:
    """True when one comma (and spaces) is all that separates two pieces on one line."""
    if left.line != right.line or right.start < left.end:
        return False
    return text[left.end:right.start].strip(" ") == ","


def _balance(text: str, piece: _Piece) -> int:
    """Opening minus closing parentheses in a piece: > 0 while one is left open."""
    part = text[piece.start:piece.end]
    return part.count("(") - part.count(")")
