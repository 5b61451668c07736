"""Search: the Pagefind index built with the site, queried as the search page does.

The index is queried through Pagefind's own ``pagefind.js`` running in Node
(tests/pagefind_query.mjs), so a passing test means a browser would find the
same results.  The browser test of the search page itself lives with the
browser tests.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import TEST_BRIEF, ScratchProject, snapshot

NODE = shutil.which("node")
QUERY_SCRIPT = Path(__file__).with_name("pagefind_query.mjs")
BRIEF_URL = f"/briefs/{TEST_BRIEF}/"
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js runs Pagefind's search code")


def search(site: Path, *terms: str) -> dict[str, list[dict[str, Any]]]:
    proc = subprocess.run([NODE or "node", str(QUERY_SCRIPT), str(site), *terms],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@needs_node
def test_a_fact_sheet_word_and_a_body_only_word_find_the_brief(built: ScratchProject) -> None:
    # "legacy" is only in brief.md's body: not in the headline, answer or fact sheet;
    # "Ridgeback" is in both.
    article = built.article().read_text(encoding="utf-8")
    assert "legacy" in article and "legacy" not in built.facts().read_text(encoding="utf-8")
    found = search(built.site, "Ridgeback", "legacy")
    for term in ("Ridgeback", "legacy"):
        assert [r["url"] for r in found[term]] == [BRIEF_URL], term
        assert f"<mark>{term}</mark>" in found[term][0]["excerpt"]


@needs_node
def test_results_carry_title_kicker_and_answer(built: ScratchProject) -> None:
    meta = search(built.site, "Ridgeback")["Ridgeback"][0]["meta"]
    assert meta["title"] == "Tidewater battery opens: 400 MWh of storage at $118 a kilowatt-hour"
    assert meta["kicker"] == "Grid storage"
    assert meta["answer"] == ("Alder Grid switched on the Tidewater (400 MWh) and Saltmarsh "
                              "(120 MWh) batteries on 3 March 2026, quadrupling the region's "
                              "storage.")


@needs_node
def test_only_the_brief_is_indexed_not_navigation_or_footer(project: ScratchProject) -> None:
    project.edit(project.root / "templates" / "base.html", "Every figure links to its source.",
                 "Every figure links to its source. Quuxfooterword.")
    project.edit(project.root / "templates" / "base.html", ">Topics</a>",
                 ">Topics Navbarzed</a>")
    project.edit(project.article(), "The legacy", "The Zorbleflax legacy")
    project.build()
    assert "Quuxfooterword" in (project.site / "index.html").read_text(encoding="utf-8")
    found = search(project.site, "Quuxfooterword", "Navbarzed", "Zorbleflax")
    assert found["Quuxfooterword"] == [] and found["Navbarzed"] == []
    assert [r["url"] for r in found["Zorbleflax"]] == [BRIEF_URL]


@needs_node
def test_rebuilding_keeps_the_index_current(project: ScratchProject) -> None:
    """The preview server calls the same build: an edit is searchable after it."""
    project.build()
    assert search(project.site, "Blorptastic")["Blorptastic"] == []
    project.edit(project.article(), "The legacy", "The Blorptastic legacy")
    project.build()
    assert [r["url"] for r in search(project.site, "Blorptastic")["Blorptastic"]] == [BRIEF_URL]


def test_index_and_search_page_are_published(built: ScratchProject) -> None:
    assert (built.site / "pagefind" / "pagefind.js").is_file()
    assert list((built.site / "pagefind" / "index").glob("*.pf_index"))
    page = built.page("search/index.html")
    box = page.select_one("main form[role=search] input[type=search]")
    assert box is not None and box["name"] == "q"
    script = page.find("script", src=True)
    assert script["src"] == "../assets/search.js" and (built.site / "assets/search.js").is_file()
    form = page.select_one("#search-form")
    assert posixpath.normpath(posixpath.join("search", form["data-index"])) == \
        "pagefind/pagefind.js"


def test_every_page_has_a_search_box_in_its_header(built: ScratchProject) -> None:
    pages = [p for p in built.site.rglob("*.html")
             if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")]
    assert len(pages) >= 6
    for path in pages:
        page = built.page(path.relative_to(built.site).as_posix())
        form = page.select_one("header.site-header form[role=search]")
        assert form is not None, path
        assert form["method"] == "get"
        assert form.select_one("input[type=search]")["name"] == "q"
        label = page.find("label", attrs={"for": form.input["id"]})
        assert label is not None and label.get_text(strip=True)
        if path.name != "404.html":  # the 404 page links from the site root
            here = posixpath.dirname(path.relative_to(built.site).as_posix())
            target = posixpath.normpath(posixpath.join(here, form["action"]))
            assert target == "search", path


def test_only_the_search_page_allows_webassembly_and_no_page_inline_script(
        built: ScratchProject) -> None:
    for path in built.site.rglob("*.html"):
        name = path.relative_to(built.site).as_posix()
        page = built.page(name)
        csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        if csp is None:
            continue
        policy = {d.split()[0]: d.split()[1:] for d in csp["content"].split(";") if d.strip()}
        if "script-src" not in policy:  # a redirect page: scripts fall back to 'none'
            assert policy["default-src"] == ["'none'"], name
            assert not page.find_all("script"), name
            continue
        wasm = ["'wasm-unsafe-eval'"] if name == "search/index.html" else []
        assert policy["script-src"] == ["'self'", *wasm], name
        assert "unsafe-inline" not in csp["content"]
        # JSON-LD blocks are data, never executed (and outside the CSP's reach).
        assert all(s.get("src") and not s.get_text(strip=True) for s in page.find_all("script")
                   if s.get("type") != "application/ld+json")
        assert not page.find(style=True), path


def test_no_search_builds_without_an_index(project: ScratchProject) -> None:
    result = project.cli("build", "--no-search")
    assert result.code == 0, result.err
    assert not (project.site / "pagefind").exists()
    assert (project.site / "search" / "index.html").is_file()


def test_a_failed_indexing_publishes_nothing(project: ScratchProject,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    project.build()
    before = snapshot(project.site)
    broken = project.root / "broken-pagefind"
    broken.write_text("#!/bin/sh\necho 'index exploded' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    project.edit(project.article(), "The legacy", "The brand-new legacy")
    result = project.cli("build")
    assert result.code == 1
    assert "pagefind: error: search index: Pagefind failed with exit code 3: " \
           "index exploded" in result.err
    assert "hint: build with --no-search" in result.err
    assert snapshot(project.site) == before
    assert not [p for p in project.root.iterdir() if ".staging-" in p.name]


def test_the_index_is_the_same_on_every_build(project: ScratchProject) -> None:
    project.build()
    first = snapshot(project.site / "pagefind")
    shutil.rmtree(project.site)
    project.build()
    assert snapshot(project.site / "pagefind") == first


def test_unchanged_briefs_reuse_the_index_and_a_damaged_cache_is_ignored(
        project: ScratchProject, monkeypatch: pytest.MonkeyPatch) -> None:
    project.build()
    first = snapshot(project.site / "pagefind")
    # A no-op rebuild must not run Pagefind at all: a broken one would fail it.
    broken = project.root / "broken-pagefind"
    broken.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    project.edit(project.root / "static" / "style.css", "/* Briefly", "/* Edited. Briefly")
    project.build()
    assert snapshot(project.site / "pagefind") == first
    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    (entry,) = (project.root / ".briefly-cache" / "search").iterdir()
    damaged = next((entry / "files" / "pagefind" / "index").iterdir())
    damaged.write_bytes(b"garbage")
    project.build()
    assert snapshot(project.site / "pagefind") == first
