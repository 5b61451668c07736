"""A citation number is a working link: it takes the reader to its source,
which is highlighted, and the source's backlink takes them back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .conftest import BRIEF, OpenPage

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

IN_VIEW = """el => { const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth; }"""


def background(element: Locator) -> str:
    return element.evaluate("el => getComputedStyle(el).backgroundColor")


def wait_for_hash(page: Page, fragment: str) -> None:
    page.wait_for_function("h => location.hash === h", arg=fragment, timeout=5000)


def test_citation_jumps_to_highlighted_source_and_back(open_page: OpenPage) -> None:
    page = open_page(BRIEF, height=700)
    # A citation far down the page whose source is cited more than once, so
    # the backlink must pick the right citing place.
    cites = page.locator("main a.cite-ref:visible")
    assert cites.count() > 5
    cite = cites.nth(cites.count() - 3)
    cite_id, href = cite.get_attribute("id"), cite.get_attribute("href")
    assert cite_id and href and href.startswith("#source-")
    source = page.locator(href)
    unhighlighted = background(source)

    cite.scroll_into_view_if_needed()
    cite.click()
    wait_for_hash(page, href)
    assert source.evaluate(IN_VIEW), "the source entry is not on screen"
    assert source.evaluate("el => el.matches(':target')")
    assert background(source) != unhighlighted, "the :target source is not highlighted"

    assert source.locator(".backlinks a").count() > 1, "pick a source cited twice"
    back = source.locator(f".backlinks a[href='#{cite_id}']")
    assert back.count() == 1, f"no backlink to #{cite_id} in {href}"
    back.click()
    wait_for_hash(page, f"#{cite_id}")
    assert cite.evaluate(IN_VIEW), "the backlink does not return to the citation"


def test_every_citation_points_at_an_existing_source(open_page: OpenPage) -> None:
    page = open_page(BRIEF)
    broken = page.evaluate("""() => [...document.querySelectorAll('a.cite-ref')]
        .filter(a => !document.getElementById(a.hash.slice(1))
                     || !document.getElementById(a.hash.slice(1)).closest('.sources'))
        .map(a => a.outerHTML)""")
    assert broken == []


def test_folded_backlinks_open_from_the_keyboard_and_reach_their_citation(
        open_page: OpenPage) -> None:
    page = open_page(BRIEF, height=700)
    # The test brief cites its operator's release more often than a row shows.
    more = page.locator("#source-alder-grid-release details.more-backlinks")
    last = more.locator("a").last
    assert not last.is_visible(), "the folded backlinks show before they are asked for"
    more.locator("summary").focus()
    page.keyboard.press("Enter")
    assert last.is_visible()
    target = last.get_attribute("href")
    assert target
    last.click()
    wait_for_hash(page, target)
    assert page.locator(target).evaluate(IN_VIEW), "the backlink does not reach its citation"
