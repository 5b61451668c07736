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


def test_a_source_cited_often_keeps_a_short_row_that_reaches_every_citation(
        project: ScratchProject) -> None:
    # institute-note is cited five times in the test brief; six more make eleven.
    more = " ".join(f"Point {n}. [@institute-note]" for n in range(1, 7))
    project.edit(project.article(), "decide how fast it is built. [@institute-note]",
                 f"decide how fast it is built. [@institute-note]\n\n{more}")
    project.build()
    page = project.page(PAGE)
    citing = [a["id"] for a in page.select('a.cite-ref[href="#source-institute-note"]')]
    assert len(citing) == 11
    entry = page.find(id="source-institute-note")
    backlinks = entry.select_one(".backlinks")
    # Every citing place is linked from the entry, exactly once, in reading order.
    assert [a["href"][1:] for a in backlinks.select("a")] == citing
    number = entry["value"]
    assert all(a["aria-label"] == f"Back to citation {number}{a.get_text()} in the text"
               for a in backlinks.select("a"))
    # The visible row: a few letters, then one "+N more" control for the rest.
    shown = backlinks.find_all("a", recursive=False)
    assert 1 < len(shown) <= 6
    more_box = backlinks.select_one("details.more-backlinks")
    summary = more_box.summary
    hidden = summary.select_one(".visually-hidden").get_text()
    assert summary.get_text().replace(hidden, "") == f"+{11 - len(shown)} more"
    assert hidden == f" places citing source {number}"
    assert len(more_box.select("a")) == 11 - len(shown)
    assert backlinks.name == "div"  # a <details> may not sit in a <span>
    # A source cited a few times shows every letter, with no control.
    few = page.find(id="source-regulator-register").select_one(".backlinks")
    assert few.name == "span" and not few.select("details")
    assert len(few.select("a")) == len(page.select('a.cite-ref[href="#source-regulator-register"]'))


def test_six_backlinks_are_all_shown(project: ScratchProject) -> None:
    # "+1 more" would take the room of the letter it hides.
    project.edit(project.article(), "decide how fast it is built. [@institute-note]",
                 "decide how fast it is built. [@institute-note] Once more. [@institute-note]")
    project.build()
    backlinks = project.page(PAGE).find(id="source-institute-note").select_one(".backlinks")
    assert len(backlinks.find_all("a", recursive=False)) == 6
    assert not backlinks.select("details")
