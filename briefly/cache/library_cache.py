"""The shared content (registry and fact sheets), kept between builds.

Every build needs it before any brief, no-op builds too, and a large
registry takes a good part of a second to parse with positions.  So the
checked ``Library`` and its problems are stored under the ``stat``
signatures of the files it was read from; any change, a link anywhere, or a
file written too recently to trust its timestamps means reading it again.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from briefly.cache.records import RACY_NS, pack, unpack
from briefly.cache.store import Signature, digest, file_signature, load, dump
from briefly.content.library import FACTS_DIR, REGISTRY_NAME
from briefly.content.model import Library
from briefly.content.read_library import load_library
from briefly.errors import Diagnostics

CACHE_FILE = "library.pickle"


def _signatures(content_dir: Path) -> list[tuple[str, Signature]] | None:
    """What ``stat`` says of every file the library is read from; None if not trustworthy."""
    paths = [content_dir / REGISTRY_NAME, content_dir / FACTS_DIR]
    facts = content_dir / FACTS_DIR
    if facts.is_dir() and not facts.is_symlink():
        try:
            paths += sorted(Path(entry.path) for entry in os.scandir(facts))
        except OSError:
            return None
    found = []
    for path in paths:
        signature = file_signature(path)
        if signature is None and os.path.lexists(path):
            return None  # a link: its target can change alone
        found.append((path.name, signature))
    return found


def cached_library(content_dir: Path, root: Path, cache_dir: Path, code: str,
                   problems: Diagnostics) -> Library:
    """The checked shared content, from the cache when no file of it changed."""
    signatures = _signatures(content_dir)
    key = digest(code, str(content_dir), repr(signatures))
    stored = load(cache_dir / CACHE_FILE) if signatures is not None else None
    if stored is not None and stored[0] == key:
        problems.extend(unpack(stored[2]))
        return stored[1]
    found = Diagnostics()
    library = load_library(content_dir, root, found)
    problems.extend(found.items)
    newest = max((s[0] for _, s in signatures or () if s), default=0)
    if signatures is not None and newest < time.time_ns() - RACY_NS:
        dump(cache_dir / CACHE_FILE, (key, library, pack(found.items)))
    return library
