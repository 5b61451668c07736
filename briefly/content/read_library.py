"""Read and check the shared content: ``content/sources.yaml`` and ``content/facts/``.

Read once per build, before any brief, because every brief may cite it.
Each file is checked against its spec in ``fact_sheet`` (the same source
fields a brief has, the same fields a table cell has), with every problem
located as in a brief.  The files are found on disk here; the texts are
checked in :func:`library_from_texts`, which ``check --since`` also uses for
the files of an older revision.
"""

from __future__ import annotations

import difflib
import os
import re
from functools import cache
from pathlib import Path
from typing import Any, Callable, Iterable

from briefly.content.claims import cell_value_problem
from briefly.content.fact_sheet import FACT_FILE, REGISTRY, SLUG_PATTERN, SOURCE
from briefly.content.library import FACTS_DIR, REGISTRY_NAME
from briefly.content.limits import (MAX_FACT_SHEETS, MAX_FACTS_PER_SHEET, MAX_REGISTRY_BYTES,
                                    MAX_REGISTRY_SOURCES)
from briefly.content.located_yaml import FieldPath, Position, format_field_path, parse_yaml
from briefly.content.model import ANY_SOURCE, FactSheet, Library, SharedFact, Source
from briefly.content.read import display_path, inside, read_text
from briefly.content.slugs import slugify
from briefly.content.spec_check import Checker
from briefly.content.spec_model import assembler
from briefly.errors import BriefError, Diagnostics

Text = tuple[str, str]  # a file's text, and its path as messages show it


def load_library(content_dir: Path, root: Path, problems: Diagnostics) -> Library:
    """The registry and every fact sheet of ``content/``, checked."""
    registry_file = content_dir / REGISTRY_NAME
    registry: Text | None = None
    unreadable = False
    if os.path.lexists(registry_file):
        shown = display_path(registry_file, root)
        try:
            _refuse_outside_link(registry_file, content_dir, shown)
            registry = (read_text(registry_file, shown, MAX_REGISTRY_BYTES), shown)
        except BriefError as problem:
            problems.add(problem)
            unreadable = True  # its sources are unknown: the error says why
    sheets = list(_read_sheets(content_dir, root, problems))
    return library_from_texts(registry, sheets, problems,
                              display_path(registry_file, root), unreadable)


def _read_sheets(content_dir: Path, root: Path, problems: Diagnostics
                 ) -> Iterable[tuple[str, str, str]]:
    """(entity, text, shown) of each fact sheet; what cannot be one is reported."""
    folder = content_dir / FACTS_DIR
    shown_folder = display_path(folder, root)
    if folder.is_symlink():
        problems.error(shown_folder, 0, 0, "this folder is a link and is refused; no shared "
                       "fact was read", hint=f"make content/{FACTS_DIR}/ a real folder")
        return
    if not folder.is_dir():
        return
    with os.scandir(folder) as listing:
        entries = sorted((e for e in listing if not e.name.startswith(".")),
                         key=lambda e: e.name)
    if len(entries) > MAX_FACT_SHEETS:
        problems.error(shown_folder, 0, 0, f"{len(entries)} files; the limit is "
                       f"{MAX_FACT_SHEETS}", hint="merge fact sheets about the same thing")
        return
    for entry in entries:
        path = Path(entry.path)
        shown = display_path(path, root)
        entity = entry.name.removesuffix(".yaml")
        if entry.is_dir(follow_symlinks=False):
            problems.error(shown, 0, 0, "a folder inside content/facts/ is not read",
                           hint="fact sheets are files directly in content/facts/, one per "
                                "thing, e.g. content/facts/deepseek-v4-pro.yaml")
            continue
        if not entry.name.endswith(".yaml"):
            problems.warning(shown, 0, 0, "this file is not a fact sheet and is not read",
                             hint="a fact sheet's name ends in .yaml")
            continue
        if not re.fullmatch(SLUG_PATTERN, entity):
            problems.error(shown, 0, 0, f"'{entity}' cannot name a fact sheet",
                           hint=f"rename the file to '{slugify(entity) or 'thing'}.yaml': "
                                "lowercase letters, digits and hyphens")
            continue
        try:
            _refuse_outside_link(path, content_dir, shown)
            yield entity, read_text(path, shown), shown
        except BriefError as problem:
            problems.add(problem)


def _refuse_outside_link(path: Path, content_dir: Path, shown: str) -> None:
    if path.is_symlink() and not inside(path, content_dir):
        raise BriefError(shown, 0, 0, "this file is a link to outside content/ and is refused",
                         hint="copy the file into content/ instead")


