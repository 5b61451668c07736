"""``sitemap.xml`` and ``robots.txt``: how search engines find every public page.

``lastmod`` is the date a page's content last changed, from the briefs it
shows (a list page changes when its newest brief does), never the build
time, so an unchanged site rebuilds to identical files.  Drafts, redirect
pages of old slugs and the 404 page are left out, and so is the corrections
page while it lists nothing (an empty page is not worth a crawler's visit).

A source's page and a fact sheet's page change with the briefs citing or
using them, so they are dated by the newest of those; one that no published
brief cites is left out, as a draft's page is, even when the preview shows
it with its drafts or the registry gives it a page of its own.  The two
indexes follow their newest listed page and are left out while they list
none.
"""

from __future__ import annotations

from datetime import date

from briefly.content.model import Brief, Site
from briefly.render.environment import Pages, Renderer
from briefly.render.shared_pages import cited_sources, fact_uses
from briefly.render.urls import (ARCHIVE_URL, CORRECTIONS_URL, FACTS_URL, HOME_URL, ROBOTS_URL,
                                 SITEMAP_URL, SOURCES_URL, TOPICS_URL, absolute_url, brief_url,
                                 fact_sheet_url, source_url, topic_url)
from briefly.views.brief_view import BriefView
from briefly.views.corrections import CORRECTION


def _newest(briefs: list[Brief]) -> date | None:
    return max((b.updated for b in briefs), default=None)


def sitemap_urls(site: Site) -> list[tuple[str, date | None]]:
    """(absolute URL, lastmod) for every public page, home first."""
    base = site.config.base_url
    public = [b for b in site.briefs if not b.draft]
    urls: list[tuple[str, date | None]] = [
        (absolute_url(base, listing), _newest(public))
        for listing in (HOME_URL, ARCHIVE_URL, TOPICS_URL)]
    for topic in site.topics:
        in_topic = [b for b in site.briefs_in(topic) if not b.draft]
        if in_topic:
            urls.append((absolute_url(base, topic_url(topic.slug)), _newest(in_topic)))
    corrected = [u.date for b in public for u in b.updates if u.kind == CORRECTION]
    if corrected:
        urls.append((absolute_url(base, CORRECTIONS_URL), max(corrected)))
    urls += _shared_pages(site)
    urls.extend((absolute_url(base, brief_url(b.slug)), b.updated) for b in public)
    return urls


def _shared_pages(site: Site) -> list[tuple[str, date | None]]:
    """The source and fact pages published briefs rely on, each index before its pages."""
    sources = {source_url(ident): _newest([b for e in entries for b in e.briefs if not b.draft])
               for ident, entries in cited_sources(site).items()}
    sheets = {fact_sheet_url(sheet.entity):
              _newest([b for use in uses for b in use.briefs if not b.draft])
              for sheet, uses in fact_uses(site)}
    urls: list[tuple[str, date | None]] = []
    for index, pages in ((SOURCES_URL, sources), (FACTS_URL, sheets)):
        listed = [(path, day) for path, day in pages.items() if day is not None]
        if listed:
            urls.append((index, max(day for _, day in listed)))
            urls += listed
    return [(absolute_url(site.config.base_url, path), day) for path, day in urls]


def build_sitemap(renderer: Renderer, site: Site, views: dict[str, BriefView]) -> Pages:
    path = SITEMAP_URL
    return {path: renderer.render("feeds/sitemap.xml", path, site.config, path,
                                  urls=sitemap_urls(site))}


def build_robots(renderer: Renderer, site: Site, views: dict[str, BriefView]) -> Pages:
    """Allow everything and point at the sitemap (which must be an absolute URL)."""
    sitemap = absolute_url(site.config.base_url, SITEMAP_URL)
    text = f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"
    return {ROBOTS_URL: text.encode("utf-8")}
