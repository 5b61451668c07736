"""Feeds for following the site: Atom (site-wide and per topic) and JSON Feed 1.1.

Every time in a feed comes from the content, never from the clock: an
entry's ``updated`` is the brief's last substantive change (``updated:`` in
facts.yaml, which ``check`` keeps on or after every logged update), and a
feed's ``updated`` is its newest entry's.  Rebuilding an unchanged site
therefore yields byte-identical feeds, and feed readers only flag a brief
again when an editor says it changed.  Drafts are never in a feed, even in
a ``--drafts`` preview build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from markupsafe import escape

from briefly.content.citations import strip_citations
from briefly.content.model import Brief, Site, SiteConfig, Topic
from briefly.render.environment import Pages, Renderer
from briefly.render.urls import (HOME_URL, JSON_FEED_URL, SITE_FEED_URL, absolute_url, brief_url,
                                 card_url, topic_feed_url, topic_url)
from briefly.views.brief_view import BriefView, long_date
from briefly.views.corrections import KIND_LABELS
from briefly.views.markdown import CitationTracker, MarkdownRenderer

FEED_LIMIT = 50
"""Most entries per feed: readers poll often, so recent changes are what matter."""

EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z"
"""Atom requires an updated time; a feed with no briefs has none to give."""


def timestamp(day: date) -> str:
    """An RFC 3339 time for a date: midnight UTC, so it never depends on the build."""
    return f"{day.isoformat()}T00:00:00Z"


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    summary: str
    content_html: str  # plain str, so the template escapes it into the XML
    published: str
    updated: str
    topics: tuple[Topic, ...]
    image: str
    brief: Brief


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    subtitle: str
    self_url: str
    home_url: str
    updated: str
    entries: tuple[FeedEntry, ...]


def followed_briefs(briefs: tuple[Brief, ...]) -> list[Brief]:
    """Published briefs, most recently changed first (ties: newest, then slug)."""
    shown = [b for b in briefs if not b.draft]
    shown.sort(key=lambda b: (b.updated, b.published, b.slug), reverse=True)
    return shown[:FEED_LIMIT]


def entry_content(view: BriefView, markdown: MarkdownRenderer) -> str:
    """The answer, then the update log: what a follower needs to see a change.

    Citations are dropped: their numbers point into the page, not the feed.
    """
    parts = [str(view.summary)]
    if view.brief.updates:
        items = []
        for update in view.brief.updates:
            text = markdown.render_inline(strip_citations(update.text), CitationTracker())
            label = KIND_LABELS.get(update.kind)
            kind = f"<strong>{escape(label)}:</strong> " if label else ""
            items.append(f'<li><time datetime="{update.date.isoformat()}">'
                         f"{escape(long_date(update.date))}</time>: {kind}{text}</li>")
        parts.append("<h2>Updates</h2>\n<ul>\n" + "\n".join(items) + "\n</ul>")
    return "\n".join(parts)


def feed_entries(config: SiteConfig, briefs: list[Brief], views: dict[str, BriefView],
                 markdown: MarkdownRenderer) -> tuple[FeedEntry, ...]:
    entries = []
    for brief in briefs:
        view = views[brief.slug]
        entries.append(FeedEntry(
            url=absolute_url(config.base_url, brief_url(brief.slug)), title=brief.headline,
            summary=view.description, content_html=entry_content(view, markdown),
            published=timestamp(brief.published), updated=timestamp(brief.updated),
            topics=brief.topics, image=absolute_url(config.base_url, card_url(brief.slug)),
            brief=brief))
    return tuple(entries)


def make_feed(config: SiteConfig, title: str, subtitle: str, feed_path: str, home_path: str,
              entries: tuple[FeedEntry, ...]) -> Feed:
    updated = max((e.brief.updated for e in entries), default=None)
    return Feed(id=absolute_url(config.base_url, feed_path), title=title, subtitle=subtitle,
                self_url=absolute_url(config.base_url, feed_path),
                home_url=absolute_url(config.base_url, home_path),
                updated=timestamp(updated) if updated else EMPTY_FEED_UPDATED, entries=entries)


def build_atom_feeds(renderer: Renderer, site: Site, views: dict[str, BriefView]) -> Pages:
    """One feed for the whole site and one for each topic."""
    config = site.config
    markdown = MarkdownRenderer()
    entries = feed_entries(config, followed_briefs(site.briefs), views, markdown)
    feeds = [make_feed(config, config.title, config.tagline, SITE_FEED_URL, HOME_URL,
                       entries)]
    for topic in site.topics:
        topic_entries = feed_entries(config, followed_briefs(site.briefs_in(topic)), views,
                                     markdown)
        feeds.append(make_feed(config, f"{topic.name} · {config.title}",
                               f"Briefs about {topic.name}.", topic_feed_url(topic.slug),
                               topic_url(topic.slug), topic_entries))
    pages: Pages = {}
    for feed in feeds:
        path = feed.self_url[len(config.base_url):]
        pages[path] = renderer.render("feeds/atom.xml", path, config, path, feed=feed)
    return pages


def build_json_feed(renderer: Renderer, site: Site, views: dict[str, BriefView]) -> Pages:
    """The site's JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    config = site.config
    entries = feed_entries(config, followed_briefs(site.briefs), views, MarkdownRenderer())
    author = {"name": config.publisher}
    if config.publisher_url:
        author["url"] = config.publisher_url
    feed: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": config.title,
        "home_page_url": config.base_url,
        "feed_url": absolute_url(config.base_url, JSON_FEED_URL),
        "language": config.language,
        "authors": [author],
    }
    if config.tagline:
        feed["description"] = config.tagline
    feed["items"] = [{
        "id": e.url, "url": e.url, "title": e.title, "summary": e.summary,
        "content_html": e.content_html, "image": e.image,
        "date_published": e.published, "date_modified": e.updated,
        "tags": [t.name for t in e.topics],
    } for e in entries]
    text = json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
    return {JSON_FEED_URL: text.encode("utf-8")}
