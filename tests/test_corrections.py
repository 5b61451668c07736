"""Corrections as readers see them: on the brief, in its data, on /corrections/ and its feed."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefly.cache import records
from briefly.pipeline import build_site
from briefly.project import Project

from .conftest import snapshot
from .history_project import FACTS, GitProject, copy_brief_project

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://briefly.example.org/"
LOG = """updated: 2026-05-03
updates:
  - date: 2026-05-01
    kind: clarification
    text: The promo price is for input tokens only.
  - date: 2026-05-02
    kind: correction
    text: We gave V4-Pro's list input price as **$1.74/M**; it is $1.80/M. [@deepseek-release]
  - date: 2026-05-03
    text: Added the output price of V3.2.
"""


def log(project: GitProject, slug: str = "deepseek-v4", entries: str = LOG) -> None:
    project.edit(f"content/briefs/{slug}/facts.yaml", "updated: 2026-04-29\n", entries)


def page(project: GitProject, path: str) -> BeautifulSoup:
    return BeautifulSoup((project.root / "site" / path).read_text(encoding="utf-8"),
                         "html.parser")


@pytest.fixture
def corrected(tmp_path: Path) -> GitProject:
    project = copy_brief_project(tmp_path / "project")
    log(project)
    assert project.cli("build", "--no-search").code == 0
    return project


def test_the_correction_is_at_the_top_above_what_happened(corrected: GitProject) -> None:
    article = page(corrected, "briefs/deepseek-v4/index.html").find("article")
    notice = article.find(class_="correction")
    assert notice.get_text(" ", strip=True).startswith(
        "Correction, 2 May 2026 : We gave V4-Pro's list input price as $1.74/M ; it is $1.80/M.")
    assert notice.find("strong", string="$1.74/M") is not None  # its Markdown rendered
    order = [tag for tag in article.find_all(True)
             if tag is notice or tag.get("id") in ("what-happened", "answer-heading")]
    assert order[0] is notice and [t.get("id") for t in order[1:]] == ["answer-heading",
                                                                        "what-happened"]
    assert len(article.find_all(class_="correction")) == 1  # clarifications stay in the log


def test_the_log_labels_corrections_and_clarifications(corrected: GitProject) -> None:
    items = page(corrected, "briefs/deepseek-v4/index.html").select("#updates li")
    assert [li.get_text(" ", strip=True).split(":", 1)[1].split(":")[0].strip()
            for li in items] == ["Clarification", "Correction", "Added the output price of V3.2."]
    assert [li.get("class") for li in items] == [["update-clarification"], ["update-correction"],
                                                 None]


def test_json_ld_carries_the_correction_and_date_modified(corrected: GitProject) -> None:
    blocks = [json.loads(s.string) for s in page(corrected, "briefs/deepseek-v4/index.html")
              .find_all("script", type="application/ld+json")]
    [article] = [b for b in blocks if b["@type"] == "NewsArticle"]
    assert article["dateModified"] == "2026-05-03"
    assert article["correction"] == [{
        "@type": "CorrectionComment", "datePublished": "2026-05-02",
        "text": "We gave V4-Pro's list input price as $1.74/M; it is $1.80/M."}]


def test_the_corrections_page_lists_them_newest_first_linking_to_each(tmp_path: Path) -> None:
    project = copy_brief_project(tmp_path / "project", extra_slugs=("second", "hidden"))
    log(project)
    log(project, "second", """updated: 2026-05-09
updates:
  - date: 2026-05-09
    kind: correction
    text: The context is 1M tokens.
  - date: 2026-05-09
    kind: correction
    text: A second correction on the same day.
""")
    project.edit("content/briefs/hidden/facts.yaml", "published: 2026-04-29",
                 "draft: true\npublished: 2026-04-29")
    log(project, "hidden", LOG.replace("list input price", "secret price"))
    assert project.cli("build", "--no-search", "--drafts").code == 0
    listing = page(project, "corrections/index.html")
    links = [a["href"] for a in listing.select(".corrections-list a")]
    assert links == ["../briefs/second/#correction-2026-05-09-2",
                     "../briefs/second/#correction-2026-05-09",
                     "../briefs/deepseek-v4/#correction-2026-05-02"]
    for link in links:  # each anchor exists on its brief's page
        slug, anchor = link.split("/")[2], link.split("#")[1]
        assert page(project, f"briefs/{slug}/index.html").find(id=anchor) is not None
    assert "secret price" not in (project.root / "site/corrections/index.html").read_text()
    assert "secret price" not in (project.root / "site/corrections/feed.xml").read_text()
    footer = page(project, "index.html").find("footer").find("a")
    assert footer.get_text() == "Corrections" and footer["href"] == "corrections/"


def test_the_corrections_feed_is_atom_keyed_by_brief_and_date(corrected: GitProject) -> None:
    feed = ET.parse(corrected.root / "site/corrections/feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == BASE + "corrections/feed.xml"
    assert feed.findtext(f"{ATOM}updated") == "2026-05-02T00:00:00Z"  # the correction's date
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == BASE + "briefs/deepseek-v4/#correction-2026-05-02"
    assert entry.findtext(f"{ATOM}updated") == "2026-05-02T00:00:00Z"
    assert entry.findtext(f"{ATOM}title").startswith("Correction: DeepSeek ships V4")
    assert "<strong>$1.74/M</strong>" in entry.findtext(f"{ATOM}content")
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None
    assert "Correction:</strong>" in ET.parse(corrected.root / "site/feed.xml").getroot() \
        .find(f"{ATOM}entry").findtext(f"{ATOM}content")


def test_no_corrections_is_said_plainly(tmp_path: Path) -> None:
    project = copy_brief_project(tmp_path / "project")
    assert project.cli("build", "--no-search").code == 0
    assert "No corrections so far." in page(project, "corrections/index.html").get_text()
    feed = ET.parse(project.root / "site/corrections/feed.xml").getroot()
    assert feed.findall(f"{ATOM}entry") == []
    assert page(project, "briefs/deepseek-v4/index.html").find(class_="corrections") is None


def test_an_incremental_build_shows_a_new_correction_as_a_clean_build_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "RACY_NS", 20_000_000)  # let stat alone decide, as later
    project = copy_brief_project(tmp_path / "project")
    site = project.root / "site"
    assert build_site(Project(project.root), site, search=False).ok
    before = (site / "corrections/index.html").read_bytes()
    log(project)
    project.reprice()
    result = build_site(Project(project.root), site, search=False)
    assert result.ok
    listing = page(project, "corrections/index.html")
    assert listing.select(".corrections-list a")[0]["href"] == \
        "../briefs/deepseek-v4/#correction-2026-05-02"
    assert (site / "corrections/index.html").read_bytes() != before
    clean = tmp_path / "clean"
    shutil.copytree(project.root, clean, ignore=shutil.ignore_patterns(".briefly-cache", "site",
                                                                       ".site*"))
    assert build_site(Project(clean), clean / "site", search=False).ok
    assert snapshot(site) == snapshot(clean / "site")
    # A later edit to the log's text reaches the page too, and nothing else needs a rebuild.
    project.edit(FACTS, "it is $1.80/M.", "it is $1.80/M per million tokens.")
    assert build_site(Project(project.root), site, search=False).ok
    assert "per million tokens" in (site / "corrections/feed.xml").read_text()
