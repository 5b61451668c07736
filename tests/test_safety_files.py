"""Broken, strange and hostile files: a clear path:line error, never a traceback or a hang."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest
import yaml

from briefly.content.limits import (MAX_BRACKETS_PER_PARAGRAPH, MAX_INDENT_COLUMNS,
                                    MAX_LIST_NESTING, MAX_PARAGRAPH_CHARS, MAX_SOURCES,
                                    MAX_TABLE_ROWS, MAX_YAML_DEPTH)

from briefly.content import located_yaml
from briefly.errors import BriefError

from .conftest import REPO, TEST_BRIEF, ScratchProject

FACTS = f"content/briefs/{TEST_BRIEF}/facts.yaml"
ARTICLE = f"content/briefs/{TEST_BRIEF}/brief.md"
PAGE = f"briefs/{TEST_BRIEF}/index.html"
HEADLINE_LINE = 'headline: "Tidewater battery opens: 400 MWh of storage at $118 a kilowatt-hour"'
HANG_GUARD = 120  # seconds: only so a regression fails instead of hanging CI


def line_of(path: pathlib.Path, needle: str) -> int:
    return next(i for i, l in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                if needle in l)


def run_guarded(project: ScratchProject, *args: str, memory: int | None = None):
    """The real command line in a subprocess, killed if it hangs (or outgrows memory)."""
    def limit() -> None:
        if memory:
            import resource
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    return subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(project.root),
                           *args], capture_output=True, text=True, timeout=HANG_GUARD,
                          preexec_fn=limit)


# -- YAML ------------------------------------------------------------------

def test_python_object_tag_is_refused_not_constructed(project: ScratchProject,
                                                      tmp_path: pathlib.Path) -> None:
    marker = tmp_path / "pwned"
    project.edit(project.facts(), HEADLINE_LINE,
                 f'headline: !!python/object/apply:os.system ["touch {marker}"]')
    line = line_of(project.facts(), "headline:")
    result = project.cli("check")
    assert result.code == 1
    assert (f"{FACTS}:{line}:11: error: the YAML tag '!!python/object/apply:os.system' is not "
            "allowed (headline)\n  hint: fact sheets hold plain text, numbers, dates, lists "
            "and mappings; remove the tag") in result.err
    assert not marker.exists()


@pytest.mark.parametrize("tagged", ["!!python/object:os.system {a: 1}", "!!set {a: null}",
                                    "!!binary aGk=", "!custom text"])
def test_every_unknown_tag_is_refused(project: ScratchProject, tagged: str) -> None:
    project.edit(project.facts(), "dek: Two", f"dek: {tagged}\nx: Two")
    result = project.cli("check")
    tag = tagged.split()[0]
    assert f"error: the YAML tag '{tag}' is not allowed (dek)" in result.err


def test_billion_laughs_is_rejected_quickly_in_bounded_memory(project: ScratchProject) -> None:
    bomb = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    project.facts().write_text("\n".join(bomb) + "\n", encoding="utf-8")
    result = run_guarded(project, "check", memory=1024 ** 3)
    assert result.returncode == 1, result.stderr
    assert (f"{FACTS}:1:7: error: YAML anchors and aliases (& and *) are not supported\n"
            "  hint: write the value out in full") in result.stderr
    assert "Traceback" not in result.stderr


# A duplicate key and a tab indent are broken-brief fixtures (duplicate-key,
# yaml-tab-indent in tests/fixtures/broken/), with their exact messages.


def test_deep_nesting_is_refused_without_recursion_error(project: ScratchProject) -> None:
    depth = 50_000  # 100 KB: under the file size limit; libyaml itself stops at 1,000
    project.facts().write_text("watch: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    result = run_guarded(project, "check")
    assert result.returncode == 1
    # "watch: " is 7 columns and the top-level mapping is the first level
    assert (f"{FACTS}:1:{7 + MAX_YAML_DEPTH}: error: the values are nested more than "
            f"{MAX_YAML_DEPTH} levels deep\n"
            "  hint: a fact sheet needs at most 7 levels; check the brackets and "
            "indentation") in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_deep_nesting_reads_the_same_with_or_without_libyaml(
        loader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml refuses at 1,000 levels on its own; the editor's message must not depend on it."""
    if not hasattr(yaml, loader):
        pytest.skip("this PyYAML was built without libyaml")
    monkeypatch.setattr(located_yaml, "_Loader", getattr(yaml, loader))
    depth = 5_000
    with pytest.raises(BriefError) as caught:
        located_yaml.parse_yaml("watch: " + "[" * depth + "]" * depth + "\n", "facts.yaml")
    assert (caught.value.line, caught.value.column) == (1, 7 + MAX_YAML_DEPTH)
    assert caught.value.message == f"the values are nested more than {MAX_YAML_DEPTH} levels deep"


