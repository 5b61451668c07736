"""Without Chromium the browser tests skip for one stated reason; under CI they
fail instead.  These tests need no browser, so they run everywhere."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from .conftest import pytest_runtest_setup
from .support import browser_verdict, find_chromium


def fake_chromium(tmp_path: Path) -> str:
    exe = tmp_path / "chromium"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    return str(exe)


def test_runs_when_chromium_is_present(tmp_path: Path) -> None:
    env = {"BRIEFLY_CHROMIUM": fake_chromium(tmp_path), "CI": "true"}
    assert browser_verdict(env) == ("run", "")
    assert find_chromium(env) == Path(env["BRIEFLY_CHROMIUM"])


def test_skips_with_one_reason_without_chromium(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-chromium")
    verdict, reason = browser_verdict({"BRIEFLY_CHROMIUM": missing})
    assert verdict == "skip"
    assert reason == (f"browser tests skipped: no Chromium at {missing} "
                      "(apt-get install chromium; .ci/run does this)")


@pytest.mark.parametrize("ci", ["true", "TRUE"])
def test_fails_under_ci_without_chromium(tmp_path: Path, ci: str) -> None:
    verdict, reason = browser_verdict({"BRIEFLY_CHROMIUM": str(tmp_path / "x"), "CI": ci})
    assert verdict == "fail"
    assert reason.startswith("browser tests cannot run under CI=true: no Chromium at")


def test_a_file_that_cannot_run_is_no_browser(tmp_path: Path) -> None:
    exe = tmp_path / "chromium"
    exe.write_text("not a program")
    assert browser_verdict({"BRIEFLY_CHROMIUM": str(exe)})[0] == "skip"


def item(*fixtures: str) -> pytest.Item:
    return SimpleNamespace(fixturenames=list(fixtures))  # type: ignore[return-value]


def test_hook_skips_browser_tests_only(tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFLY_CHROMIUM", str(tmp_path / "none"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium at"):
        pytest_runtest_setup(item("open_page", "chromium"))
    pytest_runtest_setup(item("built"))  # a test without the browser runs


def test_hook_fails_browser_tests_under_ci(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFLY_CHROMIUM", str(tmp_path / "none"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="cannot run under CI=true"):
        pytest_runtest_setup(item("chromium"))
    pytest_runtest_setup(item("project"))
