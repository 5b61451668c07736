"""Comparison tables of 2 to 8 columns read without sideways scrolling at
phone, tablet and desktop widths: wide tables use the width beside the text
column on a desktop, and on a phone each row becomes a card whose values each
carry their column's label.  Also: every page has its own favicon, so no page
logs a failed request.

The tables are the test's own (a scratch project with two briefs), not the
repository's briefs, so the widths tested do not depend on today's content.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from briefly.cli import main

from ..conftest import REPO
from .support import serve_folder
from .test_accessibility import axe_report

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SITE_SETTINGS = """\
title: Table Desk
tagline: Scratch site for the table layout tests.
base_url: https://tables.example.org/
language: en-GB
publisher: Table Desk Newsroom
"""

# Fictional fabs, firms and figures: long-ish values with statuses, notes and
# citations, the way real comparison tables carry them.
AID_FACTS = """\
kicker: Chip aid
headline: "Two fabs, four bidders: who gets €15.9bn of chip aid"
dek: The ministry's award, set against what each bidder says it will build.
answer: >-
  The ministry awarded €11.7bn to the Aldmere fab and €4.2bn to Vellport.
  [@ministry]
published: 2026-03-02
numbers:
  tables:
    - caption: State aid for the two fabs, announced and paid
      columns:
        - {label: Aldmere fab, cite: ministry}
        - {label: Vellport fab, cite: ministry}
      rows:
        - label: Aid announced
          cells: [€11.7bn, €4.2bn]
        - label: Aid paid so far
          cells:
            - {value: €3.1bn, note: The first two of five instalments.}
            - {status: not disclosed}
        - label: Jobs promised
          cells:
            - {value: "3,000", status: self-reported, cite: northgate}
            - "1,200"
        - label: First wafers
          cells:
            - 2027
            - {value: 2029 (delayed), status: disputed, cite: herald}
    - caption: The four bidders compared, as each describes itself
      columns:
        - {label: Northgate Foundry, cite: northgate}
        - {label: Vell Semiconductors}
        - {label: Ostra Microsystems}
        - {label: Kestrel Chips (2025 bid), baseline: true}
      rows:
        - label: Investment pledged
          cite: herald
          cells:
            - {value: "$200bn (reported, denied)", status: disputed}
            - €38.5bn over ten years
            - {value: €9.9bn, status: estimate}
            - €22bn
        - label: Aid requested
          cells:
            - {value: €11.7bn, note: Includes €1.2bn for a training centre.}
            - €4.2bn
            - {status: not disclosed}
            - €6.8bn
        - label: Process node
          cells:
            - {value: 2 nm (from 2028), status: self-reported, cite: northgate}
            - 7 nm and 16 nm
            - 28 nm specialty
            - 3 nm
        - label: Water use per year
          cells:
            - {value: 12.5 million m³, status: estimate, cite: herald}
            - not stated
            - 3.4 million m³
            - 9 million m³
watch:
  - Whether the third and fourth instalments are paid on time.
sources:
  - id: ministry
    title: Award decision on the semiconductor aid scheme
    publisher: Ministry of Industry
    date: 2026-02-27
  - id: northgate
    title: Northgate Foundry confirms its Aldmere plans
    publisher: Northgate Foundry
    date: 2026-02-28
    party: true
  - id: herald
    title: The numbers behind the chip aid race
    publisher: The Aldmere Herald
    date: 2026-03-01
"""

AID_ARTICLE = """\
## What happened

The Ministry of Industry split its chip aid between two fabs. [@ministry]
Northgate says its Aldmere fab will employ 3,000 people. [@northgate, self-reported]

## The numbers: aid and pledges

