"""Claim statuses: badges in words, a legend for the page, and the rules of `check`.

The exact messages of the rules (a self-reported claim citing someone else, an
unknown status, a status without a value...) are broken-brief fixtures
(tests/fixtures/broken/claim-*); here: what readers see, and the rules that
need more than one edit.
"""

from __future__ import annotations

import csv
import io
import json

from bs4 import BeautifulSoup, Tag

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


def visible_text(tag: Tag) -> str:
    """What a sighted reader sees of a badge: without its words for screen readers."""
    copy = BeautifulSoup(str(tag), "html.parser")
    for hidden in copy.select(".visually-hidden"):
        hidden.decompose()
    return copy.get_text(strip=True)


def legend_of(page: BeautifulSoup) -> dict[str, str]:
    return {visible_text(dt): dd.get_text(strip=True) for dt, dd in
            zip(page.select(".legend dt"), page.select(".legend dd"))}


def test_legend_explains_every_status_on_the_page_in_words(project: ScratchProject) -> None:
    # One more status, used only in prose, must join the legend.
    project.edit(project.article(), "it is built. [@institute-note]",
                 "it is built. [@institute-note, disputed]")
    project.build()
    page = project.page(PAGE)
    used = {badge.get_text() for badge in page.select("article .status, article .tag")
            if not badge.find_parent(class_="legend")}
    legend = legend_of(page)
    assert used == {"baseline", "self-reported", "estimate", "disputed"}
    assert set(legend) == used
    assert legend["estimate"] == "an estimate, not a measured figure"
    assert legend["disputed"] == "contested by other sources"
    assert legend["baseline"] == "the column the others are compared with"
    assert page.select_one("#status-legend h3").get_text() == "What the labels mean"


def test_every_tag_and_badge_in_the_tables_is_in_the_legend(project: ScratchProject) -> None:
    project.edit(project.facts(), UNSTATED_COOLING,
                 "            - {status: not applicable}\n            - air")
    project.edit(project.facts(), "            - 15 years\n",
                 "            - {value: 25 years, status: denied, cite: estuary-times}\n")
    project.build()
    page = project.page(PAGE)
    labels = [b for table in page.select("figure.comparison table")
              for b in table.select(".tag, .status")]
    shown = {visible_text(b) for b in labels}
    assert shown == {"baseline", "self-reported", "estimate", "—", "denied"}
    legend = legend_of(page)
    assert shown <= set(legend)
    # Each legend label looks like its badge on the table (same classes).
    for badge in labels:
        dt = next(dt for dt in page.select(".legend dt") if visible_text(dt) ==
                  visible_text(badge))
        assert dt.span["class"] == badge["class"]
    assert legend["—"] == "not applicable: the measure does not apply to that thing"
    assert legend["denied"] == "the party itself denies it"
    assert list(legend) == ["baseline", "self-reported", "estimate", "denied", "—"]


def test_a_page_without_a_baseline_or_status_has_no_legend(project: ScratchProject) -> None:
    facts = project.facts().read_text(encoding="utf-8")
    facts = facts.replace("          baseline: true\n", "")
    for status in (", status: estimate", ", status: self-reported"):
        facts = facts.replace(status, "")
    project.facts().write_text(facts, encoding="utf-8")
    project.edit(project.article(), "[@alder-grid-release, self-reported]",
                 "[@alder-grid-release]")
    project.build()
    page = project.page(PAGE)
    assert not page.select("figure.comparison .tag, figure.comparison .status")
    assert page.select_one("#status-legend") is None


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
    assert legend == ["baseline", "self-reported", "estimate", "not disclosed"]


def test_not_disclosed_in_prose_is_a_badge_in_words(project: ScratchProject) -> None:
    project.edit(project.article(), "it is built. [@institute-note]",
                 "it is built. [@institute-note, not disclosed]")
    project.build()
    claim = project.page(PAGE).select(".claim")[-1]
    assert claim.select_one(".status").get_text() == "not disclosed"
    assert "decide how fast it is built" in claim.parent.get_text()


def test_not_applicable_cell_shows_a_dash_and_says_so_to_screen_readers(
        project: ScratchProject) -> None:
    project.edit(project.facts(), UNSTATED_COOLING,
                 "            - {status: not applicable}\n            - air")
    project.build()
    row = next(tr for tr in project.page(PAGE).select("tbody tr")
               if "Cooling" in tr.th.get_text())
    cell = row.find_all("td")[1]
    badge = cell.select_one(".status.status-not-applicable")
    assert badge.select_one('[aria-hidden="true"]').get_text() == "—"
    assert badge.select_one(".visually-hidden").get_text() == "not applicable"
    assert visible_text(cell) == "—"
    assert "unstated" in cell["class"]


def test_new_statuses_keep_the_data_files_shape(project: ScratchProject) -> None:
    project.edit(project.facts(), UNSTATED_COOLING,
                 "            - {status: not applicable}\n            - air")
    project.edit(project.facts(), "            - 15 years\n",
                 "            - {value: 25 years, status: denied, cite: estuary-times}\n")
    project.build()
    folder = project.site / "briefs" / TEST_BRIEF
    rows = list(csv.reader(io.StringIO((folder / "table-1.csv").read_text(encoding="utf-8"))))
    header, by_label = rows[0], {row[0]: row for row in rows[1:]}
    cooling = dict(zip(header, by_label["Cooling"]))
    assert cooling["Saltmarsh"] == ""  # no value, as for 'not stated'
    assert cooling["status"] == "Tidewater: self-reported; Saltmarsh: not applicable"
    lifetime = dict(zip(header, by_label["Expected lifetime"]))
    assert lifetime["Ridgeback (2023) [baseline]"] == "25 years"
    assert lifetime["status"].endswith("; Ridgeback (2023): denied")
    facts = json.loads((folder / "facts.json").read_text(encoding="utf-8"))
    cells = facts["numbers"]["tables"][0]["rows"]
    assert cells[6]["cells"][1] == {"cite": [], "status": "not applicable", "value": ""}
    assert cells[4]["cells"][2] == {"cite": ["estuary-times"], "status": "denied",
                                    "value": "25 years"}


def test_a_denied_value_cited_by_its_row_or_column_passes(project: ScratchProject) -> None:
    # The row's or the column's sources count, as for self-reported values.
    project.edit(project.facts(), "            - 15 years\n",
                 "            - {value: 25 years, status: denied}\n")
    result = project.cli("check")
    assert result.code == 0, result.err  # Ridgeback's column cites the register
