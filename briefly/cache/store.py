"""The on-disk build cache (``<project>/.briefly-cache/``): versioned, checked, disposable.

Every cache file starts with a header naming the cache format version and
Python's, followed by a SHA-256 of the payload.  A file that is truncated,
corrupted, written by another version or unreadable is treated as missing:
the cache only ever saves work, it is never trusted over the sources, and
deleting the folder is always safe.

Files are written to a temporary name and renamed, so a build killed while
saving leaves the previous file (or none), never half of one.  The cache is
pickled: it is written and read only by this program, in a folder of the
project (anyone who can write there can already change its templates).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any, Iterable

log = logging.getLogger(__name__)

CACHE_DIR = ".briefly-cache"
CACHE_VERSION = 3  # bump when the shape of anything stored here changes
_MAGIC = f"briefly-cache {CACHE_VERSION} py{sys.version_info[0]}.{sys.version_info[1]}\n".encode()
_PACKAGE = Path(__file__).resolve().parents[1]

# (mtime_ns, ctime_ns, size, inode) of an input file; None when it is missing.
Signature = tuple[int, int, int, int] | None


def digest(*parts: bytes | str) -> str:
    """One hash of several values, unambiguous about where each one ends."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_signature(path: Path | str) -> Signature:
    """What ``stat`` says about an input, to skip re-reading unchanged files.

    mtime alone is not enough (tools such as ``cp -p`` or ``rsync -t`` keep
    it), but ctime cannot be set by any tool and changes with every write, so
    the pair plus size and inode catches every edit.  Symbolic links are never
    trusted (``None`` forces a re-read) because their target can change alone.
    """
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


def code_fingerprint() -> str:
    """A hash of Briefly's own source: new code never reuses old results."""
    parts: list[bytes] = []
    for path in sorted(_PACKAGE.rglob("*.py")):
        parts += [path.relative_to(_PACKAGE).as_posix().encode(), path.read_bytes()]
    return digest(*parts)


def tree_fingerprint(folder: Path) -> str:
    """A hash of every file's name and bytes under a folder (templates)."""
    parts: list[bytes] = []
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                parts += [path.relative_to(folder).as_posix().encode(), path.read_bytes()]
    return digest(*parts)


def within_cache(folder: Path) -> bool:
    """True if no folder from ``folder`` up to the cache root is a symbolic link.

    The cache deletes and rewrites what it finds: a link planted anywhere on
    the way would point those deletions at files that are not the cache's.
    A linked folder is treated as no cache at all (a miss, nothing stored).
    """
    for part in (folder, *folder.parents):
        if os.path.islink(part):
            return False
        if part.name == CACHE_DIR:
            return True
    return True


def dump(path: Path, value: Any) -> None:
    """Write one cache file atomically, with the version header and checksum."""
    if not within_cache(path.parent):
        log.info("not caching %s: a folder on its way is a symbolic link", path)
        return
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)  # never write through a link left under this name
    with open(temporary, "xb") as handle:
        handle.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
    os.replace(temporary, path)


def load(path: Path) -> Any | None:
    """A cache file's value, or None if it is missing or not to be trusted."""
    if os.path.islink(path) or not within_cache(path.parent):
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC)
    if not data.startswith(_MAGIC):
        log.info("ignoring %s: written by another cache version", path)
        return None
    checksum, payload = data[head:head + 32], data[head + 32:]
    if hashlib.sha256(payload).digest() != checksum:
        log.info("ignoring %s: the file is corrupted", path)
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - any failure means "no cache", never a crash
        log.info("ignoring %s: it cannot be read", path)
        return None


def remove_stale(folder: Path, keep: Iterable[str]) -> None:
    """Delete per-brief cache files of briefs that no longer exist."""
    wanted = set(keep)
    if folder.is_dir() and within_cache(folder):
        for entry in os.scandir(folder):
            if entry.name not in wanted:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass
