"""``sitemap.xml`` and ``robots.txt``: how search engines find every public page.

``lastmod`` is the date a page's content last changed, from the briefs it
shows (a list page changes when its newest brief does), never the build
time, so an unchanged site rebuilds to identical files.  Drafts, redirect
pages of old slugs and the 404 page are left out.
"""

from __future__ import annotations

from datetime import date

from briefly.content.model import Brief, Site
from briefly.render.environment import Pages, Renderer
from briefly.render.pages import brief_path, topic_path
from briefly.views.brief_view import BriefView


def _newest(briefs: list[Brief]) -> date | None:
    return max((b.updated for b in briefs), default=None)


def sitemap_urls(site: Site) -> list[tuple[str, date | None]]:
    """(absolute URL, lastmod) for every public page, home first."""
    base = site.config.base_url
    public = [b for b in site.briefs if not b.draft]
    urls: list[tuple[str, date | None]] = [(base, _newest(public)),
                                           (base + "briefs/", _newest(public)),
                                           (base + "topics/", _newest(public))]
    for topic in site.topics:
        in_topic = [b for b in site.briefs_in(topic) if not b.draft]
        if in_topic:
            urls.append((base + topic_path(topic), _newest(in_topic)))
    urls.extend((base + brief_path(b.slug), b.updated) for b in public)
    return urls


def build_sitemap(renderer: Renderer, site: Site, views: dict[str, BriefView]) -> Pages:
    return {"sitemap.xml": renderer.render("feeds/sitemap.xml", "sitemap.xml", site.config,
                                           "sitemap.xml", urls=sitemap_urls(site))}


def build_robots(renderer: Renderer, site: Site, views: dict[str, BriefView]) -> Pages:
    """Allow everything and point at the sitemap (which must be an absolute URL)."""
    text = f"User-agent: *\nAllow: /\n\nSitemap: {site.config.base_url}sitemap.xml\n"
    return {"robots.txt": text.encode("utf-8")}
