"""The preview deletes only the folder it made, never one of the same name it found."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefly.preview.server import (PREVIEW_DIR, PREVIEW_MARKER, claim_preview_folder,
                                    remove_preview_folder)
from briefly.project import Project


def test_a_preview_folder_someone_else_made_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / PREVIEW_DIR
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert not remove_preview_folder(folder)
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_link_in_place_of_the_preview_folder_is_kept(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / PREVIEW_MARKER).write_text("planted", encoding="utf-8")
    (outside / "precious.txt").write_text("keep", encoding="utf-8")
    link = tmp_path / PREVIEW_DIR
    link.symlink_to(outside, target_is_directory=True)
    assert not remove_preview_folder(link)
    assert (outside / "precious.txt").exists()
    with pytest.raises(SystemExit, match="symbolic link"):
        claim_preview_folder(Project(tmp_path))


def test_the_folder_serve_made_is_removed(tmp_path: Path) -> None:
    output, lock = claim_preview_folder(Project(tmp_path))
    try:
        assert (output.parent / PREVIEW_MARKER).is_file()
        output.mkdir()
        (output / "index.html").write_text("preview", encoding="utf-8")
    finally:
        lock.close()
    assert remove_preview_folder(output.parent)
    assert not output.parent.exists()


def test_claiming_a_folder_someone_made_does_not_mark_it_ours(tmp_path: Path) -> None:
    folder = tmp_path / PREVIEW_DIR
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    _, lock = claim_preview_folder(Project(tmp_path))
    lock.close()
    assert not remove_preview_folder(folder)
    assert (folder / "notes.txt").exists()
