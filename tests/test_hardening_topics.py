"""One topic, however it is spelled: every brief naming it is on its page, its count
and its feed, and ``check`` says which two briefs spell it differently."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from briefly.render.urls import JSON_FEED_URL, TOPICS_URL, page_file, topic_feed_url, topic_url

from .conftest import TEST_BRIEF, ScratchProject

TOPICS = "topics: [Grid storage, Energy prices]"
ATOM = "{http://www.w3.org/2005/Atom}"


def two_spellings(project: ScratchProject) -> None:
    project.copy_brief("saltmarsh")
    project.edit(project.facts("saltmarsh"), TOPICS, "topics: [grid  STORAGE, Energy prices]")


def test_both_spellings_are_listed_on_one_page_count_and_feed(project: ScratchProject) -> None:
    two_spellings(project)
    project.build()
    page = project.page(page_file(topic_url("grid-storage")))
    linked = {a["href"].strip("/").rsplit("/", 1)[-1] for a in page.select("main a[href]")}
    assert {TEST_BRIEF, "saltmarsh"} <= linked
    topics = project.page(page_file(TOPICS_URL))
    counts = {li.a.get_text(): li.select_one(".count").get_text()
              for li in topics.select(".topic-list li")}
    assert len([name for name in counts if name.lower().split() == ["grid", "storage"]]) == 1
    assert "(2)" in counts.values()
    feed = ET.parse(project.site / topic_feed_url("grid-storage")).getroot()
    assert len(feed.findall(f"{ATOM}entry")) == 2


def test_two_spellings_are_a_warning_naming_both_briefs(project: ScratchProject) -> None:
    two_spellings(project)
    result = project.cli("check")
    assert result.code == 0
    assert (f"content/briefs/{TEST_BRIEF}/facts.yaml:4:10: warning: topic 'Grid storage' is also "
            "written 'grid  STORAGE' in content/briefs/saltmarsh; both briefs are on one "
            "topic page, under one of the two names (topics)\n"
            "  hint: write it 'grid  STORAGE' in both briefs, or give the topics distinct "
            "names") in result.err
    assert result.err.count("is also written") == 1  # 'Energy prices' is spelled alike


def test_a_spelling_written_twice_in_one_brief_points_at_its_topics_line(
        project: ScratchProject) -> None:
    project.copy_brief("saltmarsh")
    project.edit(project.facts("saltmarsh"), TOPICS, "topics: [grid  STORAGE, Energy prices]")
    project.edit(project.facts(), TOPICS, "topics:\n  - Grid storage\n  - grid-storage")
    result = project.cli("check")
    assert f"content/briefs/{TEST_BRIEF}/facts.yaml:4:1: warning: topic 'Grid storage'" in (
        result.err)


def test_one_brief_spelling_a_topic_twice_has_it_once(project: ScratchProject) -> None:
    project.edit(project.facts(), TOPICS, "topics: [Grid storage, grid-storage, Energy prices]")
    project.build()
    topics = project.page(page_file(TOPICS_URL))
    assert [li.a.get_text() for li in topics.select(".topic-list li")] == [
        "Energy prices", "Grid storage"]
    feed = json.loads((project.site / JSON_FEED_URL).read_text(encoding="utf-8"))
    assert feed["items"][0]["tags"] == ["Grid storage", "Energy prices"]
