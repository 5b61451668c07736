"""The double-buffered output: one exchange publishes, a kill before it changes nothing.

``commit`` keeps ``.site.shadow/`` one generation behind ``site/`` and swaps
them with one exchange.  These tests kill a real build right before the
exchange, damage the shadow and its state in the ways a kill or a person
can, and check that the live site is never a mix and always ends equal to a
clean build.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest

from briefly.publish import commit

from briefly.publish import trees
from briefly.pipeline import build_site
from briefly.check_pipeline import check_site
from briefly.project import Project

from .reference import render_pages

from .conftest import TEST_BRIEF, ScratchProject, snapshot
from .paused_build import start_paused_build

COPIES = 6
HEADLINE = "Tidewater battery opens"
NEW_TEXT = f"{HEADLINE} (edited)"


def stats(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Bytes, mtime and inode of every file: what a deploy tool or reader sees."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns,
                                               p.stat().st_ino)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_pages(root: Path) -> dict[str, bytes]:
    site, diagnostics = check_site(Project(root), drafts=False)
    assert site is not None and not diagnostics.errors
    return render_pages(Project(root), site)


def published(folder: Path) -> dict[str, bytes]:
    files = snapshot(folder)
    files.pop(commit.MARKER)
    return files


def build(project: ScratchProject) -> None:
    assert build_site(Project(project.root), project.site, search=False).ok


def edit_all(project: ScratchProject, old: str, new: str) -> None:
    for facts in sorted(project.root.glob("content/briefs/*/facts.yaml")):
        facts.write_text(facts.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.fixture
def many(project: ScratchProject) -> ScratchProject:
    for i in range(COPIES):
        project.copy_brief(f"copy-{i}")
    build(project)
    return project


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every shadow rebuilt from scratch (a hard-linked copy of the live site)."""
    made: list[Path] = []
    real = trees.copy_tree

    def spy(source: Path, shadow: Path) -> None:
        made.append(shadow)
        real(source, shadow)

    monkeypatch.setattr(trees, "copy_tree", spy)
    return made


def test_first_build_leaves_a_shadow_equal_to_the_site(many: ScratchProject) -> None:
    shadow = commit.shadow_path(many.site)
    assert snapshot(shadow) == snapshot(many.site)
    live, behind = stats(many.site), stats(shadow)
    assert all(live[n][2] == behind[n][2] for n in live if n != commit.MARKER)  # linked


def test_kill_right_before_the_exchange_leaves_site_byte_identical(
        many: ScratchProject, rebuilds: list[Path]) -> None:
    edit_all(many, HEADLINE, NEW_TEXT)
    before = stats(many.site)
    edited = commit.shadow_path(many.site) / "briefs/copy-0/index.html"
    # The exchange never comes: the build stops right before it, for the test to kill.
    proc = start_paused_build(many.root, "before-exchange")
    assert NEW_TEXT in edited.read_text(encoding="utf-8")  # the shadow is the new site
    proc.kill()
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert stats(many.site) == before  # bytes, mtimes and inodes
    build(many)  # the next build does not trust the half-made shadow
    assert rebuilds
    assert published(many.site) == clean_pages(many.root)
    assert NEW_TEXT in (many.site / "briefs/copy-0/index.html").read_text(encoding="utf-8")


