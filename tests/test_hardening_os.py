"""Every failure of the operating system is one plain line, exit code 1, and the
previous site byte for byte; each is injected, since a test cannot fill a real disk."""

from __future__ import annotations

import errno
import os
import pathlib
from typing import Any, Callable

import pytest

from briefly import pipeline
from briefly.publish import commit
from briefly.render.urls import brief_url, page_file

from .conftest import TEST_BRIEF, ScratchProject, snapshot
from .pooled import pooled_build

DEK = "four hours of evening power"


def failing(code: int) -> OSError:
    return OSError(code, os.strerror(code))


def fail_for(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, code: int,
             when: Callable[[str], bool]) -> None:
    """Make ``owner.name`` raise ``code`` for the paths ``when`` picks, as the OS would."""
    real = getattr(owner, name)

    def fake(self_or_path: Any, *args: Any, **kwargs: Any) -> Any:
        if when(str(self_or_path)):
            raise OSError(code, os.strerror(code), str(self_or_path))
        return real(self_or_path, *args, **kwargs)
    monkeypatch.setattr(owner, name, fake)


def built_then_edited(project: ScratchProject) -> dict[str, bytes]:
    """A published site, and an edit the next build has to publish."""
    project.build("--no-search")
    before = snapshot(project.site)
    project.edit(project.facts(), DEK, "four hours of late power")
    return before


def assert_one_line(project: ScratchProject, before: dict[str, bytes], expected: str) -> None:
    result = project.cli("build", "--no-search")
    assert result.code == 1
    assert expected in result.err, result.err
    assert [line for line in result.err.splitlines() if ": error: " in line] == [
        expected.split("\n")[0]]
    assert "Traceback" not in result.err
    assert f"{project.site} was left as it was." in result.err
    assert snapshot(project.site) == before


def test_a_full_disk_while_writing_the_site(project: ScratchProject,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    before = built_then_edited(project)
    fail_for(monkeypatch, pathlib.Path, "write_bytes", errno.ENOSPC,
             lambda path: ".site.staging-" in path and not path.endswith(".briefly-output"))
    assert_one_line(project, before, "site: error: the disk is full; nothing was published\n"
                                     "  hint: free some space, then build again")


def test_a_read_only_disk_for_the_output(project: ScratchProject,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = built_then_edited(project)
    fail_for(monkeypatch, pathlib.Path, "mkdir", errno.EROFS,
             lambda path: ".site.staging-" in path)
    assert_one_line(project, before, "site: error: the disk is read-only; nothing was "
                                     "published\n  hint: build on a writable disk, or "
                                     "choose another folder with --output")


def test_an_unwritable_cache(project: ScratchProject, monkeypatch: pytest.MonkeyPatch) -> None:
    before = built_then_edited(project)
    fail_for(monkeypatch, os, "replace", errno.EACCES,
             lambda path: ".briefly-cache" in path)
    result = project.cli("build", "--no-search")
    assert result.code == 1 and "Traceback" not in result.err
    errors = [line for line in result.err.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith(".briefly-cache/")
    assert errors[0].endswith(": error: permission denied; nothing was published")
    assert snapshot(project.site) == before


def test_an_unreadable_briefs_folder(project: ScratchProject,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    before = built_then_edited(project)
    briefs = str(project.root / "content" / "briefs")
    fail_for(monkeypatch, os, "scandir", errno.EACCES, lambda path: path == briefs)
    result = project.cli("check")
    assert result.code == 1 and "Traceback" not in result.err
    assert ("content/briefs: error: permission denied; the check could not finish\n"
            "  hint: check who owns this file or folder and its permissions") in result.err
    assert_one_line(project, before, "content/briefs: error: permission denied; nothing was "
                                     "published")


def test_a_folder_where_the_state_file_goes(project: ScratchProject) -> None:
    before = built_then_edited(project)
    state = commit.state_path(project.site)
    state.unlink()
    state.mkdir()
    assert_one_line(project, before, ".site.shadow.json: error: this is a folder where "
                                     "Briefly keeps a file; nothing was published\n"
                                     "  hint: move the folder away; Briefly makes the file "
                                     "itself")


def test_a_cache_that_cannot_be_saved_after_publishing_says_so(
        project: ScratchProject, monkeypatch: pytest.MonkeyPatch) -> None:
    built_then_edited(project)

    def full(*args: Any) -> bool:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC),
                      str(project.root / ".briefly-cache" / "index"))
    monkeypatch.setattr(pipeline, "record_build", full)
    result = project.cli("build", "--no-search")
    assert result.code == 1 and "Traceback" not in result.err
    assert (".briefly-cache/index: error: the disk is full; the site was published, but the "
            "build cache was not saved") in result.err
    assert f"{project.site} was published." in result.err
    page = project.site / page_file(brief_url(TEST_BRIEF))
    assert "late power" in page.read_text(encoding="utf-8")
    monkeypatch.undo()
    project.build("--no-search")  # the next build recovers
    assert "late power" in page.read_text(encoding="utf-8")


def test_a_full_disk_in_a_worker_process(project: ScratchProject) -> None:
    """Briefs rendered in a process pool report the failure like any other problem."""
    project.build("--no-search")
    before = snapshot(project.site)
    project.edit(project.facts(), DEK, "four hours of late power")
    result = pooled_build(project, "import errno, os\nfrom briefly.publish import commit\n"
                                   "def full(staging, name, data):\n"
                                   "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "
                                   "str(commit.staged_name(staging, name)))\n"
                                   "commit.stage_file = full")
    assert result.returncode == 1, result.stderr
    assert "site: error: the disk is full; nothing was published" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project.site) == before


def test_a_folder_name_too_long_for_the_file_system_is_refused_by_check(
        project: ScratchProject) -> None:
    long = "a" * 250
    project.brief_dir().rename(project.brief_dir(long))
    for command in ("check", "build"):
        result = project.cli(command)
        assert result.code == 1 and "Traceback" not in result.err
        assert (f"content/briefs/{long}: error: the folder name has 250 characters; the "
                "limit is 100") in result.err
    assert not project.site.exists()


def test_an_unreadable_brief_folder(project: ScratchProject,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder without read permission: every file in it fails to open, as here."""
    before = built_then_edited(project)
    folder = str(project.brief_dir())
    inside = lambda path: path.startswith(folder + os.sep)  # noqa: E731
    fail_for(monkeypatch, pathlib.Path, "stat", errno.EACCES, inside)
    fail_for(monkeypatch, os, "lstat", errno.EACCES, inside)
    fail_for(monkeypatch, os, "scandir", errno.EACCES, lambda path: path == folder)
    result = project.cli("build", "--no-search")
    assert result.code == 1 and "Traceback" not in result.err
    errors = [line for line in result.err.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.err
    assert errors[0].startswith(f"content/briefs/{TEST_BRIEF}/facts.yaml: error: ")
    assert "permission denied" in errors[0]
    assert snapshot(project.site) == before
