"""Links and deep trees under content/ give one clear line, never a traceback,
and are never followed out of the project."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .conftest import TEST_BRIEF, ScratchProject


def _problem_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": error: " in line]


def test_a_linked_briefs_folder_pointing_outside_is_refused(project: ScratchProject,
                                                           tmp_path: Path) -> None:
    briefs = project.root / "content" / "briefs"
    outside = tmp_path / "outside-briefs"
    shutil.move(str(briefs), outside)
    briefs.symlink_to(outside, target_is_directory=True)
    result = project.cli("check")
    assert result.code == 1
    assert "Traceback" not in result.err + result.out
    errors = _problem_lines(result.err + result.out)
    assert errors == ["content/briefs: error: this folder is a link and is refused; "
                      "no brief was read"]
    result = project.cli("build")
    assert result.code == 1 and not project.site.exists()


def test_a_link_that_loops_is_one_error(project: ScratchProject) -> None:
    loop = project.root / "content" / "briefs" / "loop"
    loop.symlink_to(loop)
    result = project.cli("check")
    assert result.code == 1
    assert "Traceback" not in result.err + result.out
    errors = _problem_lines(result.err + result.out)
    assert len(errors) == 1 and errors[0].startswith("content/briefs/loop: error: ")
    assert "loops" in errors[0]


def test_a_link_loop_deeper_in_content_is_not_followed(project: ScratchProject) -> None:
    extra = project.root / "content" / "extra"
    extra.mkdir()
    (extra / "again").symlink_to(project.root / "content", target_is_directory=True)
    result = project.cli("check")
    assert "Traceback" not in result.err + result.out
    assert result.code == 0, result.err


def test_a_very_deep_folder_tree_is_one_error(project: ScratchProject) -> None:
    deep = str(project.brief_dir(TEST_BRIEF))
    for _ in range(1500):  # one level at a time: makedirs itself recurses
        deep = os.path.join(deep, "d")
        os.mkdir(deep)
    Path(deep, "notes.txt").write_text("deep", encoding="utf-8")
    try:
        result = project.cli("check")
    finally:  # pytest's own clean-up recurses, so unwind the tree here
        os.unlink(os.path.join(deep, "notes.txt"))
        for _ in range(1500):
            os.rmdir(deep)
            deep = os.path.dirname(deep)
    assert result.code == 1
    assert "Traceback" not in result.err + result.out
    errors = _problem_lines(result.err + result.out)
    assert len(errors) == 1 and "nest more than" in errors[0]
