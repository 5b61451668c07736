"""Stage 4: turn the model into pages, in memory (``{path: bytes}``).

Nothing in this module touches the output folder, so tests can render a
whole site without disk.  Pages are listed here with what they depend on,
so the incremental build can re-render only those whose briefs changed.
"""

from __future__ import annotations

from typing import Callable, Iterable, Mapping

from briefly.content.model import Site, SiteConfig, Topic
from briefly.render.environment import Pages, Renderer
from briefly.views.brief_view import BriefView


def brief_path(slug: str) -> str:
    return f"briefs/{slug}/"


def topic_path(topic: Topic) -> str:
    return f"topics/{topic.slug}/"


def render_brief(renderer: Renderer, site: SiteConfig, view: BriefView) -> Pages:
    target = brief_path(view.slug)
    page = renderer.render("brief.html", target + "index.html", site, target, view=view)
    pages = {target + "index.html": page}
    for alias in view.brief.aliases:
        old = brief_path(alias)
        pages[old + "index.html"] = renderer.render(
            "redirect.html", old + "index.html", site, target, destination=target,
            title=view.brief.headline)
    return pages


# An index page: its path, the topic whose briefs it lists (None: it depends
# on every brief), and how to render it.  The incremental build re-renders a
# page only when the briefs it depends on change.
IndexPage = tuple[str, "str | None", Callable[[], bytes]]


def index_pages(renderer: Renderer, site: Site, views: Mapping[str, BriefView]
                ) -> list[IndexPage]:
    """Pages that list briefs: they change when any brief's summary changes."""
    ordered = [views[b.slug] for b in site.briefs]
    config = site.config
    pages: list[IndexPage] = [
        ("index.html", None, lambda: renderer.render(
            "home.html", "index.html", config, "", briefs=ordered, topics=site.topics)),
        ("briefs/index.html", None, lambda: renderer.render(
            "archive.html", "briefs/index.html", config, "briefs/", briefs=ordered)),
        ("topics/index.html", None, lambda: renderer.render(
            "topics.html", "topics/index.html", config, "topics/",
            topics=[(t, len(site.briefs_in(t))) for t in site.topics])),
        ("404.html", None, lambda: renderer.render(
            "404.html", "404.html", config, "404.html", absolute_links=True)),
    ]
    for topic in site.topics:
        path = topic_path(topic) + "index.html"
        pages.append((path, topic.slug, lambda path=path, topic=topic: renderer.render(
            "topic.html", path, config, topic_path(topic), topic=topic,
            briefs=[views[b.slug] for b in site.briefs_in(topic)])))
    return pages


def render_indexes(renderer: Renderer, site: Site, views: Mapping[str, BriefView]) -> Pages:
    return {path: make() for path, _, make in index_pages(renderer, site, views)}


PageBuilder = Callable[[Renderer, Site, dict[str, BriefView]], Pages]


def render_site(renderer: Renderer, site: Site, views: dict[str, BriefView],
                extra: Iterable[PageBuilder] = ()) -> Pages:
    pages: Pages = {}
    for brief in site.briefs:
        pages.update(render_brief(renderer, site.config, views[brief.slug]))
    pages.update(render_indexes(renderer, site, views))
    for builder in extra:
        pages.update(builder(renderer, site, views))
    return pages
