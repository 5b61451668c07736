"""Following the site: Atom and JSON feeds, the sitemap and robots.txt, read back
as a feed reader or a crawler would, and checked against the brief itself."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from briefly.check_pipeline import check_site
from briefly.project import Project

from .conftest import BASE_URL as BASE
from .conftest import TEST_BRIEF, ScratchProject
from .site_checks import public_briefs

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BRIEF_URL = f"{BASE}briefs/{TEST_BRIEF}/"
SECOND = "robotics-series-b"  # from tests/other_briefs: no update log, no topics line


def atom(project: ScratchProject, path: str = "feed.xml") -> ET.Element:
    return ET.parse(project.site / path).getroot()


def entries(feed: ET.Element) -> dict[str, ET.Element]:
    return {e.findtext(f"{ATOM}id"): e for e in feed.findall(f"{ATOM}entry")}


def add_second_brief(project: ScratchProject, slug: str = "chip-brief", *,
                     day: str = "2026-05-10", topic: str = "Chips", draft: bool = False) -> None:
    """Another brief, published on ``day`` under one ``topic``."""
    project.add_brief(SECOND, slug)
    facts = project.facts(slug)
    project.edit(facts, "kicker: Start-up funding\n", f"kicker: Start-up funding\ntopics: [{topic}]\n")
    project.edit(facts, 'headline: "Three', 'headline: "Second brief: three')
    project.edit(facts, "published: 2026-02-10", f"published: {day}" +
                 ("\ndraft: true" if draft else ""))


def test_atom_feed_matches_the_brief(built: ScratchProject) -> None:
    site, _ = check_site(Project(built.root), drafts=False)
    brief = next(b for b in site.briefs if b.slug == TEST_BRIEF)
    feed = atom(built)
    assert feed.findtext(f"{ATOM}title") == "Briefly"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Briefly Newsroom"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "feed.xml"
    entry = entries(feed)[BRIEF_URL]
    assert entry.findtext(f"{ATOM}title") == brief.headline
    assert entry.find(f"{ATOM}link[@rel='alternate']").get("href") == BRIEF_URL
    assert entry.findtext(f"{ATOM}published") == "2026-03-05T00:00:00Z"
    assert entry.findtext(f"{ATOM}updated") == "2026-03-12T00:00:00Z"
    assert feed.findtext(f"{ATOM}updated") == max(
        e.findtext(f"{ATOM}updated") for e in feed.findall(f"{ATOM}entry"))
    assert entry.findtext(f"{ATOM}summary").startswith(
        "Alder Grid switched on the Tidewater (400 MWh)")
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
        "grid-storage", "energy-prices"]
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "<p>Alder Grid switched on" in content.text  # HTML escaped once, as Atom wants


def test_json_feed_matches_the_atom_feed(built: ScratchProject) -> None:
    feed = json.loads((built.site / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == BASE + "feed.json" and feed["home_page_url"] == BASE
    atom_entries = entries(atom(built))
    assert [item["id"] for item in feed["items"]] == list(atom_entries)
    assert len(feed["items"]) == len(public_briefs(built.root))
    for item in feed["items"]:
        entry = atom_entries[item["id"]]
        assert item["url"] == item["id"]
        assert item["title"] == entry.findtext(f"{ATOM}title")
        assert item["date_published"] == entry.findtext(f"{ATOM}published")
        assert item["date_modified"] == entry.findtext(f"{ATOM}updated")
        assert item["image"] == item["url"] + "card.png"
        assert (built.site / item["image"].removeprefix(BASE)).is_file()
    item = next(i for i in feed["items"] if i["id"] == BRIEF_URL)
    assert item["tags"] == ["Grid storage", "Energy prices"]


def test_updated_comes_from_the_content_and_the_log_reaches_the_feed(
        project: ScratchProject) -> None:
    add_second_brief(project, day="2026-03-10")  # after the test brief's publication
    project.build()
    feed = atom(project)
    brief = entries(feed)[BRIEF_URL]
    assert brief.findtext(f"{ATOM}published") == "2026-03-05T00:00:00Z"
    assert brief.findtext(f"{ATOM}updated") == "2026-03-12T00:00:00Z"
    # The feed's updated is its newest entry's, whichever brief was published last.
    assert feed.findtext(f"{ATOM}updated") == "2026-03-12T00:00:00Z"
    content = brief.findtext(f"{ATOM}content")
    assert "<h2>Updates</h2>" in content
    assert ('<time datetime="2026-03-12">12 March 2026</time>: Corrected Saltmarsh\'s build '
            "cost, first given <em>per kW</em>.") in content
    items = json.loads((project.site / "feed.json").read_text())["items"]
    assert [i["date_modified"] for i in items] == ["2026-03-12T00:00:00Z", "2026-03-10T00:00:00Z"]
    assert "12 March 2026" in items[0]["content_html"]
    # The page's header dates the brief and links its last update to the log.
    page = project.page(f"briefs/{TEST_BRIEF}/index.html")
    assert [t["datetime"] for t in page.select(".brief-header .meta time")] == [
        "2026-03-05", "2026-03-12"]
    updated_link = page.select_one(".brief-header .meta a[href='#updates']")
    assert updated_link.time["datetime"] == "2026-03-12"
    assert page.find(id="updates") is page.select("article.brief > section")[-1]


def test_each_topic_has_its_own_feed(project: ScratchProject) -> None:
    add_second_brief(project)
    project.build()
    chips = atom(project, "topics/chips/feed.xml")
    storage = atom(project, "topics/grid-storage/feed.xml")
    assert list(entries(chips)) == [BASE + "briefs/chip-brief/"]
    assert list(entries(storage)) == [BRIEF_URL]
    assert chips.findtext(f"{ATOM}updated") == "2026-05-10T00:00:00Z"
    assert storage.findtext(f"{ATOM}updated") == "2026-03-12T00:00:00Z"
    assert chips.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "topics/chips/feed.xml"
    assert len(entries(atom(project))) == len(public_briefs(project.root))
    page = project.page("topics/chips/index.html")
    links = [link["href"] for link in page.find_all("link", rel="alternate")]
    assert "feed.xml" in links and "../../feed.xml" in links


@pytest.mark.parametrize("drafts", [False, True])
def test_drafts_are_never_in_feeds_or_the_sitemap(project: ScratchProject, drafts: bool) -> None:
    add_second_brief(project, "secret-draft", topic="Grid storage", draft=True)
    project.build(*(["--drafts"] if drafts else []))
    assert (project.site / "briefs/secret-draft/index.html").exists() == drafts
    feeds = sorted(project.site.rglob("feed.*"))
    # The site's Atom and JSON feeds, its corrections feed, and one per topic.
    assert len(feeds) == 3 + len({t for b in public_briefs(project.root) for t in b.topics})
    for path in [*feeds, project.site / "sitemap.xml"]:
        assert "secret-draft" not in path.read_text(encoding="utf-8"), path
    if drafts:  # the preview shows it, but tells crawlers to stay away
        page = project.page("briefs/secret-draft/index.html")
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_sitemap_lists_public_pages_with_lastmod(project: ScratchProject) -> None:
    add_second_brief(project)
    project.build()
    urls = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
            for u in ET.parse(project.site / "sitemap.xml").getroot()}
    assert urls == {
        BASE: "2026-05-10", BASE + "briefs/": "2026-05-10", BASE + "topics/": "2026-05-10",
        BASE + "topics/chips/": "2026-05-10", BASE + "topics/energy-prices/": "2026-03-12",
        BASE + "topics/grid-storage/": "2026-03-12", BASE + "briefs/chip-brief/": "2026-05-10",
        BRIEF_URL: "2026-03-12",
        # Each source's page is dated by the brief citing it, the index by the newest.
        BASE + "sources/": "2026-05-10",
        **{f"{BASE}sources/{ident}/": "2026-03-12" for ident in (
            "alder-grid-release", "estuary-times", "grid-weekly", "regulator-register",
            "institute-note")},
        **{f"{BASE}sources/{ident}/": "2026-05-10" for ident in (
            "krakow-release", "ledger-report", "atlas-survey")}}
    assert not any("404" in url for url in urls)
    assert (project.site / "briefs/tidewater-storage/index.html").exists()  # redirect, unlisted


def test_the_corrections_page_is_in_the_sitemap_once_it_lists_one(project: ScratchProject
                                                                  ) -> None:
    def corrections_entry() -> dict[str, str | None]:
        project.build()
        urls = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
                for u in ET.parse(project.site / "sitemap.xml").getroot()}
        return {url: mod for url, mod in urls.items() if "corrections" in url}

    assert corrections_entry() == {}
    project.edit(project.facts(), "  - date: 2026-03-12\n",
                 "  - date: 2026-03-12\n    kind: correction\n")
    assert corrections_entry() == {BASE + "corrections/": "2026-03-12"}


def test_robots_points_at_the_sitemap(built: ScratchProject) -> None:
    robots = (built.site / "robots.txt").read_text().splitlines()
    assert "User-agent: *" in robots
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def test_every_page_links_its_feeds(built: ScratchProject) -> None:
    for path in ("index.html", "briefs/index.html", f"briefs/{TEST_BRIEF}/index.html",
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
    assert "warehouse-robot start-ups" in home.select_one(".lead .answer").get_text()
    assert [a.get_text() for a in home.select(".card-title a")] == [
        "Tidewater battery opens: 400 MWh of storage at $118 a kilowatt-hour"]
    archive = project.page("briefs/index.html")
    assert [t["datetime"] for t in archive.select(".archive time")] == [
        "2026-05-10", "2026-03-05"]
    topics = [a["href"] for a in project.page("topics/index.html").select(".topic-list a")]
    assert topics == ["chips/", "energy-prices/", "grid-storage/"]
