"""The newsroom's shared content: the source registry and the shared fact sheets.

Briefs on one story cite the same sources and repeat the same figures.  The
registry (``content/sources.yaml``) and the fact sheets
(``content/facts/<entity>.yaml``) hold each of them once, so a correction is
one edit.  The model of what was read and checked is in ``model``
(``Library``, ``FactSheet``, ``SharedFact``); this module names the files
and says what a brief's cache key takes from them.

A brief depends on the shared items it names: its own source ids (an id the
registry takes later clashes), the registry sources it cites and the facts
its cells take.  Those are its ``uses``; :func:`digest_of` hashes
what the library holds for them now, so the build cache rebuilds a brief
exactly when something it uses changed, and no other brief.
"""

from __future__ import annotations

import hashlib
from typing import Any, Iterable

from briefly.content.model import ANY_SOURCE, Library

REGISTRY_NAME = "sources.yaml"
FACTS_DIR = "facts"
SOURCE_USE = "source:"
FACT_USE = "fact:"


def digest_of(library: Library, uses: Iterable[str]) -> str:
    """A hash of what the library holds for ``uses`` now; "" when it holds none of them.

    "" keeps the digest of a brief that uses nothing shared equal to its
    files' digest, as it was before the library existed.
    """
    parts = []
    for use in sorted(uses):
        held = _held(library, use)
        if held is not None:
            parts.append(f"{use}={held!r}")
    if not parts:
        return ""
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=20).hexdigest()


def _held(library: Library, use: str) -> Any:
    if use.startswith(SOURCE_USE):
        ident = use[len(SOURCE_USE):]
        if ident in library.broken or ANY_SOURCE in library.broken:
            return "broken"
        data = library.source_data.get(ident)
        return None if data is None else sorted(data.items())
    if use.startswith(FACT_USE):
        ref = use[len(FACT_USE):]
        if ref in library.broken or ref.partition(".")[0] in library.broken:
            return "broken"
        fact = library.fact(ref)
        return None if fact is None else sorted(fact.data.items())
    return None


def library_digest(library: Library) -> str:
    """A hash of the whole library, for pages that list all of it."""
    return hashlib.blake2b(repr((sorted((k, sorted(v.items()))
                                        for k, v in library.source_data.items()),
                                 [(s.entity, s.name, [(f.key, sorted(f.data.items()))
                                                      for f in s.facts.values()])
                                  for s in library.sheets.values()],
                                 sorted(library.broken))).encode(),
                           digest_size=20).hexdigest()


def combined_digest(files_digest: str, shared_digest: str) -> str:
    """A brief's identity for caches: its files, and the shared items it uses."""
    if not shared_digest:
        return files_digest
    return hashlib.sha256(f"{files_digest}\0{shared_digest}".encode()).hexdigest()


EMPTY_LIBRARY = Library()
