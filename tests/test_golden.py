"""A small site built from scratch is byte for byte the committed golden copy.

The other tests check properties; this one notices any change at all in what
Briefly publishes (markup, whitespace, feed fields, CSV quoting...), so each
change to the output is seen in review.  After a deliberate change, run
``python -m tests.golden.regenerate`` and commit the new expected files with it
(tests/README.md).
"""

from __future__ import annotations

import difflib

import pytest

from .golden.site import build_case, cases, read_expected

REGENERATE = "python -m tests.golden.regenerate"
SHOWN_LINES = 60  # per file, so a broken template does not print the whole site


def readable_diff(name: str, expected: bytes, actual: bytes) -> str:
    lines = list(difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(keepends=True),
        actual.decode("utf-8", "replace").splitlines(keepends=True),
        fromfile=f"expected/{name}", tofile=f"built/{name}", n=2))
    if len(lines) > SHOWN_LINES:
        lines = lines[:SHOWN_LINES] + [f"... {len(lines) - SHOWN_LINES} more diff lines\n"]
    return "".join(lines)


@pytest.mark.parametrize("case", cases())
def test_fresh_build_equals_the_golden_site(case: str) -> None:
    paths, built = build_case(case)
    listing, expected = read_expected(case)
    problems = []
    if paths != listing:
        problems.append("published files differ from files.txt:\n" + "".join(
            difflib.unified_diff([f"{p}\n" for p in listing], [f"{p}\n" for p in paths],
                                 fromfile="files.txt", tofile="built", n=0)))
    for name in sorted(built.keys() | expected.keys()):
        if name not in expected:
            problems.append(f"built/{name}: not in expected/")
        elif name not in built:
            problems.append(f"expected/{name}: not built")
        elif built[name] != expected[name]:
            problems.append(readable_diff(name, expected[name], built[name]))
    if problems:
        pytest.fail(f"golden case {case} changed; if that is intended, run `{REGENERATE}` "
                    "and review the diff:\n\n" + "\n".join(problems), pytrace=False)


def test_there_is_a_golden_case_with_more_than_one_brief() -> None:
    assert cases()
    listing, expected = read_expected(cases()[0])
    briefs = {p.split("/")[1] for p in listing if p.startswith("briefs/") and p.count("/") == 2
              and p.endswith("/card.png")}
    assert len(briefs) >= 2 and "sitemap.xml" in expected and "feed.xml" in expected
