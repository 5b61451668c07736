"""The benchmark scripts still run and print what the README says they print.

Nothing here is timed (figures come from the scripts, never from tests); a
tiny corpus only proves the scripts have not drifted from the code they
measure, e.g. a stage function renamed under bench/stages.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from .conftest import REPO


def run_script(*args: str) -> dict:
    result = subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_bench_prints_every_figure_of_issue_8() -> None:
    report = run_script("bench/bench.py", "--briefs", "3", "--runs", "1")
    assert report["pages"] > 3 * 4
    for figure in ("full_s", "noop_s", "edit_s", "facts_edit_s", "template_edit_s",
                   "peak_rss_mb"):
        assert report[figure] > 0, figure


def test_stages_accounts_for_each_stage_of_a_cold_build() -> None:
    report = run_script("bench/stages.py", "--briefs", "3")
    stages = report["stage_ms_per_brief"]
    labels = re.findall(r'^    \(\w+, "\w+", "([^"]+)"\),$', (REPO / "bench/stages.py").read_text(),
                        re.M)
    assert sorted(stages) == sorted(labels) and all(ms > 0 for ms in stages.values())
    # Stages are timed exclusive of each other, inside the one build process.
    assert sum(stages.values()) <= report["wall_ms_per_brief"] + 0.01 * len(stages)


def test_the_bench_corpus_is_clean_content(tmp_path) -> None:
    """A warning per generated brief would time printing, not building."""
    subprocess.run([sys.executable, "bench/generate.py", str(tmp_path), "--briefs", "5"],
                   cwd=REPO, check=True, capture_output=True, timeout=300)
    result = subprocess.run([sys.executable, "build.py", "--root", str(tmp_path), "check",
                             "--strict"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "0 errors, 0 warnings in 5 briefs" in result.stdout + result.stderr
