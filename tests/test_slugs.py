"""Slugs are what readers paste into chats: readable ASCII, stable."""

from __future__ import annotations

import pytest

from briefly.content.slugs import propose_slug, slugify


@pytest.mark.parametrize("text, slug", [
    ("DeepSeek ships V4: 1.6T open-weight model", "deepseek-ships-v4-1-6t-open-weight-model"),
    ("Über-cheap chips: what Nvidia's H20 ban means", "uber-cheap-chips-what-nvidias-h20-ban-means"),
    ("Nvidia’s curly apostrophe", "nvidias-curly-apostrophe"),
    ("Open-weight models", "open-weight-models"),
    ("  --Spaces & symbols!--  ", "spaces-symbols"),
    ("日本語だけ", ""),
])
def test_slugify_folds_to_readable_ascii(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_long_headlines_are_cut_at_a_word_boundary() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 60 and not slug.endswith("-") and slug.endswith("word")


@pytest.mark.parametrize("headline, slug, shortened, left_out", [
    ("Mistral raises €1.7bn at €11.7bn valuation",
     "mistral-raises-1-7bn-at-11-7bn-valuation", False, "€"),
    # Words are the headline's: "Über-cheap" is one.
    ("Über-cheap chips: what Nvidia's H20 ban means", "uber-cheap-chips-nvidias-h20-ban-means",
     True, ""),
    ("DeepSeek ships V4 — and it’s cheap 🚀", "deepseek-ships-v4-and-its-cheap", False, "🚀"),
    ("Ça coûte 5 € ou 5 ¥", "ca-coute-5-ou-5", False, "€¥"),
    ("日本語だけ", "", False, "日本語だけ"),
    ("the of and to in a for", "the-of-and-to-in-a", True, ""),  # all filler: cut, not emptied
])
def test_new_proposes_at_most_six_words_and_names_what_it_left_out(
        headline: str, slug: str, shortened: bool, left_out: str) -> None:
    assert propose_slug(headline) == (slug, shortened, left_out)
