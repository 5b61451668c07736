"""Shared fixtures: a scratch copy of the project, and helpers to build it.

Each test gets its own copy of content/, templates/, static/ and the site
settings, so tests may break files freely.  Builds run in-process (fast);
a few tests run the real command line to prove no traceback escapes.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefly.cli import main

REPO = Path(__file__).resolve().parent.parent
SEED_BRIEF = "deepseek-v4"

# A brief's dates pass with the calendar ("will be retired 24 July 2026" is a
# stale note after that day), so the suite judges staleness on one fixed day
# and what `check` prints never depends on when it runs; tests of staleness
# pass their own --today.
TESTS_TODAY = "2026-05-01"
os.environ["BRIEFLY_TODAY"] = TESTS_TODAY


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@dataclass
class ScratchProject:
    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    def brief_dir(self, slug: str = SEED_BRIEF) -> Path:
        return self.root / "content" / "briefs" / slug

    def facts(self, slug: str = SEED_BRIEF) -> Path:
        return self.brief_dir(slug) / "facts.yaml"

    def article(self, slug: str = SEED_BRIEF) -> Path:
        return self.brief_dir(slug) / "brief.md"

    def edit(self, path: Path, old: str, new: str) -> None:
        """Replace text that must exist, so a test never edits nothing."""
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def cli(self, *args: str) -> CliResult:
        """Run the command line in-process, capturing what it prints."""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--root", str(self.root), *args])
        return CliResult(code, out.getvalue(), err.getvalue())

    def run(self, *args: str) -> CliResult:
        """Run ``python build.py`` as a real process, as an editor would."""
        proc = subprocess.run([sys.executable, str(REPO / "build.py"), "--root",
                               str(self.root), *args], capture_output=True, text=True,
                              timeout=120)
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    def build(self, *args: str) -> CliResult:
        result = self.cli("build", *args)
        assert result.code == 0, result.err
        return result

    def page(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / path).read_text(encoding="utf-8"), "html.parser")


def copy_project(target: Path) -> ScratchProject:
    for name in ("content", "templates", "static"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy2(REPO / "briefly.yaml", target / "briefly.yaml")
    return ScratchProject(target)


@pytest.fixture
def project(tmp_path: Path) -> ScratchProject:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> ScratchProject:
    """One built copy of the real project, shared by read-only tests."""
    scratch = copy_project(tmp_path_factory.mktemp("built") / "project")
    scratch.build()
    return scratch


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes, to compare trees exactly."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--fuzz-examples N``: examples per property in tests/test_safety_fuzz.py."""
    parser.addoption("--fuzz-examples", type=int, default=None,
                     help="examples per fuzz property (default 25; e.g. 2000 for a long run)")
