"""Sharing: Open Graph and Twitter tags, the social card, and JSON-LD, each
read back and checked against the brief it was built from."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from briefly.cache import store as cache

from briefly.render import cards
from briefly.render.card_font import BOLD, REGULAR, card_text, font
from briefly.check_pipeline import check_site
from briefly.project import Project

from .conftest import BASE_URL as BASE
from .conftest import TEST_BRIEF, ScratchProject
from .site_checks import public_briefs

PAGE = f"briefs/{TEST_BRIEF}/index.html"
CARD = f"briefs/{TEST_BRIEF}/card.png"


def meta(page, key: str) -> str:
    tag = page.find("meta", attrs={"property": key}) or page.find("meta", attrs={"name": key})
    assert tag is not None, key
    return tag["content"]


def json_ld(page) -> dict[str, dict]:
    blocks = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    return {b["@type"]: b for b in blocks}


def test_open_graph_and_twitter_tags_describe_the_brief(built: ScratchProject) -> None:
    site, _ = check_site(Project(built.root), drafts=False)
    brief = next(b for b in site.briefs if b.slug == TEST_BRIEF)
    page = built.page(PAGE)
    description = meta(page, "description")
    assert description == ("Alder Grid switched on the Tidewater (400 MWh) and Saltmarsh "
                           "(120 MWh) batteries on 3 March 2026, quadrupling the region's "
                           "storage.")
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:title") == meta(page, "twitter:title") == brief.headline
    assert meta(page, "og:description") == meta(page, "twitter:description") == description
    assert meta(page, "og:url") == page.find("link", rel="canonical")["href"] == BASE + \
        f"briefs/{TEST_BRIEF}/"
    assert meta(page, "og:image") == meta(page, "twitter:image") == BASE + CARD
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "article:published_time") == brief.published.isoformat()
    assert meta(page, "article:modified_time") == brief.updated.isoformat()
    for path in Path(built.site).rglob("index.html"):  # every page can be shared
        other = built.page(path.relative_to(built.site).as_posix())
        if other.find("meta", attrs={"http-equiv": "refresh"}) is None:
            assert meta(other, "og:url") == other.find("link", rel="canonical")["href"]


def test_og_image_follows_the_configured_base_url(project: ScratchProject) -> None:
    project.edit(project.root / "briefly.yaml", "base_url: https://briefly.example.org/",
                 "base_url: https://news.example.com/explainers")
    project.build()
    page = project.page(PAGE)
    assert meta(page, "og:image") == "https://news.example.com/explainers/" + CARD
    assert json_ld(page)["NewsArticle"]["image"]["url"] == meta(page, "og:image")


def test_social_card_is_a_1200_by_630_png(built: ScratchProject) -> None:
    with Image.open(built.site / CARD) as image:
        assert image.format == "PNG"
        assert image.size == (1200, 630)


def test_social_card_changes_with_the_headline_and_is_reused_otherwise(
        project: ScratchProject, monkeypatch) -> None:
    project.build()
    first = (project.site / CARD).read_bytes()
    cached = project.root / ".briefly-cache" / "cards" / TEST_BRIEF
    assert cache.load(cached)[1] == first

    def must_not_draw(inputs: cards.CardInputs) -> bytes:
        raise AssertionError(f"redrew an unchanged card: {inputs}")

    monkeypatch.setattr(cards, "draw_card", must_not_draw)
    (project.site / CARD).unlink()  # even a full rebuild reuses the cached card
    project.build()
    assert (project.site / CARD).read_bytes() == first

    monkeypatch.undo()
    project.edit(project.facts(), "Tidewater battery opens:", "Tidewater battery starts:")
    project.build()
    second = (project.site / CARD).read_bytes()
    assert second != first
    # The brief's old card leaves the cache with the old headline.
    assert cache.load(cached)[1] == second
    assert [p.name for p in cached.parent.iterdir()] == [TEST_BRIEF]
    with Image.open(io.BytesIO(second)) as image:
        assert image.size == (1200, 630)


def test_a_damaged_cached_card_is_drawn_again_not_published(project: ScratchProject) -> None:
    project.build()
    first = (project.site / CARD).read_bytes()
    entry = project.root / ".briefly-cache" / "cards" / TEST_BRIEF
    entry.write_bytes(entry.read_bytes()[:-100])  # a truncated PNG must never go out
    shutil.rmtree(project.site)
    project.build()
    assert (project.site / CARD).read_bytes() == first


def test_a_card_folder_left_by_an_older_cache_is_replaced(project: ScratchProject) -> None:
    older = project.root / ".briefly-cache" / "cards" / TEST_BRIEF
    older.mkdir(parents=True)
    (older / "0123abcd").write_bytes(b"a card cached by an older version")
    project.build("--no-search")
    assert older.is_file() and cache.load(older)[1] == (project.site / CARD).read_bytes()


def test_card_drawing_is_deterministic_and_wraps_long_text() -> None:
    inputs = cards.CardInputs("Kicker", "A headline " * 20, "An answer " * 60, "Briefly")
    assert cards.draw_card(inputs) == cards.draw_card(inputs)
    lines = cards.wrap(inputs.headline, 60, 1040, 3, BOLD)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(font(60, BOLD).getlength(line) <= 1040 for line in lines)
    assert cards.wrap("A short headline", 60, 1040, 3, BOLD) == ["A short headline"]


@pytest.mark.parametrize("size, weight", [(30, BOLD), (32, BOLD), (34, REGULAR), (60, BOLD),
                                          (60, REGULAR)])
def test_cached_glyphs_draw_what_pillow_draws(size: int, weight: int) -> None:
    """Cards paste glyphs rendered once; the pixels must be Pillow's own.

    Where two glyphs' antialiased edges share a pixel ("vy" in Noto Sans),
    Pillow draws the pair as one mask and pasting blends the pixel twice: one
    shade of 127 darker, at a pixel or two per line.
    """
    from PIL import Image, ImageChops, ImageDraw

    text = card_text("Tidewater's 400 MWh: 1.2M homes, $118 per kWh; Saltmarsh & Ridgeback. "
                     "Wavy Tj fi AV To ÀÉÎ õü ß ¿¡ 0123456789 %&@?! “quotes” ‘single’ – — × "
                     "€£¥ Łódź Ελλάδα Россия Ωμ 中 🙂")
    assert "中" not in text and "🙂" not in text and "Ελλάδα Россия" in text
    expected = Image.new("L", (6400, 200), 127)
    ImageDraw.Draw(expected).text((80, 50), text, font=font(size, weight), fill=0)
    drawn = Image.new("L", (6400, 200), 127)
    cards.draw_text(ImageDraw.Draw(drawn), (80, 50), text, size, 0, weight)
    difference = ImageChops.difference(expected, drawn)
    assert difference.getextrema()[1] <= 1
    assert sum(difference.histogram()[1:]) <= 3  # pixels that differ at all
    assert cards.text_width(text, size, weight) == font(size, weight).getlength(text)


def test_news_article_json_ld_matches_the_brief(built: ScratchProject) -> None:
    site, _ = check_site(Project(built.root), drafts=False)
    brief = next(b for b in site.briefs if b.slug == TEST_BRIEF)
    page = built.page(PAGE)
    article = json_ld(page)["NewsArticle"]
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == brief.headline
    assert article["description"] == meta(page, "description")
    assert article["datePublished"] == brief.published.isoformat()
    assert article["dateModified"] == brief.updated.isoformat()
    assert article["publisher"] == {"@type": "Organization", "name": "Briefly Newsroom"}
    assert article["image"]["url"] == BASE + CARD
    # One citation per source, in the order of the page's source list; a URL only
    # where the brief gives one.
    listed = [li.select_one("cite").get_text(strip=True) for li in page.select(".sources li")]
    assert [c["name"] for c in article["citation"]] == listed
    by_title = {s.title: s for s in brief.sources}
    for citation in article["citation"]:
        source = by_title[citation["name"]]
        assert citation["publisher"]["name"] == source.publisher
        assert citation["datePublished"] == source.date.isoformat()
        assert citation.get("url") == source.url
    assert [c.get("url") for c in article["citation"]].count(None) == len(brief.sources) - 1


def test_faq_page_json_ld_matches_the_faq(built: ScratchProject) -> None:
    site, _ = check_site(Project(built.root), drafts=False)
    brief = next(b for b in site.briefs if b.slug == TEST_BRIEF)
    faq = json_ld(built.page(PAGE))["FAQPage"]
    assert faq["@context"] == "https://schema.org"
    questions = faq["mainEntity"]
    assert [q["name"] for q in questions] == [item.question for item in brief.faq]
    assert all(q["@type"] == "Question" and q["acceptedAnswer"]["@type"] == "Answer"
               for q in questions)
    answer = questions[1]["acceptedAnswer"]["text"]
    assert answer.startswith("Tidewater cost $118 per kWh of storage, grid connection included")
    assert "per kWh. The brief does not say what Ridgeback cost." in answer  # no "[1]" left


def test_every_json_ld_block_on_every_page_is_valid(built: ScratchProject) -> None:
    found = 0
    for path in sorted(Path(built.site).rglob("*.html")):
        for script in built.page(path.relative_to(built.site).as_posix()).find_all(
                "script", type="application/ld+json"):
            data = json.loads(script.string)
            assert data["@context"] == "https://schema.org" and data["@type"], path
            found += 1
    # A NewsArticle per brief, and an FAQPage for each brief with a FAQ.
    assert found == sum(1 + brief.has_faq for brief in public_briefs(built.root))


def test_json_ld_cannot_be_closed_by_the_text_it_carries(project: ScratchProject) -> None:
    hostile = "Is it </script><script>alert(1)</script> & <!-- safe?"
    project.edit(project.facts(), "question: Will electricity bills fall?",
                 f"question: '{hostile}'")
    project.build()
    html = (project.site / PAGE).read_text(encoding="utf-8")
    blocks = html.split('<script type="application/ld+json">')[1:]
    # Each block must be whole JSON up to the first "</script>" the HTML parser sees.
    parsed = [json.loads(block.split("</script>", 1)[0]) for block in blocks]
    assert parsed[1]["mainEntity"][2]["name"] == hostile
    assert "<script>alert" not in html
    names = [q["name"] for q in json_ld(project.page(PAGE))["FAQPage"]["mainEntity"]]
    assert names[2] == hostile


def test_text_without_its_citations_has_no_space_before_punctuation(
        project: ScratchProject) -> None:
    # Citations written before a full stop, a comma, and with a status.
    project.edit(project.facts(), "Saltmarsh $131 per kWh. [@alder-grid-release]",
                 "Saltmarsh $131 per kWh [@alder-grid-release, self-reported].")
    project.edit(project.facts(), "quadrupling the region's storage. [@alder-grid-release]",
                 "quadrupling the region's storage [@alder-grid-release].")
    project.edit(project.facts(), "text: Added the regulator's capacity register. "
                 "[@regulator-register]",
                 "text: Added the regulator's capacity register [@regulator-register].")
    project.edit(project.facts(), "    text: Corrected Saltmarsh's build cost, first given *per kW*. "
                 "[@alder-grid-release]",
                 "    kind: correction\n    text: Corrected Saltmarsh's build cost, first given "
                 "*per kW* [@alder-grid-release].")
    project.build()
    page = project.page(PAGE)
    answers = [q["acceptedAnswer"]["text"] for q in json_ld(page)["FAQPage"]["mainEntity"]]
    (correction,) = json_ld(page)["NewsArticle"]["correction"]
    assert correction["text"] == "Corrected Saltmarsh's build cost, first given per kW."
    corrections_page = project.page("corrections/index.html").get_text()
    assert "first given per kW." in corrections_page
    corrections_feed = (project.site / "corrections" / "feed.xml").read_text(encoding="utf-8")
    assert "first given per kW.</summary>" in corrections_feed
    assert "and Saltmarsh $131 per kWh. The brief does not say" in answers[1]
    # The test brief's own "winter evenings [@institute-note], and the regulator".
    assert "batteries to replace gas on winter evenings, and the regulator" in answers[2]
    description = json_ld(page)["NewsArticle"]["description"]
    assert description.endswith("quadrupling the region's storage.")
    assert meta(page, "description") == meta(page, "og:description") == description
    feed = json.loads((project.site / "feed.json").read_text(encoding="utf-8"))
    entry = next(item for item in feed["items"] if TEST_BRIEF in item["url"])
    assert entry["summary"] == description
    assert "capacity register.</li>" in entry["content_html"]
    home = project.page("index.html").get_text(" ", strip=True)
    assert "region's storage." in home
    for text in (*answers, description, entry["content_html"], home, correction["text"]):
        assert not any(f" {mark}" in text for mark in ".,;:"), text
