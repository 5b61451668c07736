"""Source previews: the page carries what cite-preview.js reads, and works without it.

The behaviour in a real browser (hover, focus, tap, Escape) is tested by the
browser suite against the selectors in CONTRACTS.md; here we check the
markup those selectors rely on and the script's budget.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from .conftest import REPO, TEST_BRIEF, ScratchProject

PAGE = f"briefs/{TEST_BRIEF}/index.html"


def test_brief_loads_the_preview_script_deferred_from_the_site(built: ScratchProject) -> None:
    scripts = [s for s in built.page(PAGE).find_all("script") if s.get("src")]
    assert [s["src"] for s in scripts if s["src"].endswith("cite-preview.js")] == [
        "../../assets/cite-preview.js"]
    script = scripts[0]
    assert script.has_attr("defer") and not script.get_text().strip()
    target = posixpath.normpath(posixpath.join(posixpath.dirname(PAGE), script["src"]))
    assert (built.site / target).read_bytes() == (REPO / "static/cite-preview.js").read_bytes()


def test_no_page_runs_inline_script(built: ScratchProject) -> None:
    for path in sorted(Path(built.site).rglob("*.html")):
        page = built.page(path.relative_to(built.site).as_posix())
        for script in page.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", path


def test_each_citation_is_a_plain_jump_to_a_source_with_what_the_preview_shows(
        built: ScratchProject) -> None:
    page = built.page(PAGE)
    links = page.select("a.cite-ref")
    assert len(links) >= 10
    for link in links:
        assert link["href"].startswith("#source-")
        entry = page.find(id=link["href"][1:])
        assert entry.select_one("cite.source-title").get_text(strip=True)
        assert entry.select_one(".publisher").get_text(strip=True)
        assert entry.select_one("time")["datetime"]
        assert entry.select_one(".backlinks")  # removed from the preview by the script


def test_preview_script_uses_the_contract_selectors_and_stays_small() -> None:
    script = (REPO / "static/cite-preview.js").read_text(encoding="utf-8")
    code = "".join(line for line in script.splitlines(True) if not line.startswith("/*"))
    for needle in ('"a.cite-ref"', '"cite-preview"', '"tooltip"', '"Escape"', "focusin",
                   "mouseover", "pointerdown", "aria-describedby"):
        assert needle in code, needle
    assert len(code.encode()) < 1000, len(code.encode())


def test_preview_is_positioned_out_of_the_flow() -> None:
    css = (REPO / "static/style.css").read_text(encoding="utf-8")
    rule = css[css.index(".cite-preview {"):]
    rule = rule[:rule.index("}")]
    assert "position: absolute" in rule
    assert "display" not in rule  # would override the hidden attribute
