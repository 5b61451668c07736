"""Slugs: the ASCII, URL-safe names of briefs and topics."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def slugify(text: str, max_length: int = 60) -> str:
    """Fold to ASCII and join words with hyphens ("Über V4: 1.6T" -> "uber-v4-1-6t").

    Folding rather than percent-encoding keeps URLs readable when pasted into
    chat or print, which is where briefs get shared.
    """
    # Apostrophes join a word ("Nvidia's" -> "nvidias"), they do not split it.
    text = re.sub(r"['’]", "", text)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


SLUG_WORDS = 6
"""Most words ``new`` proposes for a slug: an address short enough to read aloud."""

FILLER_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "for", "to", "in", "on", "at", "by",
    "with", "from", "as", "into", "over", "after", "its", "is", "are", "was", "be",
    "what", "how", "why", "this", "that",
})
"""Words a long headline's slug can lose first without changing what it says."""


def propose_slug(headline: str, max_words: int = SLUG_WORDS) -> tuple[str, bool, str]:
    """A brief's slug from its headline: (slug, shortened?, characters left out).

    A headline of more than ``max_words`` words loses its filler words first,
    then its last words.  The characters left out are those with no ASCII
    form ("€", "深"), so the editor can tell what the address no longer says;
    punctuation and spaces only separate words, and are not counted.
    """
    words = [w for w in (slugify(word) for word in headline.split()) if w]
    shortened = len(words) > max_words
    if shortened:
        words = ([w for w in words if w not in FILLER_WORDS] or words)[:max_words]
    return slugify(" ".join(words)), shortened, "".join(dict.fromkeys(
        c for c in headline if _unfoldable(c)))


def _unfoldable(char: str) -> bool:
    if char.isascii() or unicodedata.category(char)[0] in "PZC" or char in "'’":
        return False
    return not unicodedata.normalize("NFKD", char).encode("ascii", "ignore").strip()


def topic_slug(name: str) -> str:
    """A topic's URL name; never empty, even for a name with no Latin letters.

    "人工智能" folds to nothing, and an empty slug would publish the topic at
    topics/index.html over the list of topics; a short digest keeps it apart.
    """
    return slugify(name) or "topic-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
