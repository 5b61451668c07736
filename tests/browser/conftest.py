"""Fixtures for the real-browser tests: one Chromium per session, one served
copy of the built test project (tests/project/), and a fresh browser context
per test.

A context per test keeps tests independent (no shared history, focus, media
emulation or JavaScript setting) while launching Chromium only once keeps the
suite fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from ..conftest import TEST_BRIEF, ScratchProject
from .support import CHROMIUM_ARGS, browser_verdict, find_chromium, serve_folder

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Every kind of page the site publishes, by a name tests can report.
PAGES = {
    "home": "",
    "brief": f"briefs/{TEST_BRIEF}/",
    "topic": "topics/grid-storage/",
    "archive": "briefs/",
    "topics": "topics/",
    "404": "no-such-page/",
    "search": "search/",
    "sources": "sources/",
    "source": "sources/estuary-times/",
}
BRIEF = PAGES["brief"]

# Every page name as a test parameter (mark one here while its page is missing).
PAGE_PARAMS = list(PAGES)

OpenPage = Callable[..., "Page"]


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip (or, under CI=true, fail) every test that needs Chromium when it
    is missing, with one reason for all of them."""
    if "chromium" not in getattr(item, "fixturenames", ()):
        return
    verdict, reason = browser_verdict(os.environ)
    if verdict == "skip":
        pytest.skip(reason)
    if verdict == "fail":
        pytest.fail(reason, pytrace=False)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(find_chromium(os.environ)), headless=True,
            args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_url(built: ScratchProject) -> Iterator[str]:
    """The base URL of the session's built site, served on 127.0.0.1."""
    with serve_folder(built.site) as url:
        yield url


@pytest.fixture
def console() -> list[str]:
    """Script errors and console errors (CSP violations, failed loads) of
    every page the test opened, each with where it came from."""
    return []


@pytest.fixture
def open_page(chromium: Browser, site_url: str, console: list[str]) -> Iterator[OpenPage]:
    """``open_page(path, width=, height=, color_scheme=, javascript=, base=)``
    opens a site path in a new context and checks the HTTP status (404 only
    for the 404 page's made-up path)."""
    contexts = []

    def open_(path: str = "", *, width: int = 1280, height: int = 800,
              color_scheme: str = "light", javascript: bool = True,
              base: str | None = None, **context_args: Any) -> Page:
        context = chromium.new_context(
            viewport={"width": width, "height": height}, color_scheme=color_scheme,
            java_script_enabled=javascript, **context_args)
        context.set_default_timeout(5000)  # fail fast, never hang
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: console.append(f"script error: {error}"))
        page.on("console", lambda msg: msg.type == "error" and console.append(
            f"{msg.text} ({msg.location.get('url')}:{msg.location.get('lineNumber')})"))
        response = page.goto((base or site_url) + path)
        expected = 404 if path == PAGES["404"] else 200
        assert response is not None and response.status == expected, \
            f"{path or '/'}: HTTP {response and response.status}, expected {expected}"
        return page

    yield open_
    for context in contexts:
        context.close()
