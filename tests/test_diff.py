"""`diff REV`: every change of fact since a revision, for a terminal or a job summary."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from .history_project import ARTICLE, FACTS, GitProject, git_project


@pytest.fixture
def repo(tmp_path: Path) -> GitProject:
    project = git_project(tmp_path)
    project.reprice()
    project.edit(ARTICLE, "FLOPs to 27% of V3.2", "FLOPs to 30% of V3.2")
    project.edit(FACTS, "{value: 27% of V3.2", "{value: 30% of V3.2")  # the prose quotes it
    project.edit(FACTS, "updated: 2026-04-29\n", """updated: 2026-05-02
updates:
  - date: 2026-05-02
    kind: correction
    text: The list input price is $1.80/M. [@deepseek-release]
""")
    return project


def test_text_lists_each_change_as_old_to_new(repo: GitProject) -> None:
    result = repo.cli("diff", "main")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("Fact changes since main (")
    assert "content/briefs/deepseek-v4 — DeepSeek ships V4: 1.6T open-weight model, $1.74 a " \
           "million tokens" in lines
    assert "  row 'API input price (list)', column 'V4-Pro': $1.74/M → $1.80/M" in lines
    assert "  a number in ## What happened: 27% → 30%" in lines
    assert "  new in the update log, 2026-05-02 (correction): The list input price is $1.80/M. " \
           "[@deepseek-release]" in lines
    assert lines[-1] == "1 brief changed since main."


def test_markdown_renders_to_a_table_with_the_same_values(repo: GitProject) -> None:
    result = repo.cli("diff", "main", "--format", "markdown")
    assert result.code == 0
    html = BeautifulSoup(markdown.markdown(result.out, extensions=["tables"]), "html.parser")
    # GitHub's CommonMark unescapes "\$"; Python-Markdown leaves the backslash.
    rows = [[cell.get_text().replace("\\$", "$") for cell in tr.find_all("td")]
            for tr in html.find_all("tr")]
    assert ["row 'API input price (list)', column 'V4-Pro'", "$1.74/M", "$1.80/M"] in rows
    assert ["a number in ## What happened", "27%", "30%"] in rows
    assert "$" not in result.out.replace("\\$", "")  # GitHub reads $…$ as maths


def test_sources_added_and_removed_and_a_quiet_brief(repo: GitProject) -> None:
    repo.edit(ARTICLE, "; @mit-technology-review]", "; @wired]")
    repo.edit(FACTS, "  - id: mit-technology-review", "  - id: wired")
    out = repo.cli("diff", "main").out
    assert "  source: (none) → 'wired' (MIT Technology Review: Three reasons why DeepSeek's new " \
           "model matters)" in out
    assert "  source: 'mit-technology-review' (MIT Technology Review: Three reasons why " \
           "DeepSeek's new model matters) → (removed)" in out
    repo.git("checkout", "-q", "--", ".")
    assert repo.cli("diff", "main").out.splitlines()[-1] == "No brief's facts changed since main."


def test_output_is_deterministic_and_editor_text_is_escaped(repo: GitProject) -> None:
    repo.edit(FACTS, "text: The list input price is $1.80/M. [@deepseek-release]",
              'text: "Fixed in red | **bold** <b>x</b>\\nnext line."')
    first, second = repo.cli("diff", "main"), repo.cli("diff", "main")
    assert first.out == second.out
    # One entry, one line: the newline inside the text is shown, not obeyed.
    assert "\nnext line" not in first.out and "next line" in first.out
    md = repo.cli("diff", "main", "--format", "markdown").out
    assert "\x1b" not in md and "<b>" not in md and "\\*\\*bold\\*\\*" in md and "\\|" in md
    entry = [l for l in md.splitlines() if l.startswith("- 2026-05-02")]
    assert len(entry) == 1  # the newline inside the text did not start a line


def test_new_and_removed_briefs(repo: GitProject) -> None:
    import shutil

    shutil.copytree(repo.path("content/briefs/deepseek-v4"), repo.path("content/briefs/later"))
    repo.edit("content/briefs/later/facts.yaml", "published: 2026-04-29",
              "draft: true\npublished: 2026-04-29")
    out = repo.cli("diff", "main").out
    assert "content/briefs/later — " in out and "  new (a draft)" in out
    shutil.rmtree(repo.path("content/briefs/later"))
    repo.commit("With the second brief")
    shutil.copytree(repo.path("content/briefs/deepseek-v4"), repo.path("content/briefs/later"))
    repo.commit("later")
    shutil.rmtree(repo.path("content/briefs/later"))
    assert "content/briefs/later\n  removed" in repo.cli("diff", "HEAD").out


def test_an_unknown_revision_is_a_usage_error(repo: GitProject) -> None:
    result = repo.cli("diff", "--", "--upload-pack=evil")
    assert result.code == 2 and "is not a commit" in result.err
