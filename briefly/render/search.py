"""The search index and the search page: Pagefind over the rendered briefs.

Pagefind (https://pagefind.app) builds a static, chunked index that the
reader's browser queries with WebAssembly: no server, no network.  We run its
bundled binary (the ``pagefind[bin]`` package) once per build as the last
step before publishing, over the pages still in memory:

* the brief pages are written to a temporary folder, indexed there, and the
  index files are read back into the pages dict under ``pagefind/``.  They are
  then published with everything else in one atomic swap, so a failed
  indexing leaves the previous site untouched, never a half-indexed one;
* the binary is run as a subprocess rather than through Pagefind's asyncio
  Python API: that API polls its pipe on a timer for every message and cannot run
  inside an event loop that is already running (the preview server's).

Only pages carrying ``data-pagefind-body`` (the brief's ``<article>``) are
indexed; navigation and footers sit outside it and are marked
``data-pagefind-ignore`` too.  Results carry the kicker and the answer as
Pagefind metadata (``data-pagefind-meta``) for static/search.js to show.
"""

from __future__ import annotations

import logging
import subprocess
import tempfile
from pathlib import Path
from typing import Mapping

from briefly.content.model import Site
from briefly.errors import BriefError
from briefly.render.environment import Pages, Renderer
from briefly.render.urls import SEARCH_INDEX_FOLDER, SEARCH_URL, page_file, search_index_url
from briefly.views.brief_view import BriefView

log = logging.getLogger(__name__)

BODY_MARKER = b"data-pagefind-body"
TIMEOUT_SECONDS = 600


def pagefind_executable() -> Path:
    """The binary shipped in the ``pagefind_bin`` wheel (no download at build time)."""
    try:
        from pagefind.service import get_executable
    except ImportError as exc:  # pragma: no cover - pagefind is a dependency
        raise _failure(f"the pagefind package is not installed ({exc})") from None
    executable = get_executable()
    if executable is None or not executable.is_file():
        raise _failure("Pagefind's binary was not found")
    return executable


def searchable_pages(pages: Mapping[str, bytes]) -> Pages:
    """The pages the index covers (the brief pages), in a fixed order."""
    return {name: data for name, data in sorted(pages.items())
            if name.endswith(".html") and BODY_MARKER in data}


def build_search_index(pages: Mapping[str, bytes]) -> Pages:
    """Index the brief pages among ``pages``; return the index files by output path.

    Raises :class:`BriefError` when Pagefind fails, so the build stops before
    publishing and the previous site (and its index) stays as it was.
    Pagefind has no incremental mode, so any change to a brief page reindexes
    them all; ``briefly.cache.search_index`` skips the run when none changed.
    """
    indexed = searchable_pages(pages)
    if not indexed:  # an empty site: Pagefind refuses to build an empty index
        return {}
    return run_pagefind(indexed)


def run_pagefind(indexed: Pages) -> Pages:
    """Pagefind's index of exactly ``indexed`` (see :func:`searchable_pages`)."""
    with tempfile.TemporaryDirectory(prefix="briefly-search-") as tmp:
        source, bundle = Path(tmp) / "site", Path(tmp) / "bundle"
        for name, data in indexed.items():
            target = source / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        command = [str(pagefind_executable()), "--site", str(source),
                   "--output-path", str(bundle), "--silent"]
        try:
            run = subprocess.run(command, capture_output=True, text=True,
                                 timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise _failure(f"Pagefind could not run: {exc}") from None
        if run.returncode != 0 or not (bundle / "pagefind.js").is_file():
            detail = " ".join((run.stderr or run.stdout).split())[:500]
            raise _failure(f"Pagefind failed with exit code {run.returncode}: {detail}")
        log.debug("indexed %d pages", len(indexed))
        return {search_index_url(path.relative_to(bundle).as_posix()): path.read_bytes()
                for path in sorted(bundle.rglob("*")) if path.is_file()}


def build_search_page(renderer: Renderer, site: Site, views: dict[str, BriefView]) -> Pages:
    """The page the header's search box submits to (``?q=...``)."""
    path = page_file(SEARCH_URL)
    return {path: renderer.render("search.html", path, site.config, SEARCH_URL)}


def _failure(message: str) -> BriefError:
    return BriefError(SEARCH_INDEX_FOLDER, 0, 0, f"search index: {message}",
                      hint="build with --no-search to publish without a search index")
