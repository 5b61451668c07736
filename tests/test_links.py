"""Every internal link and #fragment of the built site resolves."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from .conftest import ScratchProject


def resolve(site: Path, page: str, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    if not parts.path:
        return site / page, parts.fragment
    base = "/" if parts.path.startswith("/") else "/" + posixpath.dirname(page) + "/"
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path))).lstrip("/")
    if href.split("#")[0].endswith("/") or (site / target).is_dir():
        target = posixpath.join(target, "index.html")
    return site / target, parts.fragment


def test_every_internal_link_and_fragment_resolves(built: ScratchProject) -> None:
    site = built.site
    ids: dict[Path, set[str]] = {}
    checked = 0
    for file in sorted(site.rglob("*.html")):
        page = file.relative_to(site).as_posix()
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link"], href=True):
            href = tag["href"]
            if urlsplit(href).scheme or href.startswith("//") or tag.get("rel") == ["canonical"]:
                continue
            if page == "404.html":
                href = href.replace("/", "", 1) if href.startswith("/") else href
            target, fragment = resolve(site, page, href)
            assert target.is_file(), f"{page}: {href} -> {target}"
            if fragment:
                if target not in ids:
                    doc = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                    ids[target] = {el["id"] for el in doc.find_all(id=True)}
                assert fragment in ids[target], f"{page}: {href}"
            checked += 1
    assert checked > 50
