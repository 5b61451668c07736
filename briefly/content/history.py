"""The project's briefs as they were at a git revision, read with git itself.

``check --since`` and ``diff`` compare each brief with an older version of
it, which lives in the project's git history; git is already there wherever
a pull request is checked, so it is called as a program (no library, no
shell).  The revision an editor names is resolved once, with
``--end-of-options`` so that nothing it says can be read as an option, and
every later call names the commit by its hash.  Old files pass the same
limits and decoding as current ones: a file over the size limit is never
read, and one that is not UTF-8 is reported, not decoded.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from briefly.content.library import FACTS_DIR, REGISTRY_NAME
from briefly.content.limits import MAX_FILE_BYTES, MAX_REGISTRY_BYTES
from briefly.content.read import (ARTICLE_NAME, BRIEFS_DIR, FACTS_NAME, RawBrief, check_size,
                                  decode_text, parse_brief)
from briefly.errors import BriefError

GIT_TIMEOUT_S = 120
_REGULAR_FILE_MODES = ("100644", "100755")
_BATCH = 200  # objects per `git cat-file --batch`, so no one call holds every brief


class HistoryError(Exception):
    """The revision cannot be read: not a git repository, or no such commit."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.problem = BriefError(".", 0, 0, message, hint=hint)


@dataclass(frozen=True)
class Blob:
    object_id: str
    mode: str
    size: int


@dataclass(frozen=True)
class Revision:
    """One commit, and where the project's files sit in its tree."""

    name: str  # as the editor wrote it, for messages
    commit: str
    top: Path  # the repository's top folder
    prefix: str  # the project folder inside it, "" or ending with "/"

    def brief_files(self) -> dict[str, dict[str, Blob]]:
        """Each brief folder at this revision (by slug) and the blobs of its two files."""
        where = f"{self.prefix}content/{BRIEFS_DIR}/"
        out = _git(self.top, "ls-tree", "-r", "-l", "-z", "--full-tree", self.commit,
                   "--", where)
        folders: dict[str, dict[str, Blob]] = {}
        for entry in out.split(b"\0"):
            if not entry:
                continue
            info, _, path = entry.partition(b"\t")
            mode, kind, object_id, size = info.decode("ascii").split()
            parts = path.decode("utf-8", "replace")[len(where):].split("/")
            if kind == "blob" and len(parts) == 2 and parts[1] in (FACTS_NAME, ARTICLE_NAME):
                folders.setdefault(parts[0], {})[parts[1]] = Blob(
                    object_id, mode, int(size) if size.isdigit() else MAX_FILE_BYTES + 1)
        return folders

    def shown(self, slug: str, name: str) -> str:
        return f"{self.name}:{self.prefix}content/{BRIEFS_DIR}/{slug}/{name}"

    def read_briefs(self, slugs: list[str]) -> dict[str, RawBrief | BriefError]:
        """The raw briefs at this revision, or the problem that stopped reading one."""
        folders = self.brief_files()
        wanted = [s for s in slugs if s in folders]
        results: dict[str, RawBrief | BriefError] = {}
        blobs: dict[str, Blob] = {}
        for slug in wanted:
            try:
                for name in (FACTS_NAME, ARTICLE_NAME):
                    blob = folders[slug].get(name)
                    if blob is None:
                        raise BriefError(self.shown(slug, name), 0, 0, "this file did not exist")
                    if blob.mode not in _REGULAR_FILE_MODES:
                        raise BriefError(self.shown(slug, name), 0, 0,
                                         "this was a link, not a file; it is not read")
                    check_size(blob.size, self.shown(slug, name))
                    blobs[blob.object_id] = blob
            except BriefError as problem:
                results[slug] = problem
        contents = self._contents(sorted(blobs))
        for slug in wanted:
            if slug in results:
                continue
            try:
                texts = [decode_text(contents[folders[slug][name].object_id],
                                     self.shown(slug, name))
                         for name in (FACTS_NAME, ARTICLE_NAME)]
                results[slug] = parse_brief(slug, texts[0], self.shown(slug, FACTS_NAME),
                                            texts[1], self.shown(slug, ARTICLE_NAME))
            except BriefError as problem:
                results[slug] = problem
        return results

    def shared_texts(self) -> tuple[tuple[str, str] | None, list[tuple[str, str, str]]]:
        """The registry's text and each fact sheet's (entity, text, shown) at this revision.

        What cannot be read (a link, a file over the limit, not UTF-8) is left
        out: the briefs that use it then fail to compare, and say so.
        """
        where = f"{self.prefix}content/"
        out = _git(self.top, "ls-tree", "-r", "-l", "-z", "--full-tree", self.commit, "--",
                   where + REGISTRY_NAME, where + FACTS_DIR + "/")
        wanted: dict[str, Blob] = {}
        for entry in out.split(b"\0"):
            if not entry:
                continue
            info, _, path = entry.partition(b"\t")
            mode, kind, object_id, size = info.decode("ascii").split()
            name = path.decode("utf-8", "replace")[len(where):]
            limit = MAX_REGISTRY_BYTES if name == REGISTRY_NAME else MAX_FILE_BYTES
            if (kind == "blob" and mode in _REGULAR_FILE_MODES and size.isdigit()
                    and int(size) <= limit and name.endswith(".yaml")
                    and name.count("/") <= 1):
                wanted[name] = Blob(object_id, mode, int(size))
        contents = self._contents(sorted({b.object_id for b in wanted.values()}))
        registry, sheets = None, []
        for name, blob in sorted(wanted.items()):
            shown = f"{self.name}:{where}{name}"
            try:
                text = decode_text(contents[blob.object_id], shown)
            except BriefError:
                continue
            if name == REGISTRY_NAME:
                registry = (text, shown)
            else:
                sheets.append((name.split("/", 1)[1].removesuffix(".yaml"), text, shown))
        return registry, sheets

    def _contents(self, object_ids: list[str]) -> dict[str, bytes]:
        """Blobs by id, read in batches; each was checked against the size limit."""
        found: dict[str, bytes] = {}
        for start in range(0, len(object_ids), _BATCH):
            chunk = object_ids[start:start + _BATCH]
            out = _git(self.top, "cat-file", "--batch",
                       stdin=("\n".join(chunk) + "\n").encode("ascii"))
            position = 0
            for object_id in chunk:
                end = out.index(b"\n", position)
                header = out[position:end].split()
                size = int(header[2])
                found[object_id] = out[end + 1:end + 1 + size]
                position = end + 1 + size + 1
        return found


