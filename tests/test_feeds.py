"""Following the site: Atom and JSON feeds, the sitemap and robots.txt, read back
as a feed reader or a crawler would, and checked against the brief itself."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pytest

from briefly.pipeline import check_site
from briefly.project import Project

from .conftest import ScratchProject

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://briefly.example.org/"


def atom(project: ScratchProject, path: str = "feed.xml") -> ET.Element:
    return ET.parse(project.site / path).getroot()


def entries(feed: ET.Element) -> dict[str, ET.Element]:
    return {e.findtext(f"{ATOM}id"): e for e in feed.findall(f"{ATOM}entry")}


def add_second_brief(project: ScratchProject, slug: str = "chip-brief", *,
                     day: str = "2026-05-10", topic: str = "Chips", draft: bool = False) -> None:
    """A copy of the DeepSeek brief under another slug, date and topic."""
    shutil.copytree(project.brief_dir(), project.brief_dir(slug))
    facts = project.facts(slug)
    project.edit(facts, "topics: [Open-weight models]", f"topics: [{topic}]")
    project.edit(facts, 'headline: "DeepSeek ships V4', 'headline: "Second brief: DeepSeek ships V4')
    project.edit(facts, "published: 2026-04-29\nupdated: 2026-04-29",
                 f"published: {day}\nupdated: {day}" + ("\ndraft: true" if draft else ""))


def test_atom_feed_matches_the_brief(built: ScratchProject) -> None:
    site, _ = check_site(Project(built.root), drafts=False)
    brief = site.briefs[0]
    feed = atom(built)
    assert feed.findtext(f"{ATOM}title") == "Briefly"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Briefly Newsroom"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "feed.xml"
    entry = entries(feed)[BASE + "briefs/deepseek-v4/"]
    assert entry.findtext(f"{ATOM}title") == brief.headline
    assert entry.find(f"{ATOM}link[@rel='alternate']").get("href") == BASE + "briefs/deepseek-v4/"
    assert entry.findtext(f"{ATOM}published") == f"{brief.published}T00:00:00Z"
    assert entry.findtext(f"{ATOM}updated") == f"{brief.updated}T00:00:00Z"
    assert feed.findtext(f"{ATOM}updated") == entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}summary").startswith("DeepSeek released V4-Pro (1.6T params)")
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["open-weight-models"]
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "<p>DeepSeek released V4-Pro" in content.text  # HTML escaped once, as Atom wants


def test_json_feed_matches_the_atom_feed(built: ScratchProject) -> None:
    feed = json.loads((built.site / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == BASE + "feed.json" and feed["home_page_url"] == BASE
    [item] = feed["items"]
    entry = entries(atom(built))[item["id"]]
    assert item["url"] == BASE + "briefs/deepseek-v4/"
    assert item["title"] == entry.findtext(f"{ATOM}title")
    assert item["date_published"] == entry.findtext(f"{ATOM}published")
    assert item["date_modified"] == entry.findtext(f"{ATOM}updated")
    assert item["image"] == BASE + "briefs/deepseek-v4/card.png"
    assert (built.site / "briefs/deepseek-v4/card.png").is_file()
    assert item["tags"] == ["Open-weight models"]


def test_updated_comes_from_the_content_and_the_log_reaches_the_feed(
        project: ScratchProject) -> None:
    add_second_brief(project, day="2026-04-30")
    project.edit(project.facts(), "updated: 2026-04-29", "updated: 2026-05-02\nupdates:\n"
                 "  - date: 2026-05-02\n    text: Added the *Artificial Analysis* ranking. "
                 "[@artificial-analysis]")
    project.build()
    feed = atom(project)
    deepseek = entries(feed)[BASE + "briefs/deepseek-v4/"]
    assert deepseek.findtext(f"{ATOM}published") == "2026-04-29T00:00:00Z"
    assert deepseek.findtext(f"{ATOM}updated") == "2026-05-02T00:00:00Z"
    # The feed's updated is its newest entry's, whichever brief was published last.
    assert feed.findtext(f"{ATOM}updated") == "2026-05-02T00:00:00Z"
    content = deepseek.findtext(f"{ATOM}content")
    assert "<h2>Updates</h2>" in content
    assert ('<time datetime="2026-05-02">2 May 2026</time>: Added the '
            "<em>Artificial Analysis</em> ranking.") in content
    item = json.loads((project.site / "feed.json").read_text())["items"]
    assert [i["date_modified"] for i in item] == ["2026-05-02T00:00:00Z", "2026-04-30T00:00:00Z"]
    assert "2 May 2026" in item[0]["content_html"]
    # The page shows the log at the end of the brief, with its date.
    page = project.page("briefs/deepseek-v4/index.html")
    last = page.select("article.brief > section")[-1]
    assert "updates" in last["class"]
    assert last.time["datetime"] == "2026-05-02"
    assert [t["datetime"] for t in page.select(".brief-header .meta time")] == [
        "2026-04-29", "2026-05-02"]
    updated_link = page.select_one(".brief-header .meta a[href='#updates']")
    assert updated_link.time["datetime"] == "2026-05-02" and page.find(id="updates") is last


def test_an_update_after_the_updated_date_is_refused(project: ScratchProject) -> None:
    project.edit(project.facts(), "updated: 2026-04-29", "updated: 2026-04-29\nupdates:\n"
                 "  - date: 2026-05-02\n    text: Added a source.")
    lines = project.facts().read_text().split("\n")
    line = next(i for i, text in enumerate(lines, 1) if "date: 2026-05-02" in text)
    result = project.cli("check")
    assert result.code == 1
    assert (f"content/briefs/deepseek-v4/facts.yaml:{line}:5: error: this update (2026-05-02) "
            "is dated after the brief's 'updated' date (2026-04-29) (updates[0].date)\n"
            "  hint: set 'updated: 2026-05-02': it is the date of the last substantive change"
            ) in result.err


def test_each_topic_has_its_own_feed(project: ScratchProject) -> None:
    add_second_brief(project)
    project.build()
    chips = atom(project, "topics/chips/feed.xml")
    open_weight = atom(project, "topics/open-weight-models/feed.xml")
    assert list(entries(chips)) == [BASE + "briefs/chip-brief/"]
    assert list(entries(open_weight)) == [BASE + "briefs/deepseek-v4/"]
    assert chips.findtext(f"{ATOM}updated") == "2026-05-10T00:00:00Z"
    assert open_weight.findtext(f"{ATOM}updated") == "2026-04-29T00:00:00Z"
    assert chips.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "topics/chips/feed.xml"
    assert len(entries(atom(project))) == 2
    page = project.page("topics/chips/index.html")
    links = [link["href"] for link in page.find_all("link", rel="alternate")]
    assert "feed.xml" in links and "../../feed.xml" in links


@pytest.mark.parametrize("drafts", [False, True])
def test_drafts_are_never_in_feeds_or_the_sitemap(project: ScratchProject, drafts: bool) -> None:
    add_second_brief(project, "secret-draft", draft=True)
    project.build(*(["--drafts"] if drafts else []))
    assert (project.site / "briefs/secret-draft/index.html").exists() == drafts
    for path in ("feed.xml", "feed.json", "sitemap.xml", "topics/open-weight-models/feed.xml"):
        assert "secret-draft" not in (project.site / path).read_text(), path
    if drafts:  # the preview shows it, but tells crawlers to stay away
        page = project.page("briefs/secret-draft/index.html")
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_sitemap_lists_public_pages_with_lastmod(project: ScratchProject) -> None:
    add_second_brief(project)
    project.edit(project.facts(), "published: 2026-04-29", "aliases: [deepseek-v4-old]\n"
                 "published: 2026-04-29")
    project.build()
    urls = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
            for u in ET.parse(project.site / "sitemap.xml").getroot()}
    assert urls == {
        BASE: "2026-05-10", BASE + "briefs/": "2026-05-10", BASE + "topics/": "2026-05-10",
        BASE + "topics/chips/": "2026-05-10", BASE + "topics/open-weight-models/": "2026-04-29",
        BASE + "briefs/chip-brief/": "2026-05-10", BASE + "briefs/deepseek-v4/": "2026-04-29"}
    assert not any("404" in url for url in urls)
    assert (project.site / "briefs/deepseek-v4-old/index.html").exists()  # redirect, unlisted


def test_robots_points_at_the_sitemap(built: ScratchProject) -> None:
    robots = (built.site / "robots.txt").read_text().splitlines()
    assert "User-agent: *" in robots
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def test_every_page_links_its_feeds(built: ScratchProject) -> None:
    for path in ("index.html", "briefs/index.html", "briefs/deepseek-v4/index.html",
                 "topics/index.html"):
        page = built.page(path)
        found = {link["type"]: link["href"] for link in page.find_all("link", rel="alternate")}
        assert set(found) == {"application/atom+xml", "application/feed+json"}, path
        folder = (built.site / path).parent
        assert (folder / found["application/atom+xml"]).resolve() == built.site / "feed.xml"
        assert (folder / found["application/feed+json"]).resolve() == built.site / "feed.json"


def test_404_page_is_styled_from_any_depth(built: ScratchProject) -> None:
    page = built.page("404.html")
    assert page.find("link", rel="stylesheet")["href"] == "/assets/style.css"
    assert page.select_one("a.site-title")["href"] == "/"
    assert page.h1.get_text() == "Page not found"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_home_leads_with_the_newest_answer_and_the_archive_is_by_date(
        project: ScratchProject) -> None:
    add_second_brief(project)
    project.build()
    home = project.page("index.html")
    assert "Second brief" in home.select_one(".lead h2").get_text()
    assert "released V4-Pro" in home.select_one(".lead .answer").get_text()
    assert [a.get_text() for a in home.select(".card-title a")] == [
        "DeepSeek ships V4: 1.6T open-weight model, $1.74 a million tokens"]
    archive = project.page("briefs/index.html")
    assert [t["datetime"] for t in archive.select(".archive time")] == [
        "2026-05-10", "2026-04-29"]
    topics = [a["href"] for a in project.page("topics/index.html").select(".topic-list a")]
    assert topics == ["chips/", "open-weight-models/"]
