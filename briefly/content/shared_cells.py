"""Table cells written ``{fact: <entity>.<key>}``: the shared fact put in their place.

A brief that repeats a figure another brief gives would drift from it at
the first correction; a cell that names a shared fact takes its value,
status, note and sources from ``content/facts/<entity>.yaml`` instead.  The
fact is put into the checked data before the brief's own rules run, so
every rule of a cell holds for it, and the model, the page, the CSV and
``check --since`` see the value readers see.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterable, Protocol

from briefly.content.fact_sheet import FACT_REF_PATTERN
from briefly.content.library import FACT_USE, SOURCE_USE, Library, digest_of
from briefly.content.located_yaml import FieldPath

OWN_FIELDS = {"value": "", "note": None, "status": None, "cite": (), "as_of": None,
              "time_sensitive": None, "review_by": None}
"""A cell's fields with their defaults: a cell that takes a fact sets none of them."""


class Reporter(Protocol):
    def report(self, path: FieldPath, message: str, hint: str = "",
               warning: bool = False) -> None: ...


def put_shared_facts(brief: Reporter, data: dict[str, Any], library: Library) -> list[str]:
    """Replace every fact cell of the checked data by its fact; the refs used, in order."""
    used: list[str] = []
    for t, table in enumerate(data["numbers"]["tables"] or ()):
        for r, row in enumerate((table or {}).get("rows") or ()):
            cells = (row or {}).get("cells")
            if not cells or not any(c and c.get("fact") for c in cells):
                continue
            resolved = list(cells)
            for c, cell in enumerate(cells):
                ref = (cell or {}).get("fact")
                if not isinstance(ref, str) or not re.fullmatch(FACT_REF_PATTERN, ref):
                    continue  # none, or not a fact's name: the schema check said so
                path = ("numbers", "tables", t, "rows", r, "cells", c)
                used.append(ref)
                resolved[c] = _fact_cell(brief, path, cell, ref, library)
            row["cells"] = tuple(resolved)
    return list(dict.fromkeys(used))


def _fact_cell(brief: Reporter, path: FieldPath, cell: dict[str, Any], ref: str,
               library: Library) -> dict[str, Any]:
    stand_in = {**OWN_FIELDS, "fact": ref}
    own = [key for key, default in OWN_FIELDS.items() if cell.get(key) != default]
    if own:
        brief.report(path + (own[0],), f"this cell takes the shared fact '{ref}' and gives "
                                       f"its own '{own[0]}' too",
                     f"remove '{own[0]}:' here, or change the fact in its file; a cell "
                     "either names a fact or gives a value")
        return stand_in
    entity, _, key = ref.partition(".")
    sheet = library.sheets.get(entity)
    if entity in library.broken or ref in library.broken:
        return stand_in  # its file has an error of its own, reported there
    if sheet is None:
        close = difflib.get_close_matches(entity, list(library.sheets), n=1)
        brief.report(path + ("fact",), f"unknown shared fact sheet '{entity}'",
                     f"did you mean '{close[0]}.{key}'?" if close else
                     f"shared facts live in content/facts/<entity>.yaml; add "
                     f"content/facts/{entity}.yaml, or fix the name")
        return stand_in
    fact = sheet.facts.get(key)
    if fact is None:
        close = difflib.get_close_matches(key, list(sheet.facts), n=1)
        brief.report(path + ("fact",), f"{sheet.path} has no fact '{key}'",
                     f"did you mean '{entity}.{close[0]}'?" if close else
                     "its facts: " + ", ".join(list(sheet.facts)[:12]))
        return stand_in
    return {**OWN_FIELDS, **fact.data, "fact": ref}


def shared_use(library: Library, sources: Iterable[dict[str, Any]], own: Iterable[str],
               cited: set[str], facts: list[str]) -> dict[str, Any]:
    """What the brief's model takes from the library (see ``assemble_brief``).

    Its sources are its own, then the registry's it cites, in the registry's
    order.  Its ``uses`` are every shared item it depends on, as the keys
    ``digest_of`` reads; its own ids count, since the registry taking one
    later is a clash to report.
    """
    own_ids = list(own)
    shared = [i for i in library.sources if i in cited and i not in own_ids]
    uses = tuple(sorted({*(SOURCE_USE + i for i in own_ids + shared),
                         *(FACT_USE + r for r in facts)}))
    return {"shared_sources": tuple(shared), "uses": uses,
            "shared_digest": digest_of(library, uses),
            "sources": (*sources, *(library.source_data[i] for i in shared))}
