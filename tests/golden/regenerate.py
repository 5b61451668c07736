"""Rewrite the golden sites' expected output from a fresh build.

Run from the repository root after a deliberate change to what Briefly
publishes, then read the diff before committing it:

    python -m tests.golden.regenerate            # every case
    python -m tests.golden.regenerate two-briefs # one case
"""

from __future__ import annotations

import sys

from tests.golden.site import GOLDEN, cases, write_expected


def main(argv: list[str]) -> int:
    wanted = argv or cases()
    unknown = sorted(set(wanted) - set(cases()))
    if unknown:
        print(f"error: no golden case {', '.join(unknown)} in {GOLDEN}", file=sys.stderr)
        return 2
    for case in wanted:
        write_expected(case)
        print(f"wrote tests/golden/{case}/expected/ and files.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
