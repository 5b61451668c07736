"""Output other programs read (feeds, sitemaps, pages, CSV, CI annotations) cannot be
broken by what an editor types."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import yaml

from briefly.content import located_yaml

from .conftest import ScratchProject

HEADLINE = 'headline: "Tidewater battery opens: 400 MWh of storage at $118 a kilowatt-hour"'


@pytest.mark.parametrize("escape, point", [("\\x01", "U+0001"), ("\\f", "U+000C"),
                                           ("\\0", "U+0000"), ("\\e", "U+001B"),
                                           ("\\uFFFF", "U+FFFF")])
def test_yaml_escapes_feeds_cannot_carry_are_refused(project: ScratchProject, escape: str,
                                                      point: str) -> None:
    project.edit(project.facts(), HEADLINE, HEADLINE.replace("opens:", f"opens:{escape}"))
    result = project.cli("check")
    assert result.code == 1
    assert (f"facts.yaml:5:1: error: 'headline' contains {point}, a "
            in result.err), result.err
    assert "feeds and pages cannot carry" in result.err
    built = project.cli("build")
    assert built.code == 1 and "Traceback" not in built.err
    assert not project.site.exists()  # no page or feed ever carried it


def test_a_control_character_in_the_article_is_refused_where_it_is(
        project: ScratchProject) -> None:
    text = project.article().read_text(encoding="utf-8")
    project.article().write_text(text.replace("\n\n", "\n\nx\x00y", 1), encoding="utf-8")
    result = project.cli("build")
    assert result.code == 1
    assert "brief.md:" in result.err and "contains U+0000, a control character" in result.err
    assert not project.site.exists()


def test_feeds_of_text_with_tabs_and_unicode_parse(project: ScratchProject) -> None:
    project.edit(project.facts(), HEADLINE,
                 HEADLINE.replace("opens:", "opens\\t— “quoted” & <tagged>:"))
    project.build("--no-search")
    for feed in project.site.rglob("*.xml"):
        ET.parse(feed)  # raises on any character XML cannot carry
    assert b"\x00" not in (project.site / "index.html").read_bytes()


def _csv_rows(project: ScratchProject) -> list[list[str]]:
    import csv
    [table] = sorted((project.site / "briefs" / "tidewater-battery").glob("table-*.csv"))
    with table.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_text_cells_cannot_start_a_formula(project: ScratchProject) -> None:
    facts = project.facts()
    project.edit(facts, "- label: Cooling", '- label: "@SUM(A1:A9)"')
    project.edit(facts, "- {value: liquid, status: self-reported}",
                 '- {value: "=HYPERLINK(\\"http://evil.example\\")", status: self-reported}')
    project.edit(facts, "            - not stated\n            - air",
                 '            - "+1+2"\n            - "-5%"')
    project.build("--no-search")
    rows = {row[0]: row for row in _csv_rows(project)}
    assert rows["'@SUM(A1:A9)"][1:4] == ["'=HYPERLINK(\"http://evil.example\")", "'+1+2",
                                         "'-5%"]
    for row in rows.values():
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_csv_numbers_keep_no_quote(project: ScratchProject) -> None:
    project.build("--no-search")
    rows = {row[0]: row for row in _csv_rows(project)}
    assert rows["Duration [hours]"][1:4] == ["4", "4", "2"]


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_a_lone_surrogate_is_one_error_with_either_yaml_loader(
        project: ScratchProject, monkeypatch: pytest.MonkeyPatch, loader: str) -> None:
    """libyaml refuses the escape itself; the pure-Python loader reads it, and check must."""
    if not hasattr(yaml, loader):
        pytest.skip("this PyYAML was built without libyaml")
    monkeypatch.setattr(located_yaml, "_Loader", getattr(yaml, loader))
    project.edit(project.facts(), HEADLINE, HEADLINE.replace("opens:", "opens:\\ud800"))
    for command in ("check", "build"):
        result = project.cli(command)
        assert result.code == 1 and "Traceback" not in result.err
        errors = [line for line in result.err.splitlines() if ": error: " in line]
        assert len(errors) == 1 and errors[0].startswith(
            "content/briefs/tidewater-battery/facts.yaml:5:"), errors
    assert not project.site.exists()
