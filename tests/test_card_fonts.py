"""Social cards draw the characters a newsroom writes, and say which they cannot.

A box on a card goes out on every share of a brief, so these tests prove it
from the pixels: each character drawn has a glyph that is not the font's
.notdef box.  What the font lacks is left out of the card and reported by
``check`` and ``build`` at the field that holds it.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from briefly.render import card_font, cards
from briefly.render.card_font import BOLD, REGULAR, card_text, covered, font, undrawable

from .conftest import TEST_BRIEF, ScratchProject, line_and_column

NEWSROOM = ("Mistral AI raises €11.7bn; £ and ¥ too: Łukasz Źródło, Ελλάδα, Россия "
            "–—“”×≈")
FACTS = f"content/briefs/{TEST_BRIEF}/facts.yaml"
HEADLINE = '"Tidewater battery opens: 400 MWh of storage at $118 a kilowatt-hour"'
HINT = ("  hint: the page shows it as written; the card's font has Latin, Greek and Cyrillic "
        "letters and common signs: spell it with those if the card needs it (a "
        "transliteration, or a word for a symbol), or leave it if the card reads well "
        "without it")


def notdef(size: int, weight: int) -> tuple[bytes, tuple[int, int]]:
    """The mask of the font's box, drawn for a character it does not map."""
    assert ord("人") not in covered()
    mask = font(size, weight).getmask("人")
    return bytes(mask), mask.size


def mask(char: str, size: int, weight: int) -> tuple[bytes, tuple[int, int]]:
    drawn = font(size, weight).getmask(char)
    return bytes(drawn), drawn.size


@pytest.mark.parametrize("size, weight", [(60, BOLD), (34, REGULAR), (30, BOLD)])
def test_every_character_of_a_newsroom_headline_is_drawn_not_boxed(size: int,
                                                                   weight: int) -> None:
    assert undrawable(NEWSROOM) == []
    drawn = card_text(NEWSROOM)
    # Every character is drawn as itself but ≈, which Noto Sans lacks: it becomes "~".
    assert drawn == NEWSROOM.replace("≈", "~")
    box = notdef(size, weight)
    for char in set(drawn) - {" "}:
        assert mask(char, size, weight) != box, f"{char!r} is drawn as a box"


def test_a_card_with_that_headline_shows_all_of_it_and_decodes() -> None:
    lines = cards.wrap(NEWSROOM, 60, cards.WIDTH - 2 * cards.MARGIN, 3, BOLD)
    assert " ".join(lines) == NEWSROOM.replace("≈", "~")  # nothing cut, nothing dropped
    png = cards.draw_card(cards.CardInputs("Финансы · Économie", NEWSROOM,
                                           "Ο Łukasz Źródło λέει: €11.7bn.", "Briefly"))
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        assert image.format == "PNG" and image.size == (1200, 630) and image.mode == "P"


def test_the_character_map_agrees_with_what_pillow_draws() -> None:
    """The cmap parser decides coverage; FreeType's own rendering must agree."""
    box = notdef(24, REGULAR)
    ranges = [range(0x20, 0x530), range(0x1E00, 0x2200), range(0x3000, 0x3040),
              range(0xFB00, 0xFB07), range(0x1F600, 0x1F610)]
    for code in (c for r in ranges for c in r):
        char = chr(code)
        if char.isspace() or card_font._invisible(char):
            continue  # blank glyphs look like nothing, not like a box
        assert (mask(char, 24, REGULAR) != box) == (code in covered()), f"U+{code:04X}"


def test_what_the_font_lacks_is_left_out_or_replaced_never_drawn() -> None:
    assert card_text("Xi 习近平 says 🙂 ok") == "Xi  says  ok"
    assert undrawable("Xi 习近平 says 🙂 习") == ["习", "近", "平", "🙂"]
    assert cards.wrap("中国 China", 30, 1040, 1, BOLD) == ["China"]  # no stray space either
    assert card_text("Cafe\u0301") == "Café"  # composed: one glyph, placed as designed
    assert card_text("ｗ１") == "w1"  # full-width forms read the same plainly
    assert card_text("≈ 3 ≤ 4") == "~ 3 <= 4"
    # Invisible characters leave the card silently: a reader loses nothing.
    assert card_text("a\u200db\ufe0fc").replace("\u200d", "") == "abc"  # Noto has a blank ZWJ
    assert undrawable("a\u200db\ufe0f\u00adc\u2009d") == []
    assert all(ord(c) in covered() or c == " " for c in card_text("人 a\u2028b\tc"))


