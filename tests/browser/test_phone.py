"""On a 375-pixel-wide phone nothing scrolls sideways except the comparison
table, inside its own scroll container that shows it can scroll, with its
row and column headers still tied to the values."""

from __future__ import annotations

import re

import pytest

from .conftest import BRIEF, PAGE_PARAMS, PAGES, OpenPage

PHONE = {"width": 375, "height": 800}
RGBA = re.compile(r"rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)")


def luminance(rgb: tuple[float, ...]) -> float:
    """WCAG relative luminance of an sRGB colour given as 0-255 channels."""
    lin = [c / 255 / 12.92 if c <= 10.31 else ((c / 255 + 0.055) / 1.055) ** 2.4
           for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def shadow_contrast(background_image: str, page_bg: str) -> float:
    """Contrast between the page and the edge shadow (the first colour of the
    first radial gradient) painted over it."""
    shadow = RGBA.search(background_image[background_image.index("radial-gradient"):])
    bg = RGBA.search(page_bg)
    assert shadow and bg, (background_image, page_bg)
    alpha = float(shadow.group(4) or 1)
    base = [float(bg.group(i)) for i in (1, 2, 3)]
    mixed = [alpha * float(shadow.group(i)) + (1 - alpha) * b
             for i, b in zip((1, 2, 3), base)]
    lighter, darker = sorted([luminance(tuple(mixed)), luminance(tuple(base))],
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("name", PAGE_PARAMS)
def test_no_page_scrolls_sideways_on_a_phone(open_page: OpenPage, name: str) -> None:
    page = open_page(PAGES[name], **PHONE)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('main *')]
        .filter(el => el.getBoundingClientRect().right > 375.5
                      && !el.closest('.table-scroll'))
        .slice(0, 5).map(el => el.outerHTML.slice(0, 100))""")
    assert width <= 375, f"{name}: page is {width}px wide; too wide: {wide}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_table_scrolls_in_its_own_container_with_a_cue(open_page: OpenPage,
                                                       scheme: str) -> None:
    page = open_page(BRIEF, **PHONE, color_scheme=scheme)
    page_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    scrollers = page.locator(".table-scroll")
    assert scrollers.count() >= 1
    for i in range(scrollers.count()):
        box = scrollers.nth(i)
        assert box.locator("table").count() == 1
        info = box.evaluate("""el => {
            const s = getComputedStyle(el), r = el.getBoundingClientRect();
            return {overflow: s.overflowX, background: s.backgroundImage,
                    right: r.right, scroll: el.scrollWidth, client: el.clientWidth,
                    role: el.getAttribute('role'), tabindex: el.tabIndex,
                    name: el.getAttribute('aria-labelledby')}; }""")
        assert info["overflow"] in ("auto", "scroll")
        assert info["right"] <= 375
        # The table is wider than a phone: the reader must be able to scroll it...
        assert info["scroll"] > info["client"], "table fits; the scroll test tests nothing"
        # ...must be told so (edge shadows drawn by the background)...
        assert "radial-gradient" in info["background"], "no scroll cue on .table-scroll"
        contrast = shadow_contrast(info["background"], page_bg)
        assert contrast >= 1.5, f"the scroll cue is invisible in {scheme}: {contrast:.2f}:1"
        # ...and can scroll it with the keyboard, hearing what it is.
        assert info["role"] == "region" and info["tabindex"] == 0 and info["name"]
        # Row headers stay in view while the values scroll past.
        header = box.locator("tbody th").first
        before = header.bounding_box()
        box.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        assert box.evaluate("el => el.scrollLeft") > 0
        after = header.bounding_box()
        assert before and after and abs(after["x"] - before["x"]) < 1, \
            "row headers scroll out of view"


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
