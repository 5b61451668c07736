"""Figures in the prose become links to the table cells that give them.

A reader who doubts "$1.74/M" follows it to its cell, where the table's
status, note and source sit beside it: provenance in one step, and no
script needed.  Which figure is which cell is decided by the number check's
own index and rules (``content.numbers``), so the page links exactly what
``check`` matched.  Figures inside links, code and citation numbers are
left alone: a link cannot hold another.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from briefly.content.numbers.facts import FactIndex
from briefly.content.numbers.notation import find_figures
from briefly.content.numbers.rules import NEAR_CHARS, choose_cell

_LEFT_ALONE = frozenset({"a", "code", "pre", "sup", "script", "style"})
_DIGIT = re.compile(r"\d")  # every figure has one; most text between citations has none
_PLACEHOLDER = re.compile("\x02[^\x02\x03]*\x03")  # Python-Markdown's stashed text


class FactLinks(Treeprocessor):
    """Runs on each rendered text while a brief's fact index is set."""

    def __init__(self, md: object, source: object) -> None:
        super().__init__(md)  # type: ignore[arg-type]
        self.source = source  # has ``facts``: the index of the brief being rendered

    def run(self, root: etree.Element) -> None:
        facts: FactIndex | None = getattr(self.source, "facts", None)
        if facts is not None and facts.by_value:
            _link_within(root, facts)


def _link_within(parent: etree.Element, facts: FactIndex) -> None:
    if parent.tag in _LEFT_ALONE:
        return
    text, links = _linked(parent.text, facts)
    if links:
        parent.text = text
        for i, link in enumerate(links):
            parent.insert(i, link)
    for child in list(parent):
        _link_within(child, facts)
        tail, links = _linked(child.tail, facts)
        if links:
            child.tail = tail
            at = list(parent).index(child) + 1
            for i, link in enumerate(links):
                parent.insert(at + i, link)


def _linked(text: str | None, facts: FactIndex) -> tuple[str | None, list[etree.Element]]:
    """The text before the first linked figure, and the links with their tails."""
    if not text or not _DIGIT.search(text):
        return text, []
    shown = _PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)
    links: list[etree.Element] = []
    lead, last = text, 0
    for figure in find_figures(shown):
        cells = facts.by_value.get(figure.key)
        if not cells:
            continue
        cell = choose_cell(facts, cells, shown[max(0, figure.start - NEAR_CHARS):figure.start],
                           shown[figure.end:figure.end + NEAR_CHARS])
        link = etree.Element("a", {"href": f"#{cell.anchor}", "class": "fact-link",
                                   "aria-label": f"{figure.text}, {cell.place} in the table"})
        link.text = text[figure.start:figure.end]
        if links:
            links[-1].tail = text[last:figure.start]
        else:
            lead = text[:figure.start]
        links.append(link)
        last = figure.end
    if links:
        links[-1].tail = text[last:]
    return lead, links
