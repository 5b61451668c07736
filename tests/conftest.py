"""Shared fixtures: a scratch copy of the test project, and helpers to build it.

The suite owns its content: ``tests/project/`` holds the site settings and the
test brief (``content/briefs/tidewater-battery/``), and ``tests/other_briefs/``
more briefs of other shapes.  Each test gets its own copy of that project plus
the repository's ``templates/`` and ``static/`` (those are code), so tests may
break files freely and never depend on what the newsroom has published in
``content/``.  Builds run in-process (fast); a few tests run the real command
line to prove no traceback escapes.
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
import yaml
from bs4 import BeautifulSoup

from briefly.cli import main

from .watching import FakeClock, install_fake_clock

REPO = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
TEST_PROJECT = TESTS / "project"
TEST_BRIEF = "tidewater-battery"
OTHER_BRIEFS = TESTS / "other_briefs"
BASE_URL = yaml.safe_load((TEST_PROJECT / "briefly.yaml").read_text(encoding="utf-8"))["base_url"]
# The code a scratch project borrows from the repository; content never.
CODE_FOLDERS = ("templates", "static")

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

    def brief_dir(self, slug: str = TEST_BRIEF) -> Path:
        return self.root / "content" / "briefs" / slug

    def facts(self, slug: str = TEST_BRIEF) -> Path:
        return self.brief_dir(slug) / "facts.yaml"

    def article(self, slug: str = TEST_BRIEF) -> Path:
        return self.brief_dir(slug) / "brief.md"

    def edit(self, path: Path, old: str, new: str) -> None:
        """Replace text that must exist, so a test never edits nothing."""
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def add_brief(self, name: str, slug: str | None = None) -> str:
        """Copy one of ``tests/other_briefs/`` into the project; returns its slug."""
        slug = slug or name
        shutil.copytree(OTHER_BRIEFS / name, self.brief_dir(slug))
        return slug

    def copy_brief(self, slug: str, source: str = TEST_BRIEF) -> None:
        """Another brief with the same content, without the source's aliases
        (two briefs may not claim one old address)."""
        shutil.copytree(self.brief_dir(source), self.brief_dir(slug))
        facts = self.facts(slug)
        lines = facts.read_text(encoding="utf-8").splitlines(keepends=True)
        facts.write_text("".join(line for line in lines if not line.startswith("aliases:")),
                         encoding="utf-8")

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


def copy_project(target: Path, source: Path = TEST_PROJECT) -> ScratchProject:
    """A project made of ``source``'s settings and content and the repository's code.

    Only ``briefly.yaml`` and ``content/`` are taken from ``source``: a site or
    cache left there by someone previewing the test project is not input.
    """
    target.mkdir(parents=True)
    shutil.copy2(source / "briefly.yaml", target / "briefly.yaml")
    shutil.copytree(source / "content", target / "content")
    for name in CODE_FOLDERS:
        shutil.copytree(REPO / name, target / name)
    return ScratchProject(target)


def line_and_column(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of ``needle`` in a file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """The preview watcher's clock, moved by hand (tests/watching.py)."""
    return install_fake_clock(monkeypatch)


@pytest.fixture
def project(tmp_path: Path) -> ScratchProject:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> ScratchProject:
    """One built copy of the test project, shared by read-only tests."""
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
