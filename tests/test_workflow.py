"""The pull-request workflow runs the README's commands and .ci/run, and deploys main.

GitHub Actions cannot run here, so this reads the workflow as GitHub would
and checks what it would do.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from .conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "site.yml"


def readme_commands() -> list[str]:
    """The two set-up commands, in the order README.md gives them."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", setup, re.S)]


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads a bare `on` as true
    return data


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


def runs(workflow: dict[str, Any], job: str) -> list[str]:
    return [step["run"].strip() for step in steps(workflow, job) if "run" in step]


def uses(workflow: dict[str, Any], job: str) -> dict[str, dict[str, Any]]:
    return {step["uses"].split("@")[0]: step for step in steps(workflow, job) if "uses" in step}


def test_readme_has_exactly_two_setup_commands() -> None:
    install_build, install_test = readme_commands()
    assert install_build.endswith("python build.py")
    assert install_test.endswith("python -m pytest")


def test_ci_run_runs_the_readme_test_command_after_installing_chromium() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == readme_commands()[1]
    assert "need_apt+=(chromium)" in script and "apt-get install" in script


def test_pull_requests_check_test_and_build_in_that_order(workflow) -> None:
    assert "pull_request" in workflow["on"]
    assert workflow["on"]["push"]["branches"] == ["main"]
    commands = runs(workflow, "build")
    check = commands.index("python build.py check --strict --format github")
    test = commands.index(".ci/run")
    build = commands.index(readme_commands()[0])
    assert check < test < build
    assert "python -m pip install -e '.[test]'" in commands[:check]
    artifact = uses(workflow, "build")["actions/upload-artifact"]
    assert artifact["with"]["path"].rstrip("/") == "site"
    assert "if" not in artifact  # pull requests get the built site too


def test_main_deploys_to_pages_with_the_official_actions(workflow) -> None:
    upload = uses(workflow, "build")["actions/upload-pages-artifact"]
    assert upload["with"]["path"].rstrip("/") == "site"
    main_only = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    assert upload["if"] == main_only
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == main_only and deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "actions/deploy-pages" in uses(workflow, "deploy")
    assert workflow["permissions"] == {"contents": "read"}


def test_the_build_cache_is_restored_before_anything_uses_it_keyed_on_a_lock(workflow) -> None:
    build = steps(workflow, "build")
    names = [step.get("uses", "").split("@")[0] or step.get("run", "").strip() for step in build]
    restore = names.index("actions/cache")
    cache = build[restore]
    assert cache["with"]["path"] == ".briefly-cache"
    first_briefly = min(i for i, name in enumerate(names) if "build.py" in name or name == ".ci/run")
    assert restore < first_briefly  # check, the tests and the build all find it in place
    lock = next(step for step in build if step.get("id") == "lock")
    assert lock["env"]["CODE"] == "${{ hashFiles('pyproject.toml', 'briefly/**/*.py') }}"
    assert "code=$CODE" in lock["run"]
    assert "pip freeze" in lock["run"]  # every installed package's version
    key, (prefix,) = cache["with"]["key"], cache["with"]["restore-keys"].strip().splitlines()
    assert "steps.lock.outputs.code" in prefix and "steps.lock.outputs.deps" in prefix
    # A new key every run (keys are never overwritten); the prefix restores the newest.
    assert key == prefix + "${{ github.run_id }}"
    assert "head_ref" not in key and "ref_name" not in key  # no branch name in a key
