"""Publish only what changed, all or nothing.

``write.publish`` rebuilds the whole output as a staging tree and swaps it in.
At 10,000 briefs that costs seconds even when one page changed: creating
10,000 folders and hard links, then deleting the old tree, takes about 2.5 s
on this machine's disk before a single byte is written.  An incremental build
must cost what changed, so it publishes as a transaction:

1. *Stage*: every new or changed file is written into a flat staging folder
   beside the output (``.site.staging-<pid>/``, with Briefly's marker, so
   ``write.recover_leftovers`` knows it), named by a hash of its path: no
   folders to create.  The output is not touched: a kill, Ctrl-C, exception
   or full disk here leaves it byte for byte as it was.
2. *Commit*: a journal is written to the staging folder; then each old file is
   hard-linked into the staging folder as a backup and the new one renamed
   over it (``rename`` is atomic per file); removed files are moved out as
   backups too.
3. *Clean up*: the staging folder (backups, journal) is deleted.

An exception or Ctrl-C during step 2 rolls back from the backups.  A kill
during step 2 (milliseconds for an edit, longer when every page changes)
leaves the journal: the next build rolls the output back from it before
anything else.  Unchanged files are never touched, keeping their mtimes.

What this does not give is atomicity for a reader *during* step 2.  Nobody
reads the folder then: CI uploads it (GitHub Pages artifacts are plain
folders, so a symlink swap is not an option) after the build has returned,
and the preview server reloads only after it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Iterable

from .write import MARKER, MARKER_TEXT, _running, check_output_folder

JOURNAL = ".briefly-journal"


def staged_name(staging: Path, name: str) -> Path:
    """Where a file to publish at ``name`` waits: flat, so no folders are made."""
    return staging / hashlib.blake2b(name.encode(), digest_size=16).hexdigest()


def _backup(staging: Path, name: str) -> Path:
    return staging / ("old-" + staged_name(staging, name).name)


def stage_file(staging: Path, name: str, data: bytes) -> None:
    """Write a file to publish; safe to call from worker processes."""
    staged_name(staging, name).write_bytes(data)


class Transaction:
    """One build's changes to an output folder; see the module docstring."""

    def __init__(self, out_dir: Path, project_root: Path | None = None) -> None:
        check_output_folder(out_dir, project_root)
        recover(out_dir)
        self.out_dir = out_dir
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.staging = out_dir.with_name(f".{out_dir.name}.staging-{os.getpid()}")
        shutil.rmtree(self.staging, ignore_errors=True)
        try:
            self.staging.mkdir()
            (self.staging / MARKER).write_bytes(MARKER_TEXT)
        except BaseException:  # Ctrl-C a moment after the folder appeared
            self.abort()
            raise

    def stage(self, name: str, data: bytes) -> None:
        stage_file(self.staging, name, data)

    def commit(self, written: Iterable[str], removed: Iterable[str]) -> None:
        """Move staged files into place and delete removed ones, or roll back."""
        written, removed = sorted(written), sorted(removed)
        created = not self.out_dir.exists()
        if not created and not (self.out_dir / MARKER).is_file():  # an empty folder
            self.stage(MARKER, MARKER_TEXT)
            written = sorted({*written, MARKER})
        new = [n for n in written if not os.path.lexists(self.out_dir / n)]
        state = {"phase": "committing", "created": created, "new": new,
                 "written": written, "removed": removed}
        (self.staging / JOURNAL).write_text(json.dumps(state), encoding="utf-8")
        made: list[Path] = []
        try:
            if created:
                self.out_dir.mkdir()
                (self.out_dir / MARKER).write_bytes(MARKER_TEXT)
            for name in written:
                target = self.out_dir / name
                if os.path.lexists(target):
                    os.link(target, _backup(self.staging, name))
                elif not target.parent.is_dir():
                    _make_parents(self.out_dir, target.parent, made)
                os.replace(staged_name(self.staging, name), target)
            for name in removed:
                target = self.out_dir / name
                if os.path.lexists(target):
                    os.replace(target, _backup(self.staging, name))
        except BaseException:
            _roll_back(self.out_dir, self.staging, state)
            for folder in reversed(made):
                _rmdir(folder)
            raise
        for name in removed:
            _prune_empty(self.out_dir, (self.out_dir / name).parent)
        shutil.rmtree(self.staging, ignore_errors=True)

    def abort(self) -> None:
        """Forget everything staged; the output was never touched."""
        try:
            shutil.rmtree(self.staging, ignore_errors=True)
        except KeyboardInterrupt:  # a second Ctrl-C: finish tidying anyway
            shutil.rmtree(self.staging, ignore_errors=True)
            raise


def recover(out_dir: Path) -> None:
    """Roll back the commit of a build that was killed (its journal remains)."""
    for staging in sorted(out_dir.parent.glob(f".{out_dir.name}.staging-*")):
        journal = staging / JOURNAL
        if not (staging / MARKER).is_file() or not journal.is_file():
            continue
        if _running(staging.name):
            continue
        try:
            state = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        _roll_back(out_dir, staging, state)
        shutil.rmtree(staging, ignore_errors=True)


def _roll_back(out_dir: Path, staging: Path, state: dict) -> None:
    if state.get("created"):
        shutil.rmtree(out_dir, ignore_errors=True)
        return
    fresh = set(state.get("new", []))
    for name in list(state.get("written", [])) + list(state.get("removed", [])):
        target, backup = out_dir / name, _backup(staging, name)
        if backup.exists():
            os.replace(backup, target)
        elif name in fresh and os.path.lexists(target):
            os.unlink(target)
            _prune_empty(out_dir, target.parent)


def _make_parents(out_dir: Path, folder: Path, made: list[Path]) -> None:
    missing = []
    while not folder.is_dir() and folder != out_dir:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        made.append(path)


def _prune_empty(out_dir: Path, folder: Path) -> None:
    while folder != out_dir and out_dir in folder.parents:
        if not _rmdir(folder):
            return
        folder = folder.parent


def _rmdir(folder: Path) -> bool:
    try:
        folder.rmdir()  # only succeeds when empty
        return True
    except OSError:
        return False
