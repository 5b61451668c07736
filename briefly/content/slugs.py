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


def topic_slug(name: str) -> str:
    """A topic's URL name; never empty, even for a name with no Latin letters.

    "人工智能" folds to nothing, and an empty slug would publish the topic at
    topics/index.html over the list of topics; a short digest keeps it apart.
    """
    return slugify(name) or "topic-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
