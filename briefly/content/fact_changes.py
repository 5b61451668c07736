"""What changed in a brief's facts between two versions of it.

Readers trust a published figure only if it never changes silently, so
``check --since`` asks for an entry in the update log whenever a fact
changed, and ``diff`` shows reviewers every such change.  A fact is a table
cell's value, status or note, or a number, date or name in the prose (see
``fact_tokens``); a change of wording alone is not one.  Tables are paired
by position, rows and columns by label and then by position, so renaming a
row is wording and moving one is nothing; FAQ answers are paired by their
question.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from briefly.content.brief_texts import BriefText, faq_texts, fact_texts
from briefly.content.fact_tokens import Token, fact_tokens
from briefly.content.located_yaml import FieldPath
from briefly.content.model import Brief, Cell, Row, Source, Table, Update


@dataclass(frozen=True)
class FactChange:
    """One fact that differs: ``old`` None means added, ``new`` None removed."""

    path: FieldPath  # where it is now (the enclosing list for a removal)
    what: str  # "V4-Pro's API input price (list)", "a number in the answer"
    old: str | None
    new: str | None
    needs_log: bool = True  # False for what adds nothing readers relied on (a new source)
    text: str = ""  # the current text holding ``new``, and where in it: for the line
    offset: int | None = None
    row: str = ""  # a table cell's row and column labels, for `diff`
    column: str = ""

    def sentence(self) -> str:
        """The change in words, for messages: '… changed from X to Y'."""
        if self.old is not None and self.new is not None:
            return f"{self.what} changed from {self.old} to {self.new}"
        if self.new is not None:
            return f"{self.what} was added: {self.new}"
        return f"{self.what} was removed: {self.old}"


def compare_briefs(old: Brief, new: Brief) -> list[FactChange]:
    """Every change of fact from ``old`` to ``new``, in the order of the current files."""
    changes: list[FactChange] = []
    for text_old, text_new in _paired_texts(old, new):
        changes += _text_changes(text_old, text_new)
    several = len(new.tables) > 1
    for t, (table_old, table_new) in enumerate(zip(old.tables, new.tables)):
        changes += _table_changes(t, table_old, table_new, f"table {t + 1}: " if several else "")
    for t in range(len(old.tables), len(new.tables)):
        changes.append(FactChange(("numbers", "tables", t), f"table {t + 1}",
                                  None, new.tables[t].caption))
    for t in range(len(new.tables), len(old.tables)):
        changes.append(FactChange(("numbers", "tables"), f"table {t + 1}",
                                  old.tables[t].caption, None))
    changes += _source_changes(old.sources, new.sources)
    return changes


def new_updates(old: Brief, new: Brief) -> list[Update]:
    """Entries of the update log that the old version did not have."""
    before = Counter(_update_key(u) for u in old.updates)
    added = []
    for update in new.updates:
        key = _update_key(update)
        if before[key]:
            before[key] -= 1
        else:
            added.append(update)
    return added


def _update_key(update: Update) -> tuple:
    return update.date, update.kind, " ".join(update.text.split())


def _paired_texts(old: Brief, new: Brief) -> list[tuple[BriefText, BriefText]]:
    empty = lambda t: BriefText(t.path, t.label, "", t.names_only)  # noqa: E731
    olds = {t.path: t for t in fact_texts(old)}
    pairs = [(olds.get(t.path) or empty(t), t) for t in fact_texts(new)]
    news = {t.path for t in fact_texts(new)}
    pairs += [(t, empty(t)) for t in fact_texts(old) if t.path not in news]  # a quote removed
    old_faq, new_faq = faq_texts(old), faq_texts(new)
    for i, j in _pair([q for q, _ in old_faq], [q for q, _ in new_faq]):
        pairs.append((old_faq[i][1], new_faq[j][1]))
    return pairs


def _text_changes(old: BriefText, new: BriefText) -> list[FactChange]:
    before = fact_tokens(old.text, old.names_only)
    after = fact_tokens(new.text, new.names_only)
    removed = _beyond(before, after)
    added = _beyond(after, before)
    changes = []
    for kind in ("number", "date", "name"):
        gone = [t for t in removed if t.kind == kind]
        came = [t for t in added if t.kind == kind]
        what = f"a {kind} in {new.label}"
        for i in range(max(len(gone), len(came))):
            was = gone[i].text if i < len(gone) else None
            now = came[i] if i < len(came) else None
            changes.append(FactChange(new.path, what, was, now.text if now else None,
                                      text=new.text, offset=now.start if now else None))
    return sorted(changes, key=lambda c: -1 if c.offset is None else c.offset)


def _beyond(tokens: list[Token], other: list[Token]) -> list[Token]:
    """The tokens of ``tokens`` that ``other`` has fewer of, as a multiset."""
    spare = Counter(t.key for t in other)
    left = []
    for token in tokens:
        if spare[token.key]:
            spare[token.key] -= 1
        else:
            left.append(token)
    return left


def _pair(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Indexes of matching items: by equal label first, then by position among the rest."""
    pairs, taken = [], set()
    for j, label in enumerate(new):
        i = next((i for i, o in enumerate(old) if o == label and i not in taken), None)
        if i is not None:
            pairs.append((i, j))
            taken.add(i)
    rest_old = [i for i in range(len(old)) if i not in taken]
    rest_new = [j for j in range(len(new)) if j not in {p[1] for p in pairs}]
    pairs += list(zip(rest_old, rest_new))
    return sorted(pairs, key=lambda p: p[1])


