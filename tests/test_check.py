"""`check`: every editor's mistake gives one exact message, and nothing is written.

Each folder in ``tests/fixtures/broken/`` is one mistake made in a copy of the
DeepSeek brief: its files (laid out as in the project) replace the project's,
and ``expected.txt`` holds exactly what ``check`` must print for it.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from .conftest import ScratchProject, snapshot

FIXTURES = Path(__file__).parent / "fixtures" / "broken"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
FACTS = "content/briefs/deepseek-v4/facts.yaml"
ARTICLE = "content/briefs/deepseek-v4/brief.md"
GITHUB = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+)::(.+)$")


def overlay(project: ScratchProject, case: str) -> str:
    """Lay a fixture's files over the scratch project; return the expected text."""
    folder = FIXTURES / case
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "expected.txt":
            target = project.root / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return (folder / "expected.txt").read_text(encoding="utf-8")


def problems_printed(err: str) -> str:
    """What check printed, minus its closing summary line."""
    lines = err.splitlines()
    assert lines and lines[-1].startswith("Check "), err
    return "\n".join(lines[:-1]) + "\n"


def test_every_mistake_listed_in_the_issue_has_a_fixture() -> None:
    assert len(CASES) >= 30
    for case in CASES:
        assert (FIXTURES / case / "expected.txt").is_file(), case


@pytest.mark.parametrize("case", CASES)
def test_broken_brief_gives_one_exact_message(project: ScratchProject, case: str) -> None:
    if case == "duplicate-slug-case" and project.brief_dir("DEEPSEEK-V4").exists():
        pytest.skip("this file system ignores case, so the two folders cannot coexist")
    expected = overlay(project, case)
    result = project.cli("check")
    assert problems_printed(result.err) == expected
    # One mistake, one message: a location line (and perhaps its hint).
    located = [line for line in expected.splitlines() if not line.startswith("  hint: ")]
    assert len(located) == 1, expected
    assert result.code == (1 if ": error: " in located[0] else 0)


def test_several_mistakes_in_one_brief_are_all_reported_sorted(
        project: ScratchProject) -> None:
    project.edit(project.article(), "rank. [@cfr]", "rank. [@cfx]")
    project.edit(project.article(), "Weights are live on Hugging Face;",
                 "Weights are live on [Hugging Face](javascript:void(0));")
    project.edit(project.facts(), "updated: 2026-04-29", "updated: 2026-04-20")
    project.edit(project.facts(), "            - 128K tokens\n", "")
    project.edit(project.facts(), "    date: 2026-04-27", "    date: 2026-02-30")
    project.edit(project.facts(), "  role: fellow\n", "  role: fellow\n  twitter: horowitz\n")
    result = project.cli("check")
    assert result.code == 1
    located = [line for line in result.err.splitlines()
               if ": error: " in line or ": warning: " in line]
    assert [line.split(": ", 1)[1].rsplit(" (", 1)[0] for line in located] == [
        "error: links may not use the 'javascript:' scheme",
        "error: unknown source id 'cfx' in citation",
        "error: updated (2026-04-20) is before published (2026-04-29)",
        "error: row 'Context' has 2 cells but the table has 3 columns",
        "error: unknown key 'twitter'",
        "error: '2026-02-30' is not a real date (day is out of range for month)",
    ]
    places = [tuple(line.split(": ", 1)[0].rsplit(":", 2)) for line in located]
    keys = [(path, int(line), int(col)) for path, line, col in places]
    assert keys == sorted(keys)
    assert {path for path, _, _ in keys} == {ARTICLE, FACTS}
    assert result.err.splitlines()[-1] == "Check failed: 6 errors, 0 warnings."


@pytest.mark.parametrize("case", ["unknown-citation", "raw-html", None])
def test_check_writes_nothing(project: ScratchProject, case: str | None) -> None:
    if case:
        overlay(project, case)
    before = snapshot(project.root)
    mtimes = {p: p.stat().st_mtime_ns for p in project.root.rglob("*")}
    project.cli("check")
    assert snapshot(project.root) == before
    assert {p: p.stat().st_mtime_ns for p in project.root.rglob("*")} == mtimes


def test_exit_codes(project: ScratchProject) -> None:
    assert project.cli("check").code == 0
    assert project.cli("check", "--strict").code == 0
    overlay(project, "raw-html")  # a warning only
    warned = project.cli("check")
    assert warned.code == 0 and "Check passed: 0 errors, 1 warning" in warned.err
    assert project.cli("check", "--strict").code == 1
    overlay(project, "unknown-citation")  # now an error too
    assert project.cli("check").code == 1


def test_wrong_usage_exits_2(project: ScratchProject) -> None:
    with pytest.raises(SystemExit) as exit_info:
        project.cli("check", "--format", "xml")
    assert exit_info.value.code == 2


def test_json_format_is_machine_readable(project: ScratchProject) -> None:
    overlay(project, "unknown-citation")
    project.edit(project.article(), "leading open models on agentic coding.",
                 "leading open models on <b>agentic coding</b>.")
    result = project.cli("check", "--format", "json")
    assert result.code == 1
    problems = json.loads(result.out)
    assert [(p["path"], p["line"], p["severity"]) for p in problems] == [
        (ARTICLE, 16, "warning"), (ARTICLE, 21, "error")]
    cited = problems[1]
    assert cited == {"path": ARTICLE, "line": 21, "column": 7,
                     "message": "unknown source id 'cfx' in citation",
                     "field": "## The numbers: benchmarks and price",
                     "hint": "did you mean 'cfr'?", "severity": "error"}


def test_github_format_annotates_the_pull_request(project: ScratchProject) -> None:
    overlay(project, "row-missing-cell")
    project.edit(project.article(), "; @mit-technology-review]", "]")
    result = project.cli("check", "--strict", "--format", "github")
    assert result.code == 1
    assert result.err == ""
    lines = result.out.splitlines()
    parsed = [GITHUB.match(line) for line in lines]
    assert all(parsed), lines
    assert [m.groups()[:4] for m in parsed] == [
        ("error", FACTS, "31", "11"), ("warning", FACTS, "112", "5")]
    assert parsed[0].group(5).startswith(
        "row 'Context' has 2 cells but the table has 3 columns "
        "(numbers.tables[0].rows[1].cells). Hint: add the missing cell")


def test_build_validates_first_and_publishes_with_warnings_only(
        project: ScratchProject) -> None:
    overlay(project, "raw-html")
    result = project.cli("build")
    assert result.code == 0
    assert "warning: raw HTML '<b>' is shown as text" in result.err
    text = project.page("briefs/deepseek-v4/index.html").get_text()
    assert "<b>agentic coding</b>" in text  # escaped, shown as text


@pytest.mark.parametrize("case", ["impossible-date", "image", "duplicate-slug-alias"])
def test_build_with_errors_leaves_the_site_as_it_was(project: ScratchProject,
                                                      case: str) -> None:
    project.build()
    before = snapshot(project.site)
    overlay(project, case)
    result = project.cli("build")
    assert result.code == 1
    assert problems_printed_build(result.err) == (FIXTURES / case / "expected.txt").read_text()
    assert snapshot(project.site) == before


def test_strict_build_refuses_warnings(project: ScratchProject) -> None:
    project.build()
    before = snapshot(project.site)
    overlay(project, "hash-heading")
    assert project.cli("build", "--strict").code == 1
    assert snapshot(project.site) == before


def problems_printed_build(err: str) -> str:
    lines = err.splitlines()
    assert lines[-1].startswith("Build failed: "), err
    return "\n".join(lines[:-1]) + "\n"
