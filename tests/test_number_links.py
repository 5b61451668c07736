"""Figures in the prose lead to their table cells, on the built page.

A reader who doubts a figure follows it to the cell that gives it, with its
status, note and source; the cell is outlined when targeted and takes the
focus, so keyboard and screen-reader users land there too.  No script.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import REPO, copy_project

DEEPSEEK = Path(__file__).parent / "fixtures" / "briefs" / "deepseek-v4"
PAGE = "briefs/deepseek-v4/index.html"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> BeautifulSoup:
    scratch = copy_project(tmp_path_factory.mktemp("links") / "project")
    shutil.copytree(DEEPSEEK, scratch.brief_dir("deepseek-v4"))
    scratch.build("--no-search")
    return scratch.page(PAGE)


def prose_links(page: BeautifulSoup) -> list:
    return page.select("main a.fact-link")


def target(page: BeautifulSoup, link) -> object:
    assert link["href"].startswith("#")
    cell = page.find(id=link["href"][1:])
    assert cell is not None, link
    return cell


def header_of(page: BeautifulSoup, cell) -> tuple[str, str]:
    """The cell's row label and column label, as the table shows them."""
    row = cell.find_parent("tr")
    table = cell.find_parent("table")
    column = row.find_all("td").index(cell)
    heads = table.select("thead th")[1:]
    return next(row.th.stripped_strings), next(heads[column].stripped_strings)


@pytest.mark.parametrize("section, figure, row, column", [
    ("what-happened", "1.6T", "Params (total / active)", "V4-Pro"),
    ("what-happened", "49B", "Params (total / active)", "V4-Pro"),
    ("what-happened", "284B", "Params (total / active)", "V4-Flash"),
    ("what-happened", "13B", "Params (total / active)", "V4-Flash"),
    ("what-happened", "10%", "KV cache", "V4-Pro"),
    ("the-numbers", "$1.74/M", "API input price (list)", "V4-Pro"),
    ("the-numbers", "$3.48/M", "API output price (list)", "V4-Pro"),
    ("the-numbers", "$0.14/M", "API input price (list)", "V4-Flash"),
    ("the-numbers", "$0.28/M", "API output price (list)", "V4-Flash"),
])
def test_prices_and_parameter_counts_link_to_their_cells(
        page: BeautifulSoup, section: str, figure: str, row: str, column: str) -> None:
    heading = page.find(id=section)
    links = [a for a in heading.find_parent("section").select("a.fact-link")
             if a.get_text() == figure]
    assert links, f"{figure} is not linked in #{section}"
    cell = target(page, links[0])
    assert cell.name == "td"
    assert header_of(page, cell) == (row, column)
    assert figure.split("/")[0].rstrip("%") in cell.get_text()


def test_the_answer_and_faq_link_too(page: BeautifulSoup) -> None:
    assert [a.get_text() for a in page.select(".answer a.fact-link")] == ["1.6T", "284B"]
    prices = page.find(id="faq-2").select(".faq-answer a.fact-link")
    assert [(a.get_text(), header_of(page, target(page, a))) for a in prices][:4] == [
        ("$1.74", ("API input price (list)", "V4-Pro")),
        ("$3.48", ("API output price (list)", "V4-Pro")),
        ("$0.14", ("API input price (list)", "V4-Flash")),
        ("$0.28", ("API output price (list)", "V4-Flash")),
    ]


def test_every_link_reaches_a_focusable_cell_and_says_where_it_goes(page: BeautifulSoup) -> None:
    links = prose_links(page)
    assert len(links) >= 20
    for link in links:
        cell = target(page, link)
        assert cell.name == "td" and cell["tabindex"] == "-1"
        # The accessible name starts with the visible text (label in name).
        assert link["aria-label"].startswith(link.get_text() + ", ")
        assert link["aria-label"].endswith(" in the table")
    ids = [td["id"] for td in page.select("td[id]")]
    assert len(ids) == len(set(ids)) == len(page.select("figure.comparison td"))


def test_citations_and_source_dates_are_not_made_links(page: BeautifulSoup) -> None:
    for sup in page.select("sup.cite"):
        assert sup.select("a.fact-link") == []
    assert all(a.find_parent("a") is None for a in prose_links(page))


def test_the_targeted_cell_is_highlighted_without_script() -> None:
    css = (REPO / "static" / "style.css").read_text(encoding="utf-8")
    assert re.search(r"td:target\s*\{[^}]*outline:", css)
    assert re.search(r"\.fact-link\s*\{[^}]*text-decoration:[^;}]*underline", css)


def test_figures_in_code_links_and_the_update_log_are_left_alone(tmp_path: Path) -> None:
    scratch = copy_project(tmp_path / "project")
    shutil.copytree(DEEPSEEK, scratch.brief_dir("deepseek-v4"))
    scratch.edit(scratch.article("deepseek-v4"), "rank. [@cfr]",
                 "rank. [@cfr] The `$1.74/M` tier is [priced at $3.48/M](https://x.example/). "
                 "[@deepseek-release]")
    scratch.edit(scratch.facts("deepseek-v4"), "updated: 2026-04-29\n", """updated: 2026-04-30
updates:
  - date: 2026-04-30
    text: Added the $1.74/M input price. [@deepseek-release]
""")
    scratch.build("--no-search")
    page = scratch.page(PAGE)
    code = page.find("code", string="$1.74/M")
    assert code is not None and code.find_parent("a") is None
    link = page.find("a", href="https://x.example/")
    assert link.get_text() == "priced at $3.48/M" and link.select("a") == []
    log = page.find(id="updates")
    assert log is not None and log.select("a.fact-link") == []
