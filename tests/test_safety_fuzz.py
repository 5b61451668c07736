"""Property-based tests: whatever an editor writes, Briefly builds or reports errors.

Hypothesis generates fact sheets (random structure and types, or the test
brief's sheet with random parts replaced), raw YAML text, and Markdown made of
syntax fragments, attack strings and arbitrary Unicode.  Properties:

* the command line never ends with a traceback (any exception fails the test);
* it exits 0, or 1 with every problem printed as ``path[:line[:col]]: error: ...``
  naming one of the brief's files;
* a built page holds no executable ``<script>``, handler or unsafe link the
  editor typed.

The normal suite runs a few examples per property; ``--fuzz-examples N`` (see
README) runs N each, e.g. ``pytest tests/test_safety_fuzz.py --fuzz-examples 2000``.
"""

from __future__ import annotations

import contextlib
import copy
import io
import re
from datetime import date
from typing import Any, Callable

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefly.cli import main

from .conftest import TEST_BRIEF, TEST_PROJECT, ScratchProject, copy_project
from .test_safety_hostile import assert_no_active_content

FOLDER = f"content/briefs/{TEST_BRIEF}"
FACTS = f"{FOLDER}/facts.yaml"
ARTICLE = f"{FOLDER}/brief.md"
PROBLEM = re.compile(r"^(?P<path>[^\s:]+)(:\d+(:\d+)?)?: (error|warning): .+")
SCHEMA_KEYS = ["kicker", "topics", "headline", "dek", "answer", "published", "updated", "draft",
               "aliases", "updates", "numbers", "tables", "columns", "rows", "cells", "label",
               "value", "note", "status", "cite", "baseline", "caption", "quote", "text",
               "speaker", "role", "organisation", "source", "context", "watch", "faq",
               "question", "sources", "id", "title", "publisher", "date", "url", "party"]
ATTACKS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"'><svg onload=x>",
           "javascript:alert(1)", "&#106;avascript:", "<!--", "-->", "&lt;script&gt;",
           "</p><script>", "<a href='javascript:x'>", "data:text/html,<script>x</script>"]
MD_TOKENS = ["\n", "\n\n", "## ", "# ", "### ", "- ", "* ", "1. ", "> ", "    ", "\t", "`",
             "```\n", "~~~\n", "*", "**", "_", "[", "]", "(", ")", "[@grid-weekly]", "[@", "@",
             "[@nobody]", "[@grid-weekly; @estuary-times]", "[@alder-grid-release, self-reported]", "[x](https://example.com)", "](", "<", ">",
             "&", "&#", ";", "|", "---\n", "\\", "!", "[ref]: ", "<https://example.com>",
             "é", "人工", "مرحبا", "🚀", "\u200f", "\x00", "\x0b", "\r"]


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory) -> ScratchProject:
    return copy_project(tmp_path_factory.mktemp("fuzz") / "project")


@pytest.fixture
def fuzz_settings(request: pytest.FixtureRequest) -> Callable[[Callable[..., None]], Any]:
    examples = request.config.getoption("--fuzz-examples") or 25
    return settings(max_examples=examples, deadline=None, database=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


def run_cli(scratch: ScratchProject, *args: str) -> tuple[int, str]:
    """In-process, so an exception anywhere is a failure with its traceback."""
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["--root", str(scratch.root), *args])
    return code, err.getvalue()


def assert_builds_or_reports(scratch: ScratchProject, facts: str | None, article: str | None,
                             command: str = "build") -> None:
    originals = {scratch.facts(): ORIGINAL_FACTS, scratch.article(): ORIGINAL_ARTICLE}
    for path, text in ((scratch.facts(), facts), (scratch.article(), article)):
        path.write_text(originals[path] if text is None else text, encoding="utf-8",
                        newline="")
    code, err = run_cli(scratch, command, *(["--output", str(scratch.site)]
                                            if command == "build" else []))
    assert code in (0, 1), err
    assert "Traceback" not in err
    if code == 1:
        problems = [l for l in err.splitlines() if l.strip() and not l.startswith("  hint:")
                    and not l.startswith(("Build failed", "Check failed"))]
        assert problems, err
        for line in problems:
            match = PROBLEM.match(line)
            assert match, f"not a path:line problem: {line!r}\n{err}"
            assert match["path"] in (FACTS, ARTICLE, FOLDER), line
    elif command == "build":
        for page in sorted(scratch.site.rglob("*.html")):
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            assert_no_active_content(page.name, soup)