class _File:
    """One YAML file's problems, located by field path as a brief's are."""

    def __init__(self, shown: str, text: str, problems: Diagnostics) -> None:
        self.shown = shown
        self.problems = problems
        self.failed: set[FieldPath] = set()
        self.parsed = True
        try:
            self.data, self.positions = parse_yaml(text, shown)
        except BriefError as problem:
            problems.add(problem)
            self.data, self.positions, self.parsed = None, {}, False

    def report(self, path: FieldPath, message: str, hint: str = "") -> None:
        if path and path[-1] == "@missing":
            path = path[:-1]
        self.failed.add(path)
        place = path
        while place and place not in self.positions:
            place = place[:-1]
        pos = self.positions.get(place, Position(1, 1))
        self.problems.error(self.shown, pos.line, pos.column, message,
                            format_field_path(path), hint)

    def broken(self, prefix: FieldPath) -> bool:
        return any(p[:len(prefix)] == prefix for p in self.failed)

    def place(self, path: FieldPath) -> tuple[int, int]:
        pos = self.positions.get(path)
        return (pos.line, pos.column) if pos else (0, 0)

    def value_place(self, path: FieldPath) -> tuple[int, int]:
        """Where a fact's value is written: what a message about its figure points at."""
        for place in (path + ("value", "@value"), path + ("@value",)):
            if place in self.positions:
                return self.place(place)
        return self.place(path)

    def checked(self, spec: Any) -> Any:
        if self.data is None:
            return None
        return Checker(report=self.report).check(spec, self.data, ())


@cache
def _make_source() -> Callable[[dict[str, Any]], Source]:
    return assembler(SOURCE)


def library_from_texts(registry: Text | None, sheets: list[tuple[str, str, str]],
                       problems: Diagnostics, registry_path: str = "content/sources.yaml",
                       unreadable: bool = False) -> Library:
    """The library from its files' texts: the registry, then (entity, text, shown) sheets.

    ``unreadable``: the registry exists but could not be read (the reason is
    reported); its ids are then unknowable, and no brief is told its
    registry citations are unknown.
    """
    sources: dict[str, Source] = {}
    data_of: dict[str, dict[str, Any]] = {}
    places: dict[str, tuple[int, int]] = {}
    broken: set[str] = {ANY_SOURCE} if unreadable else set()
    if registry is not None:
        registry_path = registry[1]
        file = _File(registry[1], registry[0], problems)
        if file.data is None:
            broken.add(ANY_SOURCE)
            if file.parsed:
                file.report((), "the source registry is empty",
                            "list shared sources under 'sources:', or delete the file")
        data = file.checked(REGISTRY) or {}
        items = data.get("sources") or ()
        if len(items) > MAX_REGISTRY_SOURCES:
            file.report(("sources",), f"{len(items)} sources; the limit is "
                                      f"{MAX_REGISTRY_SOURCES}", "split old sources out")
            items = ()
            broken.add(ANY_SOURCE)
        for i, item in enumerate(items):
            ident = (item or {}).get("id")
            if not ident:
                continue
            if ident in data_of or ident in broken:
                file.report(("sources", i, "id"), f"duplicate source id '{ident}'",
                            "give each source its own id")
            elif file.broken(("sources", i)):
                broken.add(ident)
            else:
                data_of[ident] = item
                sources[ident] = _make_source()(item)
                places[ident] = file.place(("sources", i))
    library = Library(registry_path, sources, data_of, places, {}, frozenset(broken))
    built = {}
    for entity, text, shown in sheets:
        sheet = _check_sheet(entity, _File(shown, text, problems), library, broken)
        if sheet is not None:
            built[entity] = sheet
    return Library(registry_path, sources, data_of, places, built, frozenset(broken))


def _check_sheet(entity: str, file: _File, library: Library, broken: set[str]
                 ) -> FactSheet | None:
    data = file.checked(FACT_FILE)
    if not data or data.get("facts") is None or data.get("name") is None:
        broken.add(entity)
        return None
    if len(data["facts"]) > MAX_FACTS_PER_SHEET:
        file.report(("facts",), f"{len(data['facts'])} facts; the limit is "
                                f"{MAX_FACTS_PER_SHEET}", "split the sheet by thing")
        broken.add(entity)
        return None
    facts: dict[str, SharedFact] = {}
    for key, fact in data["facts"].items():
        path: FieldPath = ("facts", key)
        if fact is not None and not file.broken(path):
            _check_fact(file, path, fact, library)
        if fact is None or file.broken(path):
            broken.add(f"{entity}.{key}")
            continue
        line, column = file.value_place(path)
        facts[key] = SharedFact(entity, key, fact, line, column)
    return FactSheet(entity, data["name"], file.shown, facts)


def _check_fact(file: _File, path: FieldPath, fact: dict[str, Any], library: Library) -> None:
    """A table cell's rules, with sources from the registry: the fact has no brief of its own."""
    cites = fact.get("cite") or ()
    for k, ident in enumerate(cites):
        if not library.knows_source(ident):
            close = difflib.get_close_matches(ident, list(library.sources), n=1)
            file.report(path + ("cite", k), f"unknown source id '{ident}'",
                        f"did you mean '{close[0]}'?" if close else
                        "a shared fact cites sources of content/sources.yaml: add it there")
    problem = cell_value_problem(str(fact.get("value") or ""), fact.get("status"))
    if problem is not None:
        file.report(path, *problem)
    status = fact.get("status")
    if status == "denied" and not cites:
        file.report(path, "a value marked 'denied' must cite a source",
                    "cite the report the party denies, with 'cite:'")
    elif (status == "self-reported" and not file.broken(path)
          and all(i in library.sources for i in cites)
          and not any(library.sources[i].party for i in cites)):
        file.report(path, "a self-reported value must cite a source from the party itself",
                    "cite the party's own source and mark it 'party: true' in "
                    "content/sources.yaml")
