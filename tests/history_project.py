"""A throw-away project in its own git repository, for the rules that read history.

``check --since`` and ``diff`` compare with a git revision, so their tests
need a history; they make one in tmp_path (git init, commit the copied
project, edit, commit again) and never read the project's own history,
which moves as work lands.  Lines are found from the text a test edits, not
written down, so the live brief may change without breaking them.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from briefly.cli import main

REPO = Path(__file__).resolve().parent.parent
TEST_PROJECT = REPO / "tests" / "project"
FROZEN_BRIEFS = REPO / "tests" / "fixtures" / "briefs"
SLUG = "deepseek-v4"
FACTS = f"content/briefs/{SLUG}/facts.yaml"
ARTICLE = f"content/briefs/{SLUG}/brief.md"
GIT_ENV = {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_AUTHOR_DATE": "2026-04-29T12:00:00Z", "GIT_COMMITTER_DATE": "2026-04-29T12:00:00Z",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


@dataclass
class Result:
    code: int
    out: str
    err: str


@dataclass
class GitProject:
    root: Path

    def path(self, name: str) -> Path:
        return self.root / name

    def text(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace text that must be there, so a test never edits nothing."""
        text = self.text(name)
        assert old in text, f"{old!r} not in {name}"
        self.path(name).write_text(text.replace(old, new, 1), encoding="utf-8")

    def reprice(self) -> None:
        """V4-Pro's list input price becomes $1.80/M in the table and where the prose
        ties it to the cell, as an editor must (``check`` holds the prose to the table).

        The headline keeps $1.74, so the builds of these tests show one warning:
        the headline is what their assertions identify the brief by.
        """
        self.edit(FACTS, "value: $1.74/M", "value: $1.80/M")
        self.edit(FACTS, "V4-Pro costs $1.74 per million", "V4-Pro costs $1.80 per million")
        self.edit(ARTICLE, "V4-Pro $1.74/M input", "V4-Pro $1.80/M input")

    def line_of(self, name: str, needle: str) -> int:
        """The line (1-based) of the first occurrence of ``needle`` in a file."""
        text = self.text(name)
        assert needle in text, f"{needle!r} not in {name}"
        return text[:text.index(needle)].count("\n") + 1

    def column_of(self, name: str, needle: str) -> int:
        line = self.text(name).split("\n")[self.line_of(name, needle) - 1]
        return line.index(needle) + 1

    def git(self, *args: str) -> str:
        done = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True,
                              text=True, env={**os.environ, **GIT_ENV}, check=True, timeout=60)
        return done.stdout.strip()

    def commit(self, message: str) -> str:
        """Commit everything; the new commit's hash."""
        self.git("add", "-A")
        self.git("-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")

    def cli(self, *args: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--root", str(self.root), *args])
        return Result(code, out.getvalue(), err.getvalue())


def copy_brief_project(target: Path, extra_slugs: tuple[str, ...] = ()) -> GitProject:
    """The real templates and static files, the test settings, and a frozen copy of the
    DeepSeek brief (tests/fixtures/briefs), so an edit to the shipped brief breaks nothing."""
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy2(TEST_PROJECT / "briefly.yaml", target / "briefly.yaml")
    for slug in (SLUG, *extra_slugs):
        shutil.copytree(FROZEN_BRIEFS / SLUG, target / "content" / "briefs" / slug)
    return GitProject(target)


def git_project(tmp_path: Path, name: str = "project") -> GitProject:
    """A copied project committed once on a branch called main."""
    project = copy_brief_project(tmp_path / name)
    project.git("init", "-q", "-b", "main")
    project.commit("Publish the DeepSeek brief")
    return project
