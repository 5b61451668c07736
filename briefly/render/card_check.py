"""Warnings for the characters a brief's social card has to leave out.

The card is the image every share of a brief shows, and its font has Latin,
Greek and Cyrillic letters only; a headline in another script loses those
characters on the card and nowhere else, so nobody would notice until a
reader did.  ``check`` and ``build`` both report them (the build keeps them
with the brief's other warnings), at the field that holds them, while the
card itself stays readable without them.  This lives with the drawing, not
with the content checks, because only the font knows what it can draw.
"""

from __future__ import annotations

import functools
import html
from typing import Callable, Iterable

from briefly.content.model import Brief
from briefly.content.read import RawBrief
from briefly.errors import BriefError, Diagnostics
from briefly.render.card_font import describe, missing_font, undrawable
from briefly.views.brief_view import answer_summary, plain_text
from briefly.views.markdown import MarkdownRenderer

SHOWN = 3  # characters named in one warning; a whole headline in another script is one line
HINT = ("the page shows it as written; the card's font has Latin, Greek and Cyrillic letters "
        "and common signs: spell it with those if the card needs it (a transliteration, or a "
        "word for a symbol), or leave it if the card reads well without it")


def check_cards(checked: Iterable[tuple[RawBrief, Brief]], problems: Diagnostics) -> None:
    """``check``'s card warnings, from the fact sheets alone (``check`` derives no views).

    The answer is rendered as ``build`` renders it for the card, by one
    Markdown renderer made only if some answer needs it.
    """
    if (no_font := missing_font()) is not None:
        problems.add(no_font)
        return
    markdown = functools.cache(MarkdownRenderer)
    for raw, brief in checked:
        problems.extend(card_warnings(
            raw, brief, lambda b=brief: plain_text(answer_summary(b.answer, markdown()))))


def card_warnings(raw: RawBrief, brief: Brief, description: Callable[[], str]
                  ) -> list[BriefError]:
    """One warning per field of the card that holds characters the font cannot draw,
    at the start of the field's text.

    ``description`` gives the answer as the card shows it (plain text of its
    Markdown); it is asked for only when the answer's source holds such a
    character, since Markdown adds none the font lacks.
    """
    texts = {"kicker": brief.kicker.upper(), "headline": brief.headline}
    if undrawable(html.unescape(brief.answer)):
        texts["answer"] = description()
    problems = []
    for name, text in texts.items():
        if missing := undrawable(text):
            position = raw.positions.get((name, "@value")) or raw.positions.get((name,))
            line, column = (position.line, position.column) if position else (1, 1)
            problems.append(BriefError(raw.facts_path, line, column, _message(missing), name,
                                       HINT, "warning"))
    return problems


def _message(missing: list[str]) -> str:
    named = [describe(char) for char in missing[:SHOWN]]
    if len(missing) > SHOWN:
        named.append(f"{len(missing) - SHOWN} more")
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    left_out = "it is" if len(missing) == 1 else "they are"
    return f"the social card cannot draw {listed}; {left_out} left out of the card"
