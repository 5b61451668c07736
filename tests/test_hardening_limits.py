"""Every count of a brief is bounded: over a limit, ``check`` names the field; at the
limits, the site stays within a small multiple of a normal one."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from briefly.content.limits import (MAX_ALIASES, MAX_FILE_BYTES, MAX_LIST_NESTING,
                                    MAX_NAME_CHARS, MAX_SOURCES, MAX_TABLE_COLUMNS,
                                    MAX_TABLE_ROWS, MAX_TABLES, MAX_TOPICS, MAX_WORD_CHARS)

from briefly.views.markdown import MarkdownRenderer

from .conftest import TEST_BRIEF, ScratchProject
from .pooled import pooled_build

FACTS = f"content/briefs/{TEST_BRIEF}/facts.yaml"
LONG_TOPIC = "Grid" + " storage" * (MAX_NAME_CHARS // 8 + 1)
Sheet = dict[str, Any]


class _NoAliases(yaml.SafeDumper):
    """Fact sheets may not use anchors; a value used twice is written twice."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def rewrite(project: ScratchProject, change: Callable[[Sheet], None]) -> None:
    sheet = yaml.safe_load(project.facts().read_text(encoding="utf-8"))
    change(sheet)
    project.facts().write_text(yaml.dump(sheet, Dumper=_NoAliases, allow_unicode=True,
                                         width=10_000, default_flow_style=None),
                               encoding="utf-8")


def many_topics(count: int) -> Callable[[Sheet], None]:
    """``count`` topics, each name as long as allowed."""
    return lambda s: s.update(topics=[(f"Topic {i:03}" + " storage" * MAX_NAME_CHARS)
                                      [:MAX_NAME_CHARS].strip() for i in range(count)])


def many_aliases(count: int) -> Callable[[Sheet], None]:
    return lambda s: s.update(aliases=[f"old-address-{i}" for i in range(count)])


def many_tables(count: int) -> Callable[[Sheet], None]:
    def change(sheet: Sheet) -> None:
        table = sheet["numbers"]["tables"][0]
        sheet["numbers"]["tables"] = [copy.deepcopy(table) for _ in range(count)]
    return change


@pytest.mark.parametrize("change, message", [
    (many_topics(MAX_TOPICS + 1), f"{MAX_TOPICS + 1} topics; the limit is {MAX_TOPICS} (topics)"),
    (many_aliases(MAX_ALIASES + 1),
     f"{MAX_ALIASES + 1} aliases; the limit is {MAX_ALIASES} (aliases)"),
    (many_tables(MAX_TABLES + 1),
     f"{MAX_TABLES + 1} tables; the limit is {MAX_TABLES} (numbers.tables)"),
    (lambda s: s.update(topics=[LONG_TOPIC]),
     f"a topic name of {len(LONG_TOPIC)} characters; the limit is {MAX_NAME_CHARS} "
     "(topics[0])"),
    (lambda s: s.update(headline="Tidewater " + "o" * 60_000 + "pens"),
     f"a word of 60,004 characters ('{'o' * 20}…'); the limit is {MAX_WORD_CHARS} "
     "(headline)"),
])
def test_over_a_limit_is_one_located_error(project: ScratchProject,
                                           change: Callable[[Sheet], None],
                                           message: str) -> None:
    rewrite(project, change)
    result = project.cli("check")
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.err
    assert re.fullmatch(rf"{re.escape(FACTS)}:\d+:\d+: error: {re.escape(message)}",
                        errors[0]), errors[0]


def test_a_line_of_hundreds_of_nested_lists_is_refused_by_check_and_build(
        project: ScratchProject) -> None:
    project.edit(project.article(), "## The numbers", "- " * 600 + "x\n\n## The numbers")
    for command in ("check", "build"):
        result = project.cli(command)
        assert result.code == 1
        assert (f"brief.md:12:1: error: a line opening 600 nested lists or quotes; the "
                f"limit is {MAX_LIST_NESTING} (## What happened)") in result.err
        assert "RecursionError" not in result.err
    assert not project.site.exists()