def test_nesting_deeper_than_the_limit_is_refused(project: ScratchProject) -> None:
    depth = MAX_YAML_DEPTH + 5
    project.facts().write_text("watch:\n  - " + "[" * depth + "x" + "]" * depth + "\n",
                               encoding="utf-8")
    result = project.cli("check")
    assert result.code == 1
    # the top-level mapping and the watch list are two levels already
    assert (f"{FACTS}:2:{5 + MAX_YAML_DEPTH - 2}: error: the values are nested more than "
            f"{MAX_YAML_DEPTH} levels deep") in result.err


# -- encodings and odd characters --------------------------------------------

def test_bom_and_crlf_build_the_same_page(project: ScratchProject, tmp_path) -> None:
    project.build()
    plain = (project.site / PAGE).read_bytes()
    for path in (project.facts(), project.article()):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    project.build()
    assert (project.site / PAGE).read_bytes() == plain


def test_tabs_in_markdown_are_fine(project: ScratchProject) -> None:
    project.edit(project.article(), "Both sites bid", "Both\tsites bid")
    project.build()
    assert "Both sites bid" in " ".join(project.page(PAGE).get_text().split())


NON_ASCII = {
    "kicker": "Modèles ouverts", "headline": "Tidewater 发布 V4 — مرحبا بالعالم שלום 🚀",
    "dek": "Ça coûte 1,74 $ — 人工智能 — עברית 🧠",
}


def test_non_ascii_round_trips_to_page_and_slugs(project: ScratchProject) -> None:
    for key, value in NON_ASCII.items():
        old = next(l for l in project.facts().read_text(encoding="utf-8").split("\n")
                   if l.startswith(f"{key}:"))
        project.edit(project.facts(), old + "\n", f'{key}: "{value}"\n')
    project.edit(project.facts(), "topics: [Grid storage, Energy prices]",
                 "topics: [Modèles ouverts, 人工智能, Ünïcode Café 🚀]")
    project.edit(project.facts(), "title: Tidewater and Saltmarsh batteries enter service",
                 "title: «Tidewater» — 预览版 🚀")
    project.edit(project.facts(), "speaker: Inês Carvalho", "speaker: Zoë Ångström-Núñez")
    project.edit(project.article(), "Both sites bid", "Les sites 权重 الأوزان 🎉 bid")
    project.build()
    page = project.page(PAGE)
    text = page.get_text()
    for value in (*NON_ASCII.values(), "«Tidewater» — 预览版 🚀", "Zoë Ångström-Núñez",
                  "Les sites 权重 الأوزان 🎉"):
        assert value in text
    topic_links = {a.get_text(): a["href"] for a in page.select(".meta a")}
    assert topic_links["Modèles ouverts"].endswith("topics/modeles-ouverts/")
    assert topic_links["Ünïcode Café 🚀"].endswith("topics/unicode-cafe/")
    cjk = topic_links["人工智能"]
    assert cjk.rstrip("/").rsplit("/", 1)[-1].startswith("topic-")
    topics_index = project.page("topics/index.html")
    assert "人工智能" in topics_index.get_text()  # not overwritten by the CJK topic's page
    assert "人工智能" in project.page(f"topics/{cjk.rstrip('/').rsplit('/', 1)[-1]}/index.html") \
        .get_text()


