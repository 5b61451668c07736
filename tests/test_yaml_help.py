"""YAML mistakes come back in plain words: what is wrong on which line, and the fix.

Each test writes a small valid brief beside the seed brief, breaks one line
of its fact sheet the way a new editor did, and checks the exact message and
hint that ``check`` prints.  Line numbers are found from where the broken
line went, never assumed.
"""

from __future__ import annotations

import contextlib
import io
import sys
from types import FrameType
from typing import Callable

import pytest
import yaml

from briefly.content.located_yaml import parse_yaml
from briefly.errors import BriefError

from .conftest import ScratchProject

SLUG = "chip-deal"
FACTS = f"content/briefs/{SLUG}/facts.yaml"

SHEET = """\
kicker: Chips
headline: Chipmaker deal under review
dek: Regulators look at the year's biggest chip deal.
answer: The deal is worth $200bn by one report, which the buyer denies. [@wire]
published: 2026-05-01
numbers:
  tables:
    - caption: The deal in figures
      columns:
        - Revenue
        - Profit
        - Market value
        - Deal value
      rows:
        - label: Amount
          cells:
            - €11.7bn
            - $183bn
            - $500bn
            - {value: $200bn, status: disputed, cite: wire}
watch:
  - Whether regulators approve the deal.
sources:
  - id: wire
    title: Chipmaker in talks
    publisher: Newswire
    date: 2026-05-01
"""

ARTICLE = """\
## What happened

Regulators opened a review of the deal. [@wire]

## The numbers: the deal

The buyer denies the reported value. [@wire]
"""


def write_brief(project: ScratchProject, sheet: str) -> None:
    folder = project.brief_dir(SLUG)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "facts.yaml").write_text(sheet, encoding="utf-8")
    (folder / "brief.md").write_text(ARTICLE, encoding="utf-8")


def broken(old: str, new: str) -> tuple[str, int]:
    """The sheet with one mistake made, and the line the mistake starts on."""
    assert SHEET.count(old) == 1, old
    sheet = SHEET.replace(old, new)
    return sheet, SHEET[:SHEET.index(old)].count("\n") + 1


def column_of(sheet: str, line: int, text: str) -> int:
    return sheet.split("\n")[line - 1].index(text) + 1


def problems(project: ScratchProject) -> list[str]:
    """What check printed about the test brief: its located lines and their hints."""
    result = project.cli("check")
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    shown = []
    for index, line in enumerate(lines):
        if line.startswith(FACTS):
            shown.append(line)
            if index + 1 < len(lines) and lines[index + 1].startswith("  hint: "):
                shown.append(lines[index + 1])
    return shown


def test_the_sheet_the_mistakes_are_made_in_is_valid(project: ScratchProject) -> None:
    write_brief(project, SHEET)
    result = project.cli("check", "--strict")
    assert result.code == 0, result.err


def test_shipped_brief_still_passes_strict_check(project: ScratchProject) -> None:
    result = project.cli("check", "--strict")
    assert result.code == 0, result.err
    assert result.err.splitlines()[-1].startswith("Check passed: 0 errors, 0 warnings")


def test_a_scaffolded_brief_gives_only_its_todo_warnings(project: ScratchProject) -> None:
    assert project.cli("new", "A second brief about chips").code == 0
    result = project.cli("check")
    assert result.code == 0, result.err
    flagged = [line for line in result.err.splitlines() if ": warning: " in line
               or ": error: " in line]
    assert flagged and all("placeholder 'TODO'" in line for line in flagged), flagged


# -- 1. indentation ---------------------------------------------------------

def test_a_source_key_indented_three_spaces_instead_of_four(project: ScratchProject) -> None:
    sheet, line = broken("    publisher: Newswire\n", "   publisher: Newswire\n")
    write_brief(project, sheet)
    assert problems(project) == [
        f"{FACTS}:{line}:4: error: this line is indented 3 spaces; the items around it use 4",
        "  hint: line it up with the line above (4 spaces, like 'title:')"]


def test_a_source_key_indented_five_spaces_instead_of_four(project: ScratchProject) -> None:
    sheet, line = broken("    publisher: Newswire\n", "     publisher: Newswire\n")
    write_brief(project, sheet)
    assert problems(project) == [
        f"{FACTS}:{line}:6: error: this line is indented 5 spaces; the items around it use 4",
        "  hint: line it up with the line above (4 spaces, like 'title:')"]


def test_a_list_item_indented_off_from_the_items_above(project: ScratchProject) -> None:
    sheet, line = broken("            - $500bn\n", "           - $500bn\n")
    write_brief(project, sheet)
    assert problems(project) == [
        f"{FACTS}:{line}:12: error: this line is indented 11 spaces; the items around it "
        "use 12",
        "  hint: line it up with the line above (12 spaces, like '- $183bn')"]


def test_a_first_item_off_is_found_though_the_parser_stops_a_line_later(
        project: ScratchProject) -> None:
    # The item's first line is legal YAML at any indentation; the parser only
    # stumbles on 'title:', which does not line up with 'id:'.
    sheet, line = broken("  - id: wire\n", "   - id: wire\n")
    write_brief(project, sheet)
    with pytest.raises(yaml.MarkedYAMLError) as parsed:
        yaml.compose(sheet, Loader=yaml.SafeLoader)
    assert parsed.value.problem_mark.line + 1 == line + 1
    assert problems(project) == [
        f"{FACTS}:{line}:4: error: this line is indented 3 spaces; the lines under it need 2",
        "  hint: indent it 2 spaces, so that 'id:' lines up with 'title:' on the line below"]


def test_a_tab_used_for_indentation(project: ScratchProject) -> None:
    sheet, line = broken("    publisher: Newswire\n", "\tpublisher: Newswire\n")
    write_brief(project, sheet)
    assert problems(project) == [
        f"{FACTS}:{line}:1: error: this line is indented with a tab; YAML indents with "
        "spaces only",
        "  hint: replace the tab with spaces: line it up with the line above (4 spaces, "
        "like 'title:')"]


# -- 2. a comma or a colon inside {…} or […] ---------------------------------

def test_a_comma_inside_a_braced_cell_is_not_an_unknown_key(project: ScratchProject) -> None:
    sheet, line = broken("            - {value: $200bn, status: disputed, cite: wire}\n",
                         "            - {value: $200bn (reported, denied), status: disputed, "
                         "cite: wire}\n")
    write_brief(project, sheet)
    column = column_of(sheet, line, "$200bn")
    assert problems(project) == [
        f'{FACTS}:{line}:{column}: error: a value containing ", " inside {{…}} or […] must be '
        'in quotes: "$200bn (reported, denied)" (numbers.tables[0].rows[0].cells[3].value)',
        "  hint: YAML ended the value at the comma and read 'denied)' as a key; write "
        'value: "$200bn (reported, denied)"']


def test_a_value_cut_at_several_commas_is_reported_once(project: ScratchProject) -> None:
    sheet, line = broken("            - {value: $200bn, status: disputed, cite: wire}\n",
                         "            - {value: $200bn (a, b, c), status: disputed}\n")
    write_brief(project, sheet)
    column = column_of(sheet, line, "$200bn")
    assert problems(project) == [
        f'{FACTS}:{line}:{column}: error: a value containing ", " inside {{…}} or […] must be '
        'in quotes: "$200bn (a, b, c)" (numbers.tables[0].rows[0].cells[3].value)',
        "  hint: YAML ended the value at the comma and read 'b' and 'c)' as keys; write "
        'value: "$200bn (a, b, c)"']


