"""A real ``build`` process that stops at a chosen point of publishing and says so.

Kill and interrupt tests need the build to be *at* a given moment when the
signal arrives.  Waiting for a file to appear races a fast build; instead the
child process wraps one publishing step so that, on reaching it, it prints
``PAUSED`` on stdout and waits in ``signal.pause()``.  The test reads that
line (a blocking read: no polling, no sleeping), then sends its signal, which
lands exactly there.  Nothing in Briefly changes: the wrapping happens in the
child, the way a debugger would stop it.

Pause points, in the order a build reaches them:

* ``staged``: every new file is written to the staging folder, before
  ``commit`` touches the shadow tree;
* ``mid-shadow``: while the staged files are being moved into the shadow tree
  (after the first of them);
* ``before-exchange``: the shadow is complete and the state recorded, right
  before the exchange that publishes it.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from .conftest import REPO

PAUSE_POINTS = ("staged", "mid-shadow", "before-exchange")
HANG_GUARD = 120  # seconds: kills a child that never pauses, so a bug fails, not hangs

_CHILD = """
import signal, sys
sys.path.insert(0, sys.argv[1])
from briefly.cli import main
from briefly.publish import commit, trees

where, root = sys.argv[2], sys.argv[3]


def pause():
    print("PAUSED", flush=True)
    signal.pause()


if where == "staged":
    real_commit = commit.Transaction.commit

    def commit_after_pause(self, *args, **kwargs):
        pause()
        return real_commit(self, *args, **kwargs)

    commit.Transaction.commit = commit_after_pause
elif where == "mid-shadow":
    real_place, moved = trees.place, []

    def place_then_pause(tree, name, source, move):
        real_place(tree, name, source, move)
        if move:
            moved.append(name)
            if len(moved) == 1:
                pause()

    trees.place = place_then_pause
elif where == "before-exchange":
    commit._swap = lambda shadow, out_dir: pause()
else:
    raise SystemExit(f"unknown pause point {where!r}")
sys.exit(main(["--root", root, "build", "--no-search"]))
"""


def start_paused_build(root: Path, where: str) -> subprocess.Popen[str]:
    """Start ``build`` on the project at ``root``; return once it has paused at ``where``."""
    assert where in PAUSE_POINTS, where
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(REPO), where, str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    guard = threading.Timer(HANG_GUARD, proc.kill)
    guard.start()
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # returns at the child's PAUSED line, or at its exit
            if line.strip() == "PAUSED":
                return proc
        _, err = proc.communicate()
        raise AssertionError(f"the build ended (exit {proc.returncode}) before pausing at "
                             f"{where}:\n{err}")
    finally:
        guard.cancel()
