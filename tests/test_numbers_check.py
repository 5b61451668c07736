"""The number check: the five mistakes of the issue on the frozen DeepSeek brief.

Each one is a wrong figure on the page that used to pass ``check --strict``;
each must now fail it with a line that says where the figure is and names
it.  The briefs of the suite and the shipped content must pass untouched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import OTHER_BRIEFS, ScratchProject, copy_project, line_and_column

DEEPSEEK = Path(__file__).parent / "fixtures" / "briefs" / "deepseek-v4"


@pytest.fixture
def deepseek(tmp_path: Path) -> ScratchProject:
    """The test project with the frozen DeepSeek brief beside the test brief."""
    scratch = copy_project(tmp_path / "project")
    shutil.copytree(DEEPSEEK, scratch.brief_dir("deepseek-v4"))
    return scratch


def problem_lines(output: str, path: Path) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"{path.as_posix()}:")]


def relative(scratch: ScratchProject, path: Path) -> Path:
    return path.relative_to(scratch.root)


def test_the_frozen_brief_passes_strict(deepseek: ScratchProject) -> None:
    result = deepseek.cli("check", "--strict")
    assert result.code == 0, result.out + result.err
    assert "warning:" not in result.err


def test_a_changed_cell_fails_the_prose_that_quotes_the_old_figure(
        deepseek: ScratchProject) -> None:
    facts = deepseek.facts("deepseek-v4")
    deepseek.edit(facts, "- value: $1.74/M", "- value: $1.80/M")
    result = deepseek.cli("check", "--strict")
    assert result.code == 1
    cell_line, cell_column = line_and_column(facts, "$1.80/M")
    line, column = line_and_column(deepseek.article("deepseek-v4"), "$1.74/M")
    article = relative(deepseek, deepseek.article("deepseek-v4")).as_posix()
    expected = (f"{article}:{line}:{column}: error: the prose says $1.74/M for V4-Pro's API "
                f"input price (list); the table says $1.80/M "
                f"({relative(deepseek, facts).as_posix()}:{cell_line}:{cell_column}) "
                "(## The numbers: benchmarks and price)")
    assert expected in result.err.splitlines()


def test_a_misquoted_output_price_is_an_error_at_the_figure(deepseek: ScratchProject) -> None:
    article = deepseek.article("deepseek-v4")
    deepseek.edit(article, "$3.48/M output", "$3.84/M output")
    result = deepseek.cli("check", "--strict")
    assert result.code == 1
    line, column = line_and_column(article, "$3.84/M")
    [found] = problem_lines(result.err, relative(deepseek, article))
    assert found.startswith(f"{relative(deepseek, article).as_posix()}:{line}:{column}: error: "
                            "the prose says $3.84/M for V4-Pro's API output price (list); "
                            "the table says $3.48/M (")


def test_an_uncited_figure_found_nowhere_is_a_warning(deepseek: ScratchProject) -> None:
    article = deepseek.article("deepseek-v4")
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\nV4-Flash scored 91% on the benchmark.\n", encoding="utf-8")
    result = deepseek.cli("check", "--strict")
    assert result.code == 1
    line, column = line_and_column(article, "91%")
    path = relative(deepseek, article).as_posix()
    assert (f"{path}:{line}:{column}: warning: 91% is not in the fact sheet and its sentence "
            "cites no source (## The numbers: benchmarks and price)") in result.err.splitlines()


def test_a_wrong_parameter_count_in_the_answer_is_an_error(deepseek: ScratchProject) -> None:
    facts = deepseek.facts("deepseek-v4")
    deepseek.edit(facts, "V4-Pro (1.6T params)", "V4-Pro (1.7T params)")
    result = deepseek.cli("check", "--strict")
    assert result.code == 1
    line, _ = line_and_column(facts, "answer:")
    [found] = problem_lines(result.err, relative(deepseek, facts))
    assert found.startswith(f"{relative(deepseek, facts).as_posix()}:{line}:")
    assert ("error: the prose says 1.7T for V4-Pro's Params (total / active); the table says "
            "1.6T / 49B (") in found


def test_the_second_of_two_prices_is_checked_by_elimination(deepseek: ScratchProject) -> None:
    facts = deepseek.facts("deepseek-v4")
    deepseek.edit(facts, "V4-Flash costs $0.14 and $0.28", "V4-Flash costs $0.14 and $0.38")
    result = deepseek.cli("check", "--strict")
    assert result.code == 1
    line, _ = line_and_column(facts, "$0.38")  # a block scalar's lines are the file's
    [found] = problem_lines(result.err, relative(deepseek, facts))
    assert found.startswith(f"{relative(deepseek, facts).as_posix()}:{line}: error: "
                            "the prose says $0.38 for V4-Flash's API output price (list); "
                            "the table says $0.28/M (")


@pytest.mark.parametrize("name", sorted(p.name for p in OTHER_BRIEFS.iterdir()))
def test_the_suites_briefs_raise_no_false_alarm(tmp_path: Path, name: str) -> None:
    scratch = copy_project(tmp_path / "project")
    scratch.add_brief(name)
    result = scratch.cli("check", "--strict")
    assert result.code == 0, result.out + result.err


def test_hostile_labels_and_a_paragraph_of_figures_are_read_safely(
        deepseek: ScratchProject) -> None:
    facts, article = deepseek.facts("deepseek-v4"), deepseek.article("deepseek-v4")
    # Column labels that are regular-expression syntax, and one that is only brackets.
    deepseek.edit(facts, "{label: V4-Pro, cite: deepseek-release}",
                  "{label: \"V4-Pro|.*[(\", cite: deepseek-release}")
    deepseek.edit(facts, "- label: V3.2 (prev.)", "- label: \"(prev.)\"")
    figures = " ".join(f"{n}.5%" for n in range(700))  # one paragraph, at its size limit
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\n" + figures[:4900] + "\n", encoding="utf-8")
    result = deepseek.cli("check")
    assert "Traceback" not in result.err
    warned = [line for line in result.err.splitlines() if ": warning: " in line]
    last = article.read_text(encoding="utf-8").count("\n")
    assert len(warned) == len(figures[:4900].split())
    assert all(line.startswith(f"{relative(deepseek, article).as_posix()}:{last}:")
               for line in warned)
    assert result.code == 0
    assert "the prose says" not in result.err  # no column is named: no cell is misquoted
