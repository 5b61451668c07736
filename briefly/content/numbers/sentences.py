"""A text's sentences, and the citations that back each one.

A figure must be backed by a citation "in its sentence"; newsroom prose
often closes a run of sentences with one citation, so a sentence without
its own is backed by the next citation in its paragraph (never one in
another paragraph).  A citation written just after a full stop belongs to
the sentence before it, as it does on the page.

What the page never shows as text (comments, code, link targets, the
citations themselves) is blanked before figures are read, keeping every
offset, so a figure's position is still its position in the file.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from briefly.content.citations import Citation, find_citations
from briefly.content.text import strip_comments

_HIDDEN = re.compile(r"(`+)[^`]*?\1|\]\([^()\s]*\)|<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>|\[@[^\[\]\n]*\]")
_END = re.compile(r"[.!?][\"'”’)]*(?:[ \t]*\n?[ \t]*\[@[^\[\]\n]*\])*(?:\s+|$)")
_PARAGRAPH = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+\.)[ \t])")


class Sentence(NamedTuple):
    start: int
    end: int
    citations: tuple[Citation, ...]  # its own, or the next ones in its paragraph

    @property
    def cited(self) -> bool:
        return bool(self.citations)

    @property
    def statuses(self) -> set[str]:
        return {c.status for c in self.citations if c.status}


def blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def visible_text(text: str) -> str:
    """``text`` with what the page does not show as prose blanked, offsets kept."""
    return _HIDDEN.sub(blank, strip_comments(text, keep_length=True))


def sentences(text: str) -> list[Sentence]:
    """The sentences of Markdown ``text`` (as written, comments included), in order."""
    source = strip_comments(text, keep_length=True)
    citations = [c for c in find_citations(source) if not c.malformed]
    offsets = [c.start for c in citations]
    starts = [0, *(m.end() for m in _PARAGRAPH.finditer(source))]
    found: list[Sentence] = []
    for first, last in zip(starts, [*starts[1:], len(source)]):
        spans, start = [], first
        for end in _ends(source, first, last):
            spans.append((start, end))
            start = end
        paragraph: list[Sentence] = []
        backing: tuple[Citation, ...] = ()
        for start, end in reversed(spans):
            own = citations[bisect_left(offsets, start):bisect_left(offsets, end)]
            backing = tuple(own) or backing
            paragraph.append(Sentence(start, end, backing))
        found.extend(reversed(paragraph))
    return found


def _ends(source: str, first: int, last: int) -> list[int]:
    """Where sentences end: after their closing citations, not after initials (U.S.)."""
    ends = []
    for match in _END.finditer(source, first, last):
        after = match.end()
        if after < last and source[after].islower():
            continue
        at = match.start()
        if (source[at] == "." and at > first and source[at - 1].isupper()
                and (at - 1 == first or not source[at - 2].isalpha())):
            continue  # initials, as in "U.S. AI": no sentence ends there
        ends.append(after)
    if not ends or ends[-1] < last:
        ends.append(last)
    return ends
