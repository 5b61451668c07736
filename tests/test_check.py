"""`check`: every editor's mistake gives one exact message, and nothing is written.

Each folder in ``tests/fixtures/broken/`` is one mistake made in a copy of the
test brief: ``patch.yaml`` makes it (see tests/patches.py) and
``expected.txt`` holds exactly what ``check`` must print for it.
"""

from __future__ import annotations

import json
import re

import pytest

from .conftest import TEST_BRIEF, ScratchProject, line_and_column, snapshot
from .patches import FIXTURES, apply_case, case_names, expected_output

CASES = case_names()
FACTS = f"content/briefs/{TEST_BRIEF}/facts.yaml"
ARTICLE = f"content/briefs/{TEST_BRIEF}/brief.md"
GITHUB = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+)::(.+)$")


def problems_printed(err: str) -> str:
    """What check printed, minus its closing summary line."""
    lines = err.splitlines()
    assert lines and lines[-1].startswith("Check "), err
    return "\n".join(lines[:-1]) + "\n"


def test_every_mistake_listed_in_the_issue_has_a_fixture() -> None:
    assert len(CASES) >= 30
    for case in CASES:
        assert sorted(p.name for p in (FIXTURES / case).iterdir()) == [
            "expected.txt", "patch.yaml"], case


@pytest.mark.parametrize("case", CASES)
def test_broken_brief_gives_one_exact_message(project: ScratchProject, case: str) -> None:
    if case == "duplicate-slug-case" and project.brief_dir(TEST_BRIEF.upper()).exists():
        pytest.skip("this file system ignores case, so the two folders cannot coexist")
    expected = apply_case(project, case)
    result = project.cli("check")
    assert problems_printed(result.err) == expected
    # One mistake, one message: a location line (and perhaps its hint).
    located = [line for line in expected.splitlines() if not line.startswith("  hint: ")]
    assert len(located) == 1, expected
    assert result.code == (1 if ": error: " in located[0] else 0)


