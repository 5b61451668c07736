"""`new "Headline"` scaffolds a draft brief that check accepts, and only once filled in."""

from __future__ import annotations

import contextlib
import io
import re
from datetime import date

import yaml

from briefly.cli import main

from .conftest import TEST_BRIEF, ScratchProject, snapshot

HEADLINE = "Über Tidewater: what storage means for bills"
SLUG = "uber-tidewater-storage-means-bills"  # six words at most: filler goes first


def fill_in(project: ScratchProject, slug: str) -> None:
    """What an editor does: replace each placeholder, then publish (no draft)."""
    for path in (project.facts(slug), project.article(slug)):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"TODO:? ", "", text).replace("draft: true\n", "")
        path.write_text(text, encoding="utf-8")


def test_new_writes_a_complete_draft_and_says_what_next(project: ScratchProject) -> None:
    before = date.today()
    result = project.cli("new", HEADLINE)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"slug: {SLUG} (shortened to 6 words; choose another with --slug)",
        f"wrote content/briefs/{SLUG}/facts.yaml",
        f"wrote content/briefs/{SLUG}/brief.md",
        "Next: replace every TODO in both files (the brief stays a draft until you delete "
        "'draft: true'), then run: python build.py check"]
    facts_text = project.facts(SLUG).read_text(encoding="utf-8")
    assert facts_text.splitlines()[0] == \
        "# yaml-language-server: $schema=../../../schemas/facts.schema.json"
    facts = yaml.safe_load(facts_text)
    assert facts["headline"] == HEADLINE
    assert facts["draft"] is True
    assert facts["published"] in (before, date.today())
    assert {"kicker", "topics", "dek", "answer", "published", "updated", "updates", "numbers",
            "watch", "faq", "sources"} <= set(facts)
    assert "# quote:" in facts_text  # the optional quote is there, commented out
    article = project.article(SLUG).read_text(encoding="utf-8")
    assert "## What happened" in article and "## The numbers:" in article
    assert "<!--" in article  # comments say what goes where; the renderer drops them


def test_scaffold_passes_check_as_a_draft_and_strict_only_when_filled(
        project: ScratchProject) -> None:
    project.cli("new", HEADLINE)
    lenient = project.cli("check")
    assert lenient.code == 0, lenient.err
    assert f"content/briefs/{SLUG}/facts.yaml:10:1: warning: placeholder 'TODO' left from " \
           "the scaffold (dek)" in lenient.err
    # brief.md's placeholders name their section, as the fact sheet's name their field.
    article = f"content/briefs/{SLUG}/brief.md"
    assert [line for line in lenient.err.splitlines() if line.startswith(article)] == [
        f"{article}:5:1: warning: placeholder 'TODO' left from the scaffold (## What happened)",
        f"{article}:7:17: warning: placeholder 'TODO' left from the scaffold "
        "(## The numbers: TODO what they show)",
        f"{article}:11:1: warning: placeholder 'TODO' left from the scaffold "
        "(## The numbers: TODO what they show)"]
    assert project.cli("check", "--strict").code == 1
    # Publishing with placeholders left is an error, not a warning.
    project.edit(project.facts(SLUG), "draft: true\n", "")
    published = project.cli("check")
    assert published.code == 1
    assert "error: placeholder 'TODO' left from the scaffold (dek)" in published.err
    project.edit(project.facts(SLUG), "updates: []", "draft: true\nupdates: []")
    fill_in(project, SLUG)
    done = project.cli("check", "--strict")
    assert done.code == 0, done.err


def test_new_refuses_to_overwrite(project: ScratchProject) -> None:
    before = snapshot(project.root)
    result = project.cli("new", "A new battery", "--slug", TEST_BRIEF)
    assert result.code == 1
    assert result.err.startswith(f"content/briefs/{TEST_BRIEF}: error: a brief with this slug "
                                 "already exists; nothing was written")
    assert snapshot(project.root) == before
    assert project.cli("new", "Tidewater: battery!").code == 1  # the slug made from the headline
    assert snapshot(project.root) == before


def test_new_without_a_usable_slug_is_refused(project: ScratchProject) -> None:
    before = snapshot(project.root)
    assert project.cli("new", "深度求索").code == 1
    assert project.cli("new", "Fine", "--slug", "Not A Slug").code == 2
    assert snapshot(project.root) == before
    assert project.cli("new", "深度求索", "--slug", "shendu-qiusuo").code == 0


def test_filled_in_scaffold_builds_into_a_page(project: ScratchProject) -> None:
    project.cli("new", HEADLINE)
    fill_in(project, SLUG)
    project.build("--strict")
    page = project.page(f"briefs/{SLUG}/index.html")
    assert page.h1.get_text(strip=True) == HEADLINE
    assert "TODO" not in page.get_text()


def run_new(project: ScratchProject, *args: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["--root", str(project.root), "new", *args])
    return code, out.getvalue().splitlines()


def test_new_says_which_characters_the_slug_left_out(project: ScratchProject) -> None:
    code, lines = run_new(project, "Mistral raises €1.7bn at €11.7bn valuation")
    assert code == 0
    slug = "mistral-raises-1-7bn-at-11-7bn-valuation"  # six words: none dropped
    assert lines[:2] == [f"slug: {slug} (choose another with --slug)",
                         "left out of the slug: €"]
    assert project.facts(slug).is_file()


def test_new_shortens_a_long_headline_to_six_words(project: ScratchProject) -> None:
    code, lines = run_new(project, "The regulator says why the grid needs batteries for "
                                   "winter evenings in the north")
    assert code == 0
    slug = "regulator-says-grid-needs-batteries-winter"
    assert len(slug.split("-")) == 6
    assert lines[0] == f"slug: {slug} (shortened to 6 words; choose another with --slug)"
    assert not any(line.startswith("left out") for line in lines)  # nothing lost but words
    assert project.facts(slug).is_file()


def test_a_slug_given_with_slug_is_not_commented_on(project: ScratchProject) -> None:
    code, lines = run_new(project, "Mistral raises €1.7bn", "--slug", "mistral-round")
    assert code == 0
    assert lines[0] == "wrote content/briefs/mistral-round/facts.yaml"