The Herald puts Northgate's pledge far lower than reported. [@herald, disputed]
"""

REGIONS = ["Aldmere", "Vellport", "Ostra Bay", "Kestrel Isles", "North March",
           "Southern Reach"]
FIRMS = ["Northgate", "Vell Semi", "Ostra Micro", "Kestrel", "Halden Wafer",
         "Brightwater", "Corvid Logic", "Tessaly Fabs"]
WIDE_FACTS = """\
kicker: Chip aid
headline: "Six regions, eight firms: the chip aid race in two tables"
dek: Where the money goes, and who asked for how much.
answer: >-
  Aldmere and Vellport took most of the money; Northgate asked for the most.
  [@ministry]
published: 2026-03-05
numbers:
  tables:
    - caption: Aid by region, 2024 to 2026
      columns:
{region_columns}
      rows:
        - label: Aid awarded
          cite: ministry
          cells: [€11.7bn, €4.2bn, €2.95bn, €880m, {{value: €1.06bn, status: estimate}}, €410m]
        - label: Share of national total
          cells: [51.2%, 18.4%, 12.9%, 3.9%, 4.6%, 1.8%]
        - label: Projects funded
          cells:
            - 3
            - {{value: "2", note: One project was withdrawn in January.}}
            - 4
            - 1
            - {{status: not disclosed}}
            - 2
        - label: Jobs per €1bn
          cells:
            - {{value: 256, status: self-reported, cite: northgate}}
            - 285
            - {{value: "1,120 (disputed)", status: disputed, cite: herald}}
            - 310
            - not stated
            - 190
    - caption: Aid requested and awarded, by firm
      columns:
{firm_columns}
      rows:
        - label: Aid requested
          cells:
            - {{value: "$200bn (reported, denied)", status: disputed, cite: herald}}
            - €38.5bn
            - €9.9bn
            - €22bn
            - {{status: not disclosed}}
            - €1.75bn
            - {{value: €640m, note: Revised down from €900m.}}
            - €3.2bn
        - label: Aid awarded
          cite: ministry
          cells: [€11.7bn, €4.2bn, €2.95bn, €0, €1.06bn, €410m, €640m, not stated]
        - label: Staff today
          cells:
            - {{value: "14,500", status: self-reported, cite: northgate}}
            - "9,800"
            - "2,150"
            - "31,000"
            - {{value: "1,900", status: estimate}}
            - "640"
            - "420"
            - "5,300"
        - label: Headquarters
          cells: [Aldmere, Vellport, Ostra Bay, Kestrel Isles, North March, Vellport, Aldmere, Southern Reach]
watch:
  - Whether the unallocated aid goes to North March.
sources:
  - id: ministry
    title: Regional breakdown of the semiconductor aid scheme
    publisher: Ministry of Industry
    date: 2026-03-03
  - id: northgate
    title: Northgate Foundry annual report
    publisher: Northgate Foundry
    date: 2026-02-20
    party: true
  - id: herald
    title: Who asked for what
    publisher: The Aldmere Herald
    date: 2026-03-04
""".format(
    region_columns="\n".join(
        f"        - {{label: {name}{', cite: ministry' if i == 0 else ''}}}"
        for i, name in enumerate(REGIONS)),
    firm_columns="\n".join(
        f"        - {{label: {name}{', baseline: true' if i == 7 else ''}}}"
        for i, name in enumerate(FIRMS)))

WIDE_ARTICLE = """\
## What happened

The ministry published how its chip aid splits by region and by firm. [@ministry]
Northgate reports 14,500 staff. [@northgate, self-reported]

## The numbers: regions and firms

