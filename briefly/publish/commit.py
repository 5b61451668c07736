"""Publish only what changed, in one atomic swap: a double-buffered output.

The new site must be swapped in whole, so that a kill at any moment leaves
the previous site exactly as it was, and an edit must cost only what changed.
Rebuilding a complete hard-linked staging tree on every build (what a plain
"build beside, then swap" does) costs, on a large archive, more than the
whole of a one-brief edit before a byte is written.  So the output is
double-buffered:

* Beside the live ``site/`` lives a *shadow* tree, ``.site.shadow/`` (named
  from the output folder, carrying Briefly's marker), one generation behind.
  Unchanged files are hard links shared by both trees.
* Workers write new or changed files into a flat staging folder
  (``.site.staging-<pid>/``, named by a hash of the path: no folders to make)
  while neither tree is touched.
* ``commit`` records the shadow as dirty, brings it up to the live generation
  by replaying the previous build's change list (link each file it wrote from
  the live tree, delete each it removed), moves this build's staged files in
  with ``os.replace`` (a new inode: a shared file is never written in place),
  deletes removed ones, records the new change list, and exchanges the two
  folders with one ``renameat2(RENAME_EXCHANGE)``.  The old live tree is now
  the shadow, one generation behind again.
* The state is a sidecar file, ``.site.shadow.json``, written atomically.  It
  names each tree by its marker file's (device, inode, ctime), which travel
  with the folder through the exchange, so no generation id has to live
  inside the published site (which stays byte-identical to a clean build).
  A missing shadow, one that is not exactly one generation behind, or one a
  killed build left dirty, is rebuilt as a hard-linked copy of the live tree:
  a one-off cost.  The first build (no live site) fills an empty shadow and
  renames it into place, then makes the next shadow.

Until the exchange, ``site/`` is never touched: an exception, Ctrl-C or kill
leaves it byte for byte as it was (only the shadow may be left dirty).  After
the exchange the new site is complete.  Unchanged files keep their inode and
mtime, so deploy tools upload nothing new.  A no-op build exchanges nothing.

Where ``renameat2`` is missing (not Linux, or a file system without it) the
swap falls back to three renames through ``.site.old-<pid>``; a kill between
them leaves no ``site/`` for an instant, and the next build puts the old one
back (``output_folder.recover_leftovers``).  Files a person drops by hand into
``site/`` do not survive the next build that changes anything: the folder is
Briefly's, marked as such, and is replaced by a tree that lacks them; they
are deleted from the shadow before the swap after, so they never come back.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Iterable

from briefly.publish import trees
from briefly.publish.output_folder import (MARKER, MARKER_TEXT, _running, check_output_folder,
                                           exchange, recover_leftovers)


def staged_name(staging: Path, name: str) -> Path:
    """Where a file to publish at ``name`` waits: flat, so no folders are made."""
    return staging / hashlib.blake2b(name.encode(), digest_size=16).hexdigest()


def stage_file(staging: Path, name: str, data: bytes) -> None:
    """Write a file to publish; safe to call from worker processes."""
    staged_name(staging, name).write_bytes(data)


def shadow_path(out_dir: Path) -> Path:
    return out_dir.with_name(f".{out_dir.name}.shadow")


def state_path(out_dir: Path) -> Path:
    return out_dir.with_name(f".{out_dir.name}.shadow.json")


class Transaction:
    """One build's changes to an output folder; see the module docstring."""

    def __init__(self, out_dir: Path, project_root: Path | None = None) -> None:
        check_output_folder(out_dir, project_root)
        recover(out_dir)
        self.out_dir = out_dir
        self.shadow = shadow_path(out_dir)
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging = out_dir.with_name(f".{out_dir.name}.staging-{os.getpid()}")
        shutil.rmtree(self.staging, ignore_errors=True)
        try:
            self.staging.mkdir()
            (self.staging / MARKER).write_bytes(MARKER_TEXT)
        except BaseException:  # Ctrl-C a moment after the folder appeared
            self.abort()
            raise

    def __enter__(self) -> "Transaction":
        return self

    def __exit__(self, *exc: object) -> None:
        self.abort()  # after a commit there is nothing left; otherwise forget the staged files

    def stage(self, name: str, data: bytes) -> None:
        stage_file(self.staging, name, data)

    def staged_path(self, name: str) -> Path:
        return staged_name(self.staging, name)

    def commit(self, written: Iterable[str], removed: Iterable[str],
               published: Iterable[str] | None = None) -> None:
        """Apply the staged changes to the shadow and swap it in; see the docstring.

        ``published``, every file of the new site: anything else found in the
        shadow (a file dropped into the site by hand) is deleted before the swap.
        """
        written, removed = sorted(written), sorted(removed)
        live = self.out_dir.is_dir()
        if live and not written and not removed and (self.out_dir / MARKER).is_file():
            self.abort()  # a no-op build: nothing moves, nothing is exchanged
            return
        lock = None
        try:
            lock = _lock(self.out_dir)  # two builds must not patch one shadow at once
            live = self.out_dir.is_dir()  # another build may have made it meanwhile
            self._prepare_shadow(live)
            for name in removed:
                trees.unlink(self.shadow, name)
            for name in written:
                trees.place(self.shadow, name, staged_name(self.staging, name), move=True)
            if published is not None and live:
                trees.remove_strays(self.shadow, set(published))
            if not live:
                self.shadow.rename(self.out_dir)  # nothing to replace: one rename
                trees.copy_tree(self.out_dir, self.shadow)
                _write_state(self.out_dir, {"written": [], "removed": []})
                return
            # Recorded before the exchange, naming the trees as they will be after it:
            # a kill before the exchange leaves a state that matches nothing (rebuild).
            _write_state(self.out_dir, {"written": written, "removed": removed},
                         live=_tag(self.shadow), shadow=_tag(self.out_dir))
            _swap(self.shadow, self.out_dir)
        finally:
            if lock is not None:
                os.close(lock)  # releases the lock
            self.abort()

    def _prepare_shadow(self, live: bool) -> None:
        """Make the shadow equal to the live site (or empty if there is none)."""
        state = _read_state(self.out_dir)
        current = (state is not None and live and state.get("shadow") is not None
                   and state.get("live") == _tag(self.out_dir)
                   and state.get("shadow") == _tag(self.shadow))
        _write_state(self.out_dir, None)  # dirty, before the shadow is touched
        if current:
            assert state is not None
            for name in state["removed"]:
                trees.unlink(self.shadow, name)
            for name in state["written"]:
                trees.place(self.shadow, name, self.out_dir / name, move=False)
        elif live:
            trees.copy_tree(self.out_dir, self.shadow)
        else:
            trees.clear(self.shadow)
            self.shadow.mkdir()
            (self.shadow / MARKER).write_bytes(MARKER_TEXT)

    def abort(self) -> None:
        """Forget everything staged; the output was never touched."""
        try:
            shutil.rmtree(self.staging, ignore_errors=True)
        except KeyboardInterrupt:  # a second Ctrl-C: finish tidying anyway
            shutil.rmtree(self.staging, ignore_errors=True)
            raise


def _lock(out_dir: Path) -> int | None:
    """Hold ``.site.lock`` until closed, where the platform can (not on Windows)."""
    try:
        import fcntl
    except ImportError:
        return None
    fd = os.open(out_dir.with_name(f".{out_dir.name}.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _tag(tree: Path) -> list[int] | None:
    """A tree's identity: its marker file's, which moves with the folder."""
    try:
        st = os.stat(tree / MARKER)
    except OSError:
        return None
    return [st.st_dev, st.st_ino, st.st_ctime_ns]


def _read_state(out_dir: Path) -> dict | None:
    try:
        state = json.loads(state_path(out_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("version") != 1:
        return None
    names = [state.get("written"), state.get("removed")]
    valid = all(isinstance(n, list) and all(map(_safe_name, n)) for n in names)
    return state if valid else None


def _safe_name(name: object) -> bool:
    """A relative path inside the tree: a damaged state file must not reach outside."""
    return (isinstance(name, str) and bool(name) and not name.startswith("/")
            and ".." not in name.split("/"))


def _write_state(out_dir: Path, changes: dict | None, live: list[int] | None = None,
                 shadow: list[int] | None = None) -> None:
    """Record how the shadow is behind the live site; ``None``: dirty, untrusted."""
    if changes is not None and live is None:
        live, shadow = _tag(out_dir), _tag(shadow_path(out_dir))
    state = {"version": 1, "live": live, "shadow": shadow, **(changes or {})}
    target = state_path(out_dir)
    temp = target.with_name(f"{target.name}.{os.getpid()}")
    temp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temp, target)


def _swap(shadow: Path, out_dir: Path) -> None:
    """One atomic exchange; else three renames (see the module docstring)."""
    if exchange(shadow, out_dir):
        return
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    out_dir.rename(old)
    try:
        shadow.rename(out_dir)
    except BaseException:
        old.rename(out_dir)
        raise
    old.rename(shadow)


def prepare_output(out_dir: Path, project_root: Path) -> None:
    """Before any work: refuse a folder Briefly must not touch, then mend what a kill left.

    Runs even for a build that will fail, so a killed build's site always
    comes back at the next attempt.
    """
    check_output_folder(out_dir, project_root)
    recover(out_dir)
    recover_leftovers(out_dir)  # a site a kill left mid-way through the fallback swap


def recover(out_dir: Path) -> None:
    """Clear half-made state files a killed build left; nothing else is trusted.

    Earlier versions kept a journal of names to restore in their staging
    folder.  The current format never writes one, and a staging folder is
    only as trustworthy as whoever could create a folder beside the output:
    replaying its names would let a planted journal delete or overwrite any
    file the build can reach.  Such a folder is left to ``recover_leftovers``,
    which removes it whole; the next build then publishes a complete site.
    """
    for temp in out_dir.parent.glob(f"{state_path(out_dir).name}.*"):
        if not _running("-" + temp.suffix[1:]):  # a state file a kill left half-made
            temp.unlink(missing_ok=True)
