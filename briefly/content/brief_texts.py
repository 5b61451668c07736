"""A brief's texts by where they live, and the file position of a word inside one.

The rules that read prose for facts (``check --since``, ``stale``) report at
the line of the fact itself, not at the top of its field.  The model keeps
the texts but not their lines, and YAML's folded scalars (``>-``) lose the
mapping from the text back to the file's lines; so the positions come from
the raw brief, and a word in a folded text is found again in the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefly.content.located_yaml import FieldPath, format_field_path
from briefly.content.model import Brief
from briefly.content.read import RawBrief

WHAT_HAPPENED = ("@what_happened",)
NUMBERS_PROSE = ("@numbers",)
"""Paths of brief.md's two sections, beside the fact sheet's own field paths."""


@dataclass(frozen=True)
class BriefText:
    path: FieldPath  # a fact-sheet field path, or one of the two section paths
    label: str  # how a message names it: "the answer", "## What happened"
    text: str
    names_only: bool = False  # a name or a role, not a sentence (see fact_tokens)


def fact_texts(brief: Brief) -> list[BriefText]:
    """The texts whose numbers, dates and names are published facts."""
    texts = [BriefText(("headline",), "the headline", brief.headline),
             BriefText(("dek",), "the dek", brief.dek),
             BriefText(("answer",), "the answer", brief.answer),
             *_sections(brief)]
    if brief.quote is not None:
        quote = brief.quote
        for key, label in (("text", "the quote"), ("speaker", "the quote's speaker"),
                           ("role", "the speaker's role"),
                           ("organisation", "the speaker's organisation"),
                           ("context", "the quote's context")):
            if getattr(quote, key):
                texts.append(BriefText(("quote", key), label, getattr(quote, key),
                                       key in ("speaker", "role", "organisation")))
    return texts


def faq_texts(brief: Brief) -> list[tuple[str, BriefText]]:
    """Each FAQ answer with its question, which is how the two versions are paired."""
    return [(item.question, BriefText(("faq", i, "answer"),
                                      f"the answer to '{item.question}'", item.answer))
            for i, item in enumerate(brief.faq)]


def dated_texts(brief: Brief) -> list[BriefText]:
    """The texts that may promise a future event: prose, answers, watch items, notes."""
    texts = [BriefText(("answer",), "the answer", brief.answer), *_sections(brief)]
    texts += [text for _, text in faq_texts(brief)]
    texts += [BriefText(("watch", i), f"what to watch, item {i + 1}", item)
              for i, item in enumerate(brief.watch)]
    for t, table in enumerate(brief.tables):
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                if cell.note:
                    texts.append(BriefText(("numbers", "tables", t, "rows", r, "cells", c,
                                            "note"), f"the note on {row.label}", cell.note))
    return texts


def _sections(brief: Brief) -> list[BriefText]:
    return [BriefText(WHAT_HAPPENED, f"## {brief.what_happened.title}",
                      brief.what_happened.markdown),
            BriefText(NUMBERS_PROSE, f"## {brief.numbers.title}", brief.numbers.markdown)]


class Locator:
    """File, line and column for a field of one brief, or for a word inside it."""

    def __init__(self, raw: RawBrief) -> None:
        self.raw = raw
        self.lines = raw.facts_text.split("\n")
        self.section_lines: dict[FieldPath, int] = {}
        for section in raw.sections:
            heading = section.heading.strip().lower()
            key = WHAT_HAPPENED if heading == "what happened" else \
                NUMBERS_PROSE if heading.startswith("the numbers") else None
            if key is not None:
                self.section_lines.setdefault(key, section.body_line)

    def field(self, path: FieldPath) -> str:
        """The parenthesis of a message: the field path, or the section's heading."""
        if path in (WHAT_HAPPENED, NUMBERS_PROSE):
            return next((f"## {s.heading}" for s in self.raw.sections
                         if self.section_lines.get(path) == s.body_line), "")
        return format_field_path(path)

    def file(self, path: FieldPath) -> str:
        return self.raw.article_path if path in (WHAT_HAPPENED, NUMBERS_PROSE) \
            else self.raw.facts_path

    def at(self, path: FieldPath, text: str = "", offset: int | None = None,
           word: str = "") -> tuple[int, int]:
        """Line and column of ``path``; of ``word`` at ``offset`` in its ``text`` if given."""
        if path in (WHAT_HAPPENED, NUMBERS_PROSE):
            line = self.section_lines.get(path, 0)
            if offset is None or not line:
                return line, 1 if line else 0
            before = text[:offset]
            return line + before.count("\n"), offset - (before.rfind("\n") + 1) + 1
        key = path
        while key and key not in self.raw.positions:
            key = key[:-1]
        position = self.raw.positions.get(key)
        if position is None:
            return 1, 1
        if offset is None or not word:
            return position.line, position.column
        literal = self.raw.positions.get(path + ("@text",))
        if literal is not None:  # a `|` block: the text's lines are the file's
            line = literal.line + text[:offset].count("\n")
            return line, self._column(line, word)
        # A list item's position is its text, two columns right of its dash.
        floor = position.column - 2 if isinstance(path[-1], int) else position.column
        return self._search(position.line, position.column, floor, word)

    def _column(self, line: int, word: str) -> int:
        if 0 < line <= len(self.lines):
            found = self.lines[line - 1].find(word)
            return found + 1 if found >= 0 else 0
        return 0

    def _search(self, line: int, column: int, floor: int, word: str) -> tuple[int, int]:
        """``word`` in a plain or folded scalar: its value runs until a line is
        indented less than ``floor``; the first line holding the word is the one."""
        for number in range(line, len(self.lines) + 1):
            text = self.lines[number - 1]
            indent = len(text) - len(text.lstrip(" "))
            if number > line and text.strip() and indent < floor:
                break
            start = column if number == line else 0
            found = text.find(word, start)
            if found >= 0:
                return number, found + 1
        return line, column
