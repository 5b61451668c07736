"""The workflows compare pull requests with their base and list stale facts weekly.

GitHub Actions cannot run here, so the workflow files are read as GitHub
would read them and held to what README.md and CONTRIBUTING.md promise.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from .conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
ON_PULL_REQUESTS = "github.event_name == 'pull_request'"


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads a bare `on` as true
    return data


@pytest.fixture(scope="module")
def site() -> list[dict[str, Any]]:
    return load("site.yml")["jobs"]["build"]["steps"]


def step_running(steps: list[dict[str, Any]], command: str) -> tuple[int, dict[str, Any]]:
    found = [(i, s) for i, s in enumerate(steps) if command in s.get("run", "")]
    assert len(found) == 1, command
    return found[0]


def test_the_checkout_has_the_whole_history(site) -> None:
    checkout = next(s for s in site if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0


def test_pull_requests_check_every_changed_fact_against_their_base(site) -> None:
    index, step = step_running(site, "python build.py check --strict --format github --since")
    assert step["if"] == ON_PULL_REQUESTS
    assert step["env"]["BASE"] == "origin/${{ github.base_ref }}"
    assert step["run"].strip().endswith('--since "$BASE"')
    plain, other = next((i, s) for i, s in enumerate(site) if s.get("run", "").strip()
                        == "python build.py check --strict --format github")
    assert other["if"] == "github.event_name != 'pull_request'"  # pushes: no base to compare
    tests, _ = step_running(site, ".ci/run")
    assert index < tests and plain < tests


def test_pull_requests_summarise_the_changed_facts_first(site) -> None:
    index, step = step_running(site, "python build.py diff")
    assert step["if"] == ON_PULL_REQUESTS
    assert step["run"].strip() == \
        'python build.py diff "$BASE" --format markdown >> "$GITHUB_STEP_SUMMARY"'
    check, _ = step_running(site, "--since")
    assert index < check  # written even when the check then fails


def test_no_run_script_splices_in_an_expression() -> None:
    """A branch name is data: it reaches the shell through the environment only."""
    for name in ("site.yml", "stale.yml"):
        for job in load(name)["jobs"].values():
            for step in job["steps"]:
                assert "${{" not in step.get("run", ""), (name, step)


def test_stale_runs_weekly_and_on_demand_into_the_summary() -> None:
    stale = load("stale.yml")
    assert "workflow_dispatch" in stale["on"]
    [schedule] = stale["on"]["schedule"]
    assert schedule["cron"].split()[2:] == ["*", "*", "1"]  # once a week, on Mondays
    commands = [s["run"].strip() for s in stale["jobs"]["stale"]["steps"] if "run" in s]
    assert 'python build.py stale --format markdown >> "$GITHUB_STEP_SUMMARY"' in commands
    assert stale["permissions"] == {"contents": "read"}


def test_the_readme_lists_the_new_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Commands", 1)[1].split("\n## ", 1)[0]
    for command in ("python build.py check [--strict] [--format text\\|json\\|github] "
                    "[--since REV] [--today YYYY-MM-DD]",
                    "python build.py diff REV [--format text\\|markdown]",
                    "python build.py stale [--today YYYY-MM-DD] [--strict] "
                    "[--format text\\|github\\|markdown]"):
        assert f"`{command}`" in table, command
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for term in ("kind: correction", "clarification", "as_of", "review_by", "stale_after_days",
                 "check --since", "build.py diff", "build.py stale", "time_sensitive"):
        assert term in guide, term
