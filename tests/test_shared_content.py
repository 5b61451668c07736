"""A newsroom of briefs on one story: the source registry and shared fact sheets.

The scenario of the issue: the frozen DeepSeek V4 brief and a second brief on
the same story (its pricing follow-up) beside the test brief; the DeepSeek
release moves into ``content/sources.yaml`` and V4-Pro's input price into
``content/facts/deepseek-v4-pro.yaml``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from briefly.cache import records
from briefly.pipeline import build_site
from briefly.check_pipeline import check_site
from briefly.project import Project

from .conftest import REPO, TEST_BRIEF, ScratchProject, copy_project, snapshot
from .reference import render_pages
from .test_brief_page import table_grid

DEEPSEEK = REPO / "tests" / "fixtures" / "briefs" / "deepseek-v4"
FOLLOW_UP = "deepseek-v4-pricing"
RELEASE_ENTRY = """\
  - id: deepseek-release
    title: DeepSeek V4 Preview Release
    publisher: DeepSeek
    date: 2026-04-24
    party: true  # DeepSeek's own announcement: its claims about V4 are self-reported
"""
REGISTRY = "sources:\n" + RELEASE_ENTRY
FACT_SHEET = """\
name: DeepSeek V4-Pro
facts:
  input_price:
    value: $1.74/M
    note: Launched on a 75% promo at $0.435/M input and $0.87/M output.
    cite: deepseek-release
"""
PRICE_CELL = """\
            - value: $1.74/M
              note: Launched on a 75% promo at $0.435/M input and $0.87/M output.
"""
FACT_CELL = "            - {fact: deepseek-v4-pro.input_price}\n"
# V3.2's input price, which no sentence repeats: a change to it needs no prose edit
# (the prose's figures are held to the table's).
OLD_SHEET = """\
name: DeepSeek V3.2
facts:
  input_price: $0.27/M
