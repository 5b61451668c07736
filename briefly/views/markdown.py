"""Markdown to safe HTML, with ``[@id]`` citations turned into numbered links.

Editors' text is untrusted: raw HTML is escaped (shown as text, never parsed),
links keep only http(s), mailto and relative targets, and images are dropped
(a page must load nothing from other sites).  One converter is reused with
``reset()`` between documents, since Python-Markdown keeps state across calls.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from briefly.content.citations import CITATION, parse_citation
from briefly.content.text import is_safe_url, strip_comments
from briefly.content.claims import CLAIM_STATUSES, status_class
from briefly.content.numbers.facts import FactIndex
from briefly.views.number_links import FactLinks

RENDERER_VERSION = "4"  # bump when output for the same Markdown changes (cache key)



@dataclass
class CitationTracker:
    """Numbers sources in order of first citation on one page.

    Rendering a page's texts in the order the page shows them makes the
    numbers follow reading order; every citing place gets its own anchor so
    the source list can link back to each one (a, b, c).
    """

    numbers: dict[str, int] = field(default_factory=dict)
    anchors: dict[str, list[str]] = field(default_factory=dict)
    statuses: set[str] = field(default_factory=set)  # claim statuses shown, for the legend

    def cite(self, source_id: str) -> tuple[int, str]:
        number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
        places = self.anchors.setdefault(source_id, [])
        anchor = f"cite-{source_id}-{len(places) + 1}"
        places.append(anchor)
        return number, anchor


def citation_element(ids: tuple[str, ...], tracker: CitationTracker) -> etree.Element:
    """``<sup class="cite">`` holding one numbered link per cited source.

    Sources are numbered in the order they are written, then shown in the
    order of their numbers: a reader scanning "1, 4" finds them in the list
    top to bottom, where "4, 1" reads as a mistake.
    """
    sup = etree.Element("sup", {"class": "cite"})
    cited = sorted(((*tracker.cite(source_id), source_id) for source_id in ids),
                   key=lambda cite: cite[0])
    for i, (number, anchor, source_id) in enumerate(cited):
        link = etree.SubElement(sup, "a", {"href": f"#source-{source_id}", "id": anchor,
                                           "class": "cite-ref",
                                           "aria-label": f"Source {number}"})
        link.text = str(number)
        if i < len(cited) - 1:
            link.tail = ", "
    return sup


def status_badge(status: str) -> etree.Element:
    """A claim status as words in a badge: never colour alone."""
    badge = etree.Element("span", {"class": f"status {status_class(status)}"})
    badge.text = status
    return badge


def claim_element(ids: tuple[str, ...], status: str | None,
                  tracker: CitationTracker) -> etree.Element:
    """A prose citation; with a status, the badge comes right before the number."""
    sup = citation_element(ids, tracker)
    if status is None:
        return sup
    tracker.statuses.add(status)
    claim = etree.Element("span", {"class": "claim"})
    claim.append(status_badge(status))
    claim.append(sup)
    return claim


def citation_html(ids: tuple[str, ...], tracker: CitationTracker) -> str:
    """The same markup as in Markdown, for citations written in YAML."""
    if not ids:
        return ""
    return etree.tostring(citation_element(ids, tracker), encoding="unicode", method="html")


class _CitationPattern(InlineProcessor):
    def __init__(self, extension: "BrieflyExtension") -> None:
        super().__init__(CITATION.pattern)
        self.extension = extension

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Any, int, int]:  # noqa: N802
        parsed = parse_citation("@" + m.group(1))
        if not parsed or self.extension.tracker is None or (
                parsed[1] is not None and parsed[1] not in CLAIM_STATUSES):
            return None, None, None  # left as text; `check` reports malformed ones
        ids, status = parsed
        return claim_element(ids, status, self.extension.tracker), m.start(0), m.end(0)


class _SafeLinks(Treeprocessor):
    """Drop link targets with unsafe schemes and images, whatever slipped past."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    replacement = child.get("alt", "")
                    index = list(parent).index(child)
                    parent.remove(child)
                    _insert_text(parent, index, replacement + (child.tail or ""))
                elif child.tag == "a" and "href" in child.attrib:
                    if not is_safe_url(child.get("href", "")):
                        del child.attrib["href"]


def _insert_text(parent: etree.Element, index: int, text: str) -> None:
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text


class BrieflyExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.tracker: CitationTracker | None = None
        self.facts: FactIndex | None = None  # set while a brief's prose links its figures

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # Above reference links (170), so "[@id]" never becomes a link.
        md.inlinePatterns.register(_CitationPattern(self), "briefly-citation", 175)
        md.treeprocessors.register(_SafeLinks(md), "briefly-safe-links", 0)
        # After "unescape" (0), so figures are read as the page shows them.
        md.treeprocessors.register(FactLinks(md, self), "briefly-fact-links", -1)


class MarkdownRenderer:
    """Converts editors' Markdown; one instance per process, reset per text."""

    def __init__(self) -> None:
        self.extension = BrieflyExtension()
        # An instance, not the name "sane_lists": looking a name up scans every
        # installed package's entry points, which costs more than a brief.
        self.md = markdown.Markdown(extensions=[self.extension, SaneListExtension()],
                                    output_format="html")

    def render(self, text: str, tracker: CitationTracker, facts: FactIndex | None = None) -> str:
        """``facts``: the brief's fact index, to link figures to their table cells."""
        self.md.reset()
        self.extension.tracker, self.extension.facts = tracker, facts
        try:
            return self.md.convert(strip_comments(text))
        finally:
            self.extension.tracker = self.extension.facts = None

    def render_inline(self, text: str, tracker: CitationTracker,
                      facts: FactIndex | None = None) -> str:
        """For one-paragraph fields shown inside other markup (a list item)."""
        rendered = self.render(text, tracker, facts)
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            return rendered[3:-4]
        return rendered
