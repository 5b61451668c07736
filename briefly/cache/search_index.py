"""The search index kept between builds, in ``.briefly-cache/search/``.

Pagefind has no incremental mode and reindexing costs far more than a
no-op rebuild, so an index whose input pages are byte-identical to the last
build's is reused instead of rebuilt: an unchanged site costs a hash, not a
reindex.  Only the latest index is kept.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from importlib import metadata
from pathlib import Path
from typing import Mapping

from briefly.cache.store import within_cache
from briefly.render.environment import Pages
from briefly.render.search import run_pagefind, searchable_pages

log = logging.getLogger(__name__)

CACHE_VERSION = "1"  # bump when the folder's layout changes


def cached_search_index(pages: Mapping[str, bytes], folder: Path) -> Pages:
    """``render.search.build_search_index``, reusing ``folder``'s index when the pages match."""
    indexed = searchable_pages(pages)
    if not indexed:  # an empty site: Pagefind refuses to build an empty index
        return {}
    digest = _digest(indexed)
    if (files := _read_cache(folder, digest)) is not None:
        return files
    files = run_pagefind(indexed)
    _write_cache(folder, digest, files)
    return files


def _digest(indexed: Pages) -> str:
    """What the index depends on: the pages, Pagefind's version, our cache format."""
    try:
        version = metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        version = "unknown"
    digest = hashlib.sha256(f"briefly-search {CACHE_VERSION} pagefind {version}".encode())
    for name, data in indexed.items():
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _read_cache(folder: Path, digest: str) -> Pages | None:
    """The cached index for these inputs, or None; a damaged entry is never trusted."""
    entry = folder / digest
    if not within_cache(entry) or not within_cache(entry / "files"):
        return None
    try:
        manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
        files = {name: (entry / "files" / name).read_bytes() for name in manifest}
    except (OSError, ValueError):
        return None
    if any(hashlib.sha256(data).hexdigest() != manifest[name] for name, data in files.items()):
        return None
    return files


def _write_cache(folder: Path, digest: str, files: Pages) -> None:
    """Keep only this build's index; written aside, then renamed, so never half there."""
    if not within_cache(folder):
        log.warning("not caching the search index: %s is a symbolic link", folder)
        return
    staging = folder / f".tmp-{os.getpid()}"
    try:
        if os.path.islink(staging):
            os.unlink(staging)  # never write through a link left under this name
        shutil.rmtree(staging, ignore_errors=True)
        for name, data in files.items():
            target = staging / "files" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        manifest = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
        (staging / "manifest.json").write_text(json.dumps(manifest, sort_keys=True),
                                               encoding="utf-8")
        for old in folder.iterdir():
            if not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)
        staging.rename(folder / digest)
    except OSError as exc:  # the cache only saves time: never fail a build over it
        log.warning("could not cache the search index: %s", exc)
        shutil.rmtree(staging, ignore_errors=True)
