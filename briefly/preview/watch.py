"""Notice edits to a project's inputs, and gather a burst of saves into one change.

The preview server watches ``content/``, ``templates/`` and ``static/`` with
the operating system's file events (inotify, through ``watchfiles``) and
``briefly.yaml`` by its stat signature.  Events instead of polling because
polling does not scale: one stat scan of a large archive's inputs takes about
as long as the quiet window itself, so scanning that often would burn a core and
still add a scan's worth of delay to every save; with events a save is seen
within milliseconds and an idle server costs nothing.  If events are not
available (no inotify watches left, an exotic file system), the same stat
scan is used as a fallback.  A single file is always checked by stat: a watch
on a file is lost when an editor saves by renaming a temp file over it.

Editors write in bursts (a temp file, a rename, a backup, "save all"), so
:meth:`Watcher.wait_for_change` collects changes until the inputs have been
quiet for a moment and returns them as one set: one burst, one rebuild.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

log = logging.getLogger(__name__)

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


class StatFeed:
    """Changes found by comparing stat scans: for single files, and as the fallback."""

    def __init__(self, roots: Iterable[Path]) -> None:
        self.roots = tuple(roots)
        self.snapshot = scan(self.roots)

    def take(self) -> set[Path]:
        current = scan(self.roots)
        changes = changed_paths(self.snapshot, current)
        self.snapshot = current
        return changes

    def close(self) -> None:
        pass


class EventFeed:
    """Changes reported by the OS for whole folders, gathered by a thread until taken."""

    def __init__(self, folders: Iterable[Path], ready_within: float = 30.0) -> None:
        import watchfiles  # noqa: PLC0415 - only the event feed needs it

        self.stop = threading.Event()
        self.ready = threading.Event()
        self.failure: BaseException | None = None
        self.pending: set[Path] = set()
        self.lock = threading.Lock()
        events = watchfiles.watch(
            *folders, watch_filter=lambda _change, path: not is_ignored(Path(path).name),
            step=5, rust_timeout=200, yield_on_timeout=True, stop_event=self.stop,
            raise_interrupt=False)
        self.thread = threading.Thread(target=self._gather, args=(events,), daemon=True,
                                       name="briefly-events")
        self.thread.start()
        if not self.ready.wait(ready_within) or self.failure is not None:
            self.close()
            raise OSError(f"file events unavailable: {self.failure}")

    def _gather(self, events: Iterator[set[tuple[object, str]]]) -> None:
        try:
            for batch in events:  # the first (empty, on timeout) batch: watches are set
                self.ready.set()
                with self.lock:
                    self.pending.update(Path(path) for _, path in batch)
        except Exception as exc:  # e.g. inotify watch limit reached
            self.failure = exc
        finally:
            self.ready.set()

    def take(self) -> set[Path]:
        if self.failure is not None:
            raise OSError(f"file events stopped: {self.failure}")
        with self.lock:
            changes, self.pending = self.pending, set()
        return changes

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)


@dataclass
class Watcher:
    """Watches the inputs; ``quiet`` is how long a burst must be still before it ends.

    ``longest`` caps the wait, so a tool that writes without pause (a sync
    client, a generator) still gets a rebuild every so often.  ``events=False``
    forces stat polling everywhere.
    """

    roots: tuple[Path, ...]
    interval: float = 0.01  # with file events a poll is a set swap and one stat
    quiet: float = 0.05
    longest: float = 2.0
    events: bool = True

    def __post_init__(self) -> None:
        folders = [root for root in self.roots if root.is_dir()]
        files = [root for root in self.roots if not root.is_dir()]
        self.feeds: list[StatFeed | EventFeed] = [StatFeed(files)]
        try:
            if self.events and folders:
                self.feeds.append(EventFeed(folders))
            else:
                self.feeds[0] = StatFeed(self.roots)
        except (ImportError, OSError) as exc:
            log.warning("watching by polling: %s", exc)
            self.feeds[0] = StatFeed(self.roots)
            self.interval = max(self.interval, 0.1)

    @property
    def mode(self) -> str:
        return "events" if any(isinstance(f, EventFeed) for f in self.feeds) else "polling"

    def poll(self) -> set[Path]:
        """What changed since the last call."""
        changes: set[Path] = set()
        for feed in self.feeds:
            try:
                changes |= feed.take()
            except OSError as exc:  # events broke mid-run: poll from now on
                log.warning("watching by polling: %s", exc)
                self.close()
                self.feeds = [StatFeed(self.roots)]
                return {Path(root) for root in self.roots}  # rebuild once, to be safe
        return changes

    def close(self) -> None:
        for feed in self.feeds:
            feed.close()

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
