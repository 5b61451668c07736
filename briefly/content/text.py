"""What editors' text means before anything renders it: comments and link schemes.

``check`` and the Markdown renderer must agree on both, or an editor would
be told a link is fine that the page then drops; so the checks (in
``content``) and the renderer (in ``views``) share these functions, and they
live with the content, the lower of the two stages.
"""

from __future__ import annotations

import html
import re

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def strip_comments(text: str, keep_length: bool = False) -> str:
    """Remove ``<!-- ... -->`` comments in one pass (blanked when keep_length).

    A regex like ``<!--.*?-->`` rescans to the end for every unclosed
    ``<!--``, which makes a file of them take minutes; once one comment has
    no end, no later one can have one either, so we stop there.
    """
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        end += 3
        parts.append(text[position:start])
        if keep_length:
            parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, controls and spaces removed.

    ``&#106;avascript:``, ``JaVaScRiPt:`` and `` java\tscript:`` all mean
    ``javascript:`` to a browser, so all of them must mean it here too.
    """
    cleaned = _CONTROL.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto, and scheme-less (relative or #fragment) URLs."""
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES
