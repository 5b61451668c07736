"""Social cards: one PNG per brief, drawn locally from its kicker, headline
and answer, for link previews (og:image).

The font is Noto Sans from a Python package (``card_font``): nothing is
fetched, nothing depends on the fonts a machine happens to have, and Latin,
Greek and Cyrillic names come out as written.  Characters it lacks are left
out before drawing, never drawn as boxes, and ``check`` names them.  Drawing
is pure: the same :class:`CardInputs` always give the same bytes, which is
what lets ``briefly.cache.cards`` keep a drawn card and reuse it.  Each glyph
is rendered once per process (see ``draw_text``), because drawing is a large
share of a cold build's work per brief.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from briefly.content.model import SiteConfig
from briefly.render.card_font import BOLD, REGULAR, card_text, font
from briefly.render.card_png import FILTER_COLUMN, palette_png
from briefly.views.brief_view import BriefView

if TYPE_CHECKING:  # Pillow's drawing modules load only when a card is drawn
    from PIL import ImageDraw

CARD_VERSION = "6"  # bump whenever the drawing below changes: cached cards are keyed by it
WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FOOTER = HEIGHT - 88  # the site's name sits below this line, in the accent colour
INK, PAPER, ACCENT = (0x1A, 0x1A, 0x1A), (0xFF, 0xFF, 0xFF), (0x0B, 0x53, 0x94)
# One byte per pixel: index 0-127 runs ink -> paper, 128-255 accent -> paper.
# Pillow blends antialiased text between the fill and background *indices*,
# so text drawn in one ramp over that ramp's paper stays smooth.  A palette
# PNG is a third of the bytes of RGB and several times faster to encode, which
# matters when a fresh clone draws a card for every brief.
INK_INK, INK_MUTED, INK_RULE, INK_PAPER = 0, 33, 101, 127
ACCENT_ACCENT, ACCENT_PAPER = 128, 255


@dataclass(frozen=True)
class CardInputs:
    """Everything a card shows, and nothing else: a cached card is keyed by exactly this."""

    kicker: str
    headline: str
    answer: str
    site_title: str


def wrap(text: str, size: int, width: int, max_lines: int, weight: int = REGULAR) -> list[str]:
    """Greedy word wrap to a pixel width; an overflowing last line ends with '…'.

    Only what the font can draw is wrapped (``card_text``), so no line holds a
    box.  A word wider than the column is broken between characters rather
    than drawn past the card's edge.  Each character is measured a bounded
    number of times, so a headline of one enormous word costs what its length
    does, not its square.
    """
    lines: list[str] = []
    line_width = 0.0
    space = text_width(" ", size, weight)
    for word in card_text(text).split():
        for piece, piece_width in _pieces(word, size, weight, width):
            if lines and line_width + space + piece_width <= width:
                lines[-1] += " " + piece
                line_width += space + piece_width
            elif len(lines) < max_lines:
                lines.append(piece)
                line_width = piece_width
            else:  # it overflows; measuring the rest of the text would be wasted
                return lines[:-1] + [_with_ellipsis(lines[-1], size, width, weight)]
    return lines


def _pieces(word: str, size: int, weight: int, width: int) -> list[tuple[str, float]]:
    """The word with its width, or, when wider than ``width``, pieces that each fit.

    A piece holds at least one character, so even a glyph wider than the
    column makes progress.
    """
    word_width = text_width(word, size, weight)
    if word_width <= width:
        return [(word, word_width)]
    pieces: list[tuple[str, float]] = []
    start, run = 0, 0.0
    for at, char in enumerate(word):
        advance = _glyph(size, weight, char)[2]
        if at > start and run + advance > width:
            pieces.append((word[start:at], run))
            start, run = at, 0.0
        run += advance
    pieces.append((word[start:], run))
    return pieces


def _with_ellipsis(line: str, size: int, width: int, weight: int) -> str:
    """The longest start of ``line`` that fits with '…' after it, trailing spaces
    and separators dropped.

    Widths of every start are summed once, left to right, as ``text_width``
    sums them, so the cut falls where measuring each shorter start afresh
    would put it.
    """
    starts = [0.0]
    for char in line:
        starts.append(starts[-1] + _glyph(size, weight, char)[2])
    ellipsis = _glyph(size, weight, "…")[2]
    end = len(line)
    while end and starts[end] + ellipsis > width:
        end -= 1
        while end and line[end - 1].isspace():
            end -= 1
    return line[:end].rstrip(" ,;:") + "…"


def text_width(text: str, size: int, weight: int = REGULAR) -> float:
    """What ``draw_text`` advances over ``text``: the sum of its glyphs' advances."""
    return sum(_glyph(size, weight, char)[2] for char in text)


