"""The fact sheet (``facts.yaml``) declared once, as a tree of specs.

Validation, the committed JSON Schema, CONTRIBUTING's field reference, the
model classes' attributes, their assembly and the facts.json export all read
this one tree (the last three through ``spec_model``).  Each mapping names the
model class it becomes; ``attr`` says when the attribute's name differs from
the key, and ``summary`` marks what listing pages show.
"""

from __future__ import annotations

from typing import Any

from briefly.content.claims import CLAIM_STATUSES
from briefly.content.model import Brief, Cell, Column, FaqItem, Quote, Row, Source, Table, Update
from briefly.content.spec import Choice, Day, Field, Flag, ListOf, MapOf, Obj, Text, Url

UPDATE_KINDS = ("update", "correction", "clarification")
"""What an entry of the update log is: a new development, a fact we got wrong,
or wording that misled.  Corrections are shown to readers at the top of the brief."""

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
FACT_KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
FACT_REF_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9][a-z0-9_-]*$"
"""A shared fact is named ``<entity>.<key>``: its file's name, then its key."""
ANSWER_WORD_LIMIT = 60
"""Longest answer, in words, before a warning: it must be read in one breath."""


def _as_of(what: str) -> Field:
    return Field(Day(doc=f"The date {what} held on, as its source gives it; shown to readers "
                         "('as of 24 April 2026') and checked by `stale`."))


def _time_sensitive(what: str) -> Field:
    return Field(Flag(doc=f"True when {what} goes out of date (a price, a ranking): `stale` "
                          "lists it once its as_of date is older than the site's "
                          "stale_after_days. Prices and rankings count by default; write "
                          "false to opt out."))


def _cites(doc: str) -> Field:
    return Field(ListOf(item=Text(pattern=ID_PATTERN), shorthand_scalar=True,
                        doc=doc or "Ids of the sources that support this (see sources)."),
                 default=(), attr="cites")


_CELL_FIELDS = {
    "value": Field(Text(allow_numbers=True,
                        doc="The value exactly as the sources give it, e.g. '$1.74/M'. "
                            "Leave out (or write 'not stated') when the brief does not give it."),
                   default=""),
    "note": Field(Text(doc="A footnote shown under the table, e.g. '75% launch promo'.")),
    "status": Field(Choice(choices=CLAIM_STATUSES, doc="How solid the value is.")),
    "cite": _cites(""),
    "as_of": _as_of("the value"),
    "time_sensitive": _time_sensitive("the value"),
    "review_by": Field(Day(doc="When an editor should check the value again; `stale` "
                               "lists it once the date has passed.")),
}

CELL = Obj(
    doc="One value of the table: a bare value, or a mapping with more detail.",
    shorthand="value", model=Cell,
    fields={
        **_CELL_FIELDS,
        "fact": Field(Text(pattern=FACT_REF_PATTERN, pattern_noun="shared fact's name",
                           pattern_hint="write the fact sheet's file name, a dot and the "
                                        "fact's key, e.g. 'deepseek-v4-pro.input_price'",
                           doc="A shared fact, '<entity>.<key>' (e.g. "
                               "'deepseek-v4-pro.input_price') of content/facts/<entity>.yaml: "
                               "the cell takes its value, status, note and sources from there "
                               "and gives none of its own.")),
    },
)

FACT = Obj(doc="One fact: a bare value, or a mapping with the fields of a table cell.",
           shorthand="value", fields=_CELL_FIELDS)

TABLE = Obj(
    doc="A comparison table: columns are the things compared, rows the measures.",
    model=Table,
    fields={
        "caption": Field(Text(doc="What the table compares; read aloud by screen readers."),
                         required=True),
        "columns": Field(ListOf(item=Obj(doc="One thing compared.", shorthand="label",
                                         model=Column, fields={
            "label": Field(Text(doc="The column heading, e.g. 'V4-Pro'."), required=True),
            "baseline": Field(Flag(doc="True for the column the others are compared with."),
                              default=False),
            "cite": _cites("Sources for every value in this column."),
            "as_of": _as_of("every value in this column"),
        }), min_items=1, doc="The things compared, left to right."), required=True),
        "rows": Field(ListOf(item=Obj(doc="One measure, with one cell per column.", model=Row,
                                      fields={
            "label": Field(Text(doc="The measure, e.g. 'Context'."), required=True),
            "cite": _cites("Sources for every value in this row."),
            "as_of": _as_of("every value in this row"),
            "time_sensitive": _time_sensitive("every value in this row"),
            "cells": Field(ListOf(item=CELL, min_items=1,
                                  doc="One value per column, in the columns' order."),
                           required=True),
        }), min_items=1, doc="The measures, top to bottom."), required=True),
    },
)

SOURCE = Obj(doc="One source the brief relies on.", model=Source, fields={
    "id": Field(Text(pattern=ID_PATTERN,
                     doc="Short id used in citations, e.g. 'deepseek-release'."),
                required=True),
    "title": Field(Text(doc="The source's title."), required=True),
    "publisher": Field(Text(doc="Who published it."), required=True),
    "date": Field(Day(doc="Publication date."), required=True),
    "url": Field(Url(doc="Where to read it. Leave out when the brief gives none: "
                         "never guess one.")),
    "party": Field(Flag(doc="True when the publisher is the party the brief is about "
                            "(its claims about itself are self-reported)."),
                   default=False),
})

