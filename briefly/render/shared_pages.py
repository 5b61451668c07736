"""A page per source and per shared fact sheet, with the briefs that use each.

A reader who trusts a source, or doubts a figure, can see every brief that
relies on it; an editor correcting one sees what the correction reaches.
Sources a brief lists itself get a page too, under their id.  Two briefs may
each define an id of their own for different sources (an id is only unique
within a brief and the registry): the page then shows each source with the
briefs citing it.  Everything here comes from the briefs' summaries and the
library, so the pages re-render when a citing brief or the library changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefly.content.library import FACT_USE
from briefly.content.model import Brief, FactSheet, SharedFact, Site, Source
from briefly.render.environment import Pages, Renderer
from briefly.render.urls import (FACTS_URL, SOURCES_URL, fact_sheet_url, page_file,
                                 source_url)
from briefly.views.brief_view import BriefView


@dataclass
class CitedSource:
    """One source under its id, and the briefs citing it, newest first."""

    source: Source
    shared: bool  # from content/sources.yaml
    briefs: list[Brief] = field(default_factory=list)


@dataclass
class FactUse:
    fact: SharedFact
    briefs: list[Brief] = field(default_factory=list)


def cited_sources(site: Site) -> dict[str, list[CitedSource]]:
    """Every source by id (sorted), registry ones first under their id.

    Entries are found by the source itself (sources are frozen, so hashable):
    an id that many briefs define each their own way would otherwise be
    searched entry by entry for every citing brief.
    """
    found: dict[str, list[CitedSource]] = {}
    entry_of: dict[Source, CitedSource] = {}
    for source in site.library.sources.values():
        entry_of[source] = CitedSource(source, True)
        found[source.id] = [entry_of[source]]
    for brief in site.briefs:  # newest first already
        for source in brief.sources:
            entry = entry_of.get(source)
            if entry is None:
                entry = entry_of[source] = CitedSource(source, False)
                found.setdefault(source.id, []).append(entry)
            entry.briefs.append(brief)
    return dict(sorted(found.items()))


def fact_uses(site: Site) -> list[tuple[FactSheet, list[FactUse]]]:
    """Every sheet (by entity) and its facts in the file's order, with their briefs."""
    users: dict[str, list[Brief]] = {}
    for brief in site.briefs:
        for use in brief.uses:
            if use.startswith(FACT_USE):
                users.setdefault(use[len(FACT_USE):], []).append(brief)
    return [(sheet, [FactUse(fact, users.get(fact.ref, [])) for fact in sheet.facts.values()])
            for _, sheet in sorted(site.library.sheets.items())]


def build_source_pages(renderer: Renderer, site: Site, views: dict[str, BriefView]) -> Pages:
    """/sources/ and /sources/<id>/."""
    config = site.config
    sources = cited_sources(site)
    pages = {page_file(SOURCES_URL): renderer.render(
        "sources.html", page_file(SOURCES_URL), config, SOURCES_URL, sources=sources)}
    for ident, entries in sources.items():
        path = page_file(source_url(ident))
        pages[path] = renderer.render("source.html", path, config, source_url(ident),
                                      source_id=ident, entries=entries)
    return pages


def build_fact_pages(renderer: Renderer, site: Site, views: dict[str, BriefView]) -> Pages:
    """/facts/ and /facts/<entity>/, when there are shared fact sheets."""
    config = site.config
    sheets = fact_uses(site)
    if not sheets:
        return {}
    pages = {page_file(FACTS_URL): renderer.render(
        "facts.html", page_file(FACTS_URL), config, FACTS_URL, sheets=sheets)}
    for sheet, facts in sheets:
        path = page_file(fact_sheet_url(sheet.entity))
        pages[path] = renderer.render("fact_sheet.html", path, config,
                                      fact_sheet_url(sheet.entity), sheet=sheet, facts=facts,
                                      sources=site.library.sources)
    return pages
