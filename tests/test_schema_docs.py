"""The JSON Schema and the editors' guide are generated from the model and kept current."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from briefly.cli import main
from briefly.editor.docs import SCHEMA_FILE, schema_text, stale_files
from briefly.content.claims import STATUS_MEANINGS
from briefly.content.fact_sheet import FACTS
from briefly.content.spec import field_reference

from .conftest import OTHER_BRIEFS, REPO, TEST_BRIEF, TEST_PROJECT, ScratchProject

TEST_FACTS = TEST_PROJECT / "content" / "briefs" / TEST_BRIEF / "facts.yaml"
# Every fact sheet the suite owns that check accepts.
VALID_FACTS = [TEST_FACTS, *sorted(OTHER_BRIEFS.glob("*/facts.yaml"))]


def as_json(value: Any) -> Any:
    """YAML gives date objects where JSON (and the schema) has YYYY-MM-DD strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads((REPO / SCHEMA_FILE).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_committed_schema_and_guide_are_current() -> None:
    assert (REPO / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(), \
        "schemas/facts.schema.json is stale: run `python build.py docs`"
    assert stale_files(REPO) == [], "run `python build.py docs` and commit the result"


@pytest.mark.parametrize("path", VALID_FACTS, ids=lambda path: path.parent.name)
def test_valid_facts_are_valid_against_the_schema(validator, path: Path) -> None:
    facts = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert isinstance(facts["published"], str)
    assert list(validator.iter_errors(facts)) == []


def test_schema_rejects_what_check_rejects(validator) -> None:
    facts = as_json(yaml.safe_load(TEST_FACTS.read_text(encoding="utf-8")))
    facts["sorces"] = facts.pop("sources")
    facts["published"] = "29 April 2026"
    facts["numbers"]["tables"][0]["rows"][5]["cells"][0]["status"] = "self reported"
    problems = {tuple(error.absolute_path) for error in validator.iter_errors(facts)}
    assert problems == {(), ("published",), ("numbers", "tables", 0, "rows", 5, "cells", 0)}


def test_scaffolded_facts_are_valid_against_the_schema(project: ScratchProject,
                                                       validator) -> None:
    assert project.cli("new", "A headline").code == 0
    facts = as_json(yaml.safe_load(project.facts("a-headline").read_text(encoding="utf-8")))
    assert list(validator.iter_errors(facts)) == []


def test_guide_documents_every_field() -> None:
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for path, _kind, _required, _doc in field_reference(FACTS):
        assert f"| `{path}` |" in guide, path


def guide_section(title: str) -> str:
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    start = guide.index(f"\n## {title}")
    return guide[start:guide.index("\n## ", start + 1)]


def test_guide_explains_every_claim_status_and_when_to_use_each() -> None:
    table = guide_section("How solid is each figure: claim status")
    for status, meaning in STATUS_MEANINGS.items():
        assert f"| `{status}` | {meaning}" in table, status
    cases = guide_section("Common cases")
    for status in ("denied", "disputed", "not stated", "not disclosed", "not applicable"):
        assert f"`{status}`" in cases, status


def test_guides_yaml_examples_for_values_with_commas_read_as_written() -> None:
    cases = guide_section("Common cases")
    block = cases.split("```yaml\n", 1)[1].split("```", 1)[0]
    cells = yaml.safe_load(block)["cells"]
    assert [c["value"] if isinstance(c, dict) else c for c in cells] == [
        "$200bn (reported, denied)", "$200bn (reported, denied)", "Pro: $1.74/M"]
    assert all(c["status"] == "denied" for c in cells if isinstance(c, dict))


def test_docs_check_reports_a_stale_copy_and_docs_fixes_it(tmp_path: Path) -> None:
    shutil.copy2(REPO / "CONTRIBUTING.md", tmp_path / "CONTRIBUTING.md")
    (tmp_path / "schemas").mkdir()
    (tmp_path / SCHEMA_FILE).write_text("{}\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "docs", "--check"]) == 1
    assert (tmp_path / SCHEMA_FILE).read_text(encoding="utf-8") == "{}\n"
    assert main(["--root", str(tmp_path), "docs"]) == 0
    assert main(["--root", str(tmp_path), "docs", "--check"]) == 0
    assert (tmp_path / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()
