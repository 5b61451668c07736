"""Failures of the operating system (a full disk, a read-only folder) as one plain line.

Such a failure is nobody's content mistake, so a traceback helps no editor:
what they need is which file, what happened in words, and whether the site
readers see was touched.  Publishing is all-or-nothing, so a failure before
the swap always leaves the previous site as it was.
"""

from __future__ import annotations

import errno
from pathlib import Path

from briefly.errors import BriefError

NOT_PUBLISHED = "nothing was published"
CACHE_NOT_SAVED = "the site was published, but the build cache was not saved"
CHECK_STOPPED = "the check could not finish"

# errno -> (what happened, what to do)
_WORDS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("the disk is full", "free some space, then build again"),
    errno.EDQUOT: ("the disk quota is used up", "free some space, then build again"),
    errno.EROFS: ("the disk is read-only",
                  "build on a writable disk, or choose another folder with --output"),
    errno.EACCES: ("permission denied", "check who owns this file or folder and its "
                                        "permissions"),
    errno.EPERM: ("the operation is not permitted", "check who owns this file or folder "
                                                    "and its permissions"),
    errno.ENAMETOOLONG: ("the name is too long for the file system",
                         "shorten the brief's folder name (its slug) or the output path"),
    errno.EISDIR: ("this is a folder where Briefly keeps a file",
                   "move the folder away; Briefly makes the file itself"),
    errno.ENOTDIR: ("this is a file where Briefly needs a folder",
                    "move the file away; Briefly makes the folder itself"),
    errno.EMFILE: ("too many files are open", "close other programs, then build again"),
    errno.EIO: ("the disk reported a read or write error", "check the disk, then build again"),
}


def os_failure(failure: OSError, root: Path, outcome: str = NOT_PUBLISHED,
               output: Path | None = None) -> BriefError:
    """One error line for ``failure``: ``path: error: the disk is full; <outcome>``.

    ``outcome`` says what became of the work ("nothing was published").  A
    file of the output's staging folder (``.site.staging-12/…``, named by a
    hash) is shown as the ``output`` folder: that is what the editor chose and
    can act on.  When a folder stands where a file is to go, the message
    names the place it stands, not the file that was to be moved there.
    """
    what, hint = _WORDS.get(failure.errno or 0, (
        (failure.strerror or type(failure).__name__).lower(), "fix the cause, then try again"))
    where = failure.filename
    if failure.errno in (errno.EISDIR, errno.ENOTDIR) and failure.filename2 is not None:
        where = failure.filename2
    return BriefError(_shown(where, root, output), 0, 0, f"{what}; {outcome}", hint=hint)


def _shown(filename: object, root: Path, output: Path | None) -> str:
    """The file, relative to the project when inside it, as other messages show paths."""
    if filename is None:
        return str(output or root)
    path = Path(filename.decode("utf-8", "surrogateescape") if isinstance(filename, bytes)
                else str(filename))
    if output is not None:
        beside = output.absolute()
        try:
            first = path.absolute().relative_to(beside.parent).parts[0]
        except (ValueError, IndexError):
            first = ""
        if first.startswith(f".{beside.name}.staging-"):
            path = beside
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