def test_a_comma_inside_bracketed_cells_is_not_a_cell_too_many(project: ScratchProject) -> None:
    cells = ("          cells:\n            - €11.7bn\n            - $183bn\n"
             "            - $500bn\n            - {value: $200bn, status: disputed, cite: wire}\n")
    sheet, line = broken(cells, "          cells: [€11.7bn, $183bn, $500bn, "
                                "$200bn (reported, denied)]\n")
    write_brief(project, sheet)
    column = column_of(sheet, line, "$200bn")
    assert problems(project) == [
        f'{FACTS}:{line}:{column}: error: a value containing ", " inside {{…}} or […] must be '
        'in quotes: "$200bn (reported, denied)" (numbers.tables[0].rows[0].cells[3])',
        "  hint: YAML split it at the comma into 2 cells, '$200bn (reported' and 'denied)'; "
        "write it with the quotes"]


def test_a_split_cell_and_a_real_extra_cell_are_both_reported(project: ScratchProject) -> None:
    cells = ("          cells:\n            - €11.7bn\n            - $183bn\n"
             "            - $500bn\n            - {value: $200bn, status: disputed, cite: wire}\n")
    sheet, line = broken(cells, "          cells: [€11.7bn, $183bn, $500bn, 9, "
                                "$200bn (reported, denied)]\n")
    write_brief(project, sheet)
    column = column_of(sheet, line, "$200bn")
    assert problems(project) == [
        f"{FACTS}:{line}:11: error: row 'Amount' has 5 cells but the table has only 4 columns "
        "(numbers.tables[0].rows[0].cells)",
        "  hint: remove the extra cell, or add a column for it",
        f'{FACTS}:{line}:{column}: error: a value containing ", " inside {{…}} or […] must be '
        'in quotes: "$200bn (reported, denied)" (numbers.tables[0].rows[0].cells[4])',
        "  hint: YAML split it at the comma into 2 cells, '$200bn (reported' and 'denied)'; "
        "write it with the quotes"]


def test_a_colon_inside_braces(project: ScratchProject) -> None:
    sheet, line = broken("            - {value: $200bn, status: disputed, cite: wire}\n",
                         "            - {value: Deal: $200bn, status: disputed}\n")
    write_brief(project, sheet)
    column = column_of(sheet, line, "Deal")
    assert problems(project) == [
        f'{FACTS}:{line}:{column}: error: a value containing ": " inside {{…}} or […] must be '
        'in quotes: "Deal: $200bn"',
        '  hint: write value: "Deal: $200bn"']


def test_a_colon_inside_brackets(project: ScratchProject) -> None:
    sheet, line = broken("kicker: Chips\n", "kicker: Chips\ntopics: [Chips, Deals: M&A]\n")
    write_brief(project, sheet)
    line += 1
    column = column_of(sheet, line, "Deals")
    assert problems(project) == [
        f'{FACTS}:{line}:{column}: error: a value containing ": " inside {{…}} or […] must be '
        'in quotes: "Deals: M&A" (topics[1])',
        "  hint: YAML read 'Deals' as a key; write it with the quotes"]


# -- 3. a quote never closed ------------------------------------------------

def test_an_unclosed_quote_at_the_end_of_the_file(project: ScratchProject) -> None:
    sheet, line = broken("    date: 2026-05-01\n", '    date: 2026-05-01\n    url: "https://e.x\n')
    write_brief(project, sheet)
    line += 1
    assert problems(project) == [
        f"{FACTS}:{line}:10: error: this quote is never closed",
        '  hint: add the closing " at the end of the value: url: "https://e.x"']


def test_an_unclosed_quote_that_runs_on_to_a_later_quote(project: ScratchProject) -> None:
    # The parser pairs it with the next quote in the file and complains there.
    sheet, line = broken("headline: Chipmaker deal under review\n",
                         'headline: "Chipmaker deal under review\n')
    sheet = sheet.replace("kicker: Chips", "kicker: Chips")
    sheet = sheet.replace("dek: Regulators look at the year's biggest chip deal.",
                          'dek: "Regulators look at the biggest chip deal."')
    write_brief(project, sheet)
    assert problems(project) == [
        f"{FACTS}:{line}:11: error: this quote is never closed",
        '  hint: add the closing " at the end of the value: headline: "Chipmaker deal under '
        'review"']