@lru_cache(maxsize=1)
def _palette() -> bytes:
    values: list[int] = []
    for start in (INK, ACCENT):
        for step in range(128):
            values.extend(round(c + (p - c) * step / 127) for c, p in zip(start, PAPER))
    return bytes(values)


@lru_cache(maxsize=4096)
def _glyph(size: int, weight: int, char: str) -> tuple[Any, tuple[int, int], float]:
    """One character's coverage mask (Pillow's core image), its offset from the pen,
    and its advance."""
    from PIL import Image

    face = font(size, weight)
    mask, offset = face.getmask2(char, mode="L")
    width, height = mask.size
    image = Image.frombytes("L", (width, height), bytes(mask)) if width and height else None
    return (image.im if image is not None else None), offset, face.getlength(char)


def draw_text(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, size: int,
              fill: int, weight: int = REGULAR, shift: int = 0) -> None:
    """Pillow's ``ImageDraw.text``, with each glyph rendered once per process.

    FreeType's auto-hinter rendered every glyph of every card afresh: half a
    card's cost, and cards are half a cold build.  Pillow's basic layout puts
    hinted glyphs at whole-pixel advances without kerning, so pasting cached
    glyphs one by one gives the same pixels (tests compare the two), but for
    a shade where two glyphs' antialiased edges share a pixel.
    A mask is blended as ``ImageDraw.bitmap`` blends it, by the same core
    call without the checks that wrapper repeats for every glyph (a third of
    the drawing time).  ``text`` must have been through ``card_text`` (``wrap``
    does that).  ``shift`` moves every glyph right by whole pixels after
    rounding, so a shifted line has the same pixels, not ones rounded anew.
    """
    x, y = xy
    blend, ink = draw.draw.draw_bitmap, draw.draw.draw_ink(fill)
    for char in text:
        glyph, (dx, dy), advance = _glyph(size, weight, char)
        if glyph is not None:
            blend((round(x) + dx + shift, y + dy), glyph, ink)
        x += advance


def draw_card(inputs: CardInputs) -> bytes:
    """The PNG bytes of one card; the same inputs always give the same bytes."""
    from PIL import Image, ImageDraw  # not at import: most builds draw no card

    # The canvas has one more column, at the left, that stays 0: the filter
    # byte of each PNG row (``card_png``).  Everything drawn moves right by it.
    canvas = Image.new("L", (FILTER_COLUMN + WIDTH, HEIGHT), INK_PAPER)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, FILTER_COLUMN - 1, HEIGHT), fill=0)
    left = FILTER_COLUMN
    column = WIDTH - 2 * MARGIN
    y = 64
    # One line each for kicker and site name, through ``wrap`` too: what the
    # font lacks leaves no stray space behind, and an overlong one ends in '…'.
    for line in wrap(inputs.kicker.upper(), 30, column, 1, BOLD):
        draw_text(draw, (MARGIN, y), line, 30, INK_MUTED, BOLD, left)
    y += 56
    for line in wrap(inputs.headline, 60, column, 3, BOLD):
        draw_text(draw, (MARGIN, y), line, 60, INK_INK, BOLD, left)
        y += 72
    y += 20
    answer_lines = max(1, (FOOTER - 24 - y) // 44)
    for line in wrap(inputs.answer, 34, column, answer_lines):
        draw_text(draw, (MARGIN, y), line, 34, INK_INK, REGULAR, left)
        y += 44
    draw.line((left + MARGIN, FOOTER - 4, left + WIDTH - MARGIN, FOOTER - 4), fill=INK_RULE,
              width=2)
    draw.rectangle((left, FOOTER, left + WIDTH, HEIGHT), fill=ACCENT_PAPER)
    draw.rectangle((left, 0, left + 20, HEIGHT), fill=ACCENT_ACCENT)
    for line in wrap(inputs.site_title, 32, column, 1, BOLD):
        draw_text(draw, (MARGIN, HEIGHT - 72), line, 32, ACCENT_ACCENT, BOLD, left)
    return palette_png(canvas.tobytes(), WIDTH, HEIGHT, _palette())


def card_inputs(config: SiteConfig, view: BriefView) -> CardInputs:
    return CardInputs(view.brief.kicker, view.brief.headline, view.description, config.title)


def card_png(config: SiteConfig, view: BriefView) -> bytes:
    """A brief's card, drawn afresh (``briefly.cache.cards`` reuses drawn ones)."""
    return draw_card(card_inputs(config, view))
