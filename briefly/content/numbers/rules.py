"""The rules that hold a brief's prose to its fact sheet, one figure at a time.

* A figure equal to a table cell's (after notation is normalised) is that
  cell's figure: the page links it to the cell.  If the cell's status is
  one a reader must know (self-reported, estimate, disputed, denied), the
  sentence must carry it, in a citation or in words.
* A figure equal to no cell, in a sentence that names a column (its label
  before the figure) and a row (a word of the row's label next to the
  figure, or the column's other cells already named by the sentence's other
  figures), is that cell's figure misquoted: an error naming both places.
* Any other figure must be somewhere in the fact sheet (a cell, a note, a
  label, a date) or be backed by a citation in its sentence or in another
  sentence of the brief that gives the same figure.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from briefly.content.numbers.facts import ATTRIBUTED_STATUSES, CellFact, FactIndex
from briefly.content.numbers.notation import Figure, find_figures, keys_of
from briefly.content.numbers.sentences import Sentence, sentences, visible_text

_CLAUSE = re.compile(r"[;:()\[\]—–]|\s-\s|\.\s")
_WORD = re.compile(r"[^\W\d_]{3,}")
_DIGIT = re.compile(r"\d")
NEAR_WORDS = 4  # words each side of a figure that may name its row
NEAR_CHARS = 200  # how far from a figure its sentence may name its column or status
STATUS_WORDS = {"self-reported": ("self-reported", "own account", "says", "claims"),
                "estimate": ("estimate", "estimated", "about", "around", "roughly"),
                "disputed": ("disputed", "contested", "denies", "denied", "disputes"),
                "denied": ("denied", "denies", "deny")}
"""Words that show a figure's status beside it in a sentence, by status."""


class Reading(NamedTuple):
    """What the rules found for one figure of one text."""

    text: int  # index into the texts given
    figure: Figure
    cell: CellFact | None  # the cell it is (matched) or misquotes (mismatch)
    problem: str | None  # None, "mismatch", "uncited", "unattributed"


class _Seen(NamedTuple):
    text: int
    figure: Figure
    sentence: Sentence | None
    shown: str  # the text as shown; [start, end) is the part of the sentence that
    start: int  # may name the figure's column and row, or say its status
    end: int

    @property
    def before(self) -> str:
        return self.shown[self.start:self.figure.start]

    @property
    def after(self) -> str:
        return self.shown[self.figure.end:self.end]

    @property
    def words(self) -> str:
        return self.shown[self.start:self.end]


def read_texts(index: FactIndex, texts: list[tuple[str, bool]]) -> list[Reading]:
    """Every figure of ``texts`` ((Markdown, can cite) pairs) and what it is."""
    seen: list[_Seen] = []
    backed: set[tuple[str, object]] = set()
    for t, (text, can_cite) in enumerate(texts):
        hidden = can_cite and ("[" in text or "`" in text or "<" in text)
        shown = visible_text(text) if hidden else text  # nothing to blank: skip the work
        if not _DIGIT.search(shown):
            continue  # every figure has a digit: most watch items and many answers have none
        found, k = (sentences(text) if can_cite else []), 0
        figures = find_figures(shown)
        for figure in figures:
            while k < len(found) - 1 and found[k].end <= figure.start:
                k += 1  # figures and sentences are both in reading order
            sentence = found[k] if found else None
            seen.append(_Seen(t, figure, sentence, shown, *sentence_window(shown, figure, sentence)))
            if sentence and sentence.cited:
                backed.update(keys_of(figure))
    readings: list[Reading] = []
    matched: dict[tuple[int, int], list[CellFact]] = {}  # sentence -> cells its figures are
    for item in seen:
        cells = index.by_value.get(item.figure.key)
        if cells:
            cell = choose_cell(index, cells, item.before, item.after)
            matched.setdefault(_sentence_key(item), []).append(cell)
            readings.append(Reading(item.text, item.figure, cell, _status_problem(cell, item)))
    for item in seen:
        if item.figure.key in index.by_value:
            continue
        cell = _misquoted(index, item, matched.get(_sentence_key(item), []))
        if cell is not None:
            readings.append(Reading(item.text, item.figure, cell, "mismatch"))
        elif item.figure.key not in index.known and item.figure.key not in backed and not (
                item.sentence and item.sentence.cited):
            readings.append(Reading(item.text, item.figure, None, "uncited"))
    readings.sort(key=lambda r: (r.text, r.figure.start))
    return readings


def _sentence_key(item: _Seen) -> tuple[int, int]:
    return item.text, item.sentence.start if item.sentence else 0


def sentence_window(text: str, figure: Figure, sentence: Sentence | None) -> tuple[int, int]:
    """Where the words about a figure lie: its sentence, at most ``NEAR_CHARS`` each side."""
    start = max(sentence.start if sentence else 0, figure.start - NEAR_CHARS)
    end = min(sentence.end if sentence else len(text), figure.end + NEAR_CHARS)
    return start, end


def choose_cell(index: FactIndex, cells: list[CellFact], before: str, after: str) -> CellFact:
    """Of the cells giving a figure, the one its sentence names: by the column
    named last before it, then by a word of the row's label next to it."""
    if len(cells) == 1:
        return cells[0]
    column = named_column(index, before)
    cells = [c for c in cells if (c.table, c.column) in column] or cells
    return _by_row(cells, before, after) or cells[0]


def _by_row(cells: list[CellFact], before: str, after: str) -> CellFact | None:
    """The one cell whose row label has the most words next to the figure, if one has."""
    for near in (_words(after, first=True), _words(before, first=False)):
        scores = [len(c.row_words & near) for c in cells]
        best = max(scores)
        if best and scores.count(best) == 1:
            return cells[scores.index(best)]
    return None


def named_column(index: FactIndex, before: str) -> list[tuple[int, int]]:
    """The columns (table, column) the text before a figure names last, if any."""
    if index.column_pattern is None:
        return []
    last = None
    for last in index.column_pattern.finditer(before):
        pass
    return index.columns[last.group(0).lower()] if last else []


def _status_problem(cell: CellFact, item: _Seen) -> str | None:
    if cell.status not in ATTRIBUTED_STATUSES or cell.value == "":
        return None
    if item.sentence is not None and cell.status in item.sentence.statuses:
        return None
    lowered = item.words.lower()
    if any(word in lowered for word in STATUS_WORDS[cell.status]):
        return None
    return "unattributed"


def _misquoted(index: FactIndex, item: _Seen, taken: list[CellFact]) -> CellFact | None:
    """The cell a figure names by column and row but does not equal, if it names one."""
    if not item.figure.numeric:
        return None
    columns = named_column(index, item.before)
    candidates = [c for c in index.cells if (c.table, c.column) in columns
                  and any(f.kind == item.figure.kind for f in c.figures)]
    if not candidates:
        return None
    named = _by_row(candidates, item.before, item.after)
    if named is not None:
        return named
    rest = [c for c in candidates if c not in taken]
    if len(rest) == 1 and len(rest) < len(candidates):
        return rest[0]
    return None


def _words(text: str, first: bool) -> set[str]:
    """The words next to a figure: after it, to the end of its clause; before it,
    back to the sentence's start ("Build cost: Tidewater $118"); never past
    another number."""
    if first:
        clause = _CLAUSE.split(text, 1)[0]
        digit = _DIGIT.search(clause)
        clause = clause[:digit.start()] if digit else clause
    else:
        clause = text[max(text.rfind(d) for d in "0123456789") + 1:]
    words = [w.lower() for w in _WORD.findall(clause)]
    return set(words[:NEAR_WORDS] if first else words[-NEAR_WORDS:])
