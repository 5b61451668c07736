"""Reader features from issues 5 and 6, tested against their agreed selectors
(/work/briefing/CONTRACTS.md): source previews on citations, and search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .conftest import BRIEF, PAGES, OpenPage

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

PREVIEW = ".cite-preview[role=tooltip]"


def first_cite(page: Page) -> Locator:
    assert page.locator("script[src$='assets/cite-preview.js']").count() == 1, \
        "the brief page does not load cite-preview.js"
    return page.locator("main a.cite-ref:visible").first


def expected_source(page: Page, cite: Locator) -> list[str]:
    """What the preview must show: the cited entry's publisher, title, date."""
    entry = page.locator(cite.get_attribute("href") or "")
    return [entry.locator(sel).first.inner_text().strip()
            for sel in (".publisher", ".source-title", "time")]


def assert_preview_shows(page: Page, cite: Locator) -> Locator:
    preview = page.locator(PREVIEW)
    preview.first.wait_for(state="visible")
    text = preview.first.inner_text()
    missing = [part for part in expected_source(page, cite) if part not in text]
    assert not missing, f"preview {text!r} lacks {missing}"
    return preview


def test_source_preview_opens_on_hover_and_closes_with_escape(open_page: OpenPage) -> None:
    page = open_page(BRIEF)
    cite = first_cite(page)
    assert page.locator(f"{PREVIEW}:visible").count() == 0
    cite.hover()
    preview = assert_preview_shows(page, cite)
    page.keyboard.press("Escape")
    preview.first.wait_for(state="hidden")


def test_source_preview_opens_on_keyboard_focus(open_page: OpenPage) -> None:
    page = open_page(BRIEF)
    cite = first_cite(page)
    cite_id = cite.get_attribute("id")
    for _ in range(200):  # Tab to the citation, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == cite_id:
            break
    assert page.evaluate("document.activeElement.id") == cite_id
    preview = assert_preview_shows(page, cite)
    page.keyboard.press("Escape")
    preview.first.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") == cite_id, "Escape lost focus"


def test_source_preview_on_a_phone_first_tap_previews_second_tap_jumps(
        open_page: OpenPage) -> None:
    page = open_page(BRIEF, width=375, height=700, has_touch=True, is_mobile=True)
    cite = first_cite(page)
    href = cite.get_attribute("href") or ""
    cite.tap()
    preview = assert_preview_shows(page, cite)
    assert page.evaluate("location.hash") == "", "the first tap left the paragraph"
    box = preview.first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    cite.tap()
    page.wait_for_url(f"**/{BRIEF}{href}")
    page.locator("h1").tap()
    preview.first.wait_for(state="hidden")


def test_source_preview_moves_no_text(open_page: OpenPage) -> None:
    page = open_page(BRIEF)
    cite = first_cite(page)
    layout = ("() => [document.documentElement.scrollHeight,"
              " ...[...document.querySelectorAll('main p, main li, main td')].map(e => {"
              " const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join(); })]")
    before = page.evaluate(layout)
    cite.hover()
    assert_preview_shows(page, cite)
    assert page.evaluate(layout) == before


def test_without_javascript_a_citation_still_jumps_to_its_source(
        open_page: OpenPage) -> None:
    page = open_page(BRIEF, javascript=False, height=700)
    cite = page.locator("main a.cite-ref:visible").first
    href = cite.get_attribute("href") or ""
    assert href.startswith("#source-")
    cite.click()
    page.wait_for_url(f"**/{BRIEF}{href}")
    assert page.locator(href).evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight; }")
    assert page.locator(f"{PREVIEW}:visible").count() == 0


def test_search_for_a_word_of_the_brief_lists_it(open_page: OpenPage) -> None:
    page = open_page(PAGES["search"])
    box = page.locator("main input[type=search]")
    if box.count() == 0:  # the page may use the header's box as its own
        box = page.locator("input[type=search]")
    result = page.locator(f"main a[href*='{BRIEF}']")
    assert result.count() == 0, "the brief is listed before anything was typed"
    box.first.press_sequentially("Ridgeback")
    result.first.wait_for(state="visible", timeout=15000)
    target = result.first.evaluate("a => a.href")
    assert target.split("#")[0].removesuffix("index.html").endswith("/" + BRIEF), target
