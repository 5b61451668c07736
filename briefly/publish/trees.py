"""File operations on the output's two trees (see ``commit``), never in place.

The shadow and the live site share unchanged files through hard links, so a
file is never opened for writing here: new content arrives by ``os.replace``
(a new inode) and links are made afresh, leaving the other tree's copy as it
was.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from briefly.errors import BriefError
from briefly.publish.output_folder import MARKER, MARKER_TEXT


def copy_tree(source: Path, shadow: Path) -> None:
    """A shadow from scratch: folders made, every file hard-linked, a marker of its own."""
    clear(shadow)
    shadow.mkdir()
    (shadow / MARKER).write_bytes(MARKER_TEXT)
    if (source / MARKER).is_file():  # its own inode (see commit._tag), the live one's mtime
        st = os.stat(source / MARKER)
        os.utime(shadow / MARKER, ns=(st.st_atime_ns, st.st_mtime_ns))
    base = len(str(source)) + 1
    for dirpath, dirnames, filenames in os.walk(source):
        here = os.path.join(str(shadow), dirpath[base:])
        for folder in dirnames:
            os.mkdir(os.path.join(here, folder))
        for name in filenames:
            if name != MARKER or dirpath != str(source):
                os.link(os.path.join(dirpath, name), os.path.join(here, name))


def clear(shadow: Path) -> None:
    """Delete an old shadow, but never a folder Briefly did not make."""
    if not os.path.lexists(shadow):
        return
    if shadow.is_symlink() or not shadow.is_dir() or (
            any(shadow.iterdir()) and not (shadow / MARKER).is_file()):
        raise BriefError(str(shadow), 0, 0, "refusing to replace this folder: it has files "
                         f"and no {MARKER} marker, so Briefly did not create it",
                         hint="move it away; Briefly keeps the previous site there")
    shutil.rmtree(shadow)


def place(tree: Path, name: str, source: Path, move: bool) -> None:
    """Put ``source`` at ``name`` as a new directory entry (never writing in place)."""
    target = tree / name
    if not target.parent.is_dir():
        target.parent.mkdir(parents=True)
    if move:
        os.replace(source, target)
        return
    unlink(tree, name, prune=False)
    if os.path.lexists(source):  # missing only if someone deleted it from the live site
        os.link(source, target)


def unlink(tree: Path, name: str, prune: bool = True) -> None:
    try:
        os.unlink(tree / name)
    except FileNotFoundError:
        return
    if prune:
        prune_empty(tree, (tree / name).parent)


def prune_empty(root: Path, folder: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            return
        folder = folder.parent


def remove_strays(tree: Path, keep: set[str]) -> None:
    """Delete every file of ``tree`` that is neither in ``keep`` nor the marker.

    A file someone dropped into the live site is in the shadow after the next
    swap; without this it would come back with the swap after, and vanish
    again with the one after that.  A stack of folders, links never followed.
    """
    root = str(tree)
    base, stack, strays = len(root) + 1, [root], []
    while stack:
        with os.scandir(stack.pop()) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.path[base:] not in keep and entry.path[base:] != MARKER:
                    strays.append(entry.path[base:])
    for name in sorted(strays):
        unlink(tree, name)