# A Latin-1 byte in the article is the non-utf8 fixture; the real command line
# printing no traceback for one is tests/test_build_errors.py.


# -- empty, missing, odd and unreadable files ---------------------------------

def test_empty_fact_sheet(project: ScratchProject) -> None:
    project.facts().write_text("# nothing yet\n", encoding="utf-8")
    result = project.cli("check")
    assert (f"{FACTS}:1:1: error: the fact sheet is empty\n  hint: `python build.py new "
            "\"Headline\"` writes a complete one") in result.err


def test_empty_article(project: ScratchProject) -> None:
    project.article().write_text("", encoding="utf-8")
    result = project.cli("check")
    assert result.code == 1
    assert (f"{ARTICLE}: error: the article has no '## What happened' section\n"
            "  hint: add a line '## What happened' followed by its text") in result.err
    assert f"{ARTICLE}: error: the article has no '## The numbers: …' section" in result.err


def test_folder_where_a_file_is_expected(project: ScratchProject) -> None:
    project.facts().unlink()
    project.facts().mkdir()
    result = project.cli("check")
    assert f"{FACTS}: error: expected a file but found a folder" in result.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_does_not_hang(project: ScratchProject) -> None:
    project.article().unlink()
    os.mkfifo(project.article())
    result = run_guarded(project, "check")
    assert f"{ARTICLE}: error: expected a file but found a device or pipe" in result.stderr


