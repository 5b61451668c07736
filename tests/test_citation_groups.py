"""Citations of several sources at once, and sources cited many times.

A group shows its numbers in ascending order whatever order the editor wrote
the ids in; a source cited many times keeps a short row of backlinks that
still reaches every citing place.
"""

from __future__ import annotations

from bs4 import Tag

from .conftest import TEST_BRIEF, ScratchProject

PAGE = f"briefs/{TEST_BRIEF}/index.html"
GROUP = "[@alder-grid-release; @estuary-times; @grid-weekly]"


def group_numbers(sup: Tag) -> list[str]:
    return [a.get_text() for a in sup.select("a.cite-ref")]


def test_a_group_lists_its_numbers_in_ascending_order(project: ScratchProject) -> None:
    # The answer cites alder-grid-release first, so it is source 1 wherever it
    # stands in a later group; the group's new sources take 2 and 3.
    project.edit(project.article(), GROUP,
                 "[@grid-weekly; @estuary-times; @alder-grid-release]")
    # regulator-register is new here (4), estuary-times already 3.
    project.edit(project.article(), "as the third. [@regulator-register]",
                 "as the third. [@regulator-register; @estuary-times]")
    project.build()
    page = project.page(PAGE)
    sups = page.select(".prose sup.cite")
    assert group_numbers(sups[0]) == ["1", "2", "3"]
    assert sups[0].get_text() == "1, 2, 3"
    by_number = {a.get_text(): a["href"] for a in sups[0].select("a")}
    assert by_number == {"1": "#source-alder-grid-release", "2": "#source-grid-weekly",
                         "3": "#source-estuary-times"}
    second = next(s for s in sups if "#source-regulator-register" in
                  [a["href"] for a in s.select("a")])
    assert second.get_text() == "3, 4"
    # Every number still points at the source listed with that number.
    for link in page.select("a.cite-ref"):
        assert page.find(id=link["href"][1:])["value"] == link.get_text()
