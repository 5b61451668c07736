"""Stage 5: publish pages to the output folder, all at once or not at all.

The new site is assembled in a staging folder beside the output and swapped
in only when complete, so a crash, Ctrl-C or failed build never leaves a
half-written or blank site.  Files whose bytes did not change are hard-linked
from the old site, keeping their modification times so deploy tools upload
nothing new.  Only folders carrying Briefly's marker are ever replaced.

``build_site`` publishes incrementally through ``commit.Transaction`` instead
(same guarantees for a failed build, cost proportional to what changed);
``publish`` stays for callers holding a whole site in memory.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .errors import BriefError

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
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise _refuse(out_dir, "it is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise _refuse(out_dir, f"it has files and no {MARKER} marker, so Briefly did not "
                               "create it")


def publish(files: Mapping[str, bytes], out_dir: Path,
            project_root: Path | None = None) -> WriteStats:
    """Replace ``out_dir`` with exactly ``files``; on any failure, keep the old site."""
    check_output_folder(out_dir, project_root)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out_dir)
    staging = out_dir.with_name(f".{out_dir.name}.staging-{os.getpid()}")
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    written = unchanged = 0
    try:
        staging.mkdir()
        (staging / MARKER).write_bytes(MARKER_TEXT)
        made: set[Path] = {staging}
        for name in sorted(files):
            target = staging / name
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            previous = out_dir / name
            if _same_bytes(previous, files[name]):
                os.link(previous, target)
                unchanged += 1
            else:
                target.write_bytes(files[name])
                written += 1
        removed = len(_list_files(out_dir) - files.keys())
        if out_dir.exists() and _exchange(staging, out_dir):
            old = staging  # the old site now sits where staging was
        else:
            if out_dir.exists():
                out_dir.rename(old)
            staging.rename(out_dir)
    except BaseException:
        if old != staging:
            shutil.rmtree(staging, ignore_errors=True)
        if old.exists() and not out_dir.exists():
            old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return WriteStats(written, unchanged, removed)


def _exchange(first: Path, second: Path) -> bool:
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


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _list_files(folder: Path) -> set[str]:
    names: set[str] = set()
    if folder.is_dir():
        for dirpath, _, filenames in os.walk(folder):
            here = Path(dirpath).relative_to(folder).as_posix()
            prefix = "" if here == "." else here + "/"
            names.update(prefix + name for name in filenames)
    names.discard(MARKER)
    return names


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
            if not (leftover / MARKER).is_file() or _running(leftover.name):
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