def test_several_mistakes_in_one_brief_are_all_reported_sorted(
        project: ScratchProject) -> None:
    project.edit(project.article(), "it is built. [@institute-note]",
                 "it is built. [@institute-not]")
    project.edit(project.article(), "bid into the evening peak",
                 "bid into the [evening peak](javascript:void(0))")
    project.edit(project.facts(), "  - date: 2026-03-12", "  - date: 2026-03-14")
    project.edit(project.facts(), "            - 2 hours\n", "")
    project.edit(project.facts(), "    date: 2026-03-06", "    date: 2026-02-30")
    project.edit(project.facts(), "  role: senior analyst\n",
                 "  role: senior analyst\n  twitter: inescarvalho\n")
    result = project.cli("check")
    assert result.code == 1
    located = [line for line in result.err.splitlines()
               if ": error: " in line or ": warning: " in line]
    assert [line.split(": ", 1)[1].rsplit(" (", 1)[0] for line in located] == [
        "error: links may not use the 'javascript:' scheme",
        "error: unknown source id 'institute-not' in citation",
        "error: this update (2026-03-14) is dated after the brief's 'updated' date (2026-03-12)",
        "error: row 'Duration' has 2 cells but the table has 3 columns",
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
        apply_case(project, case)
    before = snapshot(project.root)
    mtimes = {p: p.stat().st_mtime_ns for p in project.root.rglob("*")}
    project.cli("check")
    assert snapshot(project.root) == before
    assert {p: p.stat().st_mtime_ns for p in project.root.rglob("*")} == mtimes


def test_exit_codes(project: ScratchProject) -> None:
    assert project.cli("check").code == 0
    assert project.cli("check", "--strict").code == 0
    apply_case(project, "raw-html")  # a warning only
    warned = project.cli("check")
    assert warned.code == 0 and "Check passed: 0 errors, 1 warning" in warned.err
    assert project.cli("check", "--strict").code == 1
    apply_case(project, "unknown-citation")  # now an error too
    assert project.cli("check").code == 1


def test_wrong_usage_exits_2(project: ScratchProject) -> None:
    with pytest.raises(SystemExit) as exit_info:
        project.cli("check", "--format", "xml")
    assert exit_info.value.code == 2


def test_json_format_is_machine_readable(project: ScratchProject) -> None:
    apply_case(project, "unknown-citation")
    project.edit(project.article(), "Both sites bid", "Both <i>sites</i> bid")
    warned = line_and_column(project.article(), "<i>")
    cited = line_and_column(project.article(), "[@institute-not]")
    result = project.cli("check", "--format", "json")
    assert result.code == 1
    problems = json.loads(result.out)
    assert [(p["path"], p["line"], p["severity"]) for p in problems] == [
        (ARTICLE, warned[0], "warning"), (ARTICLE, cited[0], "error")]
    assert problems[1] == {"path": ARTICLE, "line": cited[0], "column": cited[1],
                           "message": "unknown source id 'institute-not' in citation",
                           "field": "## The numbers: cost and capacity",
                           "hint": "did you mean 'institute-note'?", "severity": "error"}
    assert problems[0]["message"] == "raw HTML '<i>' is shown as text, not as HTML"
    assert problems[0]["field"] == "## What happened"


def test_github_format_annotates_the_pull_request(project: ScratchProject) -> None:
    apply_case(project, "row-missing-cell")
    apply_case(project, "uncited-source")
    row = line_and_column(project.facts(), "- label: Duration")
    source = line_and_column(project.facts(), "- id: grid-weekly")
    result = project.cli("check", "--strict", "--format", "github")
    assert result.code == 1
    assert result.err == ""
    lines = result.out.splitlines()
    parsed = [GITHUB.match(line) for line in lines]
    assert all(parsed), lines
    assert [m.groups()[:4] for m in parsed] == [
        ("error", FACTS, str(row[0] + 1), "11"), ("warning", FACTS, str(source[0]), "5")]
    assert parsed[0].group(5).startswith(
        "row 'Duration' has 2 cells but the table has 3 columns "
        "(numbers.tables[0].rows[1].cells). Hint: add the missing cell")
    assert parsed[1].group(5).startswith("source 'grid-weekly' is never cited (sources[2])")


def test_build_validates_first_and_publishes_with_warnings_only(
        project: ScratchProject) -> None:
    apply_case(project, "raw-html")
    result = project.cli("build")
    assert result.code == 0
    assert "warning: raw HTML '<b>' is shown as text" in result.err
    text = project.page(f"briefs/{TEST_BRIEF}/index.html").get_text()
    assert "<b>Ridgeback</b>" in text  # escaped, shown as text


def test_a_first_build_with_errors_publishes_nothing(project: ScratchProject) -> None:
    expected = apply_case(project, "unknown-citation")
    result = project.cli("build")
    assert result.code == 1
    assert problems_printed_build(result.err) == expected
    assert not project.site.exists()


@pytest.mark.parametrize("case", ["impossible-date", "image", "duplicate-slug-alias"])
def test_build_with_errors_leaves_the_site_as_it_was(project: ScratchProject,
                                                      case: str) -> None:
    project.build()
    before = snapshot(project.site)
    apply_case(project, case)
    result = project.cli("build")
    assert result.code == 1
    assert problems_printed_build(result.err) == expected_output(case)
    assert snapshot(project.site) == before


def test_strict_build_refuses_warnings(project: ScratchProject) -> None:
    project.build()
    before = snapshot(project.site)
    apply_case(project, "hash-heading")
    assert project.cli("build", "--strict").code == 1
    assert snapshot(project.site) == before


def problems_printed_build(err: str) -> str:
    lines = err.splitlines()
    assert lines[-1].startswith("Build failed: "), err
    return "\n".join(lines[:-1]) + "\n"
