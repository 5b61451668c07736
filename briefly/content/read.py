"""Read: turn files in ``content/`` into raw data that remembers its lines.

Nothing here knows what a brief *means*; it only reads bytes, decodes them,
parses YAML and splits the article into sections, keeping a line and column
for every value so later stages can point editors at the exact spot.
"""

from __future__ import annotations

import hashlib
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefly.errors import BriefError
from briefly.content.limits import MAX_FILE_BYTES, describe_bytes
from briefly.content.located_yaml import FieldPath, Position, parse_yaml
from briefly.content.spec_check import illegal_character_problem

FACTS_NAME = "facts.yaml"
ARTICLE_NAME = "brief.md"
BRIEFS_DIR = "briefs"

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


@dataclass(frozen=True)
class Section:
    """One ``## Heading`` of a brief's article, with the line it starts on."""

    heading: str
    line: int
    body: str
    body_line: int


@dataclass(frozen=True)
class RawBrief:
    """A brief's two files as data, before anything checks their meaning."""

    slug: str
    facts_path: str
    article_path: str
    facts: Any
    positions: dict[FieldPath, Position]
    sections: tuple[Section, ...]
    preamble: tuple[str, int]  # text before the first heading, and its line
    digest: str
    facts_text: str = ""  # to point into folded YAML text and quote the editor's own words


def display_path(path: Path, root: Path) -> str:
    """Paths in messages are relative to the project, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, shown: str, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 file (a BOM and CRLF line ends are fine), or raise.

    The size is checked before reading, and only regular files are read, so a
    huge file or a device or pipe planted in content/ cannot stall the build.
    """
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise BriefError(shown, 0, 0, "expected a file but found a device or pipe")
        check_size(info.st_size, shown, limit)
        data = path.read_bytes()
    except IsADirectoryError:
        raise BriefError(shown, 0, 0, "expected a file but found a folder") from None
    except PermissionError:
        raise BriefError(shown, 0, 0, "cannot read this file (permission denied)",
                         hint="check the file's permissions") from None
    except OSError as exc:
        raise BriefError(shown, 0, 0, f"cannot read this file ({exc.strerror})") from None
    return decode_text(data, shown)


def check_size(size: int, shown: str, limit: int = MAX_FILE_BYTES) -> None:
    """Raise for a file over the limit, before a byte of it is read."""
    if size > limit:
        raise BriefError(shown, 0, 0,
                         f"this file is {describe_bytes(size)}; the limit is "
                         f"{describe_bytes(limit)}",
                         hint="a brief is read in minutes: cut it, or split it into "
                              "several briefs" if limit == MAX_FILE_BYTES else
                              "split it: the limits are in briefly/content/limits.py")


def decode_text(data: bytes, shown: str) -> str:
    """UTF-8 text with Unix line ends, or an error pointing at the first bad byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise BriefError(shown, line, column,
                         f"this file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                         hint="save the file as UTF-8 in your editor") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = illegal_character_problem(text)
    if found is not None:
        line = text.count("\n", 0, found[0]) + 1
        column = found[0] - (text.rfind("\n", 0, found[0]) + 1) + 1
        raise BriefError(shown, line, column, f"this file contains {found[1]}",
                         hint="delete it; it is invisible in most editors")
    return text


def split_sections(text: str) -> tuple[tuple[str, int], tuple[Section, ...]]:
    """Split an article at its ``## `` headings, skipping fenced code."""
    lines = text.split("\n")
    sections: list[Section] = []
    preamble: list[str] = []
    current: tuple[str, int] | None = None
    body: list[str] = []
    in_fence = False

    def close() -> None:
        if current is not None:
            raw = "\n".join(body)
            lead = len(raw) - len(raw.lstrip("\n"))
            sections.append(Section(current[0], current[1], raw.strip("\n"),
                                    current[1] + 1 + lead))

    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match and len(match.group(1)) == 2:
            close()
            current, body = (_heading_text(match.group(2)), number), []
        elif current is None:
            preamble.append(line)
        else:
            body.append(line)
    close()
    first_text = next((i for i, l in enumerate(preamble, 1) if l.strip()), 0)
    return ("\n".join(preamble).strip(), first_text), tuple(sections)


def _heading_text(rest: str) -> str:
    """'What happened ##  ' -> 'What happened' (string ops: a regex backtracked)."""
    text = rest.strip()
    closing = text.rstrip("#")
    if closing != text and (not closing or closing[-1] in " \t"):
        text = closing.rstrip()
    return text


def inside(path: Path, folder: Path) -> bool:
    """False for a link outside ``folder``, and for one that loops or leads nowhere."""
    try:
        path.resolve(strict=True).relative_to(folder.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def load_brief(folder: Path, root: Path, content_dir: Path) -> RawBrief:
    """Read one brief folder; raises the first problem that stops reading it."""
    facts_file, article_file = folder / FACTS_NAME, folder / ARTICLE_NAME
    facts_shown = display_path(facts_file, root)
    article_shown = display_path(article_file, root)
    for path, shown in ((facts_file, facts_shown), (article_file, article_shown)):
        if not path.exists() and not path.is_symlink():
            raise BriefError(display_path(folder, root), 0, 0,
                             f"this brief has no {path.name}",
                             hint=f"every brief folder holds {FACTS_NAME} and {ARTICLE_NAME}; "
                                  "`python build.py new` makes both")
        if path.is_symlink() and not inside(path, content_dir):
            raise BriefError(shown, 0, 0, "this file is a link to outside content/ and is refused",
                             hint="copy the file into the brief's folder instead")
    return parse_brief(folder.name, read_text(facts_file, facts_shown), facts_shown,
                       read_text(article_file, article_shown), article_shown)


def parse_brief(slug: str, facts_text: str, facts_shown: str, article_text: str,
                article_shown: str) -> RawBrief:
    """A brief's two texts as data, wherever they were read from (disk, or git)."""
    facts, positions = parse_yaml(facts_text, facts_shown)
    preamble, sections = split_sections(article_text)
    digest = brief_digest(facts_text, article_text)
    return RawBrief(slug, facts_shown, article_shown, facts, positions,
                    sections, preamble, digest, facts_text)


def brief_digest(facts_text: str, article_text: str) -> str:
    """A brief's identity for the build cache: both files' decoded text."""
    return hashlib.sha256(facts_text.encode() + b"\0" + article_text.encode()).hexdigest()
