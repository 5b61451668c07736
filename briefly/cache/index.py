"""The cache index, split in buckets so an edit rewrites a sliver of it.

The index (what each brief's files looked like, its summary, the files it
published) grows with the archive, and pickling all of it after a one-brief
edit would cost more than the edit itself.  Briefs are spread over bucket files
by a hash of their slug, and a build rewrites only the buckets whose briefs
changed, then the small ``index`` file.  That file names the generation each
bucket must have: a bucket from an interrupted save, or a missing or damaged
one, makes the whole index untrusted (a partial index could forget which
pages exist and leave stale ones behind), so the build starts from scratch.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from briefly.cache import store as cache
from briefly.cache.gc_tuning import bulk_load
from briefly.cache.folders import Listing
from briefly.cache.records import Entry, Output

INDEX_NAME = "index"
BUCKETS = 64
BRIEF_OWNER = "brief/"


@dataclass
class Index:
    """Per brief what was read, per output folder what was written."""

    code: str
    briefs: dict[str, Entry] = field(default_factory=dict)
    # output folder -> owner ("brief/<slug>", "index", "extra/<name>", "static") -> files
    outputs: dict[str, dict[str, dict[str, Output]]] = field(default_factory=dict)
    folders: dict[str, Listing] = field(default_factory=dict)
    generations: list[int] = field(default_factory=lambda: [0] * BUCKETS)


def bucket_of(slug: str) -> int:
    return zlib.crc32(slug.encode()) % BUCKETS


# A long-running server skips re-reading the index, as long as the file on
# disk is still the one it wrote (deleted or replaced: read it again).
_MEMO: dict[Path, tuple[cache.Signature, Index]] = {}


def load_index(cache_dir: Path, code: str) -> Index:
    memo = _MEMO.get(cache_dir)
    signature = cache.file_signature(cache_dir / INDEX_NAME)
    if memo is not None and signature and memo[0] == signature and memo[1].code == code:
        return memo[1]
    with bulk_load():
        return _read_index(cache_dir, code)


def _read_index(cache_dir: Path, code: str) -> Index:
    meta = cache.load(cache_dir / INDEX_NAME)
    if not (isinstance(meta, tuple) and len(meta) == 3 and meta[0] == code):
        return Index(code)
    _, generations, shared = meta
    index = Index(code, outputs={k: dict(v) for k, v in shared.items()},
                  generations=list(generations))
    for number, generation in enumerate(generations):
        if generation == 0:
            continue  # never written: empty
        stored = cache.load(cache_dir / "buckets" / str(number))
        if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == generation):
            return Index(code)
        for slug, (entry, listing, outputs) in stored[1].items():
            if entry is not None:
                index.briefs[slug] = entry
            if listing is not None:
                index.folders[slug] = listing
            for out_key, files in outputs.items():
                index.outputs.setdefault(out_key, {})[BRIEF_OWNER + slug] = files
    return index


def save_index(cache_dir: Path, index: Index, dirty: set[str] | None) -> None:
    """Write the buckets holding ``dirty`` slugs (None: all), then the index."""
    slugs = set(index.briefs) | set(index.folders)
    shared: dict[str, dict[str, dict[str, Output]]] = {}
    per_slug: dict[str, dict[str, dict[str, Output]]] = {}
    for out_key, owners in index.outputs.items():
        shared[out_key] = {}
        for owner, files in owners.items():
            if owner.startswith(BRIEF_OWNER):
                slug = owner[len(BRIEF_OWNER):]
                per_slug.setdefault(slug, {})[out_key] = files
                slugs.add(slug)
            else:
                shared[out_key][owner] = files
    buckets: dict[int, dict] = {}
    for slug in slugs:
        buckets.setdefault(bucket_of(slug), {})[slug] = (
            index.briefs.get(slug), index.folders.get(slug), per_slug.get(slug, {}))
    wanted = set(range(BUCKETS)) if dirty is None else {bucket_of(s) for s in dirty}
    top = max(index.generations) + 1
    for number in sorted(wanted):
        index.generations[number] = top
        cache.dump(cache_dir / "buckets" / str(number), (top, buckets.get(number, {})))
    cache.dump(cache_dir / INDEX_NAME, (index.code, index.generations, shared))
    _MEMO[cache_dir] = (cache.file_signature(cache_dir / INDEX_NAME), index)
    ignore = cache_dir / ".gitignore"
    if cache.within_cache(cache_dir) and not os.path.lexists(ignore):
        ignore.write_text("# Briefly's build cache: safe to delete.\n*\n", encoding="utf-8")


def forget_memo() -> None:
    """Drop the in-process copy, as a new process would start (for tests)."""
    _MEMO.clear()


def record_build(cache_dir: Path, index: Index, out_key: str, entries: dict[str, Entry],
                 listings: dict[str, Listing],
                 records: dict[str, dict[str, Output]]) -> bool:
    """Save what this build learnt, rewriting only the buckets of briefs that changed.

    Returns whether anything changed (a no-op build writes nothing).
    """
    before = index.outputs.get(out_key, {})
    dirty = {s for s in entries.keys() | index.briefs.keys()
             if entries.get(s) is not index.briefs.get(s)}
    dirty |= {s for s in listings.keys() | index.folders.keys()
              if listings.get(s) != index.folders.get(s)}
    dirty |= {o[len(BRIEF_OWNER):] for o in records.keys() | before.keys()
              if o.startswith(BRIEF_OWNER) and records.get(o) != before.get(o)}
    shared_changed = any(records.get(o) != before.get(o) for o in records.keys() | before.keys()
                         if not o.startswith(BRIEF_OWNER))
    if dirty or shared_changed:
        index.briefs = entries
        index.folders = listings
        index.outputs[out_key] = records
        save_index(cache_dir, index, dirty)
        return True
    return False
