"""The corrections page and its Atom feed: every fact the site got wrong, newest first.

A newsroom earns trust by saying plainly what it corrected, so each
correction (an update of kind ``correction``) is listed across the site,
linked to where its brief shows it, and offered as a feed for anyone who
follows corrections.  Both are built from the briefs' summaries only (the
update log is in them), so the incremental build re-renders them exactly
when a log changes.  Times come from the corrections' dates, never the
clock, and drafts are never listed, even in a preview.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from briefly.content.citations import strip_citations
from briefly.content.model import Brief, Site
from briefly.render.environment import Pages, Renderer
from briefly.render.feeds import EMPTY_FEED_UPDATED, FEED_LIMIT, Feed, FeedEntry, timestamp
from briefly.render.urls import (CORRECTIONS_FEED_URL, CORRECTIONS_URL, absolute_url, card_url,
                                 correction_url, page_file)
from briefly.views.brief_view import BriefView, plain_text
from briefly.views.corrections import newest_first
from briefly.views.markdown import CitationTracker, MarkdownRenderer


@dataclass(frozen=True)
class CorrectionItem:
    brief: Brief
    date: date
    anchor: str  # where the brief's page shows it
    html: Markup  # its text as Markdown renders it, without citation numbers


def site_corrections(site: Site, markdown: MarkdownRenderer) -> list[CorrectionItem]:
    """Every correction of the published briefs; newest first, then by brief."""
    found = []
    for brief in site.briefs:
        if brief.draft:
            continue
        for order, (update, anchor) in enumerate(newest_first(brief.updates)):
            html = markdown.render(strip_citations(update.text), CitationTracker())
            found.append((-update.date.toordinal(), brief.slug, order,
                          CorrectionItem(brief, update.date, anchor, Markup(html))))
    return [item for *_, item in sorted(found, key=lambda f: f[:3])]


def build_corrections(renderer: Renderer, site: Site, views: dict[str, BriefView]) -> Pages:
    """The corrections page and feed."""
    config = site.config
    items = site_corrections(site, MarkdownRenderer())
    page = renderer.render("corrections.html", page_file(CORRECTIONS_URL), config,
                           CORRECTIONS_URL, corrections=items)
    entries = tuple(FeedEntry(
        url=absolute_url(config.base_url, correction_url(item.brief.slug, item.anchor)),
        title=f"Correction: {item.brief.headline}", summary=plain_text(item.html),
        content_html=str(item.html), published=timestamp(item.date),
        updated=timestamp(item.date), topics=item.brief.topics,
        image=absolute_url(config.base_url, card_url(item.brief.slug)), brief=item.brief)
        for item in items[:FEED_LIMIT])
    feed = Feed(id=absolute_url(config.base_url, CORRECTIONS_FEED_URL),
                title=f"Corrections · {config.title}",
                subtitle=f"Every correction {config.title} has published, newest first.",
                self_url=absolute_url(config.base_url, CORRECTIONS_FEED_URL),
                home_url=absolute_url(config.base_url, CORRECTIONS_URL),
                updated=entries[0].updated if entries else EMPTY_FEED_UPDATED, entries=entries)
    return {page_file(CORRECTIONS_URL): page,
            CORRECTIONS_FEED_URL: renderer.render("feeds/atom.xml", CORRECTIONS_FEED_URL,
                                                  config, CORRECTIONS_FEED_URL, feed=feed)}