def test_dirty_shadow_is_detected_and_rebuilt(many: ScratchProject, rebuilds: list[Path],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    edit_all(many, HEADLINE, NEW_TEXT)
    before = stats(many.site)
    real, calls = trees.place, []

    def crash_on_third(*args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(trees, "place", crash_on_third)
    failed = build_site(Project(many.root), many.site, search=False)
    assert [p.message for p in failed.diagnostics.errors] == [
        "the disk is full; nothing was published"]
    monkeypatch.setattr(trees, "place", real)
    assert stats(many.site) == before
    state = json.loads(commit.state_path(many.site).read_text(encoding="utf-8"))
    assert state["shadow"] is None  # recorded dirty before the shadow was touched
    # What a trusted dirty shadow would publish: a stray page.
    (commit.shadow_path(many.site) / "stray.html").write_bytes(b"half-built")
    build(many)
    assert rebuilds == [commit.shadow_path(many.site)]
    assert published(many.site) == clean_pages(many.root)


def test_shadow_of_another_generation_is_rebuilt(many: ScratchProject,
                                                  rebuilds: list[Path]) -> None:
    shadow = commit.shadow_path(many.site)
    edit_all(many, HEADLINE, "First edit")
    build(many)  # the shadow is now the first build's site
    assert not rebuilds
    # The shadow is replaced by an older copy (a restore, a kill in the fallback swap):
    # its state no longer names it, so it must not be patched as if it were current.
    older = shadow.with_name("older")
    shutil.copytree(shadow, older)
    (older / "briefs/copy-1/index.html").write_bytes(b"from another generation")
    shutil.rmtree(shadow)
    older.rename(shadow)
    many.edit(many.facts("copy-0"), "First edit", "Second edit")
    build(many)
    assert rebuilds == [shadow]
    assert published(many.site) == clean_pages(many.root)
    edit_all(many, "First edit", "Third edit")
    build(many)  # and from then on the shadow is trusted again
    assert rebuilds == [shadow]
    assert published(many.site) == clean_pages(many.root)


def test_shadow_is_always_the_previous_generation(many: ScratchProject,
                                                   rebuilds: list[Path]) -> None:
    shadow = commit.shadow_path(many.site)
    for n, slug in enumerate(["copy-0", "copy-1", TEST_BRIEF, "copy-0"]):
        previous = snapshot(many.site)
        many.edit(many.facts(slug), HEADLINE, f"{HEADLINE} ({n})")
        shutil.rmtree(many.brief_dir(f"copy-{n + 2}"))  # a removed brief too
        build(many)
        assert snapshot(shadow) == previous
        assert published(many.site) == clean_pages(many.root)
    assert not rebuilds


def test_noop_build_writes_nothing_and_does_not_exchange(
        many: ScratchProject, monkeypatch: pytest.MonkeyPatch) -> None:
    swaps: list[Path] = []
    monkeypatch.setattr(commit, "_swap", lambda shadow, out: swaps.append(out))
    state = commit.state_path(many.site)
    before = (stats(many.site), stats(commit.shadow_path(many.site)), state.stat().st_mtime_ns)
    build(many)
    assert swaps == []
    assert (stats(many.site), stats(commit.shadow_path(many.site)),
            state.stat().st_mtime_ns) == before


def test_edit_changes_only_the_edited_files(many: ScratchProject) -> None:
    before = stats(many.site)
    many.edit(many.article("copy-3"), "On 3 March 2026", "On Tuesday 3 March 2026")
    build(many)
    after = stats(many.site)
    assert after.keys() == before.keys()
    touched = {n for n in after if after[n][1:] != before[n][1:]}  # mtime or inode
    # Each tree has a marker of its own (it names the tree), with the same mtime.
    assert after[commit.MARKER][:2] == before[commit.MARKER][:2]
    touched.discard(commit.MARKER)
    assert touched == {n for n in after if after[n][0] != before[n][0]}
    assert "briefs/copy-3/index.html" in touched and "index.html" not in touched


def test_without_renameat2_three_renames_swap_the_same_trees(
        many: ScratchProject, monkeypatch: pytest.MonkeyPatch, rebuilds: list[Path]) -> None:
    monkeypatch.setattr(commit, "exchange", lambda first, second: False)
    previous = snapshot(many.site)
    edit_all(many, HEADLINE, NEW_TEXT)
    build(many)
    assert published(many.site) == clean_pages(many.root)
    assert snapshot(commit.shadow_path(many.site)) == previous
    assert not list(many.root.glob(".site.old-*")) and not rebuilds


def test_legacy_files_and_a_foreign_shadow_are_respected(many: ScratchProject) -> None:
    shadow = commit.shadow_path(many.site)
    shutil.rmtree(shadow)
    shadow.mkdir()
    (shadow / "notes.txt").write_text("not Briefly's", encoding="utf-8")
    edit_all(many, HEADLINE, NEW_TEXT)
    result = many.cli("build")
    assert result.code == 1
    assert f"{shadow}: error: refusing to replace this folder" in result.err
    assert (shadow / "notes.txt").read_text(encoding="utf-8") == "not Briefly's"
    assert os.path.isdir(many.site)


@pytest.mark.parametrize("damage", ["garbage", "outside"])
def test_damaged_state_is_not_trusted(many: ScratchProject, rebuilds: list[Path],
                                      damage: str) -> None:
    state = commit.state_path(many.site)
    outside = many.root / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    if damage == "garbage":
        state.write_bytes(b"\x00{not json")
    else:
        data = json.loads(state.read_text(encoding="utf-8"))
        state.write_text(json.dumps({**data, "removed": ["../precious.txt"]}),
                         encoding="utf-8")
    edit_all(many, HEADLINE, NEW_TEXT)
    build(many)
    assert rebuilds == [commit.shadow_path(many.site)]
    assert published(many.site) == clean_pages(many.root)
    assert outside.read_text(encoding="utf-8") == "keep"
