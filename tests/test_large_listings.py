"""Listing pages stay readable with hundreds of briefs: cards first, then years.

The bench corpus's briefs span six years; with fewer cards allowed than
there are briefs, the home page leads and points to the archive, the archive
is one section per year, and a topic page lists its older briefs by year.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefly.pipeline import build_site
from briefly.project import Project
from briefly.render import pages

from .conftest import REPO

_spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
assert _spec.loader is not None
_spec.loader.exec_module(generate)

BRIEFS = 14
CARDS = 3


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("listings") / "project"
    generate.generate_corpus(root, BRIEFS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages, "LISTED_CARDS", CARDS)
        assert build_site(Project(root), root / "site", search=False).ok
    return root / "site"


def read(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def test_home_shows_the_lead_a_few_cards_and_the_way_to_the_archive(archive: Path) -> None:
    home = read(archive, "index.html")
    assert len(home.select(".lead")) == 1 and len(home.select(".card")) == CARDS
    link = home.select_one(".more-link a")
    assert link["href"] == "briefs/" and link.get_text() == f"All {BRIEFS} briefs, by year"


def test_the_archive_is_one_section_per_year_newest_first(archive: Path) -> None:
    page = read(archive, "briefs/index.html")
    years = [h.get_text() for h in page.select("section.year h2")]
    assert years == sorted(years, reverse=True) and len(years) > 1
    assert [a["href"] for a in page.select(".year-links a")] == [f"#year-{y}" for y in years]
    days = [t["datetime"] for t in page.select(".archive time")]
    assert len(days) == BRIEFS and days == sorted(days, reverse=True)
    for section in page.select("section.year"):
        year = section.h2.get_text()
        assert all(t["datetime"].startswith(year) for t in section.select("time"))


def test_a_topic_page_lists_its_older_briefs_by_year(archive: Path) -> None:
    topics = sorted((p for p in archive.joinpath("topics").iterdir() if p.is_dir()),
                    key=lambda p: -len(read(p, "index.html").select("a[href^='../../briefs/']")))
    page = read(topics[0], "index.html")
    cards = page.select(".card")
    earlier = page.select(".earlier .archive li")
    assert len(cards) == CARDS and earlier, "the busiest topic has more briefs than cards"
    days = [t["datetime"] for t in page.select(".card time, .earlier time")]
    assert days == sorted(days, reverse=True)


def test_related_briefs_share_a_topic_and_come_in_a_fixed_order(archive: Path) -> None:
    """More shared sources first, then more shared topics, then newest, then slug."""
    from briefly.content.related import RELATED_LIMIT
    from briefly.check_pipeline import check_site as check

    site, _ = check(Project(archive.parent), drafts=False)
    assert site is not None
    briefs = {b.slug: b for b in site.briefs}
    for brief in site.briefs:
        page = read(archive, f"briefs/{brief.slug}/index.html")
        listed = [a["href"].strip("./").split("/")[-1] for a in page.select(".related a")]
        topics = {t.slug for t in brief.topics}
        sharing = [b for b in site.briefs if b.slug != brief.slug
                   and topics & {t.slug for t in b.topics}]
        assert len(listed) == min(RELATED_LIMIT, len(sharing))
        assert all(topics & {t.slug for t in briefs[s].topics} for s in listed)
        def rank(slug: str) -> tuple:
            shared_topics = len(topics & {t.slug for t in briefs[slug].topics})
            return (-shared_topics, -briefs[slug].published.toordinal(), slug)
        assert listed == sorted(listed, key=rank)
