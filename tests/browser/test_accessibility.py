"""Accessibility in a real browser: axe-core finds nothing serious on any kind
of page in either colour scheme, and a keyboard user can reach and see every
control, starting with the skip link."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from ..conftest import copy_project
from .conftest import BRIEF, PAGE_PARAMS, PAGES, OpenPage
from .support import serve_folder

if TYPE_CHECKING:
    from playwright.sync_api import Page

BLOCKING = {"serious", "critical"}


def axe_report(violations: list[dict[str, Any]]) -> str:
    """One paragraph per violation: what, how bad, where, how to fix."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: "
                         f"{node.get('failureSummary', '').replace(chr(10), ' ')}")
            lines.append(f"       {node['html'][:160]}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGE_PARAMS)
def test_axe_finds_no_serious_violations(open_page: OpenPage, name: str,
                                         scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(PAGES[name])
    page.emulate_media(color_scheme=scheme)
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == \
        (scheme == "dark")
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{name} page, {scheme} scheme:\n{axe_report(blocking)}"


# Marks every element a keyboard user should reach (visible, focusable, not
# taken out of the tab order) with data-kb=<n>; returns how many.
MARK_INTERACTIVE = """() => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
            + '[tabindex]:not([tabindex="-1"])';
  const els = [...document.querySelectorAll(sel)].filter(
      el => !el.disabled && el.checkVisibility());
  els.forEach((el, i) => el.setAttribute('data-kb', String(i)));
  return els.length;
}"""
# The focus indicator of an element: outline and box-shadow as computed.
FOCUS_STYLE = """el => {
  const s = getComputedStyle(el);
  const outline = s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0
      ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`;
  return {outline, shadow: s.boxShadow};
}"""


def tab_stops(page: Page, limit: int) -> list[dict[str, Any]]:
    """Press Tab until focus leaves the page or wraps; what each stop was."""
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(f"""() => {{
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          return {{kb: el.getAttribute('data-kb'), tag: el.tagName.toLowerCase(),
                   text: (el.textContent || '').trim().slice(0, 40),
                   cls: el.className, style: ({FOCUS_STYLE})(el)}};
        }}""")
        if stop is None or (stops and stop["kb"] == stops[0]["kb"]):
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("name", PAGE_PARAMS)
def test_every_control_is_reachable_with_tab_and_shows_focus(
        open_page: OpenPage, name: str) -> None:
    page = open_page(PAGES[name])
    count = page.evaluate(MARK_INTERACTIVE)
    assert count > 3, f"{name}: only {count} interactive elements found"
    unfocused = {i: page.locator(f"[data-kb='{i}']").evaluate(FOCUS_STYLE)
                 for i in range(count)}
    stops = tab_stops(page, limit=count + 10)
    reached = {s["kb"] for s in stops}
    missing = [page.locator(f"[data-kb='{i}']").evaluate("e => e.outerHTML.slice(0, 120)")
               for i in range(count) if str(i) not in reached]
    assert not missing, f"{name}: not reachable with Tab: {missing}"
    invisible = [f"<{s['tag']} class={s['cls']!r}> {s['text']!r}" for s in stops
                 if s["kb"] is not None and s["style"] == unfocused[int(s["kb"])]]
    assert not invisible, f"{name}: focus looks the same as no focus on: {invisible}"


@pytest.mark.parametrize("name", ["home", "brief", "404"])
def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(
        open_page: OpenPage, name: str) -> None:
    page = open_page(PAGES[name])
    page.keyboard.press("Tab")
    first = page.evaluate("() => [document.activeElement.className,"
                          " document.activeElement.getAttribute('href')]")
    assert first == ["skip-link", "#main"]
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is off screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside main, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")


@pytest.fixture(scope="module")
def labelled_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test project as a draft whose tables and prose use every badge
    (denied, not applicable, the draft badge), built with drafts and served."""
    project = copy_project(tmp_path_factory.mktemp("labelled") / "project")
    project.edit(project.facts(), "updated: 2026-03-12\n", "updated: 2026-03-12\ndraft: true\n")
    project.edit(project.facts(), "            - not stated\n            - air",
                 "            - {status: not applicable}\n            - air")
    project.edit(project.facts(), "            - 15 years\n",
                 "            - {value: 25 years, status: denied, cite: estuary-times}\n")
    project.edit(project.article(), "it is built. [@institute-note]",
                 "it is built. [@institute-note, denied] Not everywhere. "
                 "[@institute-note, not applicable]")
    project.build("--drafts")
    with serve_folder(project.site) as url:
        yield url


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [BRIEF, ""])
def test_new_badges_pass_axe_in_both_schemes(open_page: OpenPage, labelled_site: str,
                                             path: str, scheme: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(path, base=labelled_site, width=width, color_scheme=scheme)
    for badge in (".draft-badge", ".status-denied", ".status-not-applicable")[
            :1 if path == "" else 3]:
        assert page.locator(badge).first.is_visible(), badge
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{path or 'home'}, {scheme}, {width}px:\n{axe_report(blocking)}"
