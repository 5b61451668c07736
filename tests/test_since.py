"""`check --since REV`: a fact of a published brief never changes without a log entry.

Each test makes its own git history in tmp_path (see history_project.py):
the copied project is committed, edited, and checked against that commit.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .history_project import ARTICLE, FACTS, GitProject, git_project

TODAY = "2026-05-02"
CORRECTION = """updated: 2026-05-02
updates:
  - date: 2026-05-02
    kind: correction
    text: We gave V3.2's list input price as $0.27/M; it is $0.30/M. [@deepseek-release]
"""


@pytest.fixture
def repo(tmp_path: Path) -> GitProject:
    return git_project(tmp_path)


def check_since(repo: GitProject, rev: str, *extra: str):
    return repo.cli("check", "--strict", "--today", TODAY, "--since", rev, *extra)


def located(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": error: " in line]


def test_a_changed_cell_fails_at_its_line_and_says_from_what_to_what(repo: GitProject) -> None:
    published = repo.git("rev-parse", "HEAD")
    repo.edit(FACTS, "- $0.27/M", "- $0.30/M")
    result = check_since(repo, published)
    assert result.code == 1
    line = repo.line_of(FACTS, "$0.30/M")
    column = repo.column_of(FACTS, "$0.30/M")
    [error] = located(result.err)
    assert error == (
        f"{FACTS}:{line}:{column}: error: V3.2 (prev.)'s API input price (list) changed from "
        f"$0.27/M to $0.30/M since {published}, with no new entry in updates "
        "(numbers.tables[0].rows[3].cells[2])")
    hint = result.err.splitlines()[result.err.splitlines().index(error) + 1]
    assert hint.startswith("  hint: log it in facts.yaml under 'updates:': - {date: 2026-05-02, "
                           "kind: correction, text: ")
    assert "set 'updated: 2026-05-02'" in hint
    assert result.err.splitlines()[-1].startswith("Check failed: 1 error")


def test_a_branch_name_works_as_the_revision(repo: GitProject) -> None:
    repo.git("switch", "-q", "-c", "fix-price")
    repo.edit(FACTS, "- $0.27/M", "- $0.30/M")
    repo.commit("Fix the price")
    [error] = located(check_since(repo, "main").err)
    assert "changed from $0.27/M to $0.30/M since main" in error


def test_a_correction_in_the_log_makes_the_change_pass(repo: GitProject) -> None:
    published = repo.git("rev-parse", "HEAD")
    repo.edit(FACTS, "- $0.27/M", "- $0.30/M")
    repo.edit(FACTS, "updated: 2026-04-29\n", CORRECTION)
    result = check_since(repo, published)
    assert result.code == 0, result.err
    assert located(result.err) == []


def test_an_old_entry_edited_is_not_a_new_one(repo: GitProject) -> None:
    repo.edit(FACTS, "updated: 2026-04-29\n", CORRECTION)
    published = repo.commit("Log a correction")
    repo.edit(FACTS, "- $0.27/M", "- $0.40/M")
    assert check_since(repo, published).code == 1
    repo.edit(FACTS, "it is $0.30/M.", "it is $0.40/M.")  # a new entry: the text differs
    assert check_since(repo, published).code == 0


def test_a_wording_change_needs_nothing(repo: GitProject) -> None:
    published = repo.git("rev-parse", "HEAD")
    repo.edit(ARTICLE, "Weights are live on Hugging Face;", "The weights are live on Hugging Face;")
    repo.edit(ARTICLE, "mapping to V4-Flash in the interim.",
              "and until then they map to V4-Flash.")
    repo.edit(FACTS, "  under MIT. [@deepseek-release]", "  under the MIT licence. [@deepseek-release]")
    repo.edit(FACTS, "Launched on a 75% promo", "It launched on a 75% promo")
    result = check_since(repo, published)
    assert result.code == 0, result.err


def test_a_number_changed_in_the_prose_fails_at_its_line(repo: GitProject) -> None:
    published = repo.git("rev-parse", "HEAD")
    repo.edit(ARTICLE, "on a 75%", "on a 70%")  # a figure no table cell gives
    [error] = located(check_since(repo, published).err)
    line, column = repo.line_of(ARTICLE, "70%"), repo.column_of(ARTICLE, "70%")
    assert error.startswith(f"{ARTICLE}:{line}:{column}: error: a number in ## The numbers: "
                            f"benchmarks and price changed from 75% to 70% since {published}")


def test_a_date_in_a_folded_answer_points_at_its_own_line(repo: GitProject) -> None:
    published = repo.git("rev-parse", "HEAD")
    repo.edit(FACTS, "(284B) on 24 April 2026", "(284B) on 23 April 2026")
    [error] = located(check_since(repo, published).err)
    line, column = repo.line_of(FACTS, "23 April 2026"), repo.column_of(FACTS, "23 April 2026")
    assert error.startswith(f"{FACTS}:{line}:{column}: error: a date in the answer changed "
                            "from 24 April 2026 to 23 April 2026")
    assert error.endswith("(answer)")


def test_a_removed_source_fails(repo: GitProject) -> None:
    published = repo.git("rev-parse", "HEAD")
    repo.edit(ARTICLE, "; @mit-technology-review]", "]")
    repo.edit(FACTS, """  - id: mit-technology-review
    title: Three reasons why DeepSeek's new model matters
    publisher: MIT Technology Review
    date: 2026-04-24
""", "")
    [error] = located(check_since(repo, published).err)
    assert error.startswith(f"{FACTS}:{repo.line_of(FACTS, 'sources:')}:1: error: source was "
                            "removed: 'mit-technology-review' (MIT Technology Review: Three "
                            "reasons why DeepSeek's new model matters)")


def test_a_removed_row_fails_and_an_added_source_alone_does_not(repo: GitProject) -> None:
    published = repo.git("rev-parse", "HEAD")
    repo.edit(FACTS, """        - label: KV cache
          cells:
            - {value: 10% of V3.2, status: self-reported}
            - not stated
            - baseline
