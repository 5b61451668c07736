"""The preview's watcher: what counts as a change, and how a burst becomes one."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from briefly.preview.watch import Watcher, changed_paths, scan

from .watching import FakeClock, ScriptedWatcher


def test_scan_sees_edits_additions_and_removals_but_not_editor_clutter(tmp_path: Path) -> None:
    brief = tmp_path / "content" / "brief.md"
    brief.parent.mkdir()
    brief.write_text("one")
    gone = tmp_path / "content" / "old.md"
    gone.write_text("old")
    before = scan([tmp_path / "content", tmp_path / "briefly.yaml"])
    brief.write_text("two, longer")
    gone.unlink()
    added = tmp_path / "content" / "new.md"
    added.write_text("new")
    for clutter in (".brief.md.swp", "brief.md~", "4913", "#brief.md#", ".DS_Store"):
        (tmp_path / "content" / clutter).write_text("x")
    (tmp_path / "briefly.yaml").write_text("title: x")
    after = scan([tmp_path / "content", tmp_path / "briefly.yaml"])
    assert changed_paths(before, after) == {brief, gone, added, tmp_path / "briefly.yaml"}


def test_an_atomic_save_by_rename_is_a_change(tmp_path: Path) -> None:
    brief = tmp_path / "brief.md"
    brief.write_text("same size")
    before = scan([tmp_path])
    temp = tmp_path / ".brief.md.tmp"
    temp.write_text("same size")
    os.replace(temp, brief)  # same bytes, same size: only the inode tells
    assert changed_paths(before, scan([tmp_path])) == {brief}


def test_saves_closer_than_the_quiet_time_become_one_change(clock: FakeClock) -> None:
    saves = [{Path(f"content/{n}.md")} for n in range(20)]  # one save per poll
    watcher = ScriptedWatcher([set(), set(), *saves, set(), set(), {Path("later.md")}],
                              interval=0.05, quiet=0.08)
    assert watcher.wait_for_change(clock) == set().union(*saves)
    assert watcher.wait_for_change(clock) == {Path("later.md")}


def test_a_pause_longer_than_the_quiet_time_splits_bursts(clock: FakeClock) -> None:
    watcher = ScriptedWatcher([{Path("a")}, set(), set(), set(), {Path("b")}],
                              interval=0.05, quiet=0.08)
    assert watcher.wait_for_change(clock) == {Path("a")}
    assert watcher.wait_for_change(clock) == {Path("b")}


def test_endless_writes_still_rebuild_every_so_often(clock: FakeClock) -> None:
    watcher = ScriptedWatcher([{Path(str(n))} for n in range(100)], interval=0.05,
                              quiet=0.08, longest=1.0)
    first = watcher.wait_for_change(clock)
    assert 15 <= len(first) <= 25 and clock.now == pytest.approx(1.05)


def test_stopping_ends_the_wait_with_no_changes(clock: FakeClock) -> None:
    clock.set()
    assert ScriptedWatcher([{Path("a")}]).wait_for_change(clock) == set()


@pytest.mark.parametrize("events", [True, False], ids=["file-events", "polling"])
def test_saves_to_folders_and_to_the_config_are_seen(tmp_path: Path, events: bool) -> None:
    folder = tmp_path / "content"
    (folder / "briefs").mkdir(parents=True)
    config = tmp_path / "briefly.yaml"
    config.write_text("title: one")
    watcher = Watcher((folder, config), events=events)
    assert watcher.mode == ("events" if events else "polling")
    stop = threading.Event()
    deadline = threading.Timer(20, stop.set)  # a missed change fails instead of hanging
    deadline.start()
    try:
        for round_ in range(2):  # a file watch would be lost after the first rename
            brief = folder / "briefs" / f"new-{round_}.md"
            brief.write_text("x")
            (tmp_path / "config.tmp").write_text(f"title: {round_}")
            os.replace(tmp_path / "config.tmp", config)
            (folder / "briefs" / ".new.md.swp").write_text("clutter")
            seen: set[Path] = set()
            while not {brief, config} <= seen:
                assert not stop.is_set(), f"missed changes; saw only {seen}"
                seen |= watcher.wait_for_change(stop)  # returns once each burst is over
            assert all(not path.name.startswith(".") for path in seen)
    finally:
        deadline.cancel()
        watcher.close()
