"""The preview reuses only the folder it made, never one of the same name it found."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefly.preview.server import PREVIEW_DIR, PREVIEW_MARKER, claim_preview_folder
from briefly.project import Project


def test_a_preview_folder_someone_else_made_is_refused_and_kept(tmp_path: Path) -> None:
    folder = tmp_path / PREVIEW_DIR
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit) as refused:
        claim_preview_folder(Project(tmp_path))
    assert str(refused.value) == (
        f"error: {PREVIEW_DIR}/ has files and no {PREVIEW_MARKER} marker, so `serve` did "
        "not make it; move it away, so the preview does not write among your files")
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_link_in_place_of_the_preview_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / PREVIEW_MARKER).write_text("planted", encoding="utf-8")
    (outside / "precious.txt").write_text("keep", encoding="utf-8")
    link = tmp_path / PREVIEW_DIR
    link.symlink_to(outside, target_is_directory=True)
    with pytest.raises(SystemExit, match="symbolic link"):
        claim_preview_folder(Project(tmp_path))
    assert sorted(p.name for p in outside.iterdir()) == [PREVIEW_MARKER, "precious.txt"]


def test_a_linked_marker_does_not_make_a_folder_ours(tmp_path: Path) -> None:
    folder = tmp_path / PREVIEW_DIR
    folder.mkdir()
    (tmp_path / "elsewhere").write_text("planted", encoding="utf-8")
    (folder / PREVIEW_MARKER).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(SystemExit, match="no .briefly-preview-folder marker"):
        claim_preview_folder(Project(tmp_path))


def test_a_file_in_place_of_the_preview_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / PREVIEW_DIR).write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit, match="is a file, not a folder"):
        claim_preview_folder(Project(tmp_path))
    assert (tmp_path / PREVIEW_DIR).read_text(encoding="utf-8") == "mine"


def test_an_empty_unmarked_folder_is_adopted(tmp_path: Path) -> None:
    # What a preview killed between making the folder and marking it leaves.
    (tmp_path / PREVIEW_DIR).mkdir()
    output, lock = claim_preview_folder(Project(tmp_path))
    lock.close()
    assert (output.parent / PREVIEW_MARKER).is_file()


def test_the_folder_an_earlier_preview_made_is_reused_with_its_pages(tmp_path: Path) -> None:
    output, lock = claim_preview_folder(Project(tmp_path))
    try:
        assert (output.parent / PREVIEW_MARKER).is_file()
        output.mkdir()
        (output / "index.html").write_text("preview", encoding="utf-8")
    finally:
        lock.close()
    again, lock = claim_preview_folder(Project(tmp_path))
    lock.close()
    assert again == output
    assert (again / "index.html").read_text(encoding="utf-8") == "preview"
