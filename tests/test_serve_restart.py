"""A preview started again reuses what the last one left, and shows what changed since.

The preview keeps its pages between runs so that, with the build cache, a
second start is an incremental build; these tests hold it to the same pages
a first start on a fresh copy would make.
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

from .conftest import ScratchProject, snapshot
from .test_serve import BRIEF, Preview

PAGE = BRIEF.strip("/") + "/index.html"


def stopped(project: ScratchProject) -> Path:
    """Run the preview once and stop it; its output folder."""
    server = Preview(project)
    assert server.stop(signal.SIGINT) == 0, "".join(server.err)
    return server.output


def test_a_restart_with_nothing_changed_rewrites_no_page(project: ScratchProject) -> None:
    output = stopped(project)
    before = {name: os.stat(output / name) for name in snapshot(output)}
    stopped(project)
    after = {name: os.stat(output / name) for name in snapshot(output)}
    assert after.keys() == before.keys()
    rewritten = [name for name, st in after.items()
                 if (st.st_ino, st.st_mtime_ns) != (before[name].st_ino, before[name].st_mtime_ns)]
    assert rewritten == []


def test_a_restart_shows_what_changed_while_the_preview_was_down(
        project: ScratchProject, tmp_path: Path) -> None:
    stopped(project)
    project.edit(project.facts(), "kicker: Grid storage", "kicker: Edited while stopped")
    other = project.add_brief("robotics-series-b")
    server = Preview(project)
    try:
        assert "Edited while stopped" in server.get(BRIEF)[2]
        assert server.get(f"/briefs/{other}/")[0] == 200
    finally:
        server.stop()
    shutil.rmtree(project.brief_dir(other))
    warm = snapshot(stopped(project))
    assert f"briefs/{other}/index.html" not in warm
    # The same content previewed from nothing: the same files, byte for byte.
    fresh = ScratchProject(tmp_path / "fresh")
    shutil.copytree(project.root, fresh.root,
                    ignore=shutil.ignore_patterns(".briefly-preview", ".briefly-cache"))
    assert warm == snapshot(stopped(fresh))


def test_a_folder_of_the_preview_name_someone_made_is_refused(project: ScratchProject) -> None:
    folder = project.root / ".briefly-preview"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = project.run("serve", "--port", "0")
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.strip().splitlines() == [
        "error: .briefly-preview/ has files and no .briefly-preview-folder marker, so "
        "`serve` did not make it; move it away, so the preview does not write among your files"]
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
