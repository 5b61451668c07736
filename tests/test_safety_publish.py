"""Publishing is all or nothing: kills, interrupts and crashes leave the old site.

The kill tests build a corpus in a real subprocess that stops at a chosen
point of publishing and says so (tests/paused_build.py), kill or interrupt it
there, and compare the old site byte for byte.  The corpus is edited between
builds so that a build that had finished would have changed every brief page.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest

import briefly.brief_pipeline
import briefly.publish.output_folder
from briefly.pipeline import Project, build_site
from briefly.publish.output_folder import MARKER, check_output_folder

from .conftest import TEST_BRIEF, ScratchProject, copy_project, snapshot
from .paused_build import PAUSE_POINTS, start_paused_build

CORPUS_SIZE = 6
HEADLINE = "Tidewater battery opens"


def make_corpus(root: Path, count: int) -> ScratchProject:
    """The test brief under ``count`` more slugs."""
    scratch = copy_project(root)
    for i in range(count):
        scratch.copy_brief(f"copy-{i:04d}")
    return scratch


@pytest.fixture(scope="module")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> ScratchProject:
    """A corpus with a built site, then edited so the next build differs everywhere."""
    scratch = make_corpus(tmp_path_factory.mktemp("corpus") / "project", CORPUS_SIZE)
    scratch.build("--no-search")
    for facts in scratch.root.glob("content/briefs/*/facts.yaml"):
        text = facts.read_text(encoding="utf-8")
        facts.write_text(text.replace(HEADLINE, f"{HEADLINE} (edited)"), encoding="utf-8")
    return scratch


@pytest.fixture
def corpus(corpus_template: ScratchProject, tmp_path: Path) -> ScratchProject:
    target = tmp_path / "project"
    shutil.copytree(corpus_template.root, target)
    return ScratchProject(target)


def staging_folders(scratch: ScratchProject) -> list[Path]:
    return sorted(scratch.root.glob(".site.staging-*"))


def kill(proc: subprocess.Popen[str]) -> None:
    proc.kill()
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.parametrize("where", PAUSE_POINTS)
def test_sigkill_mid_publish_leaves_old_site_byte_identical(corpus: ScratchProject,
                                                            where: str) -> None:
    before = snapshot(corpus.site)
    proc = start_paused_build(corpus.root, where)
    # Publishing has started: a staging folder carrying Briefly's marker exists.
    assert any((folder / MARKER).is_file() for folder in staging_folders(corpus))
    kill(proc)
    assert snapshot(corpus.site) == before
    assert staging_folders(corpus), "killed mid-publish: its staging folder is left over"


def test_next_build_cleans_only_our_leftovers(corpus: ScratchProject) -> None:
    kill(start_paused_build(corpus.root, "mid-shadow"))
    ours = staging_folders(corpus)
    assert ours and all((folder / MARKER).is_file() for folder in ours)
    foreign = [corpus.root / ".site.staging-1", corpus.root / ".site.old-2"]
    for folder in foreign:
        folder.mkdir()
        (folder / "keep.txt").write_text("not Briefly's", encoding="utf-8")
    corpus.build()
    assert not any(folder.exists() for folder in ours)
    assert all((folder / "keep.txt").is_file() for folder in foreign)
    assert "(edited)" in corpus.page("briefs/copy-0000/index.html").h1.get_text()


def test_an_unmarked_empty_staging_folder_is_removed(project: ScratchProject) -> None:
    """A build killed between making its staging folder and marking it."""
    project.build()
    empty = project.root / ".site.staging-999999999"
    empty.mkdir()
    project.build()
    assert not empty.exists()


@pytest.mark.parametrize("where", ["staged", "mid-shadow"])
def test_sigint_mid_publish_restores_old_site_and_exits_130(corpus: ScratchProject,
                                                            where: str) -> None:
    before = snapshot(corpus.site)
    proc = start_paused_build(corpus.root, where)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Interrupted; the published site was left as it was." in err
    assert "Traceback" not in err
    assert snapshot(corpus.site) == before
    assert not staging_folders(corpus)


def test_exception_mid_render_leaves_old_site(project: ScratchProject,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    project.copy_brief("second-brief")
    project.build()
    before = snapshot(project.site)
    calls = []

    def crash_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("renderer crashed")
        return real(*args, **kwargs)

    real = briefly.brief_pipeline.render_brief
    monkeypatch.setattr(briefly.brief_pipeline, "render_brief", crash_on_second)
    project.edit(project.facts(), HEADLINE, "Changed")
    # Builds are incremental: change the second brief too, so both pages render.
    project.edit(project.facts("second-brief"), HEADLINE, "Changed")
    with pytest.raises(RuntimeError, match="renderer crashed"):
        build_site(Project(project.root), project.site)
    assert snapshot(project.site) == before


def test_exception_mid_write_removes_staging_and_keeps_old_site(
        project: ScratchProject, monkeypatch: pytest.MonkeyPatch) -> None:
    project.build()
    before = snapshot(project.site)
    project.edit(project.facts(), HEADLINE, "Changed")
    written = []
    real_write = Path.write_bytes

    def fail_on_third(self: Path, data: bytes) -> int:
        if ".site.staging-" in str(self):
            written.append(self)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", fail_on_third)
    result = build_site(Project(project.root), project.site)
    assert not result.ok
    assert [p.message for p in result.diagnostics.errors] == [
        "the disk is full; nothing was published"]
    monkeypatch.undo()
    assert snapshot(project.site) == before
    assert not staging_folders(project)


def test_site_left_under_old_name_by_a_kill_is_put_back(project: ScratchProject) -> None:
    # A kill between the two renames of the fallback swap: no site/, only .site.old-<pid>.
    project.build()
    before = snapshot(project.site)
    project.site.rename(project.root / ".site.old-99999999")
    project.edit(project.facts(), "source: estuary-times", "source: nobody")  # this fails
    assert project.cli("build").code == 1
    assert snapshot(project.site) == before
    assert not (project.root / ".site.old-99999999").exists()


def test_swap_is_one_exchange_on_linux(project: ScratchProject,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("renameat2 is Linux-only; elsewhere two renames are used")
    project.build()
    renames: list[Path] = []
    real_rename = Path.rename
    monkeypatch.setattr(Path, "rename", lambda self, t: renames.append(self) or
                        real_rename(self, t))
    project.edit(project.facts(), HEADLINE, "Changed")
    project.build()
    assert [p for p in renames if p.name.startswith((".site", "site"))] == []  # no gap
    assert project.page(f"briefs/{TEST_BRIEF}/index.html").h1.get_text().startswith("Changed")
    # Only the double buffer stays: the previous site, one generation behind, its state
    # and the lock that keeps two builds from patching it at once.
    assert sorted(p.name for p in project.root.glob(".site.*")) == [
        ".site.lock", ".site.shadow", ".site.shadow.json"]
    old = (project.root / f".site.shadow/briefs/{TEST_BRIEF}/index.html").read_text("utf-8")
    assert "Changed" not in old


@pytest.mark.parametrize("where, reason", [
    ("content", "it is inside content/"),
    ("content/briefs", "it is inside content/"),
    ("templates", "it is inside templates/"),
    (".", "it is the project folder itself"),
])
def test_refuses_precious_folders_with_exact_message(project: ScratchProject, where: str,
                                                     reason: str) -> None:
    before = snapshot(project.root)
    output = project.root / where
    result = project.cli("build", "--output", str(output))
    assert result.code == 1
    assert result.err.splitlines()[:2] == [
        f"{output}: error: refusing to publish into this folder: {reason}",
        "  hint: choose an empty or new folder, e.g. --output site"]
    assert snapshot(project.root) == before


def test_refuses_root_and_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for folder, reason in ((Path("/"), "it is the root folder /"),
                           (home, "it is your home folder")):
        with pytest.raises(briefly.publish.output_folder.BriefError) as caught:
            check_output_folder(folder)
        assert caught.value.message == f"refusing to publish into this folder: {reason}"


def test_refuses_unmarked_folder_with_files(project: ScratchProject, tmp_path: Path) -> None:
    output = tmp_path / "someone-elses"
    output.mkdir()
    (output / "notes.txt").write_text("precious", encoding="utf-8")
    result = project.cli("build", "--output", str(output))
    assert result.code == 1
    assert (f"{output}: error: refusing to publish into this folder: it has files and no "
            f"{MARKER} marker, so Briefly did not create it") in result.err
    assert [p.name for p in output.iterdir()] == ["notes.txt"]


def test_publishes_into_marked_or_empty_folder(project: ScratchProject, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert project.cli("build", "--output", str(empty)).code == 0
    assert (empty / MARKER).is_file() and (empty / "index.html").is_file()
    assert project.cli("build", "--output", str(empty)).code == 0  # marked: replaced


def test_deleted_and_renamed_briefs_disappear(project: ScratchProject) -> None:
    project.copy_brief("doomed")
    project.copy_brief("old-name")
    project.build()
    assert (project.site / "briefs/doomed/index.html").is_file()
    shutil.rmtree(project.brief_dir("doomed"))
    project.brief_dir("old-name").rename(project.brief_dir("new-name"))
    project.build()
    assert not (project.site / "briefs/doomed").exists()
    assert not (project.site / "briefs/old-name").exists()
    assert (project.site / "briefs/new-name/index.html").is_file()
    archive = (project.site / "briefs/index.html").read_text(encoding="utf-8")
    assert "doomed/" not in archive and "old-name/" not in archive


def test_renamed_slug_alias_redirects_to_the_new_page(project: ScratchProject) -> None:
    renamed = f"{TEST_BRIEF}-release"
    project.brief_dir().rename(project.brief_dir(renamed))
    project.edit(project.facts(renamed), "aliases: [tidewater-storage]",
                 f"aliases: [tidewater-storage, {TEST_BRIEF}]")
    project.build()
    page = project.page(f"briefs/{TEST_BRIEF}/index.html")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh.startswith("0; url=")
    base = f"https://example.test/briefs/{TEST_BRIEF}/index.html"
    target = urljoin(base, refresh.split("url=", 1)[1])
    assert target == f"https://example.test/briefs/{renamed}/"
    assert urljoin(base, page.find("a")["href"]) == target
    assert (project.site / f"briefs/{renamed}/index.html").is_file()
    assert page.find("link", rel="canonical")["href"].endswith(f"/briefs/{renamed}/")
    # An alias colliding with another brief's slug is the duplicate-slug-alias fixture.
