"""Bar charts under comparison tables: drawn from the table, never beyond it."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import pytest
from bs4 import Tag

from briefly.views.charts import parse_quantity, render_chart, table_charts

from .conftest import ScratchProject
from .test_brief_page import PAGE, cell_value, table_grid

# The test's own reading of the table's figures (independent of briefly.views.charts).
SUFFIX = {"": 1, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def magnitude(text: str) -> float:
    match = re.match(r"^\$?(\d+(?:\.\d+)?)([KMBT]?)(?![A-Za-z])", text)
    assert match, text
    return float(match[1]) * SUFFIX[match[2]]


def charts(built: ScratchProject) -> list[Tag]:
    return built.page(PAGE).select("figure.comparison .charts svg")


def texts(svg: Tag, kind: str) -> list[str]:
    return [t.get_text() for t in svg.select(f"text.{kind}")]


def bars(svg: Tag) -> list[tuple[str, str, float | None]]:
    """(column label, value shown, bar length or None when there is no bar)."""
    found = []
    for label in svg.select("text.bar-label"):
        value = label.find_next_sibling("text", class_="bar-value")
        rect = label.find_next_sibling()
        length = float(rect["width"]) if rect.name == "rect" else None
        found.append((label.get_text().removesuffix(" (baseline)"), value.get_text(), length))
    return found


def expected_cell(grid: dict[str, dict[str, str]], title: str, column: str) -> str:
    """The table's text for a chart's bar: the cell, or one part of an 'a / b' cell."""
    base = re.sub(r" \(log scale\)$", "", title)
    if base in grid:
        return grid[base][column]
    name, part = re.fullmatch(r"(.*) \((\w+)\)", base).groups()
    row = next(label for label in grid if label.startswith(name + " ("))
    parts = re.search(r"\(([^)]*)\)$", row)[1].split(" / ")
    return grid[row][column].split(" / ")[parts.index(part)]


def test_numeric_rows_get_charts_and_the_rest_do_not(built: ScratchProject) -> None:
    titles = [texts(svg, "chart-title")[0] for svg in charts(built)]
    assert titles == ["Size (energy)", "Size (power)", "Duration",
                      "Homes covered for an hour (log scale)", "Build cost (list)"]


def test_bars_are_proportional_to_the_table_values(built: ScratchProject) -> None:
    grid = table_grid(built.page(PAGE).select_one("table"))
    for svg in charts(built):
        title = texts(svg, "chart-title")[0]
        shown = [(column, value, length) for column, value, length in bars(svg)
                 if length is not None]
        values = [magnitude(expected_cell(grid, title, column)) for column, _, _ in shown]
        longest = max(length for _, _, length in shown)
        high, low = max(values), min(values)
        log = svg["data-scale"] == "log"
        assert log == (high / low >= 10) == title.endswith("(log scale)"), title
        for (column, _, length), value in zip(shown, values):
            if log:
                origin = float(svg["data-log-origin"])
                assert origin < low and math.log10(origin).is_integer()
                share = math.log10(value / origin) / math.log10(high / origin)
            else:
                share = value / high
            assert length == pytest.approx(share * longest, abs=0.02), (title, column)


def test_a_chart_shows_no_value_the_table_lacks(built: ScratchProject) -> None:
    table = built.page(PAGE).select_one("table")
    grid = table_grid(table)
    table_figures = set(re.findall(r"\d+(?:\.\d+)?", table.get_text(" ")))
    for svg in charts(built):
        title = texts(svg, "chart-title")[0]
        for column, value, length in bars(svg):
            assert value == expected_cell(grid, title, column), (title, column)
            assert (length is None) == (value == "not stated")
        shown = " ".join(t.get_text() for t in svg.find_all(["text", "title", "desc"]))
        assert set(re.findall(r"\d+(?:\.\d+)?", shown)) <= table_figures, title


def test_baseline_bar_has_a_pattern_and_a_label_not_colour_alone(built: ScratchProject) -> None:
    svg = next(s for s in charts(built) if texts(s, "chart-title")[0] == "Duration")
    rect = svg.select_one("rect.bar-baseline")
    pattern_id = re.fullmatch(r"url\(#(.+)\)", rect["fill"])[1]
    assert svg.find("pattern", id=pattern_id) is not None
    assert len(svg.select("rect.bar")) == 3 and len(svg.select("rect.bar-baseline")) == 1
    assert texts(svg, "bar-label")[2] == "Ridgeback (2023) (baseline)"


def test_charts_have_an_accessible_name_and_description(built: ScratchProject) -> None:
    for svg in charts(built):
        assert svg["role"] == "img"
        title = svg.find("title", id=svg["aria-labelledby"])
        desc = svg.find("desc", id=svg["aria-describedby"])
        assert title.get_text().endswith(": bar chart")
        for column, value, _ in bars(svg):
            assert f"{column}" in desc.get_text() and value in desc.get_text()
        if svg["data-scale"] == "log":
            assert "Log scale" in desc.get_text()
    page_ids = [el["id"] for el in built.page(PAGE).find_all(id=True)]
    assert len(page_ids) == len(set(page_ids))  # chart ids never collide


def test_charts_follow_an_edited_table(project: ScratchProject) -> None:
    """A row that becomes mixed loses its chart; the table is the source of truth."""
    project.edit(project.facts(), "- 2 hours", "- 2 days")
    project.build()
    svgs = project.page(PAGE).select(".charts svg")
    assert "Duration" not in [s.select_one("text.chart-title").get_text() for s in svgs]
    assert "2 days" in cell_value(project.page(PAGE).select("tbody tr")[1])


@pytest.mark.parametrize("text, value, unit", [
    ("1M tokens", Decimal(10**6), "tokens"),
    ("128K tokens", Decimal(128_000), "tokens"),
    ("384K tokens", Decimal(384_000), "tokens"),
    ("$1.74/M", Decimal("1.74"), "$/M"),
    ("1.6T", Decimal("1.6E12"), ""),
    ("1,000 pages", Decimal(1000), "pages"),
    ("5Mbps", Decimal(5), "Mbps"),
])
def test_values_with_units_are_read(text: str, value: Decimal, unit: str) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None and quantity.value == value and quantity.unit_label == unit


@pytest.mark.parametrize("text", ["~10% of V3.2", "27% of V3.2", "baseline", "1.6T / 49B",
                                  "not stated", "about 5"])
def test_approximate_relative_and_paired_values_are_not_read(text: str) -> None:
    assert parse_quantity(text) is None


COLUMNS = [("A", False), ("B", True)]


@pytest.mark.parametrize("cells", [
    ["1M tokens", "$3/M"],  # mixed units
    ["1M tokens", "~2M tokens"],  # approximate
    ["1M tokens", None],  # only one value stated
])
def test_rows_without_a_common_numeric_unit_get_no_chart(cells: list[str | None]) -> None:
    assert table_charts(COLUMNS, [("Row", cells)]) == ()


def test_pairs_need_their_parts_named_in_the_row_label() -> None:
    assert table_charts(COLUMNS, [("Params", ["1T / 2B", "3T / 4B"])]) == ()
    split = table_charts(COLUMNS, [("Params (total / active)", ["1T / 2B", "3T / 4B"])])
    assert [c.title for c in split] == ["Params (total)", "Params (active)"]


def test_log_scale_keeps_a_power_of_ten_visible() -> None:
    (chart,) = table_charts(COLUMNS, [("Price", ["$1", "$100"])])
    assert chart.log_origin == pytest.approx(0.1)
    assert chart.bars[0].length > 0


def test_a_bar_without_a_value_says_what_the_table_says() -> None:
    columns = [("A", False), ("B", False), ("C", True)]
    (chart,) = table_charts(columns, [("Price", ["$1", None, "$3"])],
                            [["$1", "not applicable", "$3"]])
    svg = str(render_chart(chart, "chart-1"))
    assert ">not applicable</text>" in svg and "B: not applicable" in svg
    assert "not stated" not in svg
    # Without the table's words, a missing value is "not stated".
    (plain,) = table_charts(columns, [("Price", ["$1", None, "$3"])])
    assert ">not stated</text>" in str(render_chart(plain, "chart-2"))