def _unpaired(pairs: list[tuple[int, int]], count: int, side: int) -> list[int]:
    used = {p[side] for p in pairs}
    return [i for i in range(count) if i not in used]


def _table_changes(t: int, old: Table, new: Table, prefix: str) -> list[FactChange]:
    base: FieldPath = ("numbers", "tables", t)
    columns = _pair([c.label for c in old.columns], [c.label for c in new.columns])
    rows = _pair([r.label for r in old.rows], [r.label for r in new.rows])
    changes: list[FactChange] = []
    for i, j in rows:
        for a, b in columns:
            if a < len(old.rows[i].cells) and b < len(new.rows[j].cells):
                what = f"{prefix}{new.columns[b].label}'s {new.rows[j].label}"
                changes += _cell_changes(base + ("rows", j, "cells", b), what,
                                         old.rows[i].cells[a], new.rows[j].cells[b],
                                         new.rows[j].label, new.columns[b].label)
    for j in _unpaired(rows, len(new.rows), 1):
        changes.append(FactChange(base + ("rows", j), f"{prefix}row", None,
                                  _row_text(new.rows[j])))
    for i in _unpaired(rows, len(old.rows), 0):
        changes.append(FactChange(base + ("rows",), f"{prefix}row", _row_text(old.rows[i]),
                                  None))
    for b in _unpaired(columns, len(new.columns), 1):
        changes.append(FactChange(base + ("columns", b), f"{prefix}column", None,
                                  f"'{new.columns[b].label}'"))
    for a in _unpaired(columns, len(old.columns), 0):
        changes.append(FactChange(base + ("columns",), f"{prefix}column",
                                  f"'{old.columns[a].label}'", None))
    return changes


def _row_text(row: Row) -> str:
    return f"'{row.label}' ({', '.join(_value(c) for c in row.cells)})"


def _value(cell: Cell) -> str:
    return " ".join(cell.value.split()) if cell.stated else "not stated"


def _cell_changes(path: FieldPath, what: str, old: Cell, new: Cell, row: str, column: str
                  ) -> list[FactChange]:
    changes = []
    if _value(old) != _value(new):
        changes.append(FactChange(path, what, _value(old), _value(new), row=row,
                                  column=column))
    if (old.status or "") != (new.status or ""):
        changes.append(FactChange(path + (("status",) if new.status else ()),
                                  f"the status of {what}", old.status or "none",
                                  new.status or "none", row=row, column=column))
    note_old, note_new = old.note or "", new.note or ""
    if _keys(note_old) != _keys(note_new):
        where = path + (("note",) if new.note else ())
        changes.append(FactChange(where, f"the note on {what}",
                                  f"'{note_old}'" if note_old else None,
                                  f"'{note_new}'" if note_new else None, row=row,
                                  column=column))
    return changes


def _keys(text: str) -> Counter[str]:
    return Counter(t.key for t in fact_tokens(text))


def _source_changes(old: Sequence[Source], new: Sequence[Source]) -> list[FactChange]:
    before = {s.id for s in old}
    after = {s.id for s in new}
    changes = [FactChange(("sources", i, "id"), "source", None, _source_text(s), needs_log=False)
               for i, s in enumerate(new) if s.id not in before]
    changes += [FactChange(("sources",), "source", _source_text(s), None)
                for s in old if s.id not in after]
    return changes


def _source_text(source: Source) -> str:
    return f"'{source.id}' ({source.publisher}: {source.title})"