def test_symlinked_file_outside_content_is_refused(project: ScratchProject, tmp_path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("## What happened\n\nsecret\n", encoding="utf-8")
    project.article().unlink()
    project.article().symlink_to(outside)
    result = project.cli("build")
    assert result.code == 1
    assert (f"{ARTICLE}: error: this file is a link to outside content/ and is refused\n"
            "  hint: copy the file into the brief's folder instead") in result.err
    assert not project.site.exists()


def test_symlinked_brief_folder_outside_content_is_refused(project: ScratchProject,
                                                           tmp_path) -> None:
    outside = tmp_path / "elsewhere"
    shutil.copytree(project.brief_dir(), outside)
    project.brief_dir("linked").symlink_to(outside, target_is_directory=True)
    result = project.cli("check")
    assert result.code == 1
    assert ("content/briefs/linked: error: this link points outside content/ and is refused\n"
            "  hint: copy the brief into content/briefs/ instead") in result.err


def test_unreadable_file_simulated(project: ScratchProject,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real = pathlib.Path.read_bytes
    target = project.facts()

    def denied(self: pathlib.Path) -> bytes:
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", denied)
    result = project.cli("check")
    assert result.code == 1
    assert (f"{FACTS}: error: cannot read this file (permission denied)\n"
            "  hint: check the file's permissions") in result.err


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their mode")
def test_unreadable_file_with_chmod(project: ScratchProject) -> None:
    project.facts().chmod(0)
    try:
        result = project.run("check")
    finally:
        project.facts().chmod(0o644)
    assert f"{FACTS}: error: cannot read this file (permission denied)" in result.err
    assert "Traceback" not in result.err


# -- size ---------------------------------------------------------------------

def test_five_megabyte_article_is_refused(project: ScratchProject) -> None:
    paragraph = "A sentence of an overlong article, with *emphasis* and [@grid-weekly].\n\n"
    body = paragraph * (5 * 1024 * 1024 // len(paragraph) + 1)
    project.article().write_text("## What happened\n\n" + body + "## The numbers\n\nx\n",
                                 encoding="utf-8")
    result = run_guarded(project, "build")
    assert result.returncode == 1
    assert (f"{ARTICLE}: error: this file is 5.0 MB; the limit is 128 KB\n"
            "  hint: a brief is read in minutes: cut it, or split it into several "
            "briefs") in result.stderr


def test_two_thousand_row_table_is_refused(project: ScratchProject) -> None:
    own = len(yaml.safe_load(project.facts().read_text(encoding="utf-8"))
              ["numbers"]["tables"][0]["rows"])
    rows = "".join(f"        - {{label: r{i}, cells: [a, b, c]}}\n" for i in range(2000))
    project.edit(project.facts(), "      rows:\n", "      rows:\n" + rows)
    line = line_of(project.facts(), "      rows:")
    result = run_guarded(project, "check")
    assert result.returncode == 1
    assert (f"{FACTS}:{line}:7: error: {2000 + own} rows; the limit is {MAX_TABLE_ROWS} "
            "(numbers.tables[0].rows)") in result.stderr


def test_thousand_sources_are_refused(project: ScratchProject) -> None:
    own = len(yaml.safe_load(project.facts().read_text(encoding="utf-8"))["sources"])
    extra = "".join(f"  - {{id: s{i}, title: T{i}, publisher: P, date: 2026-03-01}}\n"
                    for i in range(1000))
    project.edit(project.facts(), "sources:\n", "sources:\n" + extra)
    line = line_of(project.facts(), "sources:")
    result = run_guarded(project, "check")
    assert result.returncode == 1
    assert (f"{FACTS}:{line}:1: error: {1000 + own} sources; the limit is {MAX_SOURCES} "
            "(sources)") in result.stderr


@pytest.mark.parametrize("body, message", [
    ("word " * (MAX_PARAGRAPH_CHARS // 5 + 1),
     f"a paragraph of {MAX_PARAGRAPH_CHARS + 5:,} characters; the limit is "
     f"{MAX_PARAGRAPH_CHARS:,}"),
    ("[a " * (MAX_BRACKETS_PER_PARAGRAPH + 1),
     f"a paragraph with {MAX_BRACKETS_PER_PARAGRAPH + 1} '[' brackets; the limit is "
     f"{MAX_BRACKETS_PER_PARAGRAPH}"),
    ("- a\n" + " " * (MAX_INDENT_COLUMNS + 4) + "- deep",
     f"a line indented {MAX_INDENT_COLUMNS + 4} columns; the limit is {MAX_INDENT_COLUMNS}"),
    ("- " * (MAX_LIST_NESTING + 1) + "x",
     f"a line opening {MAX_LIST_NESTING + 1} nested lists or quotes; the limit is "
     f"{MAX_LIST_NESTING}"),
    ("> " * (MAX_LIST_NESTING + 1) + "x",
     f"a line opening {MAX_LIST_NESTING + 1} nested lists or quotes; the limit is "
     f"{MAX_LIST_NESTING}"),
])
def test_markdown_limits_have_clear_messages(project: ScratchProject, body: str,
                                             message: str) -> None:
    project.edit(project.article(), "## The numbers", body + "\n\n## The numbers")
    line = line_of(project.article(), body.split("\n")[-1][:20])
    column = 1
    result = project.cli("check")
    assert result.code == 1
    assert (f"{ARTICLE}:{line}:{column}: error: {message} (## What happened)\n"
            "  hint: split long paragraphs and flatten deep lists; the limits are in "
            "CONTRIBUTING.md") in result.err


def test_worst_input_within_the_limits_builds(project: ScratchProject) -> None:
    """Just under every limit, with the slowest Markdown we know: it builds, no hang."""
    paragraph = ("[a " * MAX_BRACKETS_PER_PARAGRAPH).ljust(MAX_PARAGRAPH_CHARS - 10, "x")
    count = (128 * 1024 - 200) // (len(paragraph) + 2)
    project.article().write_text(
        "## What happened\n\n" + "\n\n".join([paragraph] * count)
        + "\n\n## The numbers\n\nSee the table. [@grid-weekly]\n", encoding="utf-8")
    result = run_guarded(project, "build")
    assert result.returncode == 0, result.stderr
    assert (project.site / PAGE).stat().st_size > 100_000
