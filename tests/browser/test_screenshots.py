"""Screenshots of the brief for a person to look at (screenshots/ is
git-ignored), and a check that every page loads cleanly: no script errors and
nothing blocked by the Content-Security-Policy or missing."""

from __future__ import annotations

import struct

import pytest

from ..conftest import REPO
from .conftest import BRIEF, PAGE_PARAMS, PAGES, OpenPage

SHOTS = REPO / "screenshots"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshot_of_the_brief(open_page: OpenPage, width: int, scheme: str) -> None:
    page = open_page(BRIEF, width=width, height=800, color_scheme=scheme)
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"brief-{width}-{scheme}.png"
    png = page.screenshot(path=str(path), full_page=True)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    shot_width, shot_height = struct.unpack(">II", png[16:24])
    assert shot_width == width, "the page is wider than the window"
    assert shot_height > 800


@pytest.mark.parametrize("name", PAGE_PARAMS)
def test_page_loads_without_console_errors(open_page: OpenPage, console: list[str],
                                           name: str) -> None:
    page = open_page(PAGES[name])
    page.wait_for_load_state("load")
    if name == "404":  # Chromium reports the page's own 404 status; that is the point
        console[:] = [m for m in console if not m.startswith(
            "Failed to load resource: the server responded with a status of 404")]
    assert console == []
