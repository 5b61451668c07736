"""Build a golden case and read what is compared byte for byte.

A case is ``tests/golden/<case>/``: ``project/`` is its input (settings and
content; templates and static files are the repository's), ``expected/`` the
text files a build publishes, and ``files.txt`` every published path.  Only
text outputs are kept (HTML, XML, JSON, CSV, robots.txt): social cards are
PNGs whose pixels follow Pillow's font rendering, the search index is left
out (``--no-search``), and ``assets/`` is a copy of ``static/``.  Their
presence is still checked, through ``files.txt``.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from pathlib import Path

from briefly.cli import main

GOLDEN = Path(__file__).resolve().parent
REPO = GOLDEN.parent.parent
TEXT_SUFFIXES = (".html", ".xml", ".json", ".csv", ".txt")
LISTING = "files.txt"


def cases() -> list[str]:
    return sorted(p.name for p in GOLDEN.iterdir() if (p / "project").is_dir())


def compared(path: str) -> bool:
    """Whether a published path is kept in expected/ and compared byte for byte."""
    return not path.startswith("assets/") and path.endswith(TEXT_SUFFIXES)


def build_case(case: str) -> tuple[list[str], dict[str, bytes]]:
    """Build a case from scratch; return every published path and the compared files."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "project"
        root.mkdir()
        source = GOLDEN / case / "project"
        shutil.copy2(source / "briefly.yaml", root / "briefly.yaml")
        shutil.copytree(source / "content", root / "content")
        for name in ("templates", "static"):
            shutil.copytree(REPO / name, root / name)
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = main(["--root", str(root), "build", "--no-search"])
        assert code == 0, f"golden case {case} does not build:\n{err.getvalue()}"
        site = root / "site"
        paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
        return paths, {path: (site / path).read_bytes() for path in paths if compared(path)}


def read_expected(case: str) -> tuple[list[str], dict[str, bytes]]:
    folder = GOLDEN / case
    listing = (folder / LISTING).read_text(encoding="utf-8").splitlines()
    expected = folder / "expected"
    files = {p.relative_to(expected).as_posix(): p.read_bytes()
             for p in sorted(expected.rglob("*")) if p.is_file()}
    return listing, files


def write_expected(case: str) -> None:
    """Replace a case's expected output with a fresh build's."""
    paths, files = build_case(case)
    folder = GOLDEN / case
    shutil.rmtree(folder / "expected", ignore_errors=True)
    for path, data in files.items():
        target = folder / "expected" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (folder / LISTING).write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
