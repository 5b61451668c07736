"""The FAQ opens on click; printed, a brief drops the site chrome and spells
out each source's web address (paper cannot follow a link)."""

from __future__ import annotations

from .conftest import BRIEF, OpenPage

SOURCE_URL = "https://regulator.example/capacity-register/2026-03"


def test_each_faq_question_opens_to_show_its_answer(open_page: OpenPage) -> None:
    page = open_page(BRIEF)
    questions = page.locator(".faq details")
    assert questions.count() >= 2
    for i in range(questions.count()):
        item = questions.nth(i)
        answer = item.locator(".faq-answer")
        assert not answer.is_visible(), f"FAQ {i + 1} starts open"
        item.locator("summary").click()
        answer.wait_for(state="visible")
        assert item.evaluate("d => d.open")
        assert answer.inner_text().strip()
        box = answer.bounding_box()
        assert box and box["height"] > 10


def test_print_hides_navigation_and_shows_source_urls(open_page: OpenPage) -> None:
    # Of the test brief's sources, only the regulator's register has a web address.
    page = open_page(BRIEF)
    url_text = page.locator("#source-regulator-register .source-url")
    assert page.locator("nav[aria-label=Site]").is_visible()
    assert not url_text.is_visible(), "on screen the title is the link already"

    page.emulate_media(media="print")
    assert not page.locator("nav[aria-label=Site]").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert url_text.is_visible()
    assert url_text.inner_text().strip() == SOURCE_URL
    # FAQ answers are part of the printed brief even though they are closed.
    assert page.locator(".faq-answer").first.is_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
