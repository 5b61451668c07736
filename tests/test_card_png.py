"""The card's own PNG encoder writes what Pillow's would, pixel for pixel."""

from __future__ import annotations

import io
import random

from PIL import Image

from briefly.render import cards
from briefly.render.card_png import FILTER_COLUMN, palette_png


def decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def test_a_palette_png_decodes_to_the_canvas_and_palette_it_was_given() -> None:
    width, height = 37, 11
    pick = random.Random(3)
    pixels = bytes(pick.randrange(256) for _ in range(width * height))
    pixels = bytes(range(256)) + pixels[256:]  # every index at least once
    palette = bytes(pick.randrange(256) for _ in range(768))
    canvas = b"".join(b"\0" * FILTER_COLUMN + pixels[row * width:(row + 1) * width]
                      for row in range(height))
    ours = decoded(palette_png(canvas, width, height, palette))
    theirs = Image.frombytes("P", (width, height), pixels)
    theirs.putpalette(palette)
    saved = io.BytesIO()
    theirs.save(saved, format="PNG")
    theirs = decoded(saved.getvalue())
    assert ours.mode == "P" and ours.size == (width, height)
    assert ours.tobytes() == pixels
    assert ours.convert("RGB").tobytes() == theirs.convert("RGB").tobytes()


def test_a_card_is_a_valid_png_with_the_accent_bar_at_its_left_edge() -> None:
    png = cards.draw_card(cards.CardInputs("Energy", "Batteries switched on", "Yes.", "Briefly"))
    Image.open(io.BytesIO(png)).verify()  # checksums and chunk order
    image = decoded(png).convert("RGB")
    assert image.size == (cards.WIDTH, cards.HEIGHT)
    # The filter column is not part of the picture: column 0 is the accent bar.
    assert image.getpixel((0, 10)) == image.getpixel((20, 10)) == cards.ACCENT
    assert image.getpixel((21, 10)) == cards.PAPER
    assert image.getpixel((cards.WIDTH - 1, cards.HEIGHT - 1)) == cards.PAPER
