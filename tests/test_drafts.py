"""Drafts stay off the published site unless --drafts (the preview) asks for them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from briefly import pipeline

from .conftest import TEST_BRIEF, ScratchProject, line_and_column
from .site_checks import public_briefs

DRAFT = "tidewater-draft"
HEADLINE = "A draft nobody should see yet"


@pytest.fixture
def with_draft(project: ScratchProject) -> ScratchProject:
    project.copy_brief(DRAFT)
    project.edit(project.facts(DRAFT), "updated: 2026-03-12\n", "updated: 2026-03-12\ndraft: true\n")
    project.edit(project.facts(DRAFT), 'headline: "Tidewater battery opens: 400 MWh of storage '
                 'at $118 a kilowatt-hour"', f'headline: "{HEADLINE}"')
    project.edit(project.facts(DRAFT), "topics: [Grid storage, Energy prices]",
                 "topics: [Grid storage, Unreleased]")
    project.edit(project.facts(DRAFT), "published: 2026-03-05", "published: 2026-03-06")
    return project


def all_pages_text(project: ScratchProject) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(project.site.rglob("*"))
                     if p.is_file() and p.suffix in (".html", ".xml", ".json", ".txt", ".csv"))


def test_normal_build_leaves_drafts_out_everywhere(with_draft: ScratchProject,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, ...]] = []

    def spy(renderer, site, views):  # what feeds and sitemap builders are given
        seen.append(tuple(b.slug for b in site.briefs))
        return {}

    monkeypatch.setattr(pipeline, "SITE_BUILDERS", [*pipeline.SITE_BUILDERS, spy])
    with_draft.build()
    public = tuple(b.slug for b in public_briefs(with_draft.root))
    assert DRAFT not in public and public
    assert seen == [public]
    assert not (with_draft.site / "briefs" / DRAFT).exists()
    assert not (with_draft.site / "topics" / "unreleased").exists()
    for page in ("index.html", "briefs/index.html", "topics/index.html",
                 "topics/grid-storage/index.html"):
        soup = with_draft.page(page)
        assert HEADLINE not in soup.get_text(), page
        assert not soup.select(f'a[href*="{DRAFT}"]'), page
    assert DRAFT not in all_pages_text(with_draft)
    assert HEADLINE not in all_pages_text(with_draft)


def test_drafts_flag_includes_them(with_draft: ScratchProject) -> None:
    with_draft.build("--drafts")
    assert with_draft.page(f"briefs/{DRAFT}/index.html").h1.get_text(strip=True) == HEADLINE
    home = with_draft.page("index.html")
    assert HEADLINE in home.get_text()
    assert (with_draft.site / "topics" / "unreleased" / "index.html").is_file()


def test_drafts_are_still_checked(with_draft: ScratchProject) -> None:
    with_draft.edit(with_draft.article(DRAFT), "it is built. [@institute-note]",
                    "it is built. [@institute-not]")
    line, column = line_and_column(with_draft.article(DRAFT), "[@institute-not]")
    result = with_draft.cli("build")
    assert result.code == 1
    assert (f"content/briefs/{DRAFT}/brief.md:{line}:{column}: error: unknown source id "
            "'institute-not'") in result.err


def draft_badges(soup: BeautifulSoup) -> list[str]:
    return [badge.get_text() for badge in soup.select(".draft-badge")]


def robots(soup: BeautifulSoup) -> list[str]:
    return [m["content"] for m in soup.select('meta[name="robots"]')]


def test_a_built_draft_says_so_and_asks_not_to_be_indexed(with_draft: ScratchProject) -> None:
    with_draft.build("--drafts")
    draft = with_draft.page(f"briefs/{DRAFT}/index.html")
    header = draft.select_one(".brief-header")
    assert draft_badges(header) == ["Draft"]
    # Beside the headline, not inside it: the headline stays the headline.
    assert header.select_one(".draft-badge").find_next("h1").get_text() == HEADLINE
    assert draft.h1.get_text(strip=True) == HEADLINE
    assert robots(draft) == ["noindex"]
    published = with_draft.page(f"briefs/{TEST_BRIEF}/index.html")
    assert draft_badges(published) == [] and robots(published) == []
    # Every listing marks the draft's entry, and only it.
    for page in ("index.html", "briefs/index.html", "topics/grid-storage/index.html"):
        soup = with_draft.page(page)
        marked = [badge.find_parent(["h2", "h3", "li"]).a["href"]
                  for badge in soup.select(".draft-badge")]
        assert len(marked) == 1 and DRAFT in marked[0], page
        assert draft_badges(soup) == ["Draft"], page
        assert robots(soup) == [], page


def test_a_normal_build_shows_no_draft_badge(built: ScratchProject) -> None:
    for page in ("index.html", "briefs/index.html", f"briefs/{TEST_BRIEF}/index.html",
                 "topics/grid-storage/index.html"):
        soup = built.page(page)
        assert draft_badges(soup) == [] and robots(soup) == [], page


def test_the_preview_shows_the_draft_badge(with_draft: ScratchProject) -> None:
    from .test_serve import Preview

    server = Preview(with_draft)
    try:
        page = server.page(f"/briefs/{DRAFT}/")
        assert draft_badges(page) == ["Draft"] and robots(page) == ["noindex"]
        assert "Draft" in draft_badges(server.page("/"))
    finally:
        server.stop()
