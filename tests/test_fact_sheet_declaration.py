"""The fact sheet's shape is declared once, in the spec, and everything follows it.

The model's attributes, the assembler, the facts.json export and the brief
summaries all come from ``fact_sheet.FACTS``; these tests prove it, down to a
field that does not exist yet: added to a copy of the spec, it reaches the
model, the assembled brief, the export and the summary with no other edit.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
from datetime import date
from typing import Any

import jsonschema
import pytest

from briefly.content.assemble import DERIVED, FROM_FILES, assemble_brief
from briefly.content.check_article import check_sections
from briefly.content.check_brief import BriefValidator
from briefly.content.fact_sheet import FACTS
from briefly.content.model import Brief, Cell
from briefly.content.read import RawBrief, load_brief
from briefly.content.slugs import topic_slug
from briefly.content.spec import Day, Field, ListOf, Obj, Spec, Text, field_reference
from briefly.content.spec_check import Checker
from briefly.content.spec_model import (SpecModelError, assembler, exporter, field_lines,
                                        model_specs, slots, summary_attrs)
from briefly.editor.docs import MODEL_FILE, model_text
from briefly.errors import Diagnostics
from briefly.render.data_files import fact_sheet
from briefly.views.summaries import BriefSummary

from .conftest import REPO, TEST_BRIEF, TEST_PROJECT

LIVE = TEST_PROJECT / "content" / "briefs" / TEST_BRIEF


@pytest.fixture(scope="module")
def raw() -> RawBrief:
    return load_brief(LIVE, TEST_PROJECT, TEST_PROJECT / "content")


def checked(spec: Obj, facts: Any) -> dict[str, Any]:
    problems: list[tuple] = []
    data = Checker(report=lambda path, message, hint: problems.append((path, message))
                   ).check(spec, facts, ())
    assert problems == []
    return data


def brief_of(raw: RawBrief, facts: dict[str, Any] | None = None) -> Brief:
    """The brief ``check`` makes of the live folder, with other facts if given."""
    raw = dataclasses.replace(raw, facts=facts) if facts is not None else raw
    diagnostics = Diagnostics()
    brief = BriefValidator(raw, diagnostics).run()
    assert brief is not None, [str(p) for p in diagnostics.errors]
    return brief


def yaml_shape(value: Any) -> Any:
    """Checked data as facts.json writes it: no None, dates as text, lists."""
    if isinstance(value, dict):
        return {k: yaml_shape(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [yaml_shape(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


# -- the declaration and the model agree --------------------------------------
def test_every_spec_field_is_a_model_attribute() -> None:
    for node in model_specs(FACTS):
        attrs = {f.name for f in dataclasses.fields(node.model)}
        for slot in slots(node):
            assert slot.attr in attrs, (node.model.__name__, slot.keys)


def test_every_model_attribute_comes_from_the_spec_or_a_named_hook() -> None:
    for node in model_specs(FACTS):
        fed = {slot.attr for slot in slots(node)}
        extra = set(FROM_FILES) if node is FACTS else set()
        assert {f.name for f in dataclasses.fields(node.model)} == fed | extra
    assert set(DERIVED) <= {slot.attr for slot in slots(FACTS)}


def test_model_file_holds_the_attributes_the_spec_declares() -> None:
    text = (REPO / MODEL_FILE).read_text(encoding="utf-8")
    assert model_text(text) == text, "run `python build.py docs`"


def test_export_has_a_key_for_every_field_the_brief_has(raw: RawBrief) -> None:
    def walk(spec: Spec, exported: Any, where: str) -> None:
        if isinstance(spec, ListOf):
            for i, item in enumerate(exported):
                walk(spec.item, item, f"{where}[{i}]")
        elif isinstance(spec, Obj):
            for key, fld in spec.fields.items():
                if key in exported:
                    walk(fld.spec, exported[key], f"{where}.{key}")
                else:
                    assert not fld.required and fld.default is None, f"{where}.{key}"
            assert set(exported) <= set(spec.fields), where
    facts = json.loads(json.dumps(raw.facts, default=str))
    facts["sources"][0]["url"] = "https://example.org/release"
    sheet = fact_sheet(brief_of(raw, facts))
    walk(FACTS, sheet, "")
    assert "quote" in sheet and [("url" in s) for s in sheet["sources"]][:2] == [True, False]


# -- assembly and export are each other's inverse -----------------------------
def test_facts_json_is_the_checked_fact_sheet(raw: RawBrief) -> None:
    data = checked(FACTS, raw.facts)
    assert data["topics"] and data["updated"], "the live brief sets both"
    sheet = fact_sheet(brief_of(raw))
    assert sheet == yaml_shape(data)
    assert list(sheet) == [key for key in FACTS.fields if key in sheet], "the YAML's order"


def test_derived_values_are_computed_from_other_fields(raw: RawBrief) -> None:
    facts = {k: v for k, v in raw.facts.items() if k not in ("topics", "updated")}
    facts["updates"] = [{"date": "2026-05-02", "text": "Prices corrected."}]
    brief = brief_of(raw, facts)
    kicker = raw.facts["kicker"]
    assert [(t.slug, t.name) for t in brief.topics] == [(topic_slug(kicker), kicker)]
    assert brief.updated == date(2026, 5, 2)
    sheet = fact_sheet(brief)
    assert sheet["topics"] == [kicker] and sheet["updated"] == "2026-05-02"


def test_a_cell_written_as_a_number_is_text_in_the_model(raw: RawBrief) -> None:
    facts = json.loads(json.dumps(raw.facts, default=str))
    facts["numbers"]["tables"][0]["rows"][0]["cells"][0] = 128
    cell = brief_of(raw, facts).tables[0].rows[0].cells[0]
    assert cell == Cell("128", None, None, (), None, None, None, None)


# -- one edit to the spec is enough ------------------------------------------
def _with(spec: Obj, path: tuple[str, ...], key: str, fld: Field) -> Obj:
    """A copy of ``spec`` with ``fld`` added to the mapping at ``path``."""
    if not path:
        return dataclasses.replace(spec, fields={**spec.fields, key: fld})
    head, rest = path[0], path[1:]
    inner = spec.fields[head].spec
    if isinstance(inner, ListOf):
        assert isinstance(inner.item, Obj)
        inner = dataclasses.replace(inner, item=_with(inner.item, rest, key, fld))
    else:
        assert isinstance(inner, Obj)
        inner = _with(inner, rest, key, fld)
    return dataclasses.replace(spec, fields={**spec.fields,
                                             head: dataclasses.replace(spec.fields[head],
                                                                       spec=inner)})


def _rebound(spec: Spec, module: types.ModuleType) -> Spec:
    """``spec`` with every model class swapped for the one of that name in ``module``."""
    if isinstance(spec, ListOf):
        return dataclasses.replace(spec, item=_rebound(spec.item, module))
    if not isinstance(spec, Obj):
        return spec
    fields = {k: dataclasses.replace(f, spec=_rebound(f.spec, module))
              for k, f in spec.fields.items()}
    model = getattr(module, spec.model.__name__) if spec.model else None
    return dataclasses.replace(spec, fields=fields, model=model)


@pytest.fixture
def grown() -> tuple[Obj, types.ModuleType]:
    """The spec with a brief's ``review_by`` and a cell's ``as_of``, and its model."""
    spec = _with(FACTS, (), "review_by", Field(Day(doc="When to check the brief again."),
                                               summary=True))
    spec = _with(spec, ("numbers", "tables", "rows", "cells"), "as_of",
                 Field(Day(doc="The day the value was true.")))
    # What `python build.py docs` would write into model.py, loaded as a module.
    source = model_text((REPO / MODEL_FILE).read_text(encoding="utf-8"), spec)
    module = types.ModuleType("grown_model")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    try:
        exec(compile(source, "grown_model.py", "exec"), module.__dict__)
    finally:
        del sys.modules[module.__name__]
    rebound = _rebound(spec, module)
    assert isinstance(rebound, Obj)
    return rebound, module


def test_a_new_optional_field_needs_only_the_spec(raw: RawBrief, grown) -> None:
    spec, model = grown
    assert "review_by: date | None" in field_lines(spec)["Brief"]
    assert "as_of: date | None" in field_lines(spec)["Cell"]
    facts = json.loads(json.dumps(raw.facts, default=str))
    facts["review_by"] = "2026-06-01"
    facts["numbers"]["tables"][0]["rows"][1]["cells"][0] = {"value": "1M tokens",
                                                            "as_of": "2026-04-24"}
    data = checked(spec, facts)
    brief = assembler(spec, given=(*DERIVED, *FROM_FILES))(
        data, **{name: hook(data) for name, hook in DERIVED.items()},
        **{name: getattr(brief_of(raw), name) for name in FROM_FILES})
    assert isinstance(brief, model.Brief) and brief.review_by == date(2026, 6, 1)
    cells = brief.tables[0].rows[1].cells
    assert (cells[0].as_of, cells[1].as_of) == (date(2026, 4, 24), None)

    sheet = exporter(spec, given=("topics",))(brief, topics=[t.name for t in brief.topics])
    assert sheet["review_by"] == "2026-06-01"
    exported = sheet["numbers"]["tables"][0]["rows"][1]["cells"]
    assert exported[0]["as_of"] == "2026-04-24" and "as_of" not in exported[1]
    assert sheet == yaml_shape(data)
    jsonschema.validate(sheet, spec.json_schema(), format_checker=jsonschema.FormatChecker())

    assert "review_by" in summary_attrs(spec)
    assert ("review_by", "a date written YYYY-MM-DD", False,
            "When to check the brief again.") in field_reference(spec)


# -- summaries --------------------------------------------------------------
def test_summaries_hold_the_fields_the_spec_flags(raw: RawBrief) -> None:
    flagged = summary_attrs(FACTS)
    assert flagged == ("kicker", "topics", "headline", "dek", "published", "updated",
                       "draft", "aliases", "updates", "sources")
    assert BriefSummary._fields[:len(flagged) + 4] == ("slug", *flagged, "facts_path",
                                                       "article_path", "digest")
    brief = brief_of(raw)
    view = types.SimpleNamespace(brief=brief, summary="<p>s</p>", description="d")
    summary = BriefSummary.of(view)  # type: ignore[arg-type]
    for name in ("slug", *flagged, "digest"):
        assert getattr(summary, name) == getattr(brief, name), name
    # Without the fact sheet's positions, each alias's place is unknown: (0, 0).
    assert summary.shown and summary.alias_positions == ((0, 0),) * len(brief.aliases)


# -- mistakes in the declaration are caught before any brief ----------------
@dataclasses.dataclass(frozen=True)
class Thing:
    name: str


def test_a_field_the_model_lacks_is_reported_with_the_fix() -> None:
    spec = Obj(model=Thing, fields={"name": Field(Text(), required=True),
                                    "as_of": Field(Day())})
    with pytest.raises(SpecModelError, match=r"Thing has no attribute 'as_of'.*build.py docs"):
        assembler(spec)
    with pytest.raises(SpecModelError, match=r"Thing has no attribute 'as_of'"):
        exporter(spec)


def test_a_model_attribute_nothing_feeds_is_reported() -> None:
    with pytest.raises(SpecModelError, match=r"Thing.name comes from neither"):
        assembler(Obj(model=Thing, fields={}))
    with pytest.raises(SpecModelError, match=r"no field of the spec holds \['title'\]"):
        exporter(Obj(model=Thing, fields={"name": Field(Text())}), given=("title",))


def test_an_optional_group_of_fields_is_refused() -> None:
    spec = Obj(model=Thing, fields={"group": Field(Obj(fields={
        "name": Field(Text(), required=True)}))})
    with pytest.raises(SpecModelError, match="groups fields but is optional"):
        assembler(spec)


def test_assembly_is_the_checked_brief(raw: RawBrief) -> None:
    data = checked(FACTS, raw.facts)
    sections = check_sections(raw, Diagnostics())
    assert sections is not None
    brief = brief_of(raw)
    # Besides the checked data, assembly takes only what the brief uses of the
    # shared content (nothing here but its own source ids).
    assert assemble_brief(raw, data, sections, {"uses": brief.uses}) == brief
