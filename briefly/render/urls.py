"""Every published path and URL of a site, spelled once.

A *site path* names a published file or folder relative to the site's root:
``""`` is the home page, ``"briefs/deepseek-v4/"`` a brief, ``"feed.xml"``
the site's feed.  Folders end with ``/`` and are served by their
``index.html`` (:func:`page_file`).  Python builds outputs, links and
absolute URLs from these helpers, and templates call the same functions
under the same names (Jinja globals), so moving an output is one edit here
and every link, feed, sitemap entry and structured-data block follows.

Links between pages are relative (:func:`relative_url`) so a site works
from any folder and from ``file://``; feeds, sitemaps and sharing tags need
absolute URLs (:func:`absolute_url`), built from ``base_url``.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from briefly.content.model import SiteConfig

PAGE_INDEX = "index.html"
SEARCH_INDEX_FOLDER = "pagefind"


def home_url() -> str:
    return ""


def archive_url() -> str:
    """The list of every brief."""
    return "briefs/"


def brief_url(slug: str) -> str:
    return f"{archive_url()}{slug}/"


def brief_alias_url(alias: str) -> str:
    """A renamed brief's old address: it keeps working, as a redirect page."""
    return brief_url(alias)


def topics_url() -> str:
    """The list of every topic."""
    return "topics/"


def topic_url(slug: str) -> str:
    return f"{topics_url()}{slug}/"


def topic_feed_url(slug: str) -> str:
    return topic_url(slug) + "feed.xml"


def site_feed_url() -> str:
    """The whole site's Atom feed."""
    return "feed.xml"


def json_feed_url() -> str:
    return "feed.json"


def card_url(slug: str) -> str:
    """A brief's social card, next to its page so it moves with the brief."""
    return brief_url(slug) + "card.png"


def table_csv_url(slug: str, anchor: str) -> str:
    """A table's CSV is named after the table's anchor on the page (``table-1``)."""
    return f"{brief_url(slug)}{anchor}.csv"


def facts_json_url(slug: str) -> str:
    return brief_url(slug) + "facts.json"


def search_url() -> str:
    """The search page, which the header's search box submits to."""
    return "search/"


def search_index_url(name: str) -> str:
    """A file of the Pagefind index, which the search page loads in the browser."""
    return f"{SEARCH_INDEX_FOLDER}/{name}"


def asset_url(name: str) -> str:
    """A file of the project's ``static/`` folder (stylesheet, scripts)."""
    return "assets/" + name


def not_found_url() -> str:
    """The page servers show for a missing path (at any depth, so its links are absolute)."""
    return "404.html"


def sitemap_url() -> str:
    return "sitemap.xml"


def robots_url() -> str:
    return "robots.txt"


def page_file(url: str) -> str:
    """The output file behind a site path: a folder is served by its index page."""
    return url + PAGE_INDEX if url == "" or url.endswith("/") else url


def base_path(base_url: str) -> str:
    """The path part of the site's address: "https://x.org/news/" -> "/news/"."""
    return "/" + base_url.split("://", 1)[-1].split("/", 1)[-1]


def absolute_url(base_url: str, target: str) -> str:
    """A site path as a full URL, for feeds, sitemaps and sharing tags."""
    return base_url + target


@functools.lru_cache(maxsize=4096)
def relative_url(from_page: str, target: str) -> str:
    """The link from an output file to a site path ("" is the home page)."""
    here = posixpath.dirname(from_page)
    trailing = target.endswith("/") or target == ""
    path = _relpath(target.rstrip("/") or ".", here or ".")
    if path == ".":
        return "./"
    return path + ("/" if trailing else "")


def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath`` for clean site paths, without its abspath calls.

    Pages call ``url()`` dozens of times each; relpath's normalisation made
    it a tenth of the build.  Anything unusual goes to relpath itself.
    """
    parts = [] if target == "." else target.split("/")
    base = [] if start == "." else start.split("/")
    if any(p in ("", ".", "..") for p in parts + base) or target.startswith("/"):
        return posixpath.relpath(target, start)
    common = 0
    for a, b in zip(parts, base):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


@dataclass(frozen=True)
class PageContext:
    """How one page links: relative to where it is published, or from the site root."""

    site: SiteConfig
    path: str  # the output file, e.g. "briefs/deepseek-v4/index.html"
    absolute_links: bool = False  # the 404 page is served at any depth

    def url(self, target: str) -> str:
        if self.absolute_links:
            root = base_path(self.site.base_url)
            return posixpath.join(root, target) if target else root
        return relative_url(self.path, target)

    def absolute_url(self, target: str) -> str:
        return absolute_url(self.site.base_url, target)


# The helpers templates may call, under the names Python uses.
TEMPLATE_HELPERS = {helper.__name__: helper for helper in (
    home_url, archive_url, brief_url, brief_alias_url, topics_url, topic_url, topic_feed_url,
    site_feed_url, json_feed_url, card_url, table_csv_url, facts_json_url, search_url,
    search_index_url, asset_url, not_found_url, sitemap_url, robots_url,
)}
