"""Broken content fails the build with path:line, and the published site survives."""

from __future__ import annotations

from .conftest import ScratchProject, snapshot

FACTS = "content/briefs/deepseek-v4/facts.yaml"
ARTICLE = "content/briefs/deepseek-v4/brief.md"


def line_of(path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_unknown_citation_names_file_line_and_suggestion(project: ScratchProject) -> None:
    project.edit(project.article(), "rank. [@cfr]", "rank. [@cfx]")
    line = line_of(project.article(), "[@cfx]")
    column = project.article().read_text().split("\n")[line - 1].index("[@cfx]") + 1
    result = project.cli("build")
    assert result.code == 1
    assert (f"{ARTICLE}:{line}:{column}: error: unknown source id 'cfx' in citation "
            "(## The numbers: benchmarks and price)\n  hint: did you mean 'cfr'?") in result.err
    assert not project.site.exists()


def test_yaml_syntax_error_reports_real_line_and_column(project: ScratchProject) -> None:
    # The classic mistake: a colon inside an unquoted value.
    project.edit(project.facts(), 'headline: "DeepSeek ships V4: 1.6T open-weight model, '
                 '$1.74 a million tokens"', "headline: DeepSeek ships V4: 1.6T open-weight model")
    result = project.cli("build")
    assert result.code == 1
    line = line_of(project.facts(), "headline:")
    column = project.facts().read_text().split("\n")[line - 1].index("V4:") + 3
    assert result.err.splitlines()[:2] == [
        f'{FACTS}:{line}:{column}: error: a value containing ": " must be in quotes',
        '  hint: write it in quotes: headline: "DeepSeek ships V4: 1.6T open-weight model"']


def test_missing_required_field_points_at_its_parent(project: ScratchProject) -> None:
    project.edit(project.facts(), "  speaker: Michael Horowitz\n", "")
    result = project.cli("check")
    assert result.code == 1
    quote_line = line_of(project.facts(), "quote:")
    assert (f"{FACTS}:{quote_line}:1: error: missing required field 'speaker' in quote "
            "(quote)") in result.err


def test_failed_build_leaves_previous_site_byte_identical(project: ScratchProject) -> None:
    project.build()
    before = snapshot(project.site)
    mtimes = {p: p.stat().st_mtime_ns for p in project.site.rglob("*")}
    project.edit(project.facts(), "source: cfr", "source: nobody")
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
