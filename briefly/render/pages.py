"""Stage 4: turn the model into pages, in memory (``{path: bytes}``).

Nothing in this module touches the output folder, so tests can render a
whole site without disk.  Pages are listed here with what they depend on,
so the incremental build can re-render only those whose briefs changed.
"""

from __future__ import annotations

from typing import Callable, Iterable, Mapping, Sequence

from briefly.content.model import Site, SiteConfig
from briefly.content.related import RelatedBrief, related_briefs
from briefly.render.cards import HEIGHT as CARD_HEIGHT
from briefly.render.cards import WIDTH as CARD_WIDTH
from briefly.render.environment import Pages, Renderer
from briefly.render.urls import (ARCHIVE_URL, HOME_URL, NOT_FOUND_URL, TOPICS_URL,
                                 brief_alias_url, brief_url, page_file, topic_url)
from briefly.views.brief_view import BriefView


def render_brief(renderer: Renderer, site: SiteConfig, view: BriefView,
                 related: Sequence[RelatedBrief] = ()) -> Pages:
    """The brief's page (and its old addresses' redirects), with its related briefs."""
    target = brief_url(view.slug)
    page = renderer.render("brief.html", page_file(target), site, target, view=view,
                           related=related, card_width=CARD_WIDTH, card_height=CARD_HEIGHT)
    pages = {page_file(target): page}
    for alias in view.brief.aliases:
        old = page_file(brief_alias_url(alias))
        pages[old] = renderer.render("redirect.html", old, site, target, destination=target,
                                     title=view.brief.headline)
    return pages


LISTED_CARDS = 12
"""Briefs a home or topic page shows as cards, each with its answer, after the
lead: a screenful or two.  The rest are listed by year, a line each, so a
page of an archive of hundreds stays quick to load and to scan."""


# An index page: its path, the topic whose briefs it lists (None: it depends
# on every brief), and how to render it.  The incremental build re-renders a
# page only when the briefs it depends on change.
IndexPage = tuple[str, "str | None", Callable[[], bytes]]


def index_pages(renderer: Renderer, site: Site, views: Mapping[str, BriefView]
                ) -> list[IndexPage]:
    """Pages that list briefs: they change when any brief's summary changes."""
    ordered = [views[b.slug] for b in site.briefs]
    config = site.config
    home, archive, topics = page_file(HOME_URL), page_file(ARCHIVE_URL), page_file(TOPICS_URL)
    pages: list[IndexPage] = [
        (home, None, lambda: renderer.render(
            "home.html", home, config, HOME_URL, briefs=ordered, topics=site.topics,
            cards=LISTED_CARDS)),
        (archive, None, lambda: renderer.render(
            "archive.html", archive, config, ARCHIVE_URL, briefs=ordered)),
        (topics, None, lambda: renderer.render(
            "topics.html", topics, config, TOPICS_URL,
            topics=[(t, len(site.briefs_in(t))) for t in site.topics])),
        (NOT_FOUND_URL, None, lambda: renderer.render(
            "404.html", NOT_FOUND_URL, config, NOT_FOUND_URL, absolute_links=True)),
    ]
    for topic in site.topics:
        path = page_file(topic_url(topic.slug))
        pages.append((path, topic.slug, lambda path=path, topic=topic: renderer.render(
            "topic.html", path, config, topic_url(topic.slug), topic=topic,
            briefs=[views[b.slug] for b in site.briefs_in(topic)], cards=LISTED_CARDS)))
    return pages


def render_indexes(renderer: Renderer, site: Site, views: Mapping[str, BriefView]) -> Pages:
    return {path: make() for path, _, make in index_pages(renderer, site, views)}


PageBuilder = Callable[[Renderer, Site, dict[str, BriefView]], Pages]


def render_site(renderer: Renderer, site: Site, views: dict[str, BriefView],
                extra: Iterable[PageBuilder] = ()) -> Pages:
    pages: Pages = {}
    related = related_briefs(site.briefs)
    for brief in site.briefs:
        pages.update(render_brief(renderer, site.config, views[brief.slug],
                                  related[brief.slug]))
    pages.update(render_indexes(renderer, site, views))
    for builder in extra:
        pages.update(builder(renderer, site, views))
    return pages
