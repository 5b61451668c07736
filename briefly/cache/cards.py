"""Social cards kept between builds, one file per brief, ``.briefly-cache/cards/<slug>``.

Drawing and encoding a card is a large share of a cold build's work per
brief, so an unchanged brief is never redrawn.  A card is stored under a hash
of everything drawn plus the versions of the drawing code, Pillow and the
font, so any change to what a card shows, or to how it is drawn, makes a new
key.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from dataclasses import asdict
from pathlib import Path

import PIL  # light: the version goes into each card's key

from briefly.cache import store as cache
from briefly.content.model import SiteConfig
from briefly.render import cards as drawing
from briefly.render.card_font import font_identity
from briefly.render.environment import Pages, Renderer
from briefly.render.urls import card_url
from briefly.views.brief_view import BriefView

log = logging.getLogger(__name__)


def card_key(inputs: drawing.CardInputs) -> str:
    """A new key whenever the card's pixels could differ."""
    data = json.dumps({"card": drawing.CARD_VERSION, "pillow": PIL.__version__,
                       "font": font_identity(), **asdict(inputs)},
                      sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def card_bytes(inputs: drawing.CardInputs, cached: Path | None) -> bytes:
    """The card from the cache when its inputs were drawn before, else drawn and stored.

    ``cached`` is one brief's cache file, holding its latest card and that
    card's key: a new card replaces it, so the cache keeps one card per brief
    however often a headline changes, at one file write per drawn card (file
    creation, not bytes, is what writing a cache costs).  Entries go through
    ``cache.dump``/``cache.load``, so a damaged one is drawn again, never
    published.
    """
    if cached is not None and not cache.within_cache(cached.parent):
        cached = None  # a linked folder: draw, and neither read nor write it
    key = card_key(inputs)
    if cached is not None:
        stored = cache.load(cached)
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key \
                and isinstance(stored[1], bytes):
            return stored[1]
    data = drawing.draw_card(inputs)
    if cached is not None:
        try:
            if cached.is_dir() and not cached.is_symlink():
                shutil.rmtree(cached)  # a brief's folder of cards, as older versions kept them
            cache.dump(cached, (key, data))
        except OSError as exc:  # a cache we cannot write only costs time
            log.warning("could not cache the social card %s: %s", cached, exc)
    return data


def card_cache_file(renderer: Renderer, slug: str) -> Path:
    """``<project>/.briefly-cache/cards/<slug>``: the templates sit in the project root."""
    return renderer.templates_dir.parent / cache.CACHE_DIR / "cards" / slug


def build_card(renderer: Renderer, config: SiteConfig, view: BriefView) -> Pages:
    """One brief's card: depends on that brief alone, so it can be cached per brief."""
    inputs = drawing.card_inputs(config, view)
    return {card_url(view.slug): card_bytes(inputs, card_cache_file(renderer, view.slug))}
