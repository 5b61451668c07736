"""The one citation syntax, ``[@id]`` and ``[@a; @b]`` (Pandoc's), in one place.

A citation may end with a claim status after a comma, where Pandoc puts a
locator: ``[@deepseek-release, self-reported]``.  The status describes the
claim the citation supports (the sentence before it), not one source.

Validation and rendering both use :func:`find_citations` / :func:`parse_citation`,
so what ``check`` accepts is exactly what the renderer turns into numbered links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CITATION = re.compile(r"\[@([^\[\]\n]*)\]")  # no "[" inside: linear on "[@[@[@..."
# A citation with the spaces that part it from the word before (never a line's
# indentation), and one that opens a line only to be followed by punctuation.
_SPACED = re.compile(r"(?:(?<=\S)[ \t]+)?" + CITATION.pattern)
_OWN_LINE = re.compile(r"(?<=\S)[ \t]*\n[ \t]*" + CITATION.pattern + r"(?=[.,;:!?])")
_KEY = re.compile(r"^@([a-z0-9][a-z0-9-]*)$")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?\1")


@dataclass(frozen=True)
class Citation:
    ids: tuple[str, ...]
    start: int  # offset of "[" in the text
    text: str
    malformed: bool = False
    status: str | None = None  # as written; may be unknown (``check`` reports it)


def parse_citation(inner: str) -> tuple[tuple[str, ...], str | None] | None:
    """``@a; @b, estimate`` -> (("a", "b"), "estimate"); None when malformed."""
    keys_part, comma, status = inner.partition(",")
    keys = parse_keys(keys_part)
    if keys is None or (comma and not status.strip()):
        return None
    return keys, (" ".join(status.split()) if comma else None)


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
        parsed = parse_citation("@" + match.group(1))
        keys, status = parsed if parsed else ((), None)
        found.append(Citation(keys, match.start(), match.group(0), parsed is None, status))
    return found


def strip_citations(text: str) -> str:
    """Markdown without its citations, for places their numbers cannot go
    (listings, feeds, meta descriptions).

    The space before a citation goes with it, so "the fare [@notice]." reads
    "the fare." and not "the fare .".
    """
    return _SPACED.sub("", _OWN_LINE.sub("", text))
