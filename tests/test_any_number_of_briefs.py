"""The suite does not depend on how many briefs there are, or on their shape.

The site-level checks (tests/site_checks.py) run on the one-brief test
project and again with two more briefs of other shapes and a draft: a
four-column funding comparison in euros and dollars with accented names, no
pull quote and a disputed figure, and a six-column table in yen with Greek
names and no FAQ.
"""

from __future__ import annotations

import pytest

from .conftest import BASE_URL, TEST_BRIEF, ScratchProject, copy_project
from .site_checks import check_site, public_briefs, read_briefs
from .test_brief_page import cell_value

OTHER = ["robotics-series-b", "chip-subsidies-japan"]
DRAFT = "chip-subsidies-draft"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> ScratchProject:
    """The test project with the other briefs and a draft, built."""
    scratch = copy_project(tmp_path_factory.mktemp("many") / "project")
    for name in OTHER:
        scratch.add_brief(name)
    scratch.copy_brief(DRAFT, source="chip-subsidies-japan")
    # The newest brief of all, so it would lead the home page if it leaked.
    scratch.edit(scratch.facts(DRAFT), "published: 2026-03-24\nupdated: 2026-03-27",
                 "draft: true\npublished: 2026-03-30\nupdated: 2026-03-31")
    scratch.edit(scratch.facts(DRAFT), "  - date: 2026-03-27", "  - date: 2026-03-31")
    scratch.edit(scratch.facts(DRAFT), 'headline: "Japan spreads', 'headline: "Draft: Japan spreads')
    # A copy's sources would be the same sources written twice (a warning):
    # the draft is a follow-up citing newer documents.
    scratch.edit(scratch.facts(DRAFT), "fiscal 2026\n", "fiscal 2026, revised\n")
    scratch.edit(scratch.facts(DRAFT), "στο Ιβάτε\n", "στο Ιβάτε, συνέχεια\n")
    assert scratch.cli("check", "--strict").code == 0
    scratch.build()
    return scratch


def test_the_project_holds_briefs_of_every_shape(many: ScratchProject) -> None:
    briefs = {b.slug: b for b in read_briefs(many.root)}
    assert sorted(briefs) == sorted([TEST_BRIEF, *OTHER, DRAFT])
    assert [b.slug for b in public_briefs(many.root)] == [
        "chip-subsidies-japan", TEST_BRIEF, "robotics-series-b"]
    assert not briefs["chip-subsidies-japan"].has_faq and briefs[TEST_BRIEF].has_faq
    assert briefs["robotics-series-b"].topics == ("Start-up funding",)  # the kicker's


def test_site_lists_every_brief_of_the_test_project(built: ScratchProject) -> None:
    check_site(built.root, built.site, BASE_URL)


def test_site_lists_every_brief_of_a_larger_project(many: ScratchProject) -> None:
    check_site(many.root, many.site, BASE_URL)


def test_each_shape_renders_its_own_features(many: ScratchProject) -> None:
    robots = many.page("briefs/robotics-series-b/index.html")
    assert len(robots.select("figure.comparison table")) == 2
    assert [cell_value(th) for th in robots.select("table")[0].select("thead th")][1:] == [
        "Kraków Dynamics", "Sørlie Robotics", "Añil Automation", "2025 median"]
    assert robots.find("blockquote") is None
    disputed = robots.select_one(".status-disputed")
    assert disputed is not None and disputed.get_text() == "disputed"
    assert "€410M" in disputed.find_parent("td").get_text()
    assert "Łukasz Wróbel" in robots.select_one(".answer").get_text()
    # Euros and dollars in one row: no chart that would compare them as one unit.
    titles = [t.get_text() for t in robots.select("svg.chart text.chart-title")]
    assert "Round size" in titles and "Round size as announced" not in titles

    yen = many.page("briefs/chip-subsidies-japan/index.html")
    assert len(yen.select("thead th")) == 7  # the measure and six plants
    assert "Δημήτρης Αλεξίου" in yen.find("blockquote").find_parent("figure").get_text()
    assert yen.select_one(".faq") is None
    chart = next(svg for svg in yen.select("svg.chart")
                 if svg.select_one("text.chart-title").get_text().startswith("Subsidy"))
    assert [t.get_text() for t in chart.select("text.bar-value")] == [
        "¥900B", "¥700B", "¥400B", "¥240B", "¥100B", "¥60B"]
    assert "Ελένη Παπαδοπούλου" in yen.select_one("section.updates").get_text()
    assert many.page("briefs/japan-chip-subsidies/index.html").find(
        "meta", attrs={"http-equiv": "refresh"}) is not None


def test_the_checks_notice_a_draft_on_the_site(many: ScratchProject, tmp_path) -> None:
    """The preview's build includes drafts: the published-site checks must refuse it."""
    preview = tmp_path / "preview"
    assert many.cli("build", "--drafts", "--no-search", "--output", str(preview)).code == 0
    with pytest.raises(AssertionError):
        check_site(many.root, preview, BASE_URL)
