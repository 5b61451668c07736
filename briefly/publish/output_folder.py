"""Publish: the output folder's safety rules, and the atomic folder exchange.

Only folders carrying Briefly's marker are ever replaced: the tool deletes
only what it created.  ``exchange`` swaps two folders in one step, which
``commit`` uses to publish a complete new site at once; leftovers of builds
that were killed are cleared (or, for a site caught between the renames of
the fallback swap, put back) before every build.
"""

from __future__ import annotations

import ctypes
import contextlib
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from briefly.errors import BriefError

MARKER = ".briefly-output"
MARKER_TEXT = b"This folder is built by Briefly and replaced on every build.\n"


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


def _refuse(out_dir: Path, reason: str) -> BriefError:
    return BriefError(str(out_dir), 0, 0, f"refusing to publish into this folder: {reason}",
                      hint="choose an empty or new folder, e.g. --output site")


def check_output_folder(out_dir: Path, project_root: Path | None = None) -> None:
    """Refuse folders that Briefly did not create (content/, the project, ~, /)."""
    resolved = out_dir.resolve()
    dangerous = {Path("/").resolve(): "it is the root folder /",
                 Path.home().resolve(): "it is your home folder"}
    if project_root is not None:
        dangerous[project_root.resolve()] = "it is the project folder itself"
    if resolved in dangerous:
        raise _refuse(out_dir, dangerous[resolved])
    if project_root is not None:
        for precious in ("content", "templates", "static", "tests", ".git"):
            folder = (project_root / precious).resolve()
            if resolved == folder or folder in resolved.parents:
                raise _refuse(out_dir, f"it is inside {precious}/")
    # Inside a published site, the build's own files (.sub.shadow, its state)
    # would be written among the pages, and published with them.
    for parent in resolved.parents:
        if (parent / MARKER).is_file():
            raise _refuse(out_dir, f"it is inside {parent.name or parent}/, a site Briefly "
                                   "publishes")
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise _refuse(out_dir, "it is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise _refuse(out_dir, f"it has files and no {MARKER} marker, so Briefly did not "
                               "create it")


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where unsupported.

    Two renames leave an instant with no site at all; a kill in that instant
    would publish nothing until the next build.  The exchange has no such gap.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                     rename_exchange) == 0


def recover_leftovers(out_dir: Path) -> None:
    """Run before every build, even one that fails: a killed build's site comes back."""
    if out_dir.name:
        _remove_leftovers(out_dir)


def _remove_leftovers(out_dir: Path) -> None:
    """Folders of builds that were killed: ours by name and marker, never others'.

    A build killed between the two renames of the fallback swap leaves the
    old site under its ``.old-`` name and no output: that site is put back
    before anything is deleted.  Folders of a build still running (its
    process exists) are left to it.
    """
    for pattern in (f".{out_dir.name}.old-*", f".{out_dir.name}.staging-*"):
        for leftover in sorted(out_dir.parent.glob(pattern)):
            if _running(leftover.name):
                continue
            if not (leftover / MARKER).is_file():
                # Killed between making the folder and marking it: an empty
                # folder of our name loses nothing; anything else is not ours.
                with contextlib.suppress(OSError):
                    leftover.rmdir()
                continue
            if ".old-" in leftover.name and not out_dir.exists():
                leftover.rename(out_dir)
            else:
                shutil.rmtree(leftover, ignore_errors=True)


def _running(name: str) -> bool:
    """True if the build that named this folder (by its pid) is another live process."""
    pid_text = name.rsplit("-", 1)[-1]
    if not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True
