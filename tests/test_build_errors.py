"""Broken content fails the build with path:line, and the published site survives."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO, TEST_BRIEF, ScratchProject, snapshot

FACTS = f"content/briefs/{TEST_BRIEF}/facts.yaml"

# Single mistakes and their exact messages (an unknown citation, a colon in an
# unquoted value, a missing field...) are the broken-brief fixtures, run by
# tests/test_check.py; here: what a failed build does to the site.


def test_failed_build_leaves_previous_site_byte_identical(project: ScratchProject) -> None:
    project.build()
    before = snapshot(project.site)
    mtimes = {p: p.stat().st_mtime_ns for p in project.site.rglob("*")}
    project.edit(project.facts(), "source: estuary-times", "source: nobody")
    result = project.cli("build")
    assert result.code == 1
    assert "left as it was" in result.err
    assert snapshot(project.site) == before
    assert {p: p.stat().st_mtime_ns for p in project.site.rglob("*")} == mtimes


def test_command_line_prints_no_traceback(project: ScratchProject) -> None:
    project.facts().write_bytes(b"kicker: \xff\xfe broken\n")
    result = project.run("build")
    assert result.code == 1
    assert "Traceback" not in result.err
    assert f"{FACTS}:1:9: error: this file is not valid UTF-8 (byte 0xff)" in result.err


def test_two_builds_are_byte_identical(project: ScratchProject, tmp_path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert project.cli("build", "--output", str(first)).code == 0
    assert project.cli("build", "--output", str(second)).code == 0
    assert snapshot(first) == snapshot(second)
    assert len(snapshot(first)) >= 6


def test_successful_build_ends_with_one_summary_line(project: ScratchProject) -> None:
    result = project.cli("build")
    lines = result.out.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Built ") and "0 warnings" in lines[0]
    # A first build reuses nothing (the search index and static files are not pages).
    assert " 0 reused" in lines[0]


def test_python_error_in_a_template_names_its_line_not_a_traceback(
        project: ScratchProject) -> None:
    partial = project.root / "templates" / "partials" / "watch.html"
    lines = partial.read_text(encoding="utf-8").split("\n")
    lines[1] += ' {{ 1 + "a" }}'
    partial.write_text("\n".join(lines), encoding="utf-8")
    result = project.run("build")
    assert result.code == 1
    assert "Traceback" not in result.err
    assert ("templates/partials/watch.html:2: error: template error: TypeError: "
            "unsupported operand type(s) for +: 'int' and 'str'") in result.err


def test_a_template_error_in_worker_processes_ends_the_build_with_its_line(
        project: ScratchProject) -> None:
    """With briefs rendered in a process pool, a template error must come back as
    one located problem: a worker that raises would leave the pool waiting forever
    (the child's timeout turns such a hang into a failure here)."""
    partial = project.root / "templates" / "partials" / "answer.html"
    partial.write_text("{{ 1 + 'a' }}" + partial.read_text(encoding="utf-8"), encoding="utf-8")
    child = ("import sys\nfrom briefly.cache import pool\nfrom briefly.cli import main\n"
             "pool.PARALLEL_THRESHOLD = 1\n"
             "sys.exit(main(['--root', sys.argv[1], 'build', '--no-search']))\n")
    result = subprocess.run([sys.executable, "-c", child, str(project.root)],
                            capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode == 1, result.stderr
    assert ("templates/partials/answer.html:1: error: template error: TypeError: unsupported "
            "operand type(s) for +: 'int' and 'str'") in result.stderr
    assert "Traceback" not in result.stderr
