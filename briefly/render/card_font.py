"""The social card's font, Noto Sans, and which characters it can draw.

The font comes from the ``fontpkg-noto-sans`` package on PyPI, a project
dependency like any other, so every machine draws the same pixels: nothing is
fetched and no system font is looked at.  A character the font lacks would
come out as the font's empty box, so which characters it has is read from the
font's own character map, once per process, and everything else is replaced
or left out before a card is drawn (``card_text``); ``undrawable`` tells the
checks what was left out, so editors hear of it before readers do.
"""

from __future__ import annotations

import importlib.util
import struct
import unicodedata
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

from briefly.errors import BriefError

if TYPE_CHECKING:  # Pillow's drawing modules load only when a card is drawn
    from PIL import ImageFont

FONT_PACKAGE = "fontpkg_noto_sans"
FONT_FILE = "NotoSans[wdth,wght].ttf"
REGULAR, BOLD = 400, 700  # the weight axis; the width axis stays at 100 (normal)
_UNICODE_SUBTABLES = {(0, 3), (0, 4), (0, 6), (3, 1), (3, 10)}
# Signs figures use that Noto Sans lacks, drawn as what a reader would type.
_STAND_INS = {"≈": "~", "≤": "<=", "≥": ">=", "≠": "!=", "→": "->", "←": "<-"}


def missing_font() -> BriefError | None:
    """A problem to report when the font package is not installed, else None.

    Asked before a check or build starts, so a machine set up by hand gets one
    line saying what to install instead of a traceback from a worker.
    """
    if importlib.util.find_spec(FONT_PACKAGE) is None:
        return BriefError("pyproject.toml", 0, 0,
                          f"the social card font is not installed ({FONT_PACKAGE})",
                          hint="python -m pip install -e . installs it with Briefly's "
                               "other dependencies")
    return None


@lru_cache(maxsize=1)
def font_identity() -> str:
    """The font's revision and whole-file checksum: cached cards and checks are keyed by it.

    Both sit in the font's 'head' table, so two small reads tell one font
    file from another without reading two megabytes on every build.
    """
    try:
        with font_file().open("rb") as handle:
            tables = _table_offsets(handle.read(12 + 16 * 64))
            if b"head" not in tables:
                return "no head table"
            handle.seek(tables[b"head"])
            revision, checksum = struct.unpack(">4xII", handle.read(12))
    except (OSError, ModuleNotFoundError, struct.error):  # reported by ``missing_font``
        return "no font"
    return f"{FONT_FILE} {revision / 65536:.3f} {checksum:08x}"


def font_file() -> Traversable:
    return resources.files(FONT_PACKAGE) / "files" / FONT_FILE


@lru_cache(maxsize=1)
def font_bytes() -> bytes:
    """The font file, read once per process: every size and weight shares it."""
    return font_file().read_bytes()


def _table_offsets(data: bytes) -> dict[bytes, int]:
    """Where each table of a TrueType font starts, from the directory at its head."""
    count = struct.unpack_from(">H", data, 4)[0]
    return {data[12 + 16 * i:16 + 16 * i]: struct.unpack_from(">I", data, 20 + 16 * i)[0]
            for i in range(count) if 28 + 16 * i <= len(data)}


@lru_cache(maxsize=8)
def font(size: int, weight: int = REGULAR) -> ImageFont.FreeTypeFont:
    """One instance per size and weight per process: setting a variation is not free.

    Pillow's basic layout is asked for by name: it places each glyph at its
    advance, which is what lets ``draw_text`` paste glyphs rendered once (the
    font has no legacy kerning table, so there is no kerning to lose).
    """
    import io

    from PIL import ImageFont

    loaded = ImageFont.truetype(io.BytesIO(font_bytes()), size,
                                layout_engine=ImageFont.Layout.BASIC)
    axes = [axis["name"] for axis in loaded.get_variation_axes()]
    loaded.set_variation_by_axes([weight if name == b"Weight" else 100 for name in axes])
    return loaded


@lru_cache(maxsize=1)
def covered() -> frozenset[int]:
    """Every code point the font maps to a real glyph (not glyph 0, the box)."""
    return frozenset(read_cmap(font_bytes()))


def read_cmap(data: bytes) -> set[int]:
    """The code points of a TrueType font's Unicode 'cmap' subtables (formats 4 and 12)."""
    tables = _table_offsets(data)
    if b"cmap" not in tables:
        return set()
    cmap = tables[b"cmap"]
    found: set[int] = set()
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if (platform, encoding) not in _UNICODE_SUBTABLES:
            continue
        at = cmap + offset
        kind = struct.unpack_from(">H", data, at)[0]
        if kind == 4:
            found |= _format_4(data, at)
        elif kind == 12:
            groups = struct.unpack_from(">I", data, at + 12)[0]
            for g in range(groups):
                first, last, glyph = struct.unpack_from(">III", data, at + 16 + 12 * g)
                found.update(range(first + (glyph == 0), last + 1))
    return found


def _format_4(data: bytes, at: int) -> set[int]:
    segments = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
    ranges_at = at + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
    found: set[int] = set()
    for s, (first, last, delta, range_offset) in enumerate(zip(starts, ends, deltas, ranges)):
        for code in range(first, min(last, 0xFFFE) + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                where = ranges_at + 2 * s + range_offset + 2 * (code - first)
                glyph = struct.unpack_from(">H", data, where)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                found.add(code)
    return found


class _Replacements(dict):
    """``str.translate`` table built as characters are met, once per process."""

    def __missing__(self, code: int) -> str:
        self[code] = replacement = _replace(chr(code))
        return replacement


def _replace(char: str) -> str:
    if ord(char) in covered():
        return char
    if char.isspace():
        return " "
    if char in _STAND_INS:
        return _STAND_INS[char]
    # A compatibility form the font has in plain form (a ligature, a
    # full-width letter) reads the same in its plain form.
    plain = unicodedata.normalize("NFKC", char)
    if plain != char and all(ord(c) in covered() for c in plain):
        return plain
    return ""


_TABLE = _Replacements()


def card_text(text: str) -> str:
    """The text as the card draws it: only characters the font has.

    Combining accents are composed first (``e`` + acute is ``é``, which the
    font has as one glyph).
    """
    return unicodedata.normalize("NFC", text).translate(_TABLE)


def undrawable(text: str) -> list[str]:
    """The visible characters ``card_text`` leaves out, each once, in order.

    Invisible ones (joiners, soft hyphens, variation selectors) are left out
    silently: the card loses nothing a reader would see.
    """
    found: dict[str, None] = {}
    for char in unicodedata.normalize("NFC", text):
        if not _TABLE[ord(char)] and not _invisible(char):
            found[char] = None
    return list(found)


def _invisible(char: str) -> bool:
    code = ord(char)
    return (unicodedata.category(char) in ("Cc", "Cf")
            or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF)


def describe(char: str) -> str:
    """``'人' (U+4EBA CJK UNIFIED IDEOGRAPH-4EBA)``: the code and name editors can search for."""
    name = unicodedata.name(char, "")
    return f"'{char}' (U+{ord(char):04X}{' ' + name if name else ''})"