ORIGINAL_FACTS = (TEST_PROJECT / FACTS).read_text(encoding="utf-8")
ORIGINAL_ARTICLE = (TEST_PROJECT / ARTICLE).read_text(encoding="utf-8")
REAL_SHEET = yaml.safe_load(ORIGINAL_FACTS)

texts = st.one_of(st.text(max_size=40), st.sampled_from(ATTACKS),
                  st.lists(st.sampled_from(ATTACKS + MD_TOKENS), max_size=6).map("".join))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    texts, st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)))
yaml_values = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(SCHEMA_KEYS), st.text(max_size=8)), children,
                    max_size=5)), max_leaves=25)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, prefix + (index,))
    return found


ALL_PATHS = [p for p in _paths(REAL_SHEET) if p]


@st.composite
def mutated_sheets(draw: st.DrawFn) -> dict:
    """The test brief's fact sheet with a few parts replaced or deleted: mostly valid,
    so the checks deep inside it run too."""
    sheet = copy.deepcopy(REAL_SHEET)
    for path in draw(st.lists(st.sampled_from(ALL_PATHS), min_size=1, max_size=4)):
        parent = sheet
        try:
            for part in path[:-1]:
                parent = parent[part]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(yaml_values)
        except (KeyError, IndexError, TypeError):
            continue
    return sheet


def dump(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


def test_random_fact_sheets_never_crash(fuzz_project: ScratchProject, fuzz_settings) -> None:
    @fuzz_settings
    @given(sheet=st.one_of(yaml_values, st.dictionaries(st.sampled_from(SCHEMA_KEYS),
                                                        yaml_values, max_size=8)))
    def check(sheet: Any) -> None:
        assert_builds_or_reports(fuzz_project, dump(sheet), None, "check")
    check()


def test_mutated_real_sheets_build_or_report(fuzz_project: ScratchProject,
                                             fuzz_settings) -> None:
    @fuzz_settings
    @given(sheet=mutated_sheets())
    def build(sheet: dict) -> None:
        assert_builds_or_reports(fuzz_project, dump(sheet), None)
    build()


def test_raw_yaml_text_never_crashes(fuzz_project: ScratchProject, fuzz_settings) -> None:
    yaml_bits = st.sampled_from([": ", "- ", "\n", "  ", "\t", "&a ", "*a", "!!python/object ",
                                 "{", "}", "[", "]", "'", '"', "#", "|", ">", "? ", "<<: ",
                                 "kicker", "headline", "2026-02-30", "\ufeff", "%YAML 1.1\n",
                                 "---\n", "...\n", "!!binary ", "\x85", "\u2028"])
    @fuzz_settings
    @given(text=st.one_of(st.text(max_size=200),
                          st.lists(st.one_of(yaml_bits, st.text(max_size=5)),
                                   max_size=40).map("".join)))
    def check(text: str) -> None:
        assert_builds_or_reports(fuzz_project, text, None, "check")
    check()


def test_random_markdown_builds_or_reports_and_stays_inert(fuzz_project: ScratchProject,
                                                           fuzz_settings) -> None:
    fragments = st.lists(st.one_of(st.sampled_from(MD_TOKENS + ATTACKS), st.text(max_size=8)),
                         max_size=60).map("".join)

    @fuzz_settings
    @given(what=fragments, numbers=fragments, answer=fragments)
    def build(what: str, numbers: str, answer: str) -> None:
        article = f"## What happened\n\n{what}\n\n## The numbers\n\n{numbers}\n"
        sheet = copy.deepcopy(REAL_SHEET)
        sheet["answer"] = answer + " [@alder-grid-release]"
        assert_builds_or_reports(fuzz_project, dump(sheet), article)
    build()
