"""On a 375-pixel-wide phone nothing scrolls sideways, not even the
comparison table (its rows become cards; tests/browser/test_tables_fit.py
checks those at several widths), and its row and column headers stay tied
to the values."""

from __future__ import annotations

import pytest

from .conftest import BRIEF, PAGE_PARAMS, PAGES, OpenPage

PHONE = {"width": 375, "height": 800}


@pytest.mark.parametrize("name", PAGE_PARAMS)
def test_no_page_scrolls_sideways_on_a_phone(open_page: OpenPage, name: str) -> None:
    page = open_page(PAGES[name], **PHONE)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('main *')]
        .filter(el => el.getBoundingClientRect().right > 375.5)
        .slice(0, 5).map(el => el.outerHTML.slice(0, 100))""")
    assert width <= 375, f"{name}: page is {width}px wide; too wide: {wide}"


def test_table_headers_stay_tied_to_their_data(open_page: OpenPage) -> None:
    page = open_page(BRIEF, **PHONE)
    problems = page.evaluate("""() => {
      const out = [];
      for (const table of document.querySelectorAll('.table-scroll table')) {
        const cols = [...table.querySelectorAll('thead tr:last-child th')];
        if (!cols.length) out.push('table without column headers');
        cols.forEach(th => th.scope !== 'col' && out.push('column th without scope=col: '
                                                          + th.textContent.trim()));
        for (const row of table.tBodies[0].rows) {
          const head = row.cells[0];
          if (head.tagName !== 'TH' || head.scope !== 'row')
            out.push('row without th scope=row: ' + row.textContent.trim().slice(0, 40));
          if (row.cells.length !== cols.length)
            out.push(`row has ${row.cells.length} cells for ${cols.length} columns`);
        }
      }
      return out; }""")
    assert problems == []
