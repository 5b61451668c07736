"""Listing brief folders only when they changed.

At thousands of briefs, listing every folder is a visible part of a no-op
build.  Adding, removing or renaming a file in a folder changes the
folder's mtime and ctime, so an unchanged folder ``stat`` means unchanged
contents, provided it has no sub-folders (``st_nlink == 2``; file systems
that do not count sub-folders this way are always listed) and was not
listed within the timestamp granularity of its last change.  Stray files
found in a folder are remembered with it, so skipping the listing never
hides a warning.
"""

from __future__ import annotations

import os
import time
from dataclasses import astuple
from pathlib import Path

from briefly.cache import records
from briefly.cache.records import unpack
from briefly.errors import BriefError

# folder name -> (its stat, when it was listed, stray-file problems found in it)
Listing = tuple[tuple, int, tuple]


class FolderListings:
    """What the cache knew of each brief folder, and what this build learns."""

    def __init__(self, known: dict[str, Listing]) -> None:
        self.known = known
        self.now = time.time_ns()
        self.seen: dict[str, tuple[tuple, int, list]] = {}

    def skip(self, path: str) -> bool:
        """For ``discover``: True when the folder need not be listed again."""
        name = os.path.basename(path)
        try:
            st = os.stat(path)
        except OSError:
            return False
        signature = (st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_nlink)
        known = self.known.get(name)
        if (known is not None and known[0] == signature and st.st_nlink == 2
                and signature[0] < known[1] - records.RACY_NS):
            self.seen[name] = (known[0], known[1], list(known[2]))
            return True
        self.seen[name] = (signature, self.now, [])
        return False

    def account(self, problems: list[BriefError], briefs_dir: str,
                folders: list[Path]) -> tuple[list[BriefError], dict[str, Listing]]:
        """Every stray-file problem, listed now or remembered; and the listings to keep."""
        prefix = briefs_dir + "/"
        for problem in problems:
            if problem.path.startswith(prefix):
                name = problem.path[len(prefix):].split("/", 1)[0]
                if name in self.seen and self.seen[name][1] == self.now:
                    self.seen[name][2].append(astuple(problem))
        remembered = [p for _, listed, strays in self.seen.values() if listed != self.now
                      for p in unpack(strays)]
        kept = {f.name for f in folders}
        return problems + remembered, {name: (sig, listed, tuple(strays))
                                       for name, (sig, listed, strays) in self.seen.items()
                                       if name in kept}
