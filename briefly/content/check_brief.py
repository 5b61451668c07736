"""Check one brief against the fact sheet's spec and its own rules; build its model.

Every rule of one brief an editor can break is here (the citation rules in
``check_citations``, the rules across briefs in ``check_site``), each reported
once with the file, line, field and a fix.  Problems are collected, never
raised, so ``check`` shows all of them in one run.  A brief that passes
becomes the typed model in ``assemble``.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Iterable

from briefly.content.assemble import assemble_brief
from briefly.content.check_citations import check_citations, check_own_sources
from briefly.content.claims import cell_value_problem
from briefly.errors import Diagnostics
from briefly.content.limits import MAX_SLUG_CHARS, count_problems, markdown_size_problem
from briefly.content.read import RawBrief
from briefly.content.located_yaml import FieldPath, Position, format_field_path
from briefly.content.model import Brief
from briefly.content.numbers.check import check_numbers
from briefly.content.markdown_lint import TextField, check_markdown
from briefly.content.placeholders import placeholder_problems
from briefly.content.check_article import check_sections
from briefly.content.library import EMPTY_LIBRARY, Library
from briefly.content.shared_cells import put_shared_facts, shared_use
from briefly.content.fact_sheet import ANSWER_WORD_LIMIT, FACTS, SLUG_PATTERN
from briefly.content.misread import Misreading, Misreadings
from briefly.content.spec import ListOf, Obj, Spec
from briefly.content.spec_check import Checker
from briefly.content.slugs import slugify

SLUG_RE = re.compile(SLUG_PATTERN)


class BriefValidator:
    """Checks one brief; ``run`` returns the model or None if it has errors."""

    def __init__(self, raw: RawBrief, diagnostics: Diagnostics,
                 library: Library = EMPTY_LIBRARY) -> None:
        self.raw = raw
        self.library = library
        self.shared: dict[str, Any] = {}  # what the brief takes from the library
        self.diagnostics = diagnostics
        self.errors_before = len(diagnostics.items)
        self.failed: set[FieldPath] = set()  # fields already reported, to avoid cascades
        self.number_texts: list[TextField] = []  # the texts whose figures are checked
        self.misreadings = Misreadings(raw.facts, raw.positions, raw.facts_text)
        self.misread_reported: set[Misreading] = set()

    # -- locating -------------------------------------------------------
    def position(self, path: FieldPath) -> Position:
        while path and path not in self.raw.positions:
            path = path[:-1]
        return self.raw.positions.get(path, Position(1, 1))

    def report(self, path: FieldPath, message: str, hint: str = "",
               warning: bool = False) -> None:
        if path and path[-1] == "@missing":
            path = path[:-1]
        if not warning:
            self.failed.add(path)
        pos = self.position(path)
        emit = self.diagnostics.warning if warning else self.diagnostics.error
        emit(self.raw.facts_path, pos.line, pos.column, message, format_field_path(path), hint)

    def explain(self, path: FieldPath, spec: Spec, problem: str) -> bool:
        """Report a schema problem as the value YAML cut apart, when the text shows one."""
        if problem == "unknown key" and isinstance(spec, Obj):
            # Where a bare value may stand for the mapping, a key like no
            # known one is more likely text with a colon than a typo.
            typo = difflib.get_close_matches(str(path[-1]), spec.fields, n=1, cutoff=0.6)
            found = (self.misreadings.cut_mapping_value(path, spec.fields)
                     or self.misreadings.colon_pair(path[:-1],
                                                    prose_only=bool(typo) or not spec.shorthand))
        elif problem == "wrong type" and not isinstance(spec, (Obj, ListOf)):
            found = self.misreadings.colon_pair(path, prose_only=False)
        else:
            found = None
        if found is None:
            return False
        self.report_misreading(found)
        return True

    def report_misreading(self, found: Misreading) -> None:
        """Once per value, however many of its pieces the schema tripped on."""
        if found in self.misread_reported:
            return
        self.misread_reported.add(found)
        self.failed.add(found.path)
        self.diagnostics.error(self.raw.facts_path, found.line, found.column, found.message,
                               format_field_path(found.path), found.hint)

    def cut_items(self, path: FieldPath, count: int, noun: str) -> int:
        """Report the values of a […] list YAML split at commas; its length once they are quoted."""
        extra = 0
        for found, pieces in self.misreadings.cut_items(path, count, noun):
            self.report_misreading(found)
            extra += pieces - 1
        return count - extra

    def broken(self, prefix: FieldPath) -> bool:
        """True when an error was already reported at or under ``prefix``."""
        return any(p[:len(prefix)] == prefix for p in self.failed)

    def text_at(self, path: FieldPath, text: str) -> TextField:
        literal = self.raw.positions.get(path + ("@text",))
        if literal:
            return TextField(text, self.raw.facts_path, literal.line, 0, True,
                             format_field_path(path))
        pos = self.position(path)
        return TextField(text, self.raw.facts_path, pos.line, pos.column, False,
                         format_field_path(path))

    # -- the checks ---------------------------------------------------
    def run(self) -> Brief | None:
        raw = self.raw
        if not SLUG_RE.fullmatch(raw.slug):  # `$` alone lets a final newline through
            self.diagnostics.error(raw.facts_path.rsplit("/", 1)[0], 0, 0,
                                   f"the folder name '{raw.slug}' cannot be a URL slug",
                                   hint=f"rename the folder to '{slugify(raw.slug) or 'my-brief'}'")
        elif len(raw.slug) > MAX_SLUG_CHARS:
            self.diagnostics.error(raw.facts_path.rsplit("/", 1)[0], 0, 0,
                                   f"the folder name has {len(raw.slug)} characters; the limit "
                                   f"is {MAX_SLUG_CHARS}",
                                   hint=f"rename the folder to '{slugify(raw.slug)}', "
                                        "a few words of the headline")
        if raw.facts is None:
            self.diagnostics.error(raw.facts_path, 1, 1, "the fact sheet is empty",
                                   hint="`python build.py new \"Headline\"` writes a complete one")
            data = None
        else:
            checker = Checker(report=lambda p, m, h: self.report(p, m, h),
                              explain=self.explain)
            data = checker.check(FACTS, raw.facts, ())
        schema_failed = self.diagnostics.errors_since(self.errors_before)
        if isinstance(raw.facts, dict):
            draft = raw.facts.get("draft") is True
            self.diagnostics.extend(placeholder_problems(raw, draft))
        sections = check_sections(self.raw, self.diagnostics)
        if data is None or sections is None:
            return None
        try:
            self.cross_check(data, sections)
        except (AttributeError, IndexError, KeyError, TypeError):
            # Data that failed the schema may lack what cross-checks walk
            # (numbers: 5); they are best effort then, and the schema errors
            # already say what to fix.  On valid data, a crash is our bug.
            if not schema_failed:
                raise
        if self.diagnostics.errors_since(self.errors_before):
            return None
        brief = assemble_brief(self.raw, data, sections, self.shared)
        check_numbers(brief, self.number_texts, self.raw.positions, self.diagnostics,
                      self.library)
        return brief

    def cross_check(self, data: dict[str, Any], sections: dict[str, tuple[str, str, int]]) -> None:
        facts = put_shared_facts(self, data, self.library)
        texts = self.markdown_fields(data, sections)
        self.number_texts = [self.text_at((key,), data[key] or "") for key in ("headline", "dek")]
        self.number_texts += texts
        own = check_own_sources(self, data["sources"], self.library)
        source_ids = {**self.library.source_data, **own}
        self.check_dates(data)
        self.check_answer(data["answer"])
        self.check_tables(data["numbers"]["tables"])
        self.check_sizes(data)
        oversized = [(text, markdown_size_problem(text)) for text in texts]
        self.diagnostics.extend(problem for _, problem in oversized if problem)
        texts = [text for text, problem in oversized if problem is None]
        cited = check_citations(self, data, texts, source_ids, self.library.knows_source)
        for text in texts:
            self.diagnostics.extend(check_markdown(text))
        self.shared = shared_use(self.library, data["sources"], own, cited, facts)

    def check_sizes(self, data: dict[str, Any]) -> None:
        """The limits of content/limits.py on counts of things and lengths of words."""
        for path, message, hint in count_problems(data):
            self.report(path, message, hint)

    def markdown_fields(self, data: dict[str, Any],
                        sections: dict[str, tuple[str, str, int]]) -> list[TextField]:
        """Every Markdown text of the brief, in the order the page shows them."""
        texts = [self.text_at(("answer",), data["answer"] or "")]
        for key in ("what_happened", "numbers"):
            heading, body, line = sections[key]
            texts.append(TextField(body, self.raw.article_path, line, 1, True,
                                    f"## {heading}"))
        quote = data.get("quote")
        if quote and quote.get("context"):
            texts.append(self.text_at(("quote", "context"), quote["context"]))
        for i, item in enumerate(data["watch"] or ()):
            texts.append(self.text_at(("watch", i), item))
        for i, item in enumerate(data["faq"] or ()):
            if item and item.get("answer"):
                texts.append(self.text_at(("faq", i, "answer"), item["answer"]))
        for i, item in enumerate(data["updates"] or ()):
            if item and item.get("text"):
                texts.append(self.text_at(("updates", i, "text"), item["text"]))
        return [t for t in texts if t.text]

    def check_dates(self, data: dict[str, Any]) -> None:
        published, updated = data.get("published"), data.get("updated")
        if published and updated and updated < published:
            self.report(("updated",), f"updated ({updated}) is before published ({published})",
                        "the updated date is the last substantive change, on or after "
                        "publication")
        for i, update in enumerate(data.get("updates") or ()):
            if update and published and update.get("date") and update["date"] < published:
                self.report(("updates", i, "date"),
                            f"this update ({update['date']}) is dated before publication "
                            f"({published})", "check the date")
            elif update and updated and update.get("date") and update["date"] > updated:
                # Feeds and dateModified use 'updated': a logged change after it would
                # never reach followers.
                self.report(("updates", i, "date"),
                            f"this update ({update['date']}) is dated after the brief's "
                            f"'updated' date ({updated})",
                            f"set 'updated: {update['date']}': it is the date of the last "
                            "substantive change")

    def check_answer(self, answer: str | None) -> None:
        if answer and len(answer.split()) > ANSWER_WORD_LIMIT:
            self.report(("answer",), f"the answer has {len(answer.split())} words; keep it "
                                     f"under {ANSWER_WORD_LIMIT}",
                        "the answer is read in one breath: move detail to 'What happened'",
                        warning=True)

    def check_tables(self, tables: Iterable[dict[str, Any]] | None) -> None:
        for t, table in enumerate(tables or ()):
            if not table or not table.get("columns"):
                continue
            columns_path = ("numbers", "tables", t, "columns")
            width = self.cut_items(columns_path, len(table["columns"]), "columns")
            if sum(1 for c in table["columns"] if c and c.get("baseline")) > 1:
                self.report(("numbers", "tables", t, "columns"),
                            "more than one column is marked baseline",
                            "mark only the column the others are compared with")
            for r, row in enumerate(table.get("rows") or ()):
                cells = (row or {}).get("cells")
                if cells is None:
                    continue
                # A value split at its comma is reported as such; the count is
                # what remains once it is quoted.
                count = self.cut_items(("numbers", "tables", t, "rows", r, "cells"),
                                       len(cells), "cells")
                if count == width:
                    continue
                label = row.get("label") or f"row {r + 1}"
                if count < width:
                    message = (f"row '{label}' has {count} cells but the table has "
                               f"{width} columns")
                    hint = "add the missing cell; write 'not stated' if the brief does not give it"
                else:
                    message = (f"row '{label}' has {count} cells but the table has only "
                               f"{width} columns")
                    hint = "remove the extra cell, or add a column for it"
                self.report(("numbers", "tables", t, "rows", r, "cells"), message, hint)
            for r, row in enumerate(table.get("rows") or ()):
                for c, cell in enumerate((row or {}).get("cells") or ()):
                    self.check_cell_value(("numbers", "tables", t, "rows", r, "cells", c), cell)

    def check_cell_value(self, path: FieldPath, cell: dict[str, Any] | None) -> None:
        problem = cell_value_problem(str((cell or {}).get("value") or ""),
                                     (cell or {}).get("status"))
        if problem is not None:
            self.report(path, *problem)


def check_brief(raw: RawBrief, diagnostics: Diagnostics,
                library: Library = EMPTY_LIBRARY) -> Brief | None:
    """The typed brief, or None once every problem of its files is reported.

    ``library``: the registry and shared fact sheets the brief may draw on.
    """
    return BriefValidator(raw, diagnostics, library).run()
