"""Leftovers beside the output are not instructions: a planted folder cannot make a
build delete or overwrite files outside Briefly's own."""

from __future__ import annotations

import json
import os
from pathlib import Path

from briefly.pipeline import Project, build_site
from briefly.publish.commit import staged_name
from briefly.publish.output_folder import MARKER, MARKER_TEXT

from .conftest import ScratchProject, snapshot


def test_a_planted_legacy_journal_touches_nothing_it_names(project: ScratchProject,
                                                          tmp_path: Path) -> None:
    """A staging folder with a marker and a journal naming paths outside the site."""
    project.build("--no-search")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    absolute = tmp_path / "absolute.txt"
    absolute.write_text("keep me too", encoding="utf-8")
    before = snapshot(project.site)
    staging = project.root / ".site.staging-999999999"
    staging.mkdir()
    (staging / MARKER).write_bytes(MARKER_TEXT)
    names = ["../../victim.txt", str(absolute), "index.html"]
    (staging / ".briefly-journal").write_text(json.dumps(
        {"phase": "committing", "created": False, "new": names, "written": names,
         "removed": []}), encoding="utf-8")
    for name in names:  # "backups" the old rollback would have moved over each name
        (staging / ("old-" + staged_name(staging, name).name)).write_text("planted")
    assert build_site(Project(project.root), project.site, search=False).ok
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert absolute.read_text(encoding="utf-8") == "keep me too"
    assert snapshot(project.site) == before
    assert not staging.exists()


def test_a_journal_claiming_the_site_was_created_does_not_delete_it(
        project: ScratchProject) -> None:
    project.build("--no-search")
    staging = project.root / ".site.staging-999999998"
    staging.mkdir()
    (staging / MARKER).write_bytes(MARKER_TEXT)
    (staging / ".briefly-journal").write_text(json.dumps({"created": True}))
    before = snapshot(project.site)
    assert build_site(Project(project.root), project.site, search=False).ok
    assert snapshot(project.site) == before
    assert os.path.isdir(project.site)


def _outside_folder(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    (outside / "nested").mkdir(parents=True)
    (outside / "precious.txt").write_text("keep", encoding="utf-8")
    (outside / "nested" / "deep.txt").write_text("keep", encoding="utf-8")
    return outside


def test_a_linked_search_cache_is_not_cleared(project: ScratchProject, tmp_path: Path) -> None:
    outside = _outside_folder(tmp_path)
    before = snapshot(outside)
    (project.root / ".briefly-cache").mkdir(exist_ok=True)
    (project.root / ".briefly-cache" / "search").symlink_to(outside, target_is_directory=True)
    project.build()
    project.build()  # a second build would reuse or replace a cached index
    assert snapshot(outside) == before
    assert sorted(p.name for p in outside.iterdir()) == ["nested", "precious.txt"]


def test_a_linked_card_cache_is_not_cleared(project: ScratchProject, tmp_path: Path) -> None:
    outside = _outside_folder(tmp_path)
    before = snapshot(outside)
    cards = project.root / ".briefly-cache" / "cards"
    cards.mkdir(parents=True)
    (cards / "tidewater-battery").symlink_to(outside, target_is_directory=True)
    project.build("--no-search")
    assert snapshot(outside) == before
    assert sorted(p.name for p in outside.iterdir()) == ["nested", "precious.txt"]
    assert (project.site / "briefs" / "tidewater-battery").is_dir()


def test_a_linked_cache_root_is_a_miss(project: ScratchProject, tmp_path: Path) -> None:
    outside = _outside_folder(tmp_path)
    before = snapshot(outside)
    (project.root / ".briefly-cache").symlink_to(outside, target_is_directory=True)
    project.build("--no-search")
    project.build("--no-search")
    assert snapshot(outside) == before
