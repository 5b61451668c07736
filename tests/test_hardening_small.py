"""Smaller hardening cases: a check that sorts its problems once, an output folder
inside a published site, links the renderer drops, hand-dropped files."""

from __future__ import annotations

import builtins
from typing import Any

import pytest

from briefly import errors

from .conftest import TEST_BRIEF, ScratchProject, snapshot


def test_check_sorts_thousands_of_problems_a_few_times_not_per_brief(
        project: ScratchProject, monkeypatch: pytest.MonkeyPatch) -> None:
    strays = project.root / "content" / "notes"
    strays.mkdir()
    for i in range(2_000):
        (strays / f"note-{i}.txt").write_text("x", encoding="utf-8")
    for n in range(5):
        project.copy_brief(f"copy-{n}")
    big_sorts = []

    def counting(items: Any, **kwargs: Any) -> list:
        items = list(items)
        if len(items) >= 2_000:
            big_sorts.append(len(items))
        return builtins.sorted(items, **kwargs)
    monkeypatch.setattr(errors, "sorted", counting, raising=False)
    result = project.cli("check")
    assert result.code == 0 and result.err.count("is not part of any brief") == 2_000
    assert len(big_sorts) <= 2, big_sorts  # the report, and at most once more


def test_an_output_inside_the_published_site_is_refused(project: ScratchProject) -> None:
    project.build("--no-search")
    before = snapshot(project.site)
    result = project.cli("build", "--output", str(project.site / "sub"))
    assert result.code == 1
    assert (f"{project.site / 'sub'}: error: refusing to publish into this folder: it is "
            "inside site/, a site Briefly publishes") in result.err
    assert snapshot(project.site) == before  # no .sub.shadow or state file among the pages


@pytest.mark.parametrize("target, column", [("java\tscript:alert(1)", 5),
                                            ("java\nscript:alert(1)", 5),
                                            ("<java script:alert(1)>", 6)])
def test_a_link_the_renderer_drops_is_reported(project: ScratchProject, target: str,
                                               column: int) -> None:
    project.edit(project.article(), "## The numbers", f"[x]({target})\n\n## The numbers")
    result = project.cli("check")
    assert result.code == 1
    assert (f"content/briefs/{TEST_BRIEF}/brief.md:12:{column}: error: links may not use the "
            "'javascript:' scheme (## What happened)") in result.err


def test_a_file_dropped_into_the_site_by_hand_does_not_come_back(
        project: ScratchProject) -> None:
    project.build("--no-search")
    (project.site / "hand.txt").write_text("dropped by hand", encoding="utf-8")
    (project.site / "notes").mkdir()
    (project.site / "notes" / "todo.txt").write_text("also", encoding="utf-8")
    kicker = "kicker: Grid storage"
    for edit in ("one", "two", "three"):
        project.edit(project.facts(), kicker, f"{kicker} {edit}")
        kicker = f"{kicker} {edit}"
        result = project.build("--no-search")
        assert "0 written" not in result.out
        assert not (project.site / "hand.txt").exists(), edit
        assert not (project.site / "notes").exists(), edit