def test_a_quote_closed_early_by_an_apostrophe(project: ScratchProject) -> None:
    sheet, line = broken("headline: Chipmaker deal under review\n",
                         "headline: 'Chipmaker's deal under review'\n")
    write_brief(project, sheet)
    assert problems(project) == [
        f"{FACTS}:{line}:11: error: this value's closing ' comes too early, after 'Chipmaker'",
        """  hint: inside '…' write each ' as two ('') or put the whole value in "…" instead"""]


# -- 4. a colon in an unquoted value ----------------------------------------

def test_a_colon_in_an_unquoted_value(project: ScratchProject) -> None:
    sheet, line = broken("dek: Regulators look at the year's biggest chip deal.\n",
                         "dek: Why it matters: prices fall\n")
    write_brief(project, sheet)
    column = column_of(sheet, line, ": prices")
    assert problems(project) == [
        f'{FACTS}:{line}:{column}: error: a value containing ": " must be in quotes',
        '  hint: write it in quotes: dek: "Why it matters: prices fall"']


def test_a_colon_in_a_wrapped_value(project: ScratchProject) -> None:
    sheet, line = broken("dek: Regulators look at the year's biggest chip deal.\n",
                         "dek: Regulators look at the deal\n  and why it matters: prices\n")
    write_brief(project, sheet)
    line += 1
    column = column_of(sheet, line, ": prices")
    assert problems(project) == [
        f'{FACTS}:{line}:{column}: error: a value containing ": " must be in quotes',
        '  hint: write it in quotes: dek: "Regulators look at the deal and why it matters: '
        'prices"']


def test_a_colon_in_a_list_item(project: ScratchProject) -> None:
    # Legal YAML (a one-entry mapping), so the schema sees it; the text says why.
    sheet, line = broken("  - Whether regulators approve the deal.\n",
                         "  - Why it matters: regulators may block it.\n")
    write_brief(project, sheet)
    assert problems(project) == [
        f'{FACTS}:{line}:5: error: a value containing ": " must be in quotes (watch[0])',
        '  hint: write it in quotes: - "Why it matters: regulators may block it."']


# -- 5. a list where one entry was meant, and the reverse -------------------

def test_a_list_item_where_one_entry_was_meant(project: ScratchProject) -> None:
    sheet, line = broken("watch:\n", "quote:\n  - text: A good deal.\n    speaker: A. Chief\n"
                                     "    source: wire\nwatch:\n")
    write_brief(project, sheet)
    assert problems(project) == [
        f"{FACTS}:{line}:1: error: 'quote' holds one entry of key: value lines, not a list "
        "(quote)",
        "  hint: remove the '- ' in front of its first line, and line its other lines up "
        "with that one"]


def test_one_entry_where_a_list_was_meant(project: ScratchProject) -> None:
    sheet, line = broken("sources:\n  - id: wire\n    title: Chipmaker in talks\n"
                         "    publisher: Newswire\n    date: 2026-05-01\n",
                         "sources:\n  id: wire\n  title: Chipmaker in talks\n"
                         "  publisher: Newswire\n  date: 2026-05-01\n")
    write_brief(project, sheet)
    assert problems(project) == [
        f"{FACTS}:{line}:1: error: 'sources' holds a list, not one entry of key: value lines "
        "(sources)",
        "  hint: start each entry's first line with '- ' and indent its other lines 2 more "
        "spaces, to line up after the '- '"]


def test_one_value_where_a_list_of_values_was_meant(project: ScratchProject) -> None:
    sheet, line = broken("watch:\n  - Whether regulators approve the deal.\n",
                         "watch:\n  first: Whether regulators approve the deal.\n")
    write_brief(project, sheet)
    assert problems(project) == [
        f"{FACTS}:{line}:1: error: 'watch' holds a list, not key: value lines (watch)",
        "  hint: write each item on its own line starting with '- '"]


