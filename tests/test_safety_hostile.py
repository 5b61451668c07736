"""Editors' text is untrusted: nothing they type becomes markup, script or a link scheme.

A fact sheet and article carrying attack strings in every field are built,
and every page is parsed: no element or attribute the editor typed may exist,
and the site must satisfy its own Content-Security-Policy.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from briefly.views.markdown import CitationTracker, MarkdownRenderer

from .conftest import REPO, TEST_BRIEF, ScratchProject, copy_project

ARTICLE = f"content/briefs/{TEST_BRIEF}/brief.md"
PAGE = f"briefs/{TEST_BRIEF}/index.html"
ATTACK = ("<script>alert(1)</script><img src=x onerror=alert(2)>"
          "\"'><svg onload=alert(3)><iframe src=javascript:alert(4)>")
QUOTE_BREAK = "x\" onmouseover=\"alert(5)\" data-x='y' onfocus='alert(6)"
MD_ATTACK = (ATTACK + "\n\n<a href=\"javascript:alert(7)\">link</a> "
             "<div style=\"color:red\" onclick=\"alert(8)\">div</div> "
             "[ok](https://example.com/ \"t\" onclick=x)")
FORBIDDEN_TAGS = {"img", "iframe", "object", "embed", "math", "base", "style"}
UNSAFE = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


def hostile_facts() -> dict:
    """Every plain-text field carries ATTACK, every Markdown field MD_ATTACK."""
    cell = {"value": ATTACK, "note": ATTACK, "cite": "src-a"}
    return {
        "kicker": ATTACK, "topics": [ATTACK, "Ordinary topic"], "headline": ATTACK,
        "dek": ATTACK, "answer": MD_ATTACK + " [@src-a]", "published": "2026-04-29",
        "updates": [{"date": "2026-04-30", "text": MD_ATTACK}],
        "numbers": {"tables": [{"caption": ATTACK,
                                "columns": [{"label": ATTACK, "cite": "src-a"},
                                            {"label": QUOTE_BREAK, "baseline": True}],
                                "rows": [{"label": ATTACK, "cells": [cell, QUOTE_BREAK],
                                          "cite": "src-b"}]},
                               {"caption": "Charted: " + ATTACK,  # numeric: drawn as SVG
                                "columns": [{"label": ATTACK, "cite": "src-a"},
                                            {"label": QUOTE_BREAK}],
                                "rows": [{"label": "Context " + ATTACK,
                                          "cells": ["1M tokens", "128K tokens"]}]}]},
        "quote": {"text": ATTACK, "speaker": ATTACK, "role": ATTACK, "organisation": ATTACK,
                  "source": "src-a", "context": MD_ATTACK},
        "watch": [MD_ATTACK],
        "faq": [{"question": ATTACK, "answer": MD_ATTACK}],
        "sources": [
            {"id": "src-a", "title": ATTACK, "publisher": ATTACK, "date": "2026-04-24",
             "url": "https://example.com/\"onmouseover=\"alert(9)\"'><script>alert(10)</script>"},
            {"id": "src-b", "title": QUOTE_BREAK, "publisher": QUOTE_BREAK,
             "date": "2026-04-24", "url": "https://example.com/a'b\"c"},
        ],
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> ScratchProject:
    scratch = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    scratch.facts().write_text(yaml.safe_dump(hostile_facts(), allow_unicode=True),
                               encoding="utf-8")
    scratch.article().write_text(f"## What happened\n\n{MD_ATTACK}\n\n"
                                 f"## The numbers: {ATTACK}\n\n{MD_ATTACK}\n", encoding="utf-8")
    assert scratch.cli("build").code == 0
    return scratch


def pages(site: Path) -> list[tuple[str, BeautifulSoup]]:
    return [(p.relative_to(site).as_posix(), BeautifulSoup(p.read_text(encoding="utf-8"),
                                                           "html.parser"))
            for p in sorted(site.rglob("*.html"))]


def assert_no_active_content(name: str, soup: BeautifulSoup) -> None:
    for tag in soup.find_all(True):
        assert tag.name not in FORBIDDEN_TAGS, f"{name}: <{tag.name}> made it into the page"
        if tag.name == "svg":  # only Briefly's own charts (briefly/charts.py)
            assert "chart" in tag.get("class", []), f"{name}: an <svg> that is not a chart"
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), f"{name}: {attribute}= on <{tag.name}>"
            assert attribute.lower() not in ("style", "data-x"), \
                f"{name}: the editor's {attribute}= on <{tag.name}>"
            if attribute in ("href", "src", "action", "formaction"):
                assert not UNSAFE.match(str(value)), f"{name}: {attribute}={value!r}"
        if tag.name == "script":
            assert tag.get("type") == "application/ld+json" or (tag.get("src") and not
                                                                tag.get_text().strip()), \
                f"{name}: an executable inline <script>"


def test_no_editor_markup_survives_on_any_page(hostile_site: ScratchProject) -> None:
    found = pages(hostile_site.site)
    assert len(found) >= 6
    for name, soup in found:
        assert_no_active_content(name, soup)


def test_charts_of_hostile_labels_are_inert(hostile_site: ScratchProject) -> None:
    page = hostile_site.page(PAGE)
    charts = page.select("svg.chart")
    assert charts, "the numeric row should be charted"
    assert ATTACK in charts[0].get_text()  # the labels, as text


def test_attack_text_is_shown_as_text_in_every_field(hostile_site: ScratchProject) -> None:
    page = hostile_site.page(PAGE)
    text = page.get_text()
    # headline, kicker, dek, caption, labels, cells, notes, quote, speaker, FAQ, sources...
    assert text.count(ATTACK) >= 15
    assert ATTACK in page.h1.get_text() and ATTACK in page.title.get_text()
    assert ATTACK in page.find("caption").get_text()
    assert ATTACK in page.find("blockquote").get_text()
    assert "<script>alert(1)</script>" in page.find(class_="answer").get_text()
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert "<script>alert(1)</script>" in description


def test_attribute_values_cannot_break_out_of_quotes(hostile_site: ScratchProject) -> None:
    page = hostile_site.page(PAGE)
    links = {a["href"]: a for a in page.select(".sources a[href^='https://example.com/']")}
    expected = {"https://example.com/\"onmouseover=\"alert(9)\"'><script>alert(10)</script>",
                "https://example.com/a'b\"c"}
    assert set(links) == expected
    for link in links.values():
        assert set(link.attrs) == {"href", "rel"}
    cell = next(td for td in page.find_all("td") if QUOTE_BREAK in td.get_text())
    assert set(cell.attrs) == {"class", "role", "data-label", "id", "tabindex"}
    # The column label (the same text) stays inside its data-label quotes too.
    assert cell["data-label"] == QUOTE_BREAK


@pytest.mark.parametrize("written, scheme", [
    ("javascript:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    ("&#106;avascript:alert(1)", "javascript"),
    ("&#x6A;&#x61;vascript:alert(1)", "javascript"),
    ("java&#x09;script:alert(1)", "javascript"),
    ("\x01javascript:alert(1)", "javascript"),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("VBScript:msgbox(1)", "vbscript"),
])
@pytest.mark.parametrize("form", ["inline", "spaced", "angle", "reference"])
def test_unsafe_schemes_refused_by_check_and_dropped_by_renderer(
        project: ScratchProject, written: str, scheme: str, form: str) -> None:
    markdown = {"inline": f"See [this]({written}).",
                "spaced": f"See [this](   {written}).",
                "angle": f"See [this](<{written}>).",
                "reference": f"See [this][ref].\n\n[ref]: {written}"}[form]
    text = project.article().read_text(encoding="utf-8")
    project.article().write_text(text.replace("## The numbers", markdown + "\n\n## The numbers"),
                                 encoding="utf-8")
    lines = project.article().read_text(encoding="utf-8").split("\n")
    line = next(i for i, l in enumerate(lines, 1) if written in l)
    column = lines[line - 1].index(written) + 1
    result = project.cli("check")
    assert result.code == 1
    if written.startswith("\x01"):  # refused earlier, as a character no page can carry
        assert (f"{ARTICLE}:{line}:{column}: error: this file contains U+0001, a control "
                "character feeds and pages cannot carry") in result.err
    else:
        assert (f"{ARTICLE}:{line}:{column}: error: links may not use the '{scheme}:' scheme "
                "(## What happened)\n  hint: link to an https:// address") in result.err
    html = MarkdownRenderer().render(markdown, CitationTracker())
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("a") is not None and not soup.find("a").has_attr("href")


def test_images_are_refused_by_check_and_dropped_by_renderer(project: ScratchProject) -> None:
    project.edit(project.article(), "it is built. [@institute-note]",
                 "it is built. ![pixel](https://evil.example/t.png \"x\" onload=alert(1)) "
                 "[@institute-note]")
    assert "error: images are not supported" in project.cli("check").err
    html = MarkdownRenderer().render("a ![pixel](https://evil.example/t.png) b",
                                     CitationTracker())
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None and soup.get_text() == "a pixel b"


def test_autolink_with_unsafe_scheme_is_refused_and_shown_as_text(project: ScratchProject) -> None:
    project.edit(project.article(), "it is built. [@institute-note]",
                 "it is built. <javascript:alert(1)> [@institute-note]")
    result = project.cli("check")
    assert "error: links may not use the 'javascript:' scheme" in result.err
    soup = BeautifulSoup(MarkdownRenderer().render("<javascript:alert(1)>", CitationTracker()),
                         "html.parser")
    assert soup.find("a") is None and "<javascript:alert(1)>" in soup.get_text()


def test_source_url_with_unsafe_scheme_is_refused(project: ScratchProject) -> None:
    project.edit(project.facts(), "    publisher: Alder Grid\n",
                 "    publisher: Alder Grid\n    url: javascript:alert(1)\n")
    result = project.cli("check")
    assert result.code == 1
    assert ("error: 'javascript:alert(1)' is not an http(s) or mailto address "
            "(sources[0].url)") in result.err


def test_templates_never_bypass_autoescaping() -> None:
    """Markup is made only in views.py (from the Markdown renderer and our citation HTML)
    and charts.py (our SVG, every editor text through html.escape: see the chart test)."""
    for template in sorted((REPO / "templates").rglob("*")):
        if template.is_file():
            text = template.read_text(encoding="utf-8")
            assert not re.search(r"\|\s*safe\b", text), f"{template}: |safe"
            assert "autoescape false" not in text, f"{template}: autoescape off"
            assert "Markup(" not in text
    for module in sorted((REPO / "briefly").glob("*.py")):
        text = module.read_text(encoding="utf-8")
        if module.name not in ("views.py", "charts.py"):
            assert not re.search(r"\bMarkup\(", text), f"{module.name} creates Markup"
        assert "autoescape=False" not in text


def test_every_page_carries_a_csp_the_site_satisfies(built: ScratchProject) -> None:
    found = pages(built.site)
    assert len(found) >= 6
    for name, soup in found:
        metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(metas) == 1, f"{name}: no CSP"
        policy = dict((part.split() + [""])[:1] + [" ".join(part.split()[1:])]
                      for part in metas[0]["content"].split(";") if part.strip())
        assert "'unsafe-inline'" not in metas[0]["content"]
        assert "'unsafe-eval'" not in metas[0]["content"]
        assert policy.get("object-src") == "'none'" or policy.get("default-src") == "'none'"
        script_src = policy.get("script-src", policy.get("default-src", ""))
        assert "http" not in script_src and "*" not in script_src
        for tag in soup.find_all(True):
            assert not any(a.lower().startswith("on") for a in tag.attrs), f"{name}: handler"
            assert "style" not in tag.attrs, f"{name}: style= needs 'unsafe-inline'"
            assert tag.name != "style", f"{name}: inline <style>"
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                continue
            assert script.get("src") and not script.get_text().strip(), f"{name}: inline JS"
            assert not re.match(r"^([a-z]+:)?//", script["src"]), f"{name}: remote script"
        for link in soup.find_all("link", rel="stylesheet"):
            assert not re.match(r"^([a-z]+:)?//", link["href"]), f"{name}: remote style"
        for tag in soup.find_all(src=True):
            assert not re.match(r"^([a-z]+:)?//", tag["src"]), f"{name}: remote {tag.name}"


@pytest.mark.parametrize("bad_id", ['regulator" onmouseover="alert(1)', "regulator' x='y",
                                    "regulator><script>"])
def test_ids_used_in_attributes_cannot_carry_quotes(project: ScratchProject, bad_id: str) -> None:
    project.edit(project.facts(), "  - id: regulator-register\n",
                 f"  - id: {json.dumps(bad_id)}\n")
    line = next(i for i, l in enumerate(project.facts().read_text(encoding="utf-8").split("\n"),
                                        1) if l.startswith("  - id: ") and "regulator" in l)
    result = project.cli("check")
    assert result.code == 1
    assert (f"content/briefs/{TEST_BRIEF}/facts.yaml:{line}:5: error: '{bad_id}' is not a valid "
            "id (sources[3].id)") in result.err
