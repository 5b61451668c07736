"""Social cards kept between builds, one per brief, in ``.briefly-cache/cards/<slug>/``.

Drawing and encoding a card is a large share of a cold build's work per
brief, so an unchanged brief is never redrawn.  A card is stored under a hash
of everything drawn plus the drawing code's version and Pillow's, so any
change to what a card shows, or to how it is drawn, makes a new key.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict
from pathlib import Path

import PIL  # light: the version goes into each card's key

from briefly.cache import store as cache
from briefly.content.model import SiteConfig
from briefly.render import cards as drawing
from briefly.render.environment import Pages, Renderer
from briefly.render.urls import card_url
from briefly.views.brief_view import BriefView

log = logging.getLogger(__name__)


def card_key(inputs: drawing.CardInputs) -> str:
    """A new key whenever the card's pixels could differ."""
    data = json.dumps({"card": drawing.CARD_VERSION, "pillow": PIL.__version__,
                       **asdict(inputs)}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def card_bytes(inputs: drawing.CardInputs, cache_dir: Path | None) -> bytes:
    """The card from the cache when its inputs were drawn before, else drawn and stored.

    ``cache_dir`` holds one brief's cards: storing a new one removes the
    others, so the cache keeps one card per brief however often a headline
    changes.  Entries go through ``cache.dump``/``cache.load``, so a damaged
    one is drawn again, never published.
    """
    if cache_dir is not None and not cache.within_cache(cache_dir):
        cache_dir = None  # a linked folder: draw, and neither read nor clear it
    cached = cache_dir / card_key(inputs) if cache_dir else None
    if cached is not None:
        data = cache.load(cached)
        if isinstance(data, bytes):
            return data
    data = drawing.draw_card(inputs)
    if cache_dir is not None and cached is not None:
        try:
            cache.dump(cached, data)
            for entry in os.scandir(cache_dir):
                if entry.name != cached.name and not entry.name.startswith("."):
                    os.unlink(entry.path)  # an older card of this brief
        except OSError as exc:  # a cache we cannot write only costs time
            log.warning("could not cache the social card %s: %s", cached, exc)
    return data


def cards_cache_dir(renderer: Renderer, slug: str) -> Path:
    """``<project>/.briefly-cache/cards/<slug>``: the templates sit in the project root."""
    return renderer.templates_dir.parent / cache.CACHE_DIR / "cards" / slug


def build_card(renderer: Renderer, config: SiteConfig, view: BriefView) -> Pages:
    """One brief's card: depends on that brief alone, so it can be cached per brief."""
    inputs = drawing.card_inputs(config, view)
    return {card_url(view.slug): card_bytes(inputs, cards_cache_dir(renderer, view.slug))}
