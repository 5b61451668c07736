"""Slugs are what readers paste into chats: readable ASCII, stable."""

from __future__ import annotations

import pytest

from briefly.content.slugs import slugify


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