"""
OLD_PRICE_CELL = "            - $0.27/M\n"
OLD_FACT_CELL = "            - {fact: deepseek-v3-2.input_price}\n"


def newsroom(root: Path) -> ScratchProject:
    """The test project, the DeepSeek brief and its follow-up, sharing a source and a fact."""
    project = copy_project(root)
    for slug in ("deepseek-v4", FOLLOW_UP):
        shutil.copytree(DEEPSEEK, project.brief_dir(slug))
        project.edit(project.facts(slug), RELEASE_ENTRY, "")
        project.edit(project.facts(slug), PRICE_CELL, FACT_CELL)
        project.edit(project.facts(slug), OLD_PRICE_CELL, OLD_FACT_CELL)
    project.edit(project.facts(FOLLOW_UP), 'headline: "DeepSeek ships V4',
                 'headline: "DeepSeek V4 pricing')
    project.edit(project.facts(FOLLOW_UP), "published: 2026-04-29\nupdated: 2026-04-29",
                 "published: 2026-04-30\nupdated: 2026-04-30")
    content = project.root / "content"
    (content / "sources.yaml").write_text(REGISTRY, encoding="utf-8")
    (content / "facts").mkdir()
    (content / "facts" / "deepseek-v4-pro.yaml").write_text(FACT_SHEET, encoding="utf-8")
    (content / "facts" / "deepseek-v3-2.yaml").write_text(OLD_SHEET, encoding="utf-8")
    return project


@pytest.fixture
def shared(tmp_path: Path) -> ScratchProject:
    project = newsroom(tmp_path / "project")
    project.build()
    return project


def warnings_of(project: ScratchProject) -> list[str]:
    return [line for line in project.cli("check").err.splitlines() if ": warning: " in line]


def test_a_registry_source_appears_on_the_brief_and_links_to_its_page(
        shared: ScratchProject) -> None:
    page = shared.page("briefs/deepseek-v4/index.html")
    entry = page.select_one("#source-deepseek-release")
    assert entry is not None and "DeepSeek V4 Preview Release" in entry.get_text()
    link = entry.select_one("a.source-page-link")
    assert link["href"] == "../../sources/deepseek-release/"
    # Each of the brief's own sources links to its page as well.
    assert page.select_one("#source-cfr a.source-page-link")["href"] == "../../sources/cfr/"


def test_a_source_page_links_every_citing_brief_newest_first(shared: ScratchProject) -> None:
    page = shared.page("sources/deepseek-release/index.html")
    assert page.h1.get_text() == "DeepSeek V4 Preview Release"
    assert "DeepSeek" in page.select_one(".source-facts").get_text()
    assert "The party's own" in page.select_one(".source-facts").get_text()
    links = [a["href"] for a in page.select(".citing-briefs a")]
    assert links == [f"../../briefs/{FOLLOW_UP}/", "../../briefs/deepseek-v4/"]
    index = shared.page("sources/index.html")
    listed = [a["href"] for a in index.select(".source-list a")]
    assert "deepseek-release/" in listed and "alder-grid-release/" in listed
    # A source only one brief cites still has its page.
    tidewater = shared.page("sources/estuary-times/index.html")
    assert [a["href"] for a in tidewater.select(".citing-briefs a")] == [
        f"../../briefs/{TEST_BRIEF}/"]


def test_a_source_defined_twice_is_a_warning_pointing_at_the_registry(
        shared: ScratchProject) -> None:
    # The follow-up copies the brief's own sources: each is written out twice.
    problems = shared.cli("check").err
    line = next(l for l in problems.splitlines() if "source 'cfr' is also defined at" in l)
    assert line.startswith(f"content/briefs/{FOLLOW_UP}/facts.yaml:")
    assert "content/briefs/deepseek-v4/facts.yaml:" in line
    assert "move it to content/sources.yaml" in problems
    # The same source as the registry's, its title in other case and spacing.
    shared.edit(shared.facts(), "    date: 2026-02-20\n", "    date: 2026-02-20\n"
                "  - id: v4-release\n    title: deepseek  V4 preview release\n"
                "    publisher: DeepSeek\n    date: 2026-04-24\n")
    shared.edit(shared.article(), "## What happened\n\n", "## What happened\n\n[@v4-release] ")
    line = next(l for l in warnings_of(shared) if "'v4-release' is also defined" in l)
    assert line.startswith(f"content/briefs/{TEST_BRIEF}/facts.yaml:")
    assert "content/sources.yaml:2:5 (as 'deepseek-release')" in line
    assert "delete this entry and cite [@deepseek-release]" in shared.cli("check").err


def test_a_fact_cell_shows_the_fact_and_its_page_links_the_briefs(
        shared: ScratchProject) -> None:
    for slug in ("deepseek-v4", FOLLOW_UP):
        grid = table_grid(shared.page(f"briefs/{slug}/index.html").select_one("table"))
        assert grid["API input price (list)"]["V4-Pro"] == "$1.74/M"
    page = shared.page("facts/deepseek-v4-pro/index.html")
    assert page.h1.get_text() == "DeepSeek V4-Pro"
    fact = page.select_one("#fact-input_price + dd")
    assert "$1.74/M" in fact.get_text() and "75% promo" in fact.get_text()
    assert [a["href"] for a in fact.select(".citing-briefs a")] == [
        f"../../briefs/{FOLLOW_UP}/", "../../briefs/deepseek-v4/"]
    assert fact.select_one(".fact-sources a")["href"] == "../../sources/deepseek-release/"
    assert [a["href"] for a in shared.page("facts/index.html").select(".fact-sheet-list a")] \
        == ["deepseek-v3-2/", "deepseek-v4-pro/"]


def test_editing_the_fact_rebuilds_exactly_its_briefs_and_equals_a_clean_build(
        shared: ScratchProject, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "RACY_NS", 0)
    before = {name: (shared.site / name).stat().st_mtime_ns
              for name in snapshot(shared.site) if name.endswith(".html")}
    sheet = shared.root / "content" / "facts" / "deepseek-v3-2.yaml"
    sheet.write_text(OLD_SHEET.replace("$0.27/M", "$0.30/M"), encoding="utf-8")
    shared.build()
    grid = table_grid(shared.page("briefs/deepseek-v4/index.html").select_one("table"))
    assert grid["API input price (list)"]["V3.2 (prev.)"] == "$0.30/M"
    rewritten = {name for name, mtime in before.items()
                 if (shared.site / name).stat().st_mtime_ns != mtime}
    assert f"briefs/{TEST_BRIEF}/index.html" not in rewritten
    assert {"briefs/deepseek-v4/index.html", f"briefs/{FOLLOW_UP}/index.html",
            "facts/deepseek-v3-2/index.html"} <= rewritten
    site, _ = check_site(Project(shared.root), drafts=False)
    assert site is not None
    published = snapshot(shared.site)
    published.pop(".briefly-output", None)
    expected = render_pages(Project(shared.root), site)
    assert {n: b for n, b in published.items() if not n.startswith("pagefind/")} == \
        {n: b for n, b in expected.items() if not n.startswith("pagefind/")}


def test_editing_the_registry_rebuilds_only_the_briefs_citing_the_source(
        shared: ScratchProject, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "RACY_NS", 0)
    registry = shared.root / "content" / "sources.yaml"
    mtime = (shared.site / f"briefs/{TEST_BRIEF}/index.html").stat().st_mtime_ns
    registry.write_text(REGISTRY.replace("Preview Release", "Preview Release notes"),
                        encoding="utf-8")
    assert build_site(Project(shared.root), shared.site, search=False).ok
    assert "Preview Release notes" in shared.page("briefs/deepseek-v4/index.html").get_text()
    assert "Preview Release notes" in shared.page(
        "sources/deepseek-release/index.html").h1.get_text()
    assert (shared.site / f"briefs/{TEST_BRIEF}/index.html").stat().st_mtime_ns == mtime


def test_two_briefs_disagreeing_on_a_cell_are_warned_unless_it_is_a_shared_fact(
        shared: ScratchProject) -> None:
    assert not [w for w in warnings_of(shared) if "' here but '" in w]
    shared.edit(shared.facts(FOLLOW_UP), "            - 284B / 13B\n",
                "            - 285B / 13B\n")
    [warning] = [w for w in warnings_of(shared) if "' here but '" in w]
    assert warning.startswith(f"content/briefs/{FOLLOW_UP}/facts.yaml:")
    assert ("'Params (total / active)' for 'V4-Flash' is '285B / 13B' here but '284B / 13B' "
            "at content/briefs/deepseek-v4/facts.yaml:") in warning


def commit_all(project: ScratchProject) -> None:
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-qm", "published")):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C",
                        str(project.root), *args], check=True, capture_output=True)


def test_check_since_asks_every_brief_using_a_changed_fact_for_a_log_entry(
        shared: ScratchProject) -> None:
    commit_all(shared)
    sheet = shared.root / "content" / "facts" / "deepseek-v3-2.yaml"
    sheet.write_text(OLD_SHEET.replace("$0.27/M", "$0.30/M"), encoding="utf-8")
    errors = [l for l in shared.cli("check", "--since", "HEAD").err.splitlines()
              if ": error: " in l]
    assert {e.split(":", 1)[0] for e in errors} == {
        "content/briefs/deepseek-v4/facts.yaml", f"content/briefs/{FOLLOW_UP}/facts.yaml"}
    assert all("$0.27/M to $0.30/M" in e for e in errors)


def test_diff_shows_a_shared_fact_change_in_each_brief_using_it(
        shared: ScratchProject) -> None:
    commit_all(shared)
    registry = shared.root / "content" / "sources.yaml"
    sheet = shared.root / "content" / "facts" / "deepseek-v3-2.yaml"
    sheet.write_text(OLD_SHEET.replace("$0.27/M", "$0.30/M"), encoding="utf-8")
    registry.write_text(REGISTRY.replace("Preview Release", "Release notes"), encoding="utf-8")
    result = shared.cli("diff", "HEAD")
    assert result.code == 0, result.err
    for slug in ("deepseek-v4", FOLLOW_UP):
        block = result.out.split(slug, 1)[1].split("\n\n", 1)[0]
        assert "$0.27/M" in block and "$0.30/M" in block
    assert TEST_BRIEF not in result.out


# -- hostile and broken shared content ---------------------------------------

def test_a_fact_file_linked_from_outside_content_is_refused(tmp_path: Path) -> None:
    project = newsroom(tmp_path / "project")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(FACT_SHEET.replace("DeepSeek V4-Pro", "Elsewhere"), encoding="utf-8")
    os.symlink(outside, project.root / "content" / "facts" / "elsewhere.yaml")
    result = project.cli("check")
    assert "content/facts/elsewhere.yaml: error: this file is a link to outside content/" \
        in result.err
    assert result.code == 1


def test_a_huge_registry_is_refused_before_it_is_read(tmp_path: Path) -> None:
    project = newsroom(tmp_path / "project")
    with (project.root / "content" / "sources.yaml").open("a", encoding="utf-8") as out:
        out.write("# padding\n" * 120_000)
    result = project.cli("check")
    assert "content/sources.yaml: error: this file is 1.1 MB; the limit is 1.0 MB" in result.err
    assert "Traceback" not in result.err


def test_too_many_registry_sources_is_one_error(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from briefly.content import read_library
    monkeypatch.setattr(read_library, "MAX_REGISTRY_SOURCES", 3)
    project = newsroom(tmp_path / "project")
    extra = "".join(f"  - {{id: s{n}, title: T{n}, publisher: P, date: 2026-01-01}}\n"
                    for n in range(4))
    (project.root / "content" / "sources.yaml").write_text(REGISTRY + extra, encoding="utf-8")
    errors = [l for l in project.cli("check").err.splitlines() if ": error: " in l]
    assert errors == ["content/sources.yaml:1:1: error: 5 sources; the limit is 3 (sources)"]


def test_names_that_could_escape_the_facts_folder_are_not_read(tmp_path: Path) -> None:
    project = newsroom(tmp_path / "project")
    facts = project.root / "content" / "facts"
    (facts / "nested").mkdir()
    (facts / "nested" / "x.yaml").write_text(FACT_SHEET, encoding="utf-8")
    (facts / "..yaml").write_text(FACT_SHEET, encoding="utf-8")
    err = project.cli("check").err
    assert "content/facts/nested: error: a folder inside content/facts/ is not read" in err
    # A dot file is skipped like every hidden file; nothing outside is read.
    assert "content/facts/..yaml" not in err and "Traceback" not in err


def test_a_broken_registry_does_not_cascade_into_the_briefs(tmp_path: Path) -> None:
    project = newsroom(tmp_path / "project")
    (project.root / "content" / "sources.yaml").write_text("sources: [unclosed\n",
                                                          encoding="utf-8")
    errors = [l for l in project.cli("check").err.splitlines() if ": error: " in l]
    assert len(errors) == 1 and errors[0].startswith("content/sources.yaml:")


def test_related_briefs_are_those_sharing_sources_or_topics(shared: ScratchProject) -> None:
    related = shared.page("briefs/deepseek-v4/index.html").select(".related a")
    assert [a["href"] for a in related] == [f"../{FOLLOW_UP}/"]
    # The test brief shares neither a topic nor a source with them.
    assert not shared.page(f"briefs/{TEST_BRIEF}/index.html").select(".related a")


def test_a_related_brief_s_new_headline_reaches_the_pages_listing_it(
        shared: ScratchProject, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "RACY_NS", 0)
    shared.edit(shared.facts(FOLLOW_UP), 'headline: "DeepSeek V4 pricing',
                'headline: "DeepSeek V4 prices')
    shared.build()
    [link] = shared.page("briefs/deepseek-v4/index.html").select(".related a")
    assert link.get_text().startswith("DeepSeek V4 prices")


def test_random_registries_and_fact_sheets_never_crash(tmp_path: Path) -> None:
    """Whatever the shared files hold, check answers with located problems only."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from .test_safety_fuzz import PROBLEM, dump, run_cli, yaml_values

    project = newsroom(tmp_path / "project")
    keys = st.sampled_from(["sources", "id", "title", "publisher", "date", "url", "party",
                            "name", "facts", "input_price", "value", "status", "cite", "note"])
    shaped = st.dictionaries(keys, yaml_values, max_size=4)
    registry = project.root / "content" / "sources.yaml"
    sheet = project.root / "content" / "facts" / "deepseek-v4-pro.yaml"

    @settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(sources=st.one_of(yaml_values, shaped), facts=st.one_of(yaml_values, shaped))
    def check(sources: object, facts: object) -> None:
        registry.write_text(dump(sources), encoding="utf-8")
        sheet.write_text(dump(facts), encoding="utf-8")
        code, err = run_cli(project, "check")
        assert code in (0, 1) and "Traceback" not in err, err
        for line in err.splitlines():
            if line.strip() and not line.startswith(("  hint:", "Check ")):
                assert PROBLEM.match(line), line
    check()


