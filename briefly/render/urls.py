"""Every published path and URL of a site, spelled once.

A *site path* names a published file or folder relative to the site's root:
``""`` is the home page, ``"briefs/deepseek-v4/"`` a brief, ``"feed.xml"``
the site's feed.  Folders end with ``/`` and are served by their
``index.html`` (:func:`page_file`).  Python builds outputs, links and
absolute URLs from these names, and templates use the same ones
(``paths.brief_url(slug)``, ``paths.ARCHIVE_URL``), so moving an output is
one edit here and every link, feed, sitemap entry and structured-data block
follows.

Links between pages are relative (:func:`relative_url`) so a site works
from any folder and from ``file://``; feeds, sitemaps and sharing tags need
absolute URLs (:func:`absolute_url`), built from ``base_url``.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field
from types import SimpleNamespace

from briefly.content.model import SiteConfig

# Fixed paths are values; paths that depend on a brief or topic are functions.
HOME_URL = ""
ARCHIVE_URL = "briefs/"  # every brief, and the folder each brief is published in
TOPICS_URL = "topics/"  # every topic, and the folder of each topic's page
SEARCH_URL = "search/"  # the page the header's search box submits to
SITE_FEED_URL = "feed.xml"  # the whole site's Atom feed
JSON_FEED_URL = "feed.json"
NOT_FOUND_URL = "404.html"  # served for any missing path, so its links are absolute
SITEMAP_URL = "sitemap.xml"
ROBOTS_URL = "robots.txt"
CORRECTIONS_URL = "corrections/"  # every correction across the site, newest first
CORRECTIONS_FEED_URL = CORRECTIONS_URL + "feed.xml"
SOURCES_URL = "sources/"  # every source the briefs cite, and the folder of each one's page
FACTS_URL = "facts/"  # every shared fact sheet, and the folder of each one's page
SEARCH_INDEX_FOLDER = "pagefind"
PAGE_INDEX = "index.html"


def brief_url(slug: str) -> str:
    return f"{ARCHIVE_URL}{slug}/"


def brief_alias_url(alias: str) -> str:
    """A renamed brief's old address: it keeps working, as a redirect page."""
    return brief_url(alias)


def correction_url(slug: str, anchor: str) -> str:
    """A correction where readers see it: at the top of its brief's page."""
    return f"{brief_url(slug)}#{anchor}"


def source_url(source_id: str) -> str:
    """A source's page: what it is, and every brief citing it."""
    return f"{SOURCES_URL}{source_id}/"


def fact_sheet_url(entity: str) -> str:
    """A shared fact sheet's page: its facts, and the briefs using each."""
    return f"{FACTS_URL}{entity}/"


def fact_anchor(key: str) -> str:
    """The id a fact has on its sheet's page: table cells taking it link there."""
    return f"fact-{key}"


def fact_url(ref: str) -> str:
    """One shared fact, ``entity.key``, where its sheet's page lists it."""
    entity, _, key = ref.partition(".")
    return f"{fact_sheet_url(entity)}#{fact_anchor(key)}"


def topic_url(slug: str) -> str:
    return f"{TOPICS_URL}{slug}/"


def topic_feed_url(slug: str) -> str:
    return topic_url(slug) + "feed.xml"


def card_url(slug: str) -> str:
    """A brief's social card, next to its page so it moves with the brief."""
    return brief_url(slug) + "card.png"


def table_csv_url(slug: str, anchor: str) -> str:
    """A table's CSV is named after the table's anchor on the page (``table-1``)."""
    return f"{brief_url(slug)}{anchor}.csv"


def facts_json_url(slug: str) -> str:
    return brief_url(slug) + "facts.json"


def search_index_url(name: str) -> str:
    """A file of the Pagefind index, which the search page loads in the browser."""
    return f"{SEARCH_INDEX_FOLDER}/{name}"


def asset_url(name: str) -> str:
    """A file of the project's ``static/`` folder (stylesheet, scripts)."""
    return "assets/" + name


def page_file(url: str) -> str:
    """The output file behind a site path: a folder is served by its index page."""
    return url + PAGE_INDEX if url == "" or url.endswith("/") else url


def base_path(base_url: str) -> str:
    """The path part of the site's address: "https://x.org/news/" -> "/news/"."""
    return "/" + base_url.split("://", 1)[-1].split("/", 1)[-1]


def absolute_url(base_url: str, target: str) -> str:
    """A site path as a full URL, for feeds, sitemaps and sharing tags."""
    return base_url + target


def relative_url(from_page: str, target: str) -> str:
    """The link from an output file to a site path ("" is the home page)."""
    return _link_from(posixpath.dirname(from_page), target)


@functools.lru_cache(maxsize=4096)
def _link_from(folder: str, target: str) -> str:
    """Keyed by folder, not page: pages side by side share their links."""
    trailing = target.endswith("/") or target == ""
    path = _relpath(target.rstrip("/") or ".", folder or ".")
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
    # Worked out once: templates call url() dozens of times per page.
    folder: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folder", posixpath.dirname(self.path))

    def url(self, target: str) -> str:
        if self.absolute_links:
            root = base_path(self.site.base_url)
            return posixpath.join(root, target) if target else root
        return _link_from(self.folder, target)

    def absolute_url(self, target: str) -> str:
        return absolute_url(self.site.base_url, target)


# The site paths as templates see them, ``paths.brief_url(slug)`` or
# ``paths.ARCHIVE_URL``: one Jinja global rather than one each, because Jinja
# copies every global into every page's context, and a score of them made
# rendering measurably slower.
TEMPLATE_PATHS = SimpleNamespace(**{name: globals()[name] for name in (
    "HOME_URL", "ARCHIVE_URL", "TOPICS_URL", "SEARCH_URL", "SITE_FEED_URL", "JSON_FEED_URL",
    "NOT_FOUND_URL", "SITEMAP_URL", "ROBOTS_URL", "CORRECTIONS_URL", "CORRECTIONS_FEED_URL",
    "SOURCES_URL", "FACTS_URL", "source_url", "fact_sheet_url", "fact_anchor", "fact_url",
    "correction_url", "brief_url", "brief_alias_url", "topic_url",
    "topic_feed_url", "card_url", "table_csv_url", "facts_json_url", "search_index_url",
    "asset_url",
)})
