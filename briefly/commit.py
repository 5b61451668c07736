"""Publish only what changed, in place, all or nothing.

``write.publish`` rebuilds the whole output as a staging tree and swaps it in.
At 10,000 briefs that costs seconds even when one page changed: creating
10,000 folders and hard links, then deleting the old tree, takes about 2.5 s
on this machine's disk before a single byte is written.  An incremental build
must cost what changed, so this module updates the output folder in place,
as a transaction:

1. *Stage*: every new or changed file is written beside its target under a
   temporary name (``index.html.briefly-new-<pid>``); nothing visible moves.
   A journal (``.briefly-journal``) records the transaction first.
2. *Commit*: each old file is hard-linked to a backup name, then the new one
   is renamed over it (``rename`` is atomic per file); removed files are
   renamed to their backup names.
3. *Clean up*: backups and the journal are deleted.

Any exception, Ctrl-C included, before or during step 2 rolls back: backups
are renamed back, new files deleted, temporaries removed, so a failed build
leaves the old site byte-identical (same inodes and mtimes).  If the process
is killed outright, the journal survives and the next build finishes the
rollback before doing anything else.  Files that did not change are never
touched, so they keep their modification times.

What this does not give is atomicity for a reader *during* the few
milliseconds of step 2.  Nobody reads the folder then: CI uploads it (GitHub
Pages artifacts are plain folders, so a symlink swap is not an option) after
the build has returned, and the preview server reloads only after it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Iterable

from .write import MARKER, MARKER_TEXT, check_output_folder

JOURNAL = ".briefly-journal"
_NEW = ".briefly-new-"
_OLD = ".briefly-old-"


def staged_name(target: Path, token: str) -> Path:
    return target.with_name(target.name + _NEW + token)


def stage_file(out_dir: Path, token: str, name: str, data: bytes) -> None:
    """Write a new file beside its target; safe to call from worker processes."""
    target = out_dir / name
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(staged_name(target, token), "wb") as handle:
        handle.write(data)


class Transaction:
    """One build's changes to an output folder; see the module docstring."""

    def __init__(self, out_dir: Path, project_root: Path | None = None) -> None:
        check_output_folder(out_dir, project_root)
        recover(out_dir)
        self.out_dir = out_dir
        self.token = str(os.getpid())
        self.created = not out_dir.exists()
        out_dir.mkdir(parents=True, exist_ok=True)
        if not (out_dir / MARKER).is_file():
            (out_dir / MARKER).write_bytes(MARKER_TEXT)
        self._journal({"token": self.token, "phase": "staging", "created": self.created})

    def _journal(self, state: dict) -> None:
        temporary = self.out_dir / (JOURNAL + ".tmp")
        temporary.write_text(json.dumps(state), encoding="utf-8")
        os.replace(temporary, self.out_dir / JOURNAL)

    def stage(self, name: str, data: bytes) -> None:
        stage_file(self.out_dir, self.token, name, data)

    def commit(self, written: Iterable[str], removed: Iterable[str]) -> None:
        """Move staged files into place and delete removed ones, or roll back."""
        written, removed = sorted(written), sorted(removed)
        new = [n for n in written if not os.path.lexists(self.out_dir / n)]
        self._journal({"token": self.token, "phase": "committing", "new": new,
                       "created": self.created})
        moved: list[str] = []
        gone: list[str] = []
        try:
            for name in written:
                target = self.out_dir / name
                if os.path.lexists(target):
                    os.link(target, target.with_name(target.name + _OLD + self.token))
                os.replace(staged_name(target, self.token), target)
                moved.append(name)
            for name in removed:
                target = self.out_dir / name
                if not os.path.lexists(target):
                    continue  # someone deleted it already
                os.replace(target, target.with_name(target.name + _OLD + self.token))
                gone.append(name)
        except BaseException:
            self._undo(moved, gone, new)
            for name in written + removed:  # a backup made just before the failure
                target = self.out_dir / name
                _unlink(target.with_name(target.name + _OLD + self.token))
            raise
        for name in written + removed:
            target = self.out_dir / name
            _unlink(target.with_name(target.name + _OLD + self.token))
        for name in removed:
            _prune_empty(self.out_dir, (self.out_dir / name).parent)
        _unlink(self.out_dir / JOURNAL)

    def abort(self) -> None:
        """Forget everything staged; the output is as it was before."""
        if self.created:
            shutil.rmtree(self.out_dir, ignore_errors=True)
            return
        _sweep(self.out_dir, self.token)
        _unlink(self.out_dir / JOURNAL)

    def _undo(self, moved: list[str], gone: list[str], new: list[str]) -> None:
        fresh = set(new)
        for name in moved + gone:
            target = self.out_dir / name
            backup = target.with_name(target.name + _OLD + self.token)
            if name in fresh:
                _unlink(target)
            elif backup.exists():
                os.replace(backup, target)
        self.abort()


def recover(out_dir: Path) -> None:
    """Roll back a transaction whose process was killed (its journal remains)."""
    journal = out_dir / JOURNAL
    if not journal.is_file() or not (out_dir / MARKER).is_file():
        return
    try:
        state = json.loads(journal.read_text(encoding="utf-8"))
        token = str(state["token"])
    except (OSError, ValueError, KeyError, TypeError):
        token, state = "", {}
    if state.get("created"):
        shutil.rmtree(out_dir, ignore_errors=True)
        return
    for name in state.get("new", []):
        _unlink(out_dir / name)
    for dirpath, _, filenames in os.walk(out_dir):
        for filename in filenames:
            if _OLD in filename and (not token or filename.endswith(_OLD + token)):
                original = filename.rsplit(_OLD, 1)[0]
                os.replace(os.path.join(dirpath, filename), os.path.join(dirpath, original))
    _sweep(out_dir, token)
    _unlink(journal)


def _sweep(out_dir: Path, token: str) -> None:
    """Delete staged files of one transaction and the folders they left empty."""
    for dirpath, _, filenames in os.walk(out_dir, topdown=False):
        for filename in filenames:
            if _NEW in filename and (not token or filename.endswith(_NEW + token)):
                _unlink(Path(dirpath) / filename)
        if dirpath != str(out_dir):
            try:
                os.rmdir(dirpath)  # only succeeds when empty
            except OSError:
                pass


def _prune_empty(out_dir: Path, folder: Path) -> None:
    while folder != out_dir and out_dir in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
