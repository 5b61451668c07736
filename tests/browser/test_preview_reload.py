"""Live reload in a real browser: the preview's CSP lets livereload's script and
websocket through, and an edit shows up without anyone pressing reload."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..conftest import TEST_BRIEF, ScratchProject
from ..test_serve import CITED, MISCITED, Preview, wait_until

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def test_an_edit_reloads_the_open_page_and_errors_come_and_go(
        chromium: Browser, project: ScratchProject) -> None:
    server = Preview(project)
    context = chromium.new_context()
    context.set_default_timeout(30_000)
    problems: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("console", lambda msg: msg.type == "error" and problems.append(
            f"{msg.text} ({msg.location.get('url')})"))
        page.goto(f"http://127.0.0.1:{server.port}/briefs/{TEST_BRIEF}/")
        wait_until(lambda: server.status()["browsers"] >= 1, "livereload to connect")

        project.edit(project.facts(), "kicker: Grid storage", "kicker: Edited live")
        page.get_by_text("Edited live").first.wait_for()

        project.edit(project.article(), CITED, MISCITED)
        page.get_by_text(re.compile(
            r"brief\.md:\d+:\d+: error: unknown source id 'institute-not'")).wait_for()
        assert page.locator("h1").inner_text().startswith("The preview could not be built")

        project.edit(project.article(), MISCITED, CITED)
        page.get_by_text("Edited live").first.wait_for()
        # No CSP refusal and no script error.  HTTP statuses are logged as console
        # errors too: the favicon the site has none of (404) and the error page (500).
        expected = re.compile(r"Failed to load resource: .* status of (404 .*/favicon\.ico|"
                              rf"500 .*/briefs/{TEST_BRIEF}/)\)$")
        assert [p for p in problems if not expected.match(p)] == []
    finally:
        context.close()
        server.stop()
