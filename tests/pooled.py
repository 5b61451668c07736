"""A build whose briefs are rendered in the process pool, in a child process.

Workers are forked from the child, so a patch made there (a function that
raises) reaches them; the timeout turns a pool left waiting into a failure.
"""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO, ScratchProject


def pooled_build(project: ScratchProject, patch: str) -> subprocess.CompletedProcess[str]:
    """``build --no-search`` with every brief in the pool, after running ``patch``."""
    child = (f"{patch}\nimport sys\nfrom briefly.cache import pool\nfrom briefly.cli import main\n"
             "pool.PARALLEL_THRESHOLD = 1\n"
             "sys.exit(main(['--root', sys.argv[1], 'build', '--no-search']))\n")
    return subprocess.run([sys.executable, "-c", child, str(project.root)],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
