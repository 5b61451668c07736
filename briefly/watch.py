"""Notice edits to a project's inputs, and gather a burst of saves into one change.

The preview server polls stat signatures (size, modification time, inode) of
every file under ``content/``, ``templates/`` and ``static/`` plus
``briefly.yaml``.  Polling needs no dependency and behaves the same on every
file system (network drives, containers, editors that save by renaming a temp
file over the original), and at a thousand briefs one scan costs a few
milliseconds.  Editors write in bursts (a temp file, a rename, a backup, or
"save all"), so :meth:`Watcher.wait_for_change` keeps scanning until the
inputs have been quiet for a moment and returns everything that changed as one
set: one burst, one rebuild.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

Signature = tuple[int, int, int]  # (mtime_ns, size, inode)
Snapshot = dict[Path, Signature]

# Files editors create beside the real ones while saving: never a reason to rebuild.
_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload")
_IGNORED_NAMES = {"4913", ".DS_Store"}  # vim probes a folder with a file named 4913


def is_ignored(name: str) -> bool:
    """Editor and system clutter: hidden files, backups, swap and temp files."""
    return (name.startswith((".", "#")) or name.endswith(_IGNORED_SUFFIXES)
            or name in _IGNORED_NAMES)


def scan(roots: Iterable[Path]) -> Snapshot:
    """Stat every file under the roots (a root may be a single file, or absent)."""
    found: Snapshot = {}
    for root in roots:
        if root.is_file():
            _add(found, root)
            continue
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = [name for name in subfolders if not is_ignored(name)]
            for name in files:
                if not is_ignored(name):
                    _add(found, Path(folder, name))
    return found


def _add(found: Snapshot, path: Path) -> None:
    try:
        info = path.stat()
    except OSError:  # deleted between listing and stat: it is simply gone
        return
    found[path] = (info.st_mtime_ns, info.st_size, info.st_ino)


def changed_paths(before: Snapshot, after: Snapshot) -> set[Path]:
    """Files added, removed or rewritten between two scans."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


@dataclass
class Watcher:
    """Polls the inputs; ``quiet`` is how long a burst must be still before it ends.

    ``longest`` caps the wait, so a tool that writes without pause (a sync
    client, a generator) still gets a rebuild every so often.
    """

    roots: tuple[Path, ...]
    interval: float = 0.05
    quiet: float = 0.08
    longest: float = 2.0

    def __post_init__(self) -> None:
        self.snapshot = scan(self.roots)

    def poll(self) -> set[Path]:
        """One scan: what changed since the last one."""
        current = scan(self.roots)
        changes = changed_paths(self.snapshot, current)
        self.snapshot = current
        return changes

    def wait_for_change(self, stop: threading.Event) -> set[Path]:
        """Block until a burst of changes has ended; empty only if ``stop`` was set."""
        changes: set[Path] = set()
        while not changes:
            if stop.wait(self.interval):
                return set()
            changes = self.poll()
        started = last = time.monotonic()
        while not stop.wait(self.interval):
            more = self.poll()
            now = time.monotonic()
            if more:
                changes |= more
                last = now
            if now - last >= self.quiet or now - started >= self.longest:
                break
        return changes