# -- nothing breaks on hostile input ----------------------------------------

def count_steps(function: Callable[[], object]) -> int:
    """Lines of the YAML explainers and misread run by ``function``: work, not time."""
    watched = {module.__file__ for name, module in sys.modules.items()
               if name.startswith(("briefly.content.yaml_", "briefly.content.misread"))}
    steps = 0

    def trace(frame: FrameType, event: str, arg: object) -> Callable[..., object] | None:
        nonlocal steps
        if frame.f_code.co_filename not in watched:
            return None
        if event == "line":
            steps += 1
        return trace

    sys.settrace(trace)
    try:
        function()
    finally:
        sys.settrace(None)
    return steps


def parse_error(text: str) -> BriefError:
    with pytest.raises(BriefError) as error:
        parse_yaml(text, "facts.yaml")
    return error.value


HOSTILE: dict[str, Callable[[int], str]] = {
    # Wrapped text at every indentation is legal; the one bad line comes last.
    "indentation": lambda n: "a:\n" + "".join(f"  k{i}: v\n{' ' * (3 + i % 7)}more\n"
                                              for i in range(n)) + " bad: x\n",
    "items": lambda n: "a:\n" + "".join(f"  - x{i}\n{' ' * (3 + i % 5)}more\n"
                                        for i in range(n)) + " - bad\n",
    "tabs": lambda n: "a:\n" + "  b: c\n" * n + "\tb: c\n",
    "brackets": lambda n: "cells: [" + "(, ), " * n + "\n",
    "colons": lambda n: "dek: " + "a " * n + "\n" + "  and then: x\n" * n,
    "quote": lambda n: 'dek: "' + "a, " * n + "\nwatch: x\n",
    "dedent": lambda n: "a:\n" + "    b: c\n" * n + "   d: e\n",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_explaining_a_syntax_error_takes_work_in_proportion_to_the_file(kind: str) -> None:
    make = HOSTILE[kind]
    small = count_steps(lambda: parse_error(make(500)))
    large = count_steps(lambda: parse_error(make(2_000)))
    assert large <= 5 * small + 1_000, (small, large)


CELLS = ("          cells:\n            - €11.7bn\n            - $183bn\n"
         "            - $500bn\n            - {value: $200bn, status: disputed, cite: wire}\n")
CUT: dict[str, Callable[[int], str]] = {
    "cells": lambda n: "          cells: [" + ", ".join(["(a", "b)"] * n) + "]\n",
    "keys": lambda n: ("          cells: [{value: (a, " + "".join(f"b{i}, " for i in range(n))
                       + "c)}, x, y, z]\n"),
}


@pytest.mark.parametrize("kind", sorted(CUT))
def test_a_long_line_of_cut_values_is_checked_in_proportion(project: ScratchProject,
                                                            kind: str) -> None:
    def check(pieces: int) -> Callable[[], object]:
        def run() -> object:
            write_brief(project, SHEET.replace(CELLS, CUT[kind](pieces)))
            with contextlib.redirect_stderr(io.StringIO()) as err:
                project.cli("check")
            return err
        return run

    small = count_steps(check(500))
    large = count_steps(check(2_000))
    assert large <= 5 * small + 1_000, (small, large)
    assert any("must be in quotes" in line for line in problems(project))


def test_a_huge_file_of_broken_lines_gets_one_plain_message(project: ScratchProject) -> None:
    lines = "".join(f"{' ' * (i % 5)}key{i}: value, with (brackets, and {{braces}}\n"
                    for i in range(10_000))
    write_brief(project, lines[:120_000])
    found = problems(project)
    assert len([line for line in found if ": error: " in line]) == 1, found
    assert "this line is indented" in found[0], found
    wide = "x: [" + "[(,)], {a, b: (c, d)}, " * 4_000 + "\n"
    write_brief(project, wide)
    found = problems(project)
    assert found and "Traceback" not in "".join(found)