FACTS = Obj(
    doc="The fact sheet of one brief (facts.yaml).",
    model=Brief,
    fields={
        "kicker": Field(Text(doc="The small label above the headline, e.g. 'Open-weight models'."),
                        required=True, summary=True),
        "topics": Field(ListOf(item=Text(), min_items=1, shorthand_scalar=True,
                               doc="Topic names; each gets a page listing its briefs. "
                                   "Defaults to the kicker."), default=(), summary=True),
        "headline": Field(Text(doc="The headline."), required=True, summary=True),
        "dek": Field(Text(doc="The one-line brief under the headline."), required=True,
                     summary=True),
        "answer": Field(Text(markdown=True,
                             doc="The answer, in one or two sentences; shown first. "
                                 f"May cite sources. Over {ANSWER_WORD_LIMIT} words "
                                 "gives a warning."), required=True),
        "published": Field(Day(doc="First publication date."), required=True, summary=True),
        "updated": Field(Day(doc="Date of the last substantive change; defaults to the "
                                 "newest update's date, or to published."), summary=True),
        "draft": Field(Flag(doc="True keeps the brief off the published site."), default=False,
                       summary=True),
        "review_by": Field(Day(doc="When an editor should read the brief again; `stale` "
                                   "lists it once the date has passed.")),
        "aliases": Field(ListOf(item=Text(pattern=SLUG_PATTERN),
                                doc="Old slugs of this brief; each gets a redirect page."),
                         default=(), summary=True),
        # Updates are in summaries too: they are small, and feeds show them in every entry.
        "updates": Field(ListOf(item=Obj(doc="One entry of the update log.", model=Update, fields={
            "date": Field(Day(doc="When the change was made."), required=True),
            "kind": Field(Choice(choices=UPDATE_KINDS,
                                 doc="'update' for a new development, 'correction' when the "
                                     "brief got a fact wrong (shown at the top of the brief "
                                     "and on the corrections page), 'clarification' when "
                                     "wording misled."), default="update"),
            "text": Field(Text(markdown=True, doc="What changed."), required=True),
        }), doc="The log of substantive changes, oldest first."), default=(), summary=True),
        "numbers": Field(Obj(doc="The comparison tables of 'The numbers' section.", fields={
            "tables": Field(ListOf(item=TABLE, min_items=1, doc="One or more comparison tables."),
                            required=True),
        }), required=True),
        "quote": Field(Obj(doc="An optional pull quote.", model=Quote, fields={
            "text": Field(Text(doc="The quoted words, without quotation marks."), required=True),
            "speaker": Field(Text(doc="Who said it."), required=True),
            "role": Field(Text(doc="The speaker's role, e.g. 'fellow'.")),
            "organisation": Field(Text(doc="The speaker's organisation.")),
            "source": Field(Text(pattern=ID_PATTERN, doc="Id of the source that reports it."),
                            required=True),
            "context": Field(Text(markdown=True, doc="What the quote means, as the brief says it.")),
        })),
        "watch": Field(ListOf(item=Text(markdown=True), min_items=1,
                              doc="What to watch: one open question per item."), required=True),
        "faq": Field(ListOf(item=Obj(doc="A question and its answer.", model=FaqItem, fields={
            "question": Field(Text(doc="The question, as readers ask it."), required=True),
            "answer": Field(Text(markdown=True,
                                 doc="The answer, only from facts in the brief."), required=True),
        }), doc="Frequently asked questions."), default=()),
        "sources": Field(ListOf(item=SOURCE, doc="The brief's own sources, cited by id. "
                                                 "A source of content/sources.yaml is cited "
                                                 "without being listed here."),
                         default=(), summary=True),
    },
)

REGISTRY = Obj(
    doc="The source registry (content/sources.yaml): sources any brief may cite by id.",
    fields={"sources": Field(ListOf(item=SOURCE, min_items=1,
                                    doc="The shared sources, each as a brief would list it."),
                             required=True)},
)

FACT_FILE = Obj(
    doc="A shared fact sheet (content/facts/<entity>.yaml): facts about one thing.",
    fields={
        "name": Field(Text(doc="The thing's name as readers know it, e.g. 'DeepSeek V4-Pro'."),
                      required=True),
        "facts": Field(MapOf(item=FACT, key_pattern=FACT_KEY_PATTERN, min_items=1,
                             doc="Each fact by its key, e.g. 'input_price'; a table cell "
                                 "writes {fact: <entity>.<key>} to use it. Its sources must "
                                 "be in content/sources.yaml."),
                       required=True),
    },
)


def facts_json_schema() -> dict[str, Any]:
    """The JSON Schema of facts.yaml, for editors' tools and facts.json."""
    return _schema(FACTS, "facts.schema.json", "Briefly fact sheet")


def registry_json_schema() -> dict[str, Any]:
    """The JSON Schema of content/sources.yaml."""
    return _schema(REGISTRY, "sources.schema.json", "Briefly source registry")


def fact_file_json_schema() -> dict[str, Any]:
    """The JSON Schema of a shared fact sheet, content/facts/<entity>.yaml."""
    return _schema(FACT_FILE, "shared-facts.schema.json", "Briefly shared fact sheet")


def _schema(spec: Obj, name: str, title: str) -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": name, "title": title, **spec.json_schema()}