def test_check_names_the_character_and_where_it_is(project: ScratchProject) -> None:
    facts = project.facts()
    line, column = line_and_column(facts, HEADLINE)
    project.edit(facts, "Tidewater battery opens:", "Tidewater battery opens 人:")
    result = project.cli("check")
    assert result.code == 0, result.err
    assert result.err.splitlines()[:2] == [
        f"{FACTS}:{line}:{column}: warning: the social card cannot draw '人' (U+4EBA CJK "
        "UNIFIED IDEOGRAPH-4EBA); it is left out of the card (headline)",
        HINT]
    assert result.err.splitlines()[-1] == "Check passed: 0 errors, 1 warning in 1 brief."
    strict = project.cli("check", "--strict")
    assert strict.code == 1 and "Check failed: 0 errors, 1 warning" in strict.err


def test_build_warns_too_and_keeps_the_warning_with_the_cached_brief(
        project: ScratchProject) -> None:
    project.edit(project.facts(), "Tidewater battery opens:", "Tidewater battery opens 人:")
    warning = "warning: the social card cannot draw '人'"
    first = project.build()
    assert warning in first.err and ", 1 warning, " in first.out
    card = (project.site / f"briefs/{TEST_BRIEF}/card.png").read_bytes()
    with Image.open(io.BytesIO(card)) as image:
        assert image.size == (1200, 630)
    again = project.build()  # nothing changed: the brief comes from the cache
    assert warning in again.err and ", 1 warning, " in again.out
    assert project.cli("build", "--strict").code == 1


def test_one_warning_per_field_names_a_few_characters(project: ScratchProject) -> None:
    facts = project.facts()
    project.edit(facts, "kicker: Grid storage", "kicker: Grid storage 电网")
    project.edit(facts, "  Alder Grid switched on", "  Alder Grid (阿尔德电网公司) switched on")
    warnings = [line for line in project.cli("check").err.splitlines() if "warning:" in line]
    assert warnings == [
        f"{FACTS}:{line_and_column(facts, 'Grid storage 电网')[0]}:9: warning: the social "
        "card cannot draw '电' (U+7535 CJK UNIFIED IDEOGRAPH-7535) and '网' (U+7F51 CJK "
        "UNIFIED IDEOGRAPH-7F51); they are left out of the card (kicker)",
        f"{FACTS}:{line_and_column(facts, 'answer:')[0]}:9: warning: the social card "
        "cannot draw '阿' (U+963F CJK UNIFIED IDEOGRAPH-963F), '尔' (U+5C14 CJK UNIFIED "
        "IDEOGRAPH-5C14), '德' (U+5FB7 CJK UNIFIED IDEOGRAPH-5FB7) and 4 more; they are left "
        "out of the card (answer)"]


def test_the_answer_is_checked_as_the_card_shows_it(project: ScratchProject) -> None:
    """A link's address is not on the card, its text is."""
    facts = project.facts()
    project.edit(facts, "  Alder Grid switched on",
                 "  [Alder Grid](https://例え.example/) switched on")
    assert "social card" not in project.cli("check", "--strict").err
    project.edit(facts, "[Alder Grid]", "[Alder Grid 例]")
    (warning,) = [line for line in project.cli("check").err.splitlines() if "warning:" in line]
    assert "cannot draw '例' (U+4F8B" in warning and warning.endswith("(answer)")


def test_the_test_brief_gets_no_card_warning(project: ScratchProject) -> None:
    result = project.cli("check", "--strict")
    assert result.code == 0 and "social card" not in result.err, result.err


def test_a_missing_font_is_one_line_not_a_traceback(project: ScratchProject,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(card_font, "FONT_PACKAGE", "no_such_font_package")
    for command in ("check", "build"):
        result = project.cli(command)
        assert result.code == 1 and "Traceback" not in result.err
        assert "pyproject.toml: error: the social card font is not installed" in result.err
