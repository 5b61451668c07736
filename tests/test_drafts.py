"""Drafts stay off the published site unless --drafts (the preview) asks for them."""

from __future__ import annotations

import shutil

import pytest

from briefly import pipeline

from .conftest import ScratchProject

DRAFT = "deepseek-draft"
HEADLINE = "A draft nobody should see yet"


@pytest.fixture
def with_draft(project: ScratchProject) -> ScratchProject:
    shutil.copytree(project.brief_dir(), project.brief_dir(DRAFT))
    project.edit(project.facts(DRAFT), "updated: 2026-04-29\n",
                 "updated: 2026-04-30\ndraft: true\n")
    project.edit(project.facts(DRAFT), 'headline: "DeepSeek ships V4: 1.6T open-weight model, '
                 '$1.74 a million tokens"', f'headline: "{HEADLINE}"')
    project.edit(project.facts(DRAFT), "topics: [Open-weight models]",
                 "topics: [Open-weight models, Unreleased]")
    project.edit(project.facts(DRAFT), "published: 2026-04-29", "published: 2026-04-30")
    return project


def all_pages_text(project: ScratchProject) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(project.site.rglob("*"))
                     if p.is_file() and p.suffix in (".html", ".xml", ".json", ".txt"))


def test_normal_build_leaves_drafts_out_everywhere(with_draft: ScratchProject,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, ...]] = []

    def spy(renderer, site, views):  # what feeds and sitemap builders are given
        seen.append(tuple(b.slug for b in site.briefs))
        return {}

    monkeypatch.setattr(pipeline, "SITE_BUILDERS", [*pipeline.SITE_BUILDERS, spy])
    with_draft.build()
    assert seen == [("deepseek-v4",)]
    assert not (with_draft.site / "briefs" / DRAFT).exists()
    assert not (with_draft.site / "topics" / "unreleased").exists()
    for page in ("index.html", "briefs/index.html", "topics/index.html",
                 "topics/open-weight-models/index.html"):
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
    with_draft.edit(with_draft.article(DRAFT), "rank. [@cfr]", "rank. [@cfx]")
    result = with_draft.cli("build")
    assert result.code == 1
    assert f"content/briefs/{DRAFT}/brief.md:21:7: error: unknown source id 'cfx'" in result.err
