"""`stale` and check's notes: what was true when published and may not be now."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .history_project import ARTICLE, FACTS, GitProject, copy_brief_project

RETIRED = "will be retired 24 July 2026"


@pytest.fixture
def project(tmp_path: Path) -> GitProject:
    return copy_brief_project(tmp_path / "project")


def findings(result) -> list[str]:
    return [line for line in result.out.splitlines() if ": note: " in line]


def where(project: GitProject, name: str, needle: str) -> str:
    return f"{name}:{project.line_of(name, needle)}:{project.column_of(name, needle)}"


def test_a_passed_date_in_the_future_tense_is_found_after_it_passes(project: GitProject) -> None:
    late = project.cli("stale", "--today", "2026-12-01")
    assert late.code == 0
    [note] = findings(late)
    assert note.startswith(where(project, ARTICLE, "24 July 2026") + ": note: the text says "
                           f"'{RETIRED}', but 24 July 2026 has passed (130 days ago)")
    assert late.out.splitlines()[-1] == "1 stale finding in 1 brief on 2026-12-01."
    early = project.cli("stale", "--today", "2026-05-01")
    assert early.code == 0 and findings(early) == []
    assert early.out.strip() == "Nothing is stale on 2026-05-01."


def test_strict_fails_only_when_something_is_stale(project: GitProject) -> None:
    assert project.cli("stale", "--strict", "--today", "2026-12-01").code == 1
    assert project.cli("stale", "--strict", "--today", "2026-05-01").code == 0


def test_the_day_is_the_variable_or_the_clock_and_a_bad_day_is_a_usage_error(
        project: GitProject, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFLY_TODAY", "2026-12-01")
    assert len(findings(project.cli("stale"))) == 1
    monkeypatch.delenv("BRIEFLY_TODAY")
    from datetime import date
    assert project.cli("stale").out.splitlines()[-1].endswith(f"on {date.today().isoformat()}.")
    with pytest.raises(SystemExit) as exit_info:
        project.cli("stale", "--today", "1 May 2026")
    assert exit_info.value.code == 2


def test_future_tense_in_watch_items_faq_and_table_notes(project: GitProject) -> None:
    project.edit(FACTS, "  - Whether inference on Huawei Ascend",
                 "  - DeepSeek is expected to publish a paper by March 2026.\n"
                 "  - Whether inference on Huawei Ascend")
    project.edit(FACTS, "Launched on a 75% promo at $0.435/M input and $0.87/M output.",
                 "A 75% promo, which is due to end on 5 May 2026.")
    project.edit(FACTS, "The brief does not say when the promo ends.",
                 "The promo is set to end on 6 May 2026.")
    notes = findings(project.cli("stale", "--today", "2026-06-01"))
    assert [n.split(": note: ")[0] for n in notes] == [
        where(project, FACTS, "5 May 2026"), where(project, FACTS, "March 2026"),
        where(project, FACTS, "6 May 2026")]
    assert [n.rsplit(" (", 1)[1] for n in notes] == [
        "numbers.tables[0].rows[3].cells[0].note)", "watch[1])", "faq[1].answer)"]
    assert findings(project.cli("stale", "--today", "2026-03-31")) == []
    # A month is passed only once its last day is: March 2026 on 1 April.
    [march] = findings(project.cli("stale", "--today", "2026-04-01"))
    assert "but March 2026 has passed (1 day ago)" in march


def test_review_by_of_a_brief_and_of_a_cell(project: GitProject) -> None:
    project.edit(FACTS, "updated: 2026-04-29", "updated: 2026-04-29\nreview_by: 2026-06-01")
    project.edit(FACTS, "            - $0.14/M", "            - {value: $0.14/M, review_by: 2026-07-01}")
    on_time = findings(project.cli("stale", "--today", "2026-06-01"))
    assert on_time == []
    late = findings(project.cli("stale", "--today", "2026-07-02"))
    assert late[0].startswith(f"{FACTS}:{project.line_of(FACTS, 'review_by: 2026-06-01')}:1: "
                              "note: this brief was due for review by 2026-06-01, 31 days ago")
    assert late[1].startswith(f"{FACTS}:{project.line_of(FACTS, 'review_by: 2026-07-01')}:")
    assert "V4-Flash's API input price (list) was due for review by 2026-07-01" in late[1]


def test_as_of_too_old_on_a_time_sensitive_value(project: GitProject) -> None:
    project.edit(FACTS, "value: $1.74/M", "value: $1.74/M\n              as_of: 2026-04-24")
    project.edit(FACTS, "        - label: Context\n", "        - label: Context\n"
                 "          as_of: 2026-04-24\n")  # not a price or a ranking: never stale
    cell = where(project, FACTS, "value: $1.74/M")

    def aged(today: str) -> list[str]:
        return [n for n in findings(project.cli("stale", "--today", today)) if "as of" in n]

    assert aged("2026-12-01") == [
        f"{cell}: note: V4-Pro's API input price (list) ($1.74/M) is as of 2026-04-24, 221 days "
        "ago; time-sensitive values are checked after 180 days "
        "(numbers.tables[0].rows[3].cells[0])"]
    assert aged("2026-09-01") == []
    settings = project.path("briefly.yaml")
    settings.write_text(settings.read_text() + "stale_after_days: 100\n")
    assert [n.split(": note: ")[0] for n in aged("2026-09-01")] == [cell]


def test_time_sensitive_says_which_values_can_go_out_of_date(project: GitProject) -> None:
    project.edit(FACTS, "value: $1.74/M", "value: $1.74/M\n              as_of: 2026-04-24\n"
                 "              time_sensitive: false")
    project.edit(FACTS, "        - label: Context\n", "        - label: Context\n"
                 "          as_of: 2026-01-01\n          time_sensitive: true\n")
    notes = [n for n in findings(project.cli("stale", "--today", "2026-12-01")) if "as of" in n]
    assert [n.split(": note: ")[1].split(" is as of")[0] for n in notes] == [
        "V4-Pro's Context (1M tokens)", "V4-Flash's Context (1M tokens)",
        "V3.2 (prev.)'s Context (128K tokens)"]


def test_as_of_is_shown_to_readers(project: GitProject) -> None:
    from bs4 import BeautifulSoup

    project.edit(FACTS, "value: $1.74/M", "value: $1.74/M\n              as_of: 2026-04-24")
    project.edit(FACTS, "            - $3.48/M", "            - {value: $3.48/M, as_of: 2026-04-25}")
    assert project.cli("build", "--no-search").code == 0
    page = BeautifulSoup((project.root / "site/briefs/deepseek-v4/index.html").read_text(),
                         "html.parser")
    notes = [li.get_text(" ", strip=True) for li in page.select(".table-notes li")]
    assert notes == ["* Launched on a 75% promo at $0.435/M input and $0.87/M output. "
                     "As of 24 April 2026.", "† As of 25 April 2026."]


def test_check_shows_notes_that_never_fail_strict(project: GitProject) -> None:
    result = project.cli("check", "--strict", "--today", "2026-12-01")
    assert result.code == 0
    notes = [l for l in result.err.splitlines() if ": note: " in l]
    assert len(notes) == 1 and RETIRED in notes[0]
    assert result.err.splitlines()[-1] == "Check passed: 0 errors, 0 warnings, 1 note in 1 brief."
    github = project.cli("check", "--strict", "--format", "github", "--today", "2026-12-01")
    line = project.line_of(ARTICLE, "24 July 2026")
    assert github.code == 0
    assert github.out.startswith(f"::notice file={ARTICLE},line={line},col=")
    data = json.loads(project.cli("check", "--format", "json", "--today", "2026-12-01").out)
    assert [p["severity"] for p in data] == ["note"]
    assert project.cli("check", "--today", "2026-05-01").err.splitlines()[-1] == \
        "Check passed: 0 errors, 0 warnings in 1 brief."


def test_formats_and_drafts(project: GitProject) -> None:
    md = project.cli("stale", "--format", "markdown", "--today", "2026-12-01").out
    assert md.startswith("## Stale facts on 2026-12-01\n\n| where | what | what to do |")
    assert f"| {ARTICLE.replace('-', chr(92) + '-').replace('.', chr(92) + '.')}" in md
    github = project.cli("stale", "--format", "github", "--today", "2026-12-01").out
    assert github.startswith(f"::notice file={ARTICLE},")
    project.edit(FACTS, "published: 2026-04-29", "draft: true\npublished: 2026-04-29")
    assert findings(project.cli("stale", "--today", "2026-12-01")) == []


@pytest.mark.parametrize("value", ["0", "soon", "true"])
def test_a_bad_stale_after_days_is_a_settings_error(project: GitProject, value: str) -> None:
    settings = project.path("briefly.yaml")
    settings.write_text(settings.read_text() + f"stale_after_days: {value}\n")
    result = project.cli("check")
    assert result.code == 1
    assert "briefly.yaml:" in result.err and "expected a whole number, 1 or more" in result.err