def test_misspelt_keys_in_the_shared_files_get_a_suggestion(tmp_path: Path) -> None:
    project = newsroom(tmp_path / "project")
    (project.root / "content" / "sources.yaml").write_text(
        REGISTRY.replace("    title:", "    titel:"), encoding="utf-8")
    (project.root / "content" / "facts" / "deepseek-v4-pro.yaml").write_text(
        FACT_SHEET.replace("    note:", "    nots:"), encoding="utf-8")
    errors = [l for l in project.cli("check").err.splitlines() if ": error: " in l]
    assert "content/sources.yaml:3:5: error: unknown key 'titel' (sources[0].titel)" in errors
    assert ("content/facts/deepseek-v4-pro.yaml:5:5: error: unknown key 'nots' "
            "(facts.input_price.nots)") in errors
    hints = project.cli("check").err
    assert "did you mean 'title'?" in hints and "did you mean 'note'?" in hints


def test_the_prose_is_held_to_a_shared_fact_like_any_cell(shared: ScratchProject) -> None:
    """A fact the brief's sentences repeat cannot change under them unnoticed."""
    sheet = shared.root / "content" / "facts" / "deepseek-v4-pro.yaml"
    sheet.write_text(FACT_SHEET.replace("$1.74/M", "$1.80/M"), encoding="utf-8")
    errors = [l for l in shared.cli("check").err.splitlines() if ": error: " in l]
    assert errors and all("the prose says $1.74" in e and "the table says $1.80/M" in e
                          for e in errors)
    assert {e.split("/")[2] for e in errors} == {"deepseek-v4", FOLLOW_UP}


