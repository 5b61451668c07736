"""The one citation syntax, ``[@id]`` and ``[@a; @b]`` (Pandoc's), in one place.

Validation and rendering both use :func:`find_citations`, so what ``check``
accepts is exactly what the renderer turns into numbered links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CITATION = re.compile(r"\[@([^\[\]\n]*)\]")  # no "[" inside: linear on "[@[@[@..."
_KEY = re.compile(r"^@([a-z0-9][a-z0-9-]*)$")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?\1")


@dataclass(frozen=True)
class Citation:
    ids: tuple[str, ...]
    start: int  # offset of "[" in the text
    text: str
    malformed: bool = False


def parse_keys(inner: str) -> tuple[str, ...] | None:
    """``@a; @b`` -> ("a", "b"); None when any part is not ``@id``."""
    keys = []
    for part in inner.split(";"):
        match = _KEY.match(part.strip())
        if not match:
            return None
        keys.append(match.group(1))
    return tuple(keys)


def find_citations(text: str) -> list[Citation]:
    """Every citation in Markdown text, in reading order (code spans skipped)."""
    masked = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for match in CITATION.finditer(masked):
        keys = parse_keys("@" + match.group(1))
        found.append(Citation(keys or (), match.start(), match.group(0), keys is None))
    return found