""", "")
    assert "row was removed: 'KV cache'" in check_since(repo, published).err
    repo.git("checkout", "-q", "--", FACTS)
    repo.edit(FACTS, "sources:\n", "sources:\n  - {id: extra, title: More, publisher: Someone, "
                                   "date: 2026-04-28}\n")
    repo.edit(ARTICLE, "[@cfr]", "[@cfr; @extra]")
    assert located(check_since(repo, published).err) == []


def test_a_brief_that_was_a_draft_needs_nothing(repo: GitProject) -> None:
    repo.edit(FACTS, "published: 2026-04-29", "draft: true\npublished: 2026-04-29")
    draft = repo.commit("Draft it")
    repo.edit(FACTS, "draft: true\n", "")
    repo.edit(FACTS, "- $0.27/M", "- $0.30/M")
    assert check_since(repo, draft).code == 0


def test_a_brief_new_since_the_revision_needs_nothing(tmp_path: Path) -> None:
    repo = git_project(tmp_path)
    shutil.copytree(repo.path("content/briefs/deepseek-v4"), repo.path("content/briefs/copy"))
    repo.edit("content/briefs/copy/facts.yaml", "- $0.27/M", "- $0.30/M")
    # The copy repeats the sources and contradicts a price, which the checks
    # across briefs warn of; --since itself has nothing to say of a new brief.
    result = check_since(repo, "HEAD")
    assert located(result.err) == [] and "since HEAD" not in result.err


def test_a_renamed_brief_is_compared_with_its_old_slug(repo: GitProject) -> None:
    published = repo.git("rev-parse", "HEAD")
    repo.git("mv", "content/briefs/deepseek-v4", "content/briefs/deepseek-v4-launch")
    facts = "content/briefs/deepseek-v4-launch/facts.yaml"
    repo.edit(facts, "published: 2026-04-29", "aliases: [deepseek-v4]\npublished: 2026-04-29")
    repo.edit(facts, "- $0.27/M", "- $0.30/M")
    [error] = located(check_since(repo, published).err)
    assert error.startswith(f"{facts}:") and "$0.27/M to $0.30/M" in error


def test_github_and_json_formats_carry_the_error(repo: GitProject) -> None:
    published = repo.git("rev-parse", "HEAD")
    repo.edit(FACTS, "- $0.27/M", "- $0.30/M")
    github = check_since(repo, published, "--format", "github")
    line = repo.line_of(FACTS, "$0.30/M")
    assert any(l.startswith(f"::error file={FACTS},line={line},") and "$0.30/M" in l
               for l in github.out.splitlines())
    data = json.loads(check_since(repo, published, "--format", "json").out)
    assert [(p["severity"], p["line"]) for p in data if p["severity"] == "error"] == [
        ("error", line)]


def test_outside_a_git_repository_one_line_and_exit_2(tmp_path: Path) -> None:
    from .history_project import copy_brief_project

    project = copy_brief_project(tmp_path / "plain")
    result = project.cli("check", "--since", "main")
    assert result.code == 2
    lines = result.err.splitlines()
    assert len(lines) == 2 and ": error: " in lines[0] and "not in a git repository" in lines[0]
    assert lines[1].startswith("  hint: ")
    assert "Traceback" not in result.err


@pytest.mark.parametrize("rev", ["no-such-branch", "--upload-pack=touch evil", ";rm -rf .",
                                 "$(touch evil)", "-h", "HEAD:content", "main\nevil", ""])
def test_a_bad_or_hostile_revision_is_refused_safely(repo: GitProject, rev: str) -> None:
    before = sorted(p.name for p in repo.root.iterdir())
    result = repo.cli("check", "--since=" + rev)
    assert result.code == 2
    assert len([l for l in result.err.splitlines() if ": error: " in l]) == 1, result.err
    lines = result.err.splitlines()  # one line and a hint: control characters escaped
    assert len(lines) == 2 and lines[0].startswith(".: error: ") and lines[1].startswith("  hint:")
    assert sorted(p.name for p in repo.root.iterdir()) == before  # nothing ran


def test_old_files_over_the_limit_or_not_utf8_are_not_read(repo: GitProject) -> None:
    original = repo.path(FACTS).read_bytes()
    repo.path(FACTS).write_bytes(original + b"#" + b"x" * (200 * 1024) + b"\n")
    huge = repo.commit("An oversized fact sheet")
    repo.path(FACTS).write_bytes(original + b"# \xff\xfe\x00 binary\n")
    binary = repo.commit("A fact sheet that is not UTF-8")
    repo.path(FACTS).write_bytes(original)
    repo.edit(FACTS, "- $0.27/M", "- $0.30/M")
    for rev, says in ((huge, "the limit is 128 KB"), (binary, "not valid UTF-8")):
        result = check_since(repo, rev)
        assert result.code == 0, result.err  # not compared: a note, never a crash
        notes = [l for l in result.err.splitlines() if ": note: " in l]
        assert len(notes) == 1 and notes[0].startswith(f"{FACTS}: note: not compared with ")
        assert says in notes[0]


def test_a_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    from .history_project import copy_brief_project

    outer = GitProject(tmp_path / "repo")
    project = copy_brief_project(outer.root / "site-src")
    outer.git("init", "-q", "-b", "main")
    outer.commit("Publish")
    project.edit(FACTS, "- $0.27/M", "- $0.30/M")
    assert "$0.27/M to $0.30/M" in "\n".join(located(check_since(project, "main").err))
