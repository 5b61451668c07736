"""Slugs: the ASCII, URL-safe names of briefs and topics."""

from __future__ import annotations

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
