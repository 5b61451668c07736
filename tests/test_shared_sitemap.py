"""The sitemap of a newsroom: the source and fact pages its published briefs rely on.

A crawler should find every page a reader can reach, dated by when what it
shows last changed, and nothing a draft alone would put there.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import BASE_URL, TEST_BRIEF, ScratchProject
from .site_checks import SITEMAP, check_site
from .test_shared_content import FOLLOW_UP, newsroom


def sitemap(project: ScratchProject, site: Path | None = None) -> dict[str, str | None]:
    root = ET.parse((site or project.site) / "sitemap.xml").getroot()
    return {u.findtext(f"{SITEMAP}loc").removeprefix(BASE_URL): u.findtext(f"{SITEMAP}lastmod")
            for u in root}


def shared_entries(urls: dict[str, str | None]) -> dict[str, str | None]:
    return {url: day for url, day in urls.items() if url.startswith(("sources/", "facts/"))}


@pytest.fixture
def project(tmp_path: Path) -> ScratchProject:
    return newsroom(tmp_path / "project")


def test_the_newsroom_s_sitemap_lists_its_source_and_fact_pages(project: ScratchProject) -> None:
    project.build()
    check_site(project.root, project.site, BASE_URL)
    urls = sitemap(project)
    # The follow-up (updated 30 April) is the newest brief citing the registry's
    # source and taking both facts; the DeepSeek brief, 29 April, the oldest.
    assert urls["sources/deepseek-release/"] == "2026-04-30"
    assert urls["facts/"] == "2026-04-30"
    assert urls["facts/deepseek-v4-pro/"] == urls["facts/deepseek-v3-2/"] == "2026-04-30"
    assert urls["sources/"] == "2026-04-30"
    assert urls["sources/estuary-times/"] == "2026-03-12"  # the test brief's own
    # Each listed page is one the build wrote.
    for url in shared_entries(urls):
        assert (project.site / url / "index.html").is_file(), url


@pytest.mark.parametrize("drafts", [False, True])
def test_pages_only_drafts_rely_on_stay_out_of_the_sitemap(project: ScratchProject,
                                                           drafts: bool) -> None:
    for slug in ("deepseek-v4", FOLLOW_UP):
        project.edit(project.facts(slug), "\npublished: 2026-04-",
                     "\ndraft: true\npublished: 2026-04-")
    project.build(*(["--drafts"] if drafts else []))
    # The registry's source and the fact sheets keep their pages (the preview
    # lists the drafts on them), but no published brief relies on them.
    for page in ("sources/deepseek-release/", "facts/", "facts/deepseek-v4-pro/"):
        assert (project.site / page / "index.html").is_file(), page
    own = {f"sources/{ident}/" for ident in ("alder-grid-release", "estuary-times", "grid-weekly",
                                               "regulator-register", "institute-note")}
    assert shared_entries(sitemap(project)) == {"sources/": "2026-03-12",
                                                **{url: "2026-03-12" for url in own}}
    if not drafts:
        check_site(project.root, project.site, BASE_URL)