def test_a_misquoted_shared_fact_is_named_at_its_line_in_the_fact_file(
        shared: ScratchProject) -> None:
    """The figure is corrected in the fact file, so the message opens there first."""
    sheet = shared.root / "content" / "facts" / "deepseek-v4-pro.yaml"
    sheet.write_text(FACT_SHEET.replace("$1.74/M", "$1.80/M"), encoding="utf-8")
    errors = [l for l in shared.cli("check").err.splitlines() if ": error: " in l]
    # Line 4 of the sheet is "    value: $1.80/M"; line 42 of each brief, its fact cell.
    assert f"content/briefs/{FOLLOW_UP}/brief.md:17:30: error: the prose says $1.74/M for " \
           "V4-Pro's API input price (list); the table says $1.80/M " \
           "(content/facts/deepseek-v4-pro.yaml:4:12, via " \
           f"content/briefs/{FOLLOW_UP}/facts.yaml:42:15) " \
           "(## The numbers: benchmarks and price)" in errors
    assert len(errors) == 4 and all("(content/facts/deepseek-v4-pro.yaml:4:12, via content/"
                                    "briefs/" in e for e in errors)


def test_a_fact_cell_links_to_the_fact_on_its_sheet_s_page(shared: ScratchProject) -> None:
    page = shared.page("briefs/deepseek-v4/index.html")
    price = page.select_one("table").select("tbody tr")[
        [th.get_text(strip=True) for th in page.select("table tbody th")].index(
            "API input price (list)")].select("td")
    links = [td.select_one("a.shared-fact-link") for td in price]
    # V4-Pro and V3.2 take shared facts; V4-Flash's price is the brief's own.
    assert links[1] is None
    assert [a["href"] for a in (links[0], links[2])] == [
        "../../facts/deepseek-v4-pro/#fact-input_price",
        "../../facts/deepseek-v3-2/#fact-input_price"]
    assert links[0].get_text(" ", strip=True) == "shared fact deepseek-v4-pro.input_price"
    # The link lands on the fact: its sheet's page gives it that anchor.
    sheet = shared.page("facts/deepseek-v4-pro/index.html")
    assert "$1.74/M" in sheet.select_one("#fact-input_price + dd .fact-value").get_text()
    # Cells of the brief's own link nowhere but their notes and sources.
    own = shared.page(f"briefs/{TEST_BRIEF}/index.html")
    assert own.select_one("table") is not None and not own.select("a.shared-fact-link")
