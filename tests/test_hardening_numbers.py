"""Numbers of any length reach the CSV digit for digit and never break a chart."""

from __future__ import annotations

import csv
import io
import math

from briefly.render.urls import brief_url, page_file, table_csv_url

from .conftest import TEST_BRIEF, ScratchProject

DURATION = "            - 4 hours\n            - 4 hours\n            - 2 hours\n"


def durations(project: ScratchProject, *values: str) -> None:
    project.edit(project.facts(), DURATION,
                 "".join(f"            - {value} hours\n" for value in values))


def csv_row(project: ScratchProject, label: str) -> list[str]:
    text = (project.site / table_csv_url(TEST_BRIEF, "table-1")).read_text(encoding="utf-8")
    return next(row for row in csv.reader(io.StringIO(text)) if row[0].startswith(label))


def test_numbers_longer_than_28_digits_are_not_rounded(project: ScratchProject) -> None:
    long = "1234567890123456789012345678901234567"
    durations(project, long, "9" * 40, "2.000000000000000000000000000000001")
    project.build("--no-search")
    assert csv_row(project, "Duration")[1:4] == [long, "9" * 40,
                                                "2.000000000000000000000000000000001"]


def bar_widths(project: ScratchProject) -> list[str]:
    page = project.page(page_file(brief_url(TEST_BRIEF)))
    return [rect["width"] for svg in page.select("svg.chart") for rect in svg.select("rect.bar")]


def test_a_number_no_float_can_hold_draws_no_broken_bar(project: ScratchProject) -> None:
    huge, tiny = "1" + "0" * 400, "0." + "0" * 399 + "1"
    durations(project, huge, "5", tiny)
    project.build("--no-search")
    widths = bar_widths(project)
    assert widths and all(math.isfinite(float(w)) for w in widths)  # the other charts
    page = project.page(page_file(brief_url(TEST_BRIEF)))
    assert huge in page.get_text() and tiny in page.get_text()  # the table shows them
    assert csv_row(project, "Duration")[1:4] == [huge, "5", tiny]


def test_values_far_apart_still_chart_on_a_log_scale(project: ScratchProject) -> None:
    durations(project, "1" + "0" * 300, "5", "0." + "0" * 300 + "1")
    project.build("--no-search")
    page = project.page(page_file(brief_url(TEST_BRIEF)))
    charts = [svg for svg in page.select("svg.chart") if "Duration" in svg.title.get_text()]
    assert len(charts) == 1 and charts[0]["data-scale"] == "log"
    assert all(0 <= float(r["width"]) <= 320 for r in charts[0].select("rect.bar"))