The Herald disputes the jobs figures for Ostra Bay. [@herald, disputed]
"""

BRIEFS = {"chip-aid": (AID_FACTS, AID_ARTICLE), "chip-aid-by-region": (WIDE_FACTS, WIDE_ARTICLE)}
# Each table under test by its column count: (brief page, table anchor).
TABLES = {2: ("briefs/chip-aid/", "table-1"), 4: ("briefs/chip-aid/", "table-2"),
          6: ("briefs/chip-aid-by-region/", "table-1"),
          8: ("briefs/chip-aid-by-region/", "table-2")}
WIDTHS = [375, 768, 1280]


def make_project(root: Path) -> Path:
    """A scratch project: the repository's templates and stylesheet, our briefs."""
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, root / name)
    (root / "briefly.yaml").write_text(SITE_SETTINGS, encoding="utf-8")
    for slug, (facts, article) in BRIEFS.items():
        folder = root / "content" / "briefs" / slug
        folder.mkdir(parents=True)
        (folder / "facts.yaml").write_text(facts, encoding="utf-8")
        (folder / "brief.md").write_text(article, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def tables_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The scratch project, built once for the module and served on 127.0.0.1."""
    root = make_project(tmp_path_factory.mktemp("tables") / "project")
    assert main(["--root", str(root), "build", "--no-search"]) == 0
    with serve_folder(root / "site") as url:
        yield url


@dataclass
class Opened:
    page: Page
    problems: list[str]  # script and console errors, failed requests, HTTP errors


OpenScratch = Callable[..., Opened]


@pytest.fixture
def open_scratch(chromium: Browser, tables_url: str) -> Iterator[OpenScratch]:
    """``open_scratch(path, width=, color_scheme=, expect=)`` opens a path of
    the scratch site in a fresh context, collecting what went wrong; with
    ``expect``, it also waits for the response to that URL path."""
    contexts = []

    def open_(path: str, *, width: int = 1280, color_scheme: str = "light",
              expect: str | None = None) -> Opened:
        context = chromium.new_context(viewport={"width": width, "height": 800},
                                       color_scheme=color_scheme)
        context.set_default_timeout(5000)  # fail fast, never hang
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page, [])
        page.on("pageerror", lambda error: opened.problems.append(f"script error: {error}"))
        page.on("console", lambda msg: msg.type == "error" and opened.problems.append(
            f"console: {msg.text} ({msg.location.get('url')})"))
        page.on("requestfailed", lambda request: opened.problems.append(
            f"request failed: {request.url} ({request.failure})"))
        page.on("response", lambda response: response.status >= 400 and opened.problems.append(
            f"HTTP {response.status}: {response.url}"))
        if expect is None:
            response = page.goto(tables_url + path)
        else:
            with page.expect_response(tables_url + expect) as wanted:
                response = page.goto(tables_url + path)
            assert wanted.value.status == 200, f"{expect}: HTTP {wanted.value.status}"
        assert response is not None and response.status == 200, \
            f"{path or '/'}: HTTP {response and response.status}"
        return opened

    yield open_
    for context in contexts:
        context.close()


# What a reader must be able to see of one table, measured in the page: the
# page and the table never scroll sideways, and every header and value is on
# screen, has a size and is not cut off.  The top-left header is left out: it
# is an empty corner on screen (its "Measure" is for screen readers only).
FIT = """figure => {
  const problems = [];
  const where = el => el.outerHTML.slice(0, 90).replace(/\\s+/g, ' ');
  const page = document.documentElement;
  if (page.scrollWidth > innerWidth)
    problems.push(`page scrolls sideways: ${page.scrollWidth}px in ${innerWidth}px`);
  for (const el of [figure, figure.querySelector('.table-scroll'), figure.querySelector('table')])
    if (el.scrollWidth > el.clientWidth + 1)
      problems.push(`scrolls sideways (${el.scrollWidth} > ${el.clientWidth}): ${where(el)}`);
  const cells = [...figure.querySelectorAll('caption, thead th:not(:first-child), tbody th, td')];
  for (const cell of cells) {
    const r = cell.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) problems.push(`no size: ${where(cell)}`);
    else if (r.left < -0.5 || r.right > innerWidth + 0.5)
      problems.push(`off screen (${Math.round(r.left)}..${Math.round(r.right)}): ${where(cell)}`);
    if (cell.scrollWidth > cell.clientWidth + 1)
      problems.push(`text cut off (${cell.scrollWidth} > ${cell.clientWidth}): ${where(cell)}`);
    if (!cell.checkVisibility({visibilityProperty: true, opacityProperty: true}))
      problems.push(`hidden: ${where(cell)}`);
  }
  return {problems, cells: cells.length,
          cards: getComputedStyle(figure.querySelector('tbody tr')).display !== 'table-row'};
}"""
# Where the table sits against the text column (main's content box).
PLACE = """figure => {
  const main = document.querySelector('main'), s = getComputedStyle(main);
  const m = main.getBoundingClientRect(), t = figure.querySelector('table').getBoundingClientRect();
  const left = m.left + parseFloat(s.paddingLeft), right = m.right - parseFloat(s.paddingRight);
  return {column: [left, right], table: [t.left, t.right]};
}"""


@pytest.mark.parametrize("columns", sorted(TABLES))
@pytest.mark.parametrize("width", WIDTHS)
def test_table_reads_without_sideways_scrolling(open_scratch: OpenScratch, width: int,
                                               columns: int) -> None:
    path, anchor = TABLES[columns]
    figure = open_scratch(path, width=width).page.locator(f"figure#{anchor}")
    assert figure.locator("thead th").count() == columns + 1, "the test table is not as named"
    rows = figure.locator("tbody tr").count()
    fit = figure.evaluate(FIT)
    assert fit["problems"] == [], f"{columns} columns at {width}px"
    assert fit["cells"] == 1 + columns + rows * (columns + 1)
    # Cards on a phone, and on a tablet for a table of many columns; a table otherwise.
    assert fit["cards"] == (width <= 480 or (width == 768 and columns > 4))


@pytest.mark.parametrize("columns", sorted(TABLES))
def test_on_a_desktop_only_wide_tables_leave_the_text_column(open_scratch: OpenScratch,
                                                             columns: int) -> None:
    path, anchor = TABLES[columns]
    figure = open_scratch(path, width=1280).page.locator(f"figure#{anchor}")
    place = figure.evaluate(PLACE)
    (col_left, col_right), (left, right) = place["column"], place["table"]
    if columns == 2:  # fits the column: stays in it, as wide as the text
        assert abs(left - col_left) < 1 and abs(right - col_right) < 1, place
    else:  # wider than the column: uses the room beside it, centred on it
        assert left < col_left - 40 and right > col_right + 40, place
        assert abs((col_left - left) - (right - col_right)) < 2, place
        assert left >= 24 and right <= 1280 - 24, place
    # The links, charts and notes under it stay in the text column.
    below = figure.evaluate("""figure => [...figure.children]
        .filter(el => !el.classList.contains('table-scroll'))
        .map(el => [el.className || el.tagName, el.getBoundingClientRect().left,
                    el.getBoundingClientRect().right])""")
    assert below and all(left >= col_left - 0.5 and right <= col_right + 0.5
                         for _, left, right in below), below


# Each phone card as the reader sees it: its heading, and for each value the
# label drawn before it (computed ::before), the column it belongs to, and any
# badge, note mark or citation that is not inside the value's line.
CARDS = """figure => {
  const heads = [...figure.querySelectorAll('thead th')].slice(1);
  return [...figure.querySelectorAll('tbody tr')].map(tr => {
    const th = tr.querySelector('th'), head = th.getBoundingClientRect();
    const tds = [...tr.querySelectorAll('td')];
    return {
      heading: th.textContent.trim(),
      headingFirst: tds.every(td => td.getBoundingClientRect().top >= head.bottom - 0.5),
      cells: tds.map((td, i) => {
        const before = getComputedStyle(td, '::before'), box = td.getBoundingClientRect();
        return {
          label: td.dataset.label, column: heads[i].firstChild.textContent.trim(),
          baseline: heads[i].classList.contains('baseline'), before: before.content,
          shown: before.display !== 'none' && before.visibility === 'visible'
                 && parseFloat(before.fontSize) > 0 && before.color !== 'rgba(0, 0, 0, 0)',
          value: td.textContent.trim(),
          stray: [...td.querySelectorAll('.status, sup')].filter(m => {
            const r = m.getBoundingClientRect();
            return !(r.width > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5
                     && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5);
          }).map(m => m.outerHTML.slice(0, 60))};
      })};
  });
}"""
ARIA_CELL = re.compile(r'^\s*- cell "(.*)"', re.MULTILINE)


@pytest.mark.parametrize("columns", sorted(TABLES))
def test_phone_cards_show_each_value_with_its_column_label(open_scratch: OpenScratch,
                                                           columns: int) -> None:
    path, anchor = TABLES[columns]
    figure = open_scratch(path, width=375).page.locator(f"figure#{anchor}")
    cards = figure.evaluate(CARDS)
    assert len(cards) == figure.locator("tbody tr").count() > 1
    for card in cards:
        assert card["headingFirst"], f"{card['heading']}: the row label does not head its card"
        for cell in card["cells"]:
            where = f"{card['heading']} / {cell['column']}"
            assert cell["label"] == cell["column"], where
            shown = cell["column"] + (" (baseline)" if cell["baseline"] else "")
            assert cell["before"].startswith(f'"{shown}"') and cell["shown"], \
                (where, cell["before"])
            assert cell["value"], where
            assert cell["stray"] == [], f"{where}: marks outside the value's line"
    # Still a table to assistive technology, the label shown not read a second time.
    # The explicit roles are for browsers (WebKit) that drop the table semantics
    # of elements displayed as blocks; Chromium keeps them either way.
    roles = figure.evaluate("""figure => [...figure.querySelectorAll(
        'table, thead, tbody, tr, th, td')].map(el => [el.tagName, el.getAttribute('role')])""")
    implicit = {"TABLE": "table", "THEAD": "rowgroup", "TBODY": "rowgroup", "TR": "row",
                "TD": "cell"}
    for tag, role in roles:
        assert role in ({"columnheader", "rowheader"} if tag == "TH" else {implicit[tag]}), tag
    table = figure.get_by_role("table", name=figure.locator("caption").inner_text())
    assert table.get_by_role("columnheader").count() == columns + 1
    assert table.get_by_role("rowheader").count() == len(cards)
    names = ARIA_CELL.findall(table.aria_snapshot())
    assert len(names) == len(cards) * columns
    cells = [cell for card in cards for cell in card["cells"]]
    assert [name for name, cell in zip(names, cells) if name.startswith(cell["label"])
            and not cell["value"].startswith(cell["label"])] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", sorted({path for path, _ in TABLES.values()}))
def test_axe_finds_nothing_in_the_tables(open_scratch: OpenScratch, path: str, width: int,
                                         scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = open_scratch(path, width=width, color_scheme=scheme).page
    assert page.locator("figure.comparison").count() == 2
    violations = Axe().run(page, context="figure.comparison").response["violations"]
    assert not violations, f"{path} at {width}px, {scheme}:\n{axe_report(violations)}"


@pytest.mark.parametrize("path", ["", "briefs/chip-aid/"])
def test_pages_load_their_own_favicon_with_no_errors(open_scratch: OpenScratch,
                                                    path: str) -> None:
    opened = open_scratch(path, expect="assets/favicon.svg")
    page = opened.page
    page.wait_for_load_state("load")
    links = page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('link[rel=icon], link[rel=stylesheet]')]
        .map(l => [l.rel, [l.getAttribute('href'), l.type]]))""")
    # Linked like the stylesheet: relative, so the site works from a sub-folder.
    stylesheet, _ = links["stylesheet"]
    assert links["icon"] == [stylesheet.replace("style.css", "favicon.svg"), "image/svg+xml"]
    assert opened.problems == []
