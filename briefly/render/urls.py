"""Links and URLs between published files.

Links between pages are relative (:func:`relative_url`) so a site works
from any folder and from ``file://``; feeds, sitemaps and sharing tags need
absolute URLs (:func:`absolute_url`), built from ``base_url``.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from briefly.content.model import SiteConfig

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
