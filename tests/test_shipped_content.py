"""The one test that reads the repository's own content/: it must pass `check --strict`.

Everything else in the suite builds its own project (tests/project/), so adding,
editing or removing a brief in content/ can only fail here, and only when the
brief itself is wrong, exactly as the pull-request check would say.
"""

from __future__ import annotations

import contextlib
import io

from briefly.cli import main

from .conftest import REPO


def test_the_shipped_briefs_pass_a_strict_check() -> None:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["--root", str(REPO), "check", "--strict"])
    assert code == 0, err.getvalue()
    assert err.getvalue().startswith("Check passed: 0 errors, 0 warnings in "), err.getvalue()
