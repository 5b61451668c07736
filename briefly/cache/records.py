"""What the cache remembers about inputs and outputs, and the keys it files them by.

Named tuples, not dataclasses: the index holds tens of thousands of these,
and tuples unpickle much faster.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import astuple
from pathlib import Path
from typing import Mapping, NamedTuple

from briefly.cache.store import Signature, digest
from briefly.errors import BriefError
from briefly.views.summaries import BriefSummary

RACY_NS = 1_000_000_000
"""A file changed this close to when it was read is read again next time:
file systems stamp times coarsely, so a later edit could keep the stamp."""


class Output(NamedTuple):
    """A published file as the cache remembers it."""

    key: str  # what it was rendered from (a hash, or render key and digest)
    digest: str  # hash of its bytes
    mtime_ns: int = 0
    size: int = 0
    ino: int = 0


class Entry(NamedTuple):
    """What the cache keeps per valid brief: enough to list it without reading it."""

    signatures: tuple[Signature, Signature]
    checked_ns: int
    summary: BriefSummary
    problems: tuple[tuple, ...]  # BriefError fields (warnings)


def pack(problems: list[BriefError]) -> list[tuple]:
    """Problems as plain tuples: they cross process boundaries and go in the index."""
    return [astuple(p) for p in problems]


def unpack(problems: list[tuple] | tuple[tuple, ...]) -> list[BriefError]:
    return [BriefError(*p) for p in problems]


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def page_key(render_key: str, brief_digest: str) -> str:
    return render_key + brief_digest  # both fixed-length hashes: no need to hash again


def view_key(brief_digest: str, renderer_version: str, code: str) -> str:
    return digest("view", brief_digest, renderer_version, code)


def intact(out_dir: Path, name: str, record: Output) -> bool:
    """True when the published file is still the one the cache recorded."""
    try:
        # str(Path) is cached and output names are relative POSIX paths:
        # cheaper than os.path.join on a Path, called once per output per build.
        st = os.stat(f"{out_dir}/{name}")
    except OSError:
        return False
    return (st.st_mtime_ns, st.st_size, st.st_ino) == (record.mtime_ns, record.size, record.ino)


def all_current(out_dir: Path, records: Mapping[str, Output], keys: tuple[str, ...]) -> bool:
    """Whether an owner's recorded files exist, untouched, under one of today's keys."""
    return bool(records) and all(r.key in keys and intact(out_dir, n, r)
                                 for n, r in records.items())


def unchanged_since(signatures: tuple[Signature, Signature], entry: Entry | None) -> bool:
    """Whether ``stat`` alone proves a brief's files are the ones the entry was made from."""
    if entry is None or None in signatures or signatures != entry.signatures:
        return False
    # "Racily clean": written within the timestamp granularity of our read.
    return all(sig[0] < entry.checked_ns - RACY_NS for sig in signatures if sig)