def site_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def at_every_limit(sheet: Sheet) -> None:
    """The brief at once at every count limit, each name as long as allowed; the
    tables as full as the file-size limit lets ten of them be."""
    many_topics(MAX_TOPICS)(sheet)
    many_aliases(MAX_ALIASES)(sheet)
    table = sheet["numbers"]["tables"][0]
    columns = [{"label": f"Column {c}".ljust(MAX_WORD_CHARS, "x")}
               for c in range(MAX_TABLE_COLUMNS)]
    rows = [{"label": f"Row {r}", "cells": [f"{r * c + 1} MWh" for c in range(MAX_TABLE_COLUMNS)]}
            for r in range(MAX_TABLE_ROWS // 2)]
    table.update(columns=columns, rows=rows)
    sheet["numbers"]["tables"] = [copy.deepcopy(table) for _ in range(MAX_TABLES)]
    sheet["sources"].extend({"id": f"extra-{i}", "title": f"Extra source {i}",
                             "publisher": "Alder Grid", "date": sheet["published"]}
                            for i in range(MAX_SOURCES - len(sheet["sources"])))


def input_bytes(project: ScratchProject) -> int:
    return project.facts().stat().st_size + project.article().stat().st_size


def test_a_brief_at_every_limit_stays_within_a_small_multiple_of_a_normal_site(
        project: ScratchProject) -> None:
    """Output grows in proportion to the input, never with a product of two counts
    (14,000 topics once wrote 8.6 GB): per byte of brief, a brief at every limit
    publishes less than 20 times what the test brief does, in less than 20 times
    as many files."""
    project.build("--no-search")
    normal_files, normal_bytes = site_size(project.site)
    normal_rate = normal_bytes / input_bytes(project)
    rewrite(project, at_every_limit)
    assert project.facts().stat().st_size > MAX_FILE_BYTES // 2
    result = project.cli("build", "--no-search")
    assert result.code == 0, result.err
    files, size = site_size(project.site)
    assert files < 20 * normal_files
    assert size / input_bytes(project) < 20 * normal_rate, (size, normal_bytes)


NESTED = (f"content/briefs/{TEST_BRIEF}/brief.md: error: this brief nests too deeply to "
          "render\n  hint: flatten nested lists, quotes and emphasis; the limits are in "
          "CONTRIBUTING.md")


def test_a_recursion_error_in_rendering_names_the_brief(project: ScratchProject,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a shape the limits miss still exhaust the stack, the build names the brief."""
    def too_deep(*args: Any) -> str:
        raise RecursionError("maximum recursion depth exceeded")
    monkeypatch.setattr(MarkdownRenderer, "render", too_deep)
    result = project.cli("build")
    assert result.code == 1
    assert NESTED in result.err and "Traceback" not in result.err
    assert not project.site.exists()


def test_a_recursion_error_in_a_worker_process_names_the_brief(project: ScratchProject) -> None:
    """The same in the process pool, where a traceback would name no file."""
    result = pooled_build(project, "from briefly.views.markdown import MarkdownRenderer\n"
                                   "def too_deep(*args):\n"
                                   "    raise RecursionError('maximum recursion depth')\n"
                                   "MarkdownRenderer.render = too_deep")
    assert result.returncode == 1, result.stderr
    assert NESTED in result.stderr and "Traceback" not in result.stderr


def test_fourteen_thousand_topics_write_nothing(project: ScratchProject) -> None:
    """The attack as found: a 105 KB fact sheet of short topics once wrote 8.6 GB."""
    rewrite(project, lambda s: s.update(topics=[f"t{i}" for i in range(14_000)]))
    assert project.facts().stat().st_size < MAX_FILE_BYTES
    result = project.cli("build")
    assert result.code == 1
    assert f"14000 topics; the limit is {MAX_TOPICS} (topics)" in result.err
    assert not project.site.exists()
