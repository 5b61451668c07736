"""Finding the briefs: which folders of ``content/`` are briefs, and what else is there.

A file that belongs to no brief is never published, so the editor hears of
it; two folders that would be published at one address are caught here,
once, before either is read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from briefly.content.limits import MAX_FOLDER_DEPTH
from briefly.content.library import FACTS_DIR, REGISTRY_NAME
from briefly.content.read import ARTICLE_NAME, BRIEFS_DIR, FACTS_NAME, display_path, inside
from briefly.content.slugs import slugify
from briefly.errors import BriefError


SHARED_NAMES = (REGISTRY_NAME, FACTS_DIR)
"""What content/ holds beside the briefs: the source registry and the fact sheets."""


def discover(content_dir: Path, root: Path, prune: Callable[[str], bool] | None = None
             ) -> tuple[list[Path], list[BriefError]]:
    """Find brief folders (sorted), and report files that belong to none.

    Plain strings and ``os.scandir`` rather than ``pathlib``: this runs on
    every build, and on a large archive ``Path`` objects alone cost more than
    the rest of a no-op build.
    ``prune(folder)`` returning True skips listing a brief folder whose
    contents the caller already knows (from the build cache).
    """
    problems: list[BriefError] = []
    briefs_dir = content_dir / BRIEFS_DIR
    folders: list[Path] = []
    if briefs_dir.is_symlink():
        problems.append(BriefError(display_path(briefs_dir, root), 0, 0,
                                   "this folder is a link and is refused; no brief was read",
                                   hint=f"make content/{BRIEFS_DIR}/ a real folder holding "
                                        "the briefs"))
        return [], problems
    if briefs_dir.is_dir():
        with os.scandir(briefs_dir) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_symlink() and not inside(Path(entry.path), content_dir):
                where = ("points outside content/" if os.path.exists(entry.path)
                         else "loops or points nowhere")
                problems.append(BriefError(display_path(Path(entry.path), root), 0, 0,
                                           f"this link {where} and is refused",
                                           hint="copy the brief into content/briefs/ instead"))
                continue
            if entry.is_dir():
                folders.append(briefs_dir / entry.name)
            else:
                problems.append(_stray(Path(entry.path), root))
    _report_strays(content_dir, root, prune, problems)
    return _distinct_slugs(folders, root, problems), problems


def _report_strays(content_dir: Path, root: Path, prune: Callable[[str], bool] | None,
                   problems: list[BriefError]) -> None:
    """Every file of content/ that belongs to no brief, as a warning.

    A stack, not recursion, and links are never entered: a folder tree as
    deep as the file system allows, or a link that loops, cannot crash or
    stall the walk; a tree deeper than any brief needs is refused once.
    """
    briefs_str = os.path.join(str(content_dir), BRIEFS_DIR)
    stack = [(str(content_dir), 0)]
    while stack:
        dirpath, depth = stack.pop()
        try:
            with os.scandir(dirpath) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        in_brief = os.path.dirname(dirpath) == briefs_str
        at_top = dirpath == str(content_dir)
        below: list[tuple[str, int]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if at_top and entry.name in SHARED_NAMES:
                continue  # the shared content: its reader reports what it cannot use
            if entry.is_dir(follow_symlinks=False):
                if dirpath == briefs_str and prune is not None and prune(entry.path):
                    continue
                if depth + 1 > MAX_FOLDER_DEPTH:
                    problems.append(BriefError(
                        display_path(Path(entry.path), root), 0, 0,
                        f"folders nest more than {MAX_FOLDER_DEPTH} deep here; "
                        "nothing below is read", hint="flatten this folder tree"))
                    continue
                below.append((entry.path, depth + 1))
            elif dirpath == briefs_str:
                continue  # reported above
            elif not (in_brief and entry.name in (FACTS_NAME, ARTICLE_NAME)):
                problems.append(_stray(Path(entry.path), root))
        stack.extend(reversed(below))  # depth first, in name order, as os.walk went


def _distinct_slugs(folders: list[Path], root: Path, problems: list[BriefError]) -> list[Path]:
    """Drop (and report) folders whose names fold to another folder's slug.

    ``DeepSeek-V4`` beside ``deepseek-v4`` is one URL, and one folder on macOS
    and Windows; reporting the collision here, once, replaces a cascade of
    "invalid folder name" and "duplicate page" errors later.
    """
    slugs = {f.name: slugify(f.name) for f in folders}
    keys = {name: slug or name for name, slug in slugs.items()}
    owners: dict[str, Path] = {}
    for folder in sorted(folders, key=lambda f: (slugs[f.name] != f.name, f.name)):
        key = keys[folder.name]
        if key in owners:
            problems.append(BriefError(
                display_path(folder, root), 0, 0,
                f"duplicate slug: this folder's name differs from "
                f"{display_path(owners[key], root)} only in case, accents or punctuation",
                hint=f"both would be published at briefs/{key}/; rename or merge one of them"))
        else:
            owners[key] = folder
    return [f for f in folders if owners.get(keys[f.name]) == f]


def _stray(path: Path, root: Path) -> BriefError:
    return BriefError(display_path(path, root), 0, 0,
                      "this file is not part of any brief and is not published",
                      hint=f"a brief is a folder in content/{BRIEFS_DIR}/ holding "
                           f"{FACTS_NAME} and {ARTICLE_NAME}", severity="warning")
