"""Paths and names in check's reports cannot forge lines, annotations or bad JSON."""

from __future__ import annotations

import json
import os
import shutil

from briefly.errors import BriefError

from .conftest import TEST_BRIEF, ScratchProject

FORGED = "evil\n::error file=x::forged\n::stop-commands::tok"


def _planted(project: ScratchProject, name: str | bytes) -> None:
    briefs = os.fsencode(project.root / "content" / "briefs")
    target = os.path.join(briefs, os.fsencode(name))
    shutil.copytree(os.fsencode(project.brief_dir(TEST_BRIEF)), target)


def test_a_folder_name_cannot_forge_github_annotations(project: ScratchProject) -> None:
    _planted(project, FORGED)
    result = project.cli("check", "--format", "github")
    assert result.code == 1 and "Traceback" not in result.err
    lines = result.out.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ")) for line in lines)
    assert not any(line.startswith("::stop-commands::") for line in lines)
    forged = [line for line in lines if "evil" in line]
    assert forged and all("%0A" in line for line in forged)
    assert any("file=content/briefs/evil%0A%3A%3Aerror file=x%3A%3Aforged" in line
               for line in forged)


def test_github_properties_escape_colons_and_commas() -> None:
    line = BriefError("a,b:c%d\re", 3, 4, "50% done\nnext").format_github()
    assert line == "::error file=a%2Cb%3Ac%25d%0De,line=3,col=4::50%25 done%0Anext"


def test_text_reports_show_a_path_with_controls_escaped(project: ScratchProject) -> None:
    _planted(project, "bad\x1b[31mname\n")
    result = project.cli("check")
    assert result.code == 1 and "Traceback" not in result.err
    assert "\x1b" not in result.err
    assert "bad\\x1b[31mname\\n" in result.err
    assert all(line.startswith(("content/", "  hint:", "Check ")) for line in
               result.err.splitlines()), result.err


def test_a_folder_name_ending_in_a_newline_is_refused(project: ScratchProject) -> None:
    _planted(project, "second-brief\n")
    result = project.cli("check")
    assert result.code == 1
    assert "content/briefs/second-brief\\n: error:" in result.err, result.err


def test_json_reports_are_valid_utf8_for_undecodable_names(project: ScratchProject) -> None:
    _planted(project, b"bad\xffname")
    result = project.cli("check", "--format", "json")
    assert result.code == 1 and "Traceback" not in result.err
    result.out.encode("utf-8")  # no lone surrogate left to crash a writer
    problems = json.loads(result.out)
    assert any("bad\\xffname" in p["path"] for p in problems)
    text = project.cli("check")
    assert "bad\\xffname" in text.err


def test_github_annotations_are_valid_utf8_for_undecodable_names(
        project: ScratchProject) -> None:
    _planted(project, b"bad\xffname")
    result = project.run("check", "--format", "github")  # a real process: real stdout
    assert result.code == 1 and "Traceback" not in result.err
    lines = result.out.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ")) for line in lines)
    assert any("file=content/briefs/bad\\xffname" in line for line in lines)