def open_revision(root: Path, name: str) -> Revision:
    """The commit ``name`` names in the repository holding ``root``, or HistoryError."""
    if not name or "\0" in name:
        raise HistoryError("no git revision given to compare with",
                           "name a branch, tag or commit, e.g. --since main")
    try:
        top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
    except HistoryError:
        raise HistoryError(f"{root.name or root} is not in a git repository, so there is no "
                           f"revision '{name}' to compare with",
                           "run the command in a clone of the project, or leave out "
                           "--since") from None
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                      f"{name}^{{commit}}").decode().strip()
    except HistoryError:
        raise HistoryError(f"'{name}' is not a commit in this repository",
                           "name a branch, tag or commit; a shallow clone may need "
                           "`git fetch --unshallow` or fetch-depth: 0") from None
    try:
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        prefix = ""
    return Revision(name, commit, top, "" if prefix in ("", ".") else prefix + "/")


def _git(where: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git with a fixed argument list (never a shell); its stdout, or HistoryError."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(["git", "-C", str(where), *args], input=stdin,
                              capture_output=True, timeout=GIT_TIMEOUT_S, env=env, check=False)
    except FileNotFoundError:
        raise HistoryError("git is not installed, so no older revision can be read",
                           "install git, or leave out --since") from None
    except subprocess.TimeoutExpired:
        raise HistoryError(f"git took over {GIT_TIMEOUT_S} s to answer") from None
    if done.returncode != 0:
        raise HistoryError(done.stderr.decode("utf-8", "replace").strip() or "git failed")
    return done.stdout
