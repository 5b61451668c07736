"""Claim statuses: badges in words, a legend for the page, and the rules of `check`.

The exact messages of the rules (a self-reported claim citing someone else, an
unknown status, a status without a value...) are broken-brief fixtures
(tests/fixtures/broken/claim-*); here: what readers see, and the rules that
need more than one edit.
"""

from __future__ import annotations

from .conftest import TEST_BRIEF, ScratchProject, line_and_column

FACTS = f"content/briefs/{TEST_BRIEF}/facts.yaml"
PAGE = f"briefs/{TEST_BRIEF}/index.html"
UNSTATED_COOLING = "            - not stated\n            - air"


def test_efficiency_sentence_is_marked_self_reported_in_prose(built: ScratchProject) -> None:
    page = built.page(PAGE)
    claim = page.select_one(".prose .claim")
    assert "lifts round-trip efficiency six points above Ridgeback's" in \
        claim.parent.get_text()
    assert claim.select_one(".status").get_text() == "self-reported"
    link = claim.select_one("sup.cite a.cite-ref")
    assert link["href"] == "#source-alder-grid-release"


def test_legend_explains_every_status_on_the_page_in_words(project: ScratchProject) -> None:
    # One more status, used only in prose, must join the legend.
    project.edit(project.article(), "it is built. [@institute-note]",
                 "it is built. [@institute-note, disputed]")
    project.build()
    page = project.page(PAGE)
    used = {badge.get_text() for badge in page.select("article .status")
            if not badge.find_parent(class_="legend")}
    legend = {dt.get_text(strip=True): dd.get_text(strip=True) for dt, dd in
              zip(page.select(".legend dt"), page.select(".legend dd"))}
    assert used == {"self-reported", "estimate", "disputed"}
    assert set(legend) == used
    assert legend["estimate"] == "an estimate, not a measured figure"
    assert legend["disputed"] == "contested by other sources"
    assert page.select_one("#status-legend h3").get_text() == "What the labels mean"


def test_without_the_party_flag_every_self_reported_claim_is_refused(
        project: ScratchProject) -> None:
    project.edit(project.facts(), "    party: true  # the operator's own announcement", "    # was")
    result = project.cli("check")
    assert result.code == 1
    for needle, field in (("{value: 6 points above Ridgeback, status: self-reported}",
                           "numbers.tables[0].rows[5].cells[0]"),
                          ("{value: 4 points above Ridgeback, status: self-reported}",
                           "numbers.tables[0].rows[5].cells[1]"),
                          ("{value: liquid, status: self-reported}",
                           "numbers.tables[0].rows[6].cells[0]")):
        line, column = line_and_column(project.facts(), needle)
        assert (f"{FACTS}:{line}:{column}: error: a self-reported value must cite a source "
                f"from the party itself ({field})") in result.err
    # The prose claim is caught by the same rule.
    assert "a self-reported claim must cite a source from the party itself" in result.err
    assert result.err.splitlines()[-1] == "Check failed: 4 errors, 0 warnings."


def test_not_disclosed_cell_says_so_never_blank(project: ScratchProject) -> None:
    project.edit(project.facts(), UNSTATED_COOLING,
                 "            - {status: not disclosed}\n            - air")
    project.build()
    row = next(tr for tr in project.page(PAGE).select("tbody tr")
               if "Cooling" in tr.th.get_text())
    cell = row.find_all("td")[1]
    assert cell.get_text(strip=True) == "not disclosed"
    assert cell.select_one(".status.status-not-disclosed").get_text() == "not disclosed"
    legend = [dt.get_text(strip=True) for dt in project.page(PAGE).select(".legend dt")]
    assert legend == ["self-reported", "estimate", "not disclosed"]


def test_not_disclosed_in_prose_is_a_badge_in_words(project: ScratchProject) -> None:
    project.edit(project.article(), "it is built. [@institute-note]",
                 "it is built. [@institute-note, not disclosed]")
    project.build()
    claim = project.page(PAGE).select(".claim")[-1]
    assert claim.select_one(".status").get_text() == "not disclosed"
    assert "decide how fast it is built" in claim.parent.get_text()
