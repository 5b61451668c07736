"""How a social card lays out text it was never meant to hold, and what that costs.

A headline is typed by an editor and reviewed in a pull request, so one
enormous word must neither run off the card nor stop the build: wrapping
measures each character a bounded number of times.  Work is counted in glyph
look-ups, not seconds, so the test means the same on a loaded machine.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from briefly.render import cards
from briefly.render.card_font import BOLD, font

COLUMN = cards.WIDTH - 2 * cards.MARGIN
HUGE = 20_000  # characters in one word; the quadratic wrap spent minutes on such words


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts glyph look-ups, and stops a run that needs far more than its text's length."""
    count = [0]
    measure = cards._glyph

    def counted(size: int, weight: int, char: str):
        count[0] += 1
        if count[0] > BUDGET_PER_CHARACTER * HUGE * 2:
            raise AssertionError("wrapping measured far more than the text it was given")
        return measure(size, weight, char)

    monkeypatch.setattr(cards, "_glyph", counted)
    return count


BUDGET_PER_CHARACTER = 20  # generous: linear wrapping looks each character up about twice


@pytest.mark.parametrize("text, max_lines", [
    ("x" * HUGE + " then more words", 1),             # the word fills the only line
    ("A headline ends in " + "x" * HUGE + " here", 3),  # the word overflows the last line
    ("Short " * 4 + "y" * HUGE, 3),
], ids=["only-line", "last-line", "last-word"])
def test_one_enormous_word_is_broken_to_fit_at_a_cost_linear_in_its_length(
        lookups: list[int], text: str, max_lines: int) -> None:
    lines = cards.wrap(text, 60, COLUMN, max_lines, BOLD)
    assert len(lines) == max_lines and lines[-1].endswith("…")
    assert all(font(60, BOLD).getlength(line) <= COLUMN for line in lines)
    assert lookups[0] <= BUDGET_PER_CHARACTER * len(text)


def test_a_card_for_an_enormous_headline_is_drawn_within_its_budget(lookups: list[int]) -> None:
    inputs = cards.CardInputs("k" * HUGE, "Why " + "h" * HUGE + " matters",
                              "An answer " * 50 + "a" * HUGE, "Briefly")
    png = cards.draw_card(inputs)
    shown = len(inputs.kicker) + len(inputs.headline) + len(inputs.answer)
    assert lookups[0] <= BUDGET_PER_CHARACTER * shown
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (cards.WIDTH, cards.HEIGHT)


def test_a_word_wider_than_the_column_continues_on_the_next_line() -> None:
    word = "Kraftwerksbetreibergesellschaftsvorstandsvorsitzender"
    assert font(60, BOLD).getlength(word) > COLUMN
    lines = cards.wrap(f"The {word} spoke", 60, COLUMN, 3, BOLD)
    assert lines[0] == "The" and lines[-1].endswith(" spoke")
    assert "".join(lines[1:]) == f"{word} spoke"
    assert all(font(60, BOLD).getlength(line) <= COLUMN for line in lines)
