"""Broken-brief cases: each one is a small patch of the test brief.

``tests/fixtures/broken/<case>/`` holds ``patch.yaml``, the few lines that
make the mistake, and ``expected.txt``, exactly what ``check`` prints for it
(``python build.py docs`` also turns the first line and hint of each into the
table of messages in CONTRIBUTING.md).  A patch is a list of steps, applied
in order to a copy of the test project:

* ``{file, old, new}``: replace the one occurrence of ``old`` in ``file`` (a
  path inside the brief's folder) by ``new``.  ``old`` must occur exactly
  once, so a patch that no longer matches the test brief fails loudly
  instead of testing nothing.  ``encoding`` (default UTF-8) is how ``old``
  and ``new`` are written as bytes, so a case can plant a Latin-1 byte.
* ``{file, new}`` without ``old``: create a file that must not exist yet.
* ``{copy: slug}``: copy the test brief's folder to ``content/briefs/<slug>``;
  with ``from: name``, copy ``tests/other_briefs/<name>`` instead (a brief
  with sources of its own, so the copy repeats none of the test brief's).
* ``content: path`` on a file step: the file is ``content/<path>`` (the
  source registry, a shared fact sheet) rather than in a brief's folder.
* ``brief: slug`` on a file step: the brief folder to edit (default: the test
  brief).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from .conftest import OTHER_BRIEFS, TEST_BRIEF, ScratchProject

FIXTURES = Path(__file__).parent / "fixtures" / "broken"
STEP_KEYS = {"file", "old", "new", "encoding", "brief", "copy", "from", "content"}


def case_names() -> list[str]:
    return sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def expected_output(case: str) -> str:
    return (FIXTURES / case / "expected.txt").read_text(encoding="utf-8")


def steps_of(case: str) -> list[dict[str, Any]]:
    steps = yaml.safe_load((FIXTURES / case / "patch.yaml").read_text(encoding="utf-8"))
    assert isinstance(steps, list) and steps, f"{case}: patch.yaml is not a list of steps"
    for step in steps:
        assert isinstance(step, dict) and set(step) <= STEP_KEYS, f"{case}: {step!r}"
    return steps


def apply_steps(root: Path, steps: list[dict[str, Any]], case: str = "patch") -> None:
    """Apply patch steps to the project at ``root``; see the module docstring."""
    briefs = root / "content" / "briefs"
    for step in steps:
        if "copy" in step:
            origin = OTHER_BRIEFS / step["from"] if "from" in step else briefs / TEST_BRIEF
            shutil.copytree(origin, briefs / step["copy"])
            continue
        target = (root / "content" / step["content"] if "content" in step
                  else briefs / step.get("brief", TEST_BRIEF) / step["file"])
        target.parent.mkdir(parents=True, exist_ok=True)
        encoding = step.get("encoding", "utf-8")
        new = step["new"].encode(encoding)
        if "old" not in step:
            assert not target.exists(), f"{case}: {target} exists already"
            target.write_bytes(new)
            continue
        data, old = target.read_bytes(), step["old"].encode(encoding)
        assert data.count(old) == 1, \
            f"{case}: {step['old']!r} occurs {data.count(old)} times in {target}, not once"
        target.write_bytes(data.replace(old, new))


def apply_case(project: ScratchProject, case: str) -> str:
    """Make a case's mistake in a scratch project; return what check must print."""
    apply_steps(project.root, steps_of(case), case)
    return expected_output(case)
