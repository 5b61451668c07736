"""Data to take away: each table as CSV, the fact sheet as facts.json."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import jsonschema
import yaml

from briefly.content.fact_sheet import facts_json_schema

from .conftest import REPO, TEST_BRIEF, ScratchProject
from .test_brief_page import PAGE, table_grid

FOLDER = f"briefs/{TEST_BRIEF}/"
SUFFIX = {"": 1, "K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}


def read_csv(built: ScratchProject, name: str = "table-1.csv") -> list[dict[str, str]]:
    text = (built.site / FOLDER / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def as_number(text: str, unit: str) -> Decimal:
    """A table cell ("128K tokens", "$1.74/M") in the CSV header's unit."""
    prefix = "$" if unit.startswith("$") else ""
    suffix = unit.removeprefix(prefix)
    match = re.fullmatch(rf"{re.escape(prefix)}(\d+(?:\.\d+)?)([KMBT]?)\s*{re.escape(suffix)}",
                         text)
    assert match, (text, unit)
    return Decimal(match[1]) * SUFFIX[match[2]]


def test_csv_round_trips_to_the_table(built: ScratchProject) -> None:
    grid = table_grid(built.page(PAGE).select_one("table"))
    rows = read_csv(built)
    columns = [name for name in rows[0] if name not in ("measure", "status", "notes", "sources")]
    assert [c.removesuffix(" [baseline]") for c in columns] == ["Tidewater", "Saltmarsh",
                                                                "Ridgeback (2023)"]
    assert columns[2].endswith("[baseline]")
    measures = []
    for row in rows:
        label, unit = re.fullmatch(r"(.*?)(?: \[(.+)\])?", row["measure"]).groups()
        measures.append(label)
        for column in columns:
            shown = grid[label][column.removesuffix(" [baseline]")]
            value = row[column]
            if shown == "not stated":
                assert value == "", (label, column)
            elif unit:
                assert Decimal(value) == as_number(shown, unit), (label, column)
            else:
                assert value == shown, (label, column)
    assert measures == list(grid)


def test_csv_has_units_in_headers_and_notes_statuses_sources(built: ScratchProject) -> None:
    rows = {row["measure"]: row for row in read_csv(built)}
    assert rows["Homes covered for an hour [homes]"]["Ridgeback (2023) [baseline]"] == "90000"
    assert rows["Homes covered for an hour [homes]"]["Tidewater"] == "1200000"
    price = rows["Build cost (list) [$/kWh]"]
    assert price["Tidewater"] == "118"
    assert price["Ridgeback (2023) [baseline]"] == ""  # not stated
    assert price["notes"] == ("Tidewater: Includes the grid connection, which Ridgeback's "
                              "figure leaves out.")
    lifetime = rows["Expected lifetime"]
    assert lifetime["Saltmarsh"] == "~20 years"
    assert lifetime["status"] == "Tidewater: estimate; Saltmarsh: estimate"
    release = "Alder Grid: Tidewater and Saltmarsh batteries enter service (2026-03-03)"
    register = ("Alder Energy Regulator: Capacity register, March 2026 update (2026-03-09) "
                "https://regulator.example/capacity-register/2026-03")
    institute = "Estuary Energy Institute: Storage costs in the Alder region (2026-02-20)"
    times = "The Estuary Times: Batteries take over the evening peak on the estuary (2026-03-04)"
    # Columns' sources for every row; a row's own and its cells' sources join them.
    assert rows["Duration [hours]"]["sources"] == f"{release} | {register}"
    assert rows["Homes covered for an hour [homes]"]["sources"] == \
        f"{times} | {release} | {register}"
    assert lifetime["sources"] == f"{release} | {institute} | {register}"


def test_download_links_sit_beside_the_table_and_resolve(built: ScratchProject) -> None:
    page = built.page(PAGE)
    figure = page.select_one("figure.comparison")
    link = figure.find("a", string="Download CSV")
    assert link["href"] == "table-1.csv" and link.has_attr("download")
    facts = page.find("a", href="facts.json")
    assert facts is not None and "fact sheet" in facts.get_text()
    assert (built.site / FOLDER / "facts.json").is_file()


def test_facts_json_validates_against_the_fact_sheet_schema(built: ScratchProject) -> None:
    facts = json.loads((built.site / FOLDER / "facts.json").read_text(encoding="utf-8"))
    committed = json.loads((REPO / "schemas" / "facts.schema.json").read_text(encoding="utf-8"))
    for schema in (facts_json_schema(), committed):
        jsonschema.validate(facts, schema,
                            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert facts["published"] == "2026-03-05" and facts["updated"] == "2026-03-12"
    assert [s["date"] for s in facts["sources"]][:2] == ["2026-03-03", "2026-03-04"]
    assert [u["date"] for u in facts["updates"]] == ["2026-03-09", "2026-03-12"]


def test_facts_json_holds_what_the_editor_wrote(built: ScratchProject) -> None:
    facts = json.loads((built.site / FOLDER / "facts.json").read_text(encoding="utf-8"))
    written = yaml.safe_load(built.facts().read_text(encoding="utf-8"))
    for key in ("kicker", "headline", "dek", "answer", "watch", "faq"):
        assert facts[key] == written[key], key
    table, source_table = facts["numbers"]["tables"][0], written["numbers"]["tables"][0]
    assert table["caption"] == source_table["caption"]
    for row, source_row in zip(table["rows"], source_table["rows"], strict=True):
        values = [c if isinstance(c, str) else c["value"] for c in source_row["cells"]]
        assert [c["value"] for c in row["cells"]] == values
    assert table["rows"][3]["cells"][0]["note"].startswith("Includes the grid connection")
    assert facts["quote"]["speaker"] == "Inês Carvalho"
    assert facts["aliases"] == ["tidewater-storage"]
    assert "url" not in facts["sources"][0]  # the brief gives none: never invented
    assert facts["sources"][3]["url"] == "https://regulator.example/capacity-register/2026-03"


def test_csv_follows_an_edited_table(project: ScratchProject) -> None:
    project.build()
    before = (project.site / FOLDER / "table-1.csv").read_bytes()
    project.edit(project.facts(), "- $131/kWh", "- $129/kWh")
    project.build()
    after = (project.site / FOLDER / "table-1.csv").read_text(encoding="utf-8")
    assert after != before.decode() and "[$/kWh],118,129," in after
