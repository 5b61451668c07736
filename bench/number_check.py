"""What the number check and the figure links add to one brief's cold build.

The issue's budget is about 0.2 ms per brief.  The figure-heavy briefs are
the suite's own and the frozen DeepSeek copy (the generated corpus of
bench/stages.py writes its prose in words; that script times the check as
one of its stages too).  Each brief is checked and its view built over and
over; timers around the number check (its fact index included) and the
links' tree pass count the CPU time they take, against the whole of check +
view; the best of several rounds is printed, in milliseconds per brief.

Run: python bench/number_check.py [--rounds 7] [--repeat 100]
Prints figures; asserts nothing (timing targets are never tests).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefly.content import check_brief as checking  # noqa: E402
from briefly.content.read import load_brief  # noqa: E402
from briefly.errors import Diagnostics  # noqa: E402
from briefly.views import brief_view  # noqa: E402
from briefly.views.markdown import MarkdownRenderer  # noqa: E402
from briefly.views.number_links import FactLinks  # noqa: E402

BRIEFS = [REPO / "tests/fixtures/briefs/deepseek-v4",
          REPO / "tests/project/content/briefs/tidewater-battery",
          *sorted((REPO / "tests/other_briefs").iterdir())]


def timed(spent: Counter, label: str, function: Callable) -> Callable:
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - started
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=100)
    options = parser.parse_args()
    spent: Counter = Counter()
    checking.check_numbers = timed(spent, "number check", checking.check_numbers)
    FactLinks.run = timed(spent, "figure links", FactLinks.run)  # type: ignore[method-assign]
    renderer = MarkdownRenderer()
    report = {}
    for folder in BRIEFS:
        raw = load_brief(folder, folder.parent, folder.parent)
        best: dict[str, float] = {}
        for _ in range(options.rounds):
            spent.clear()
            started = time.process_time()
            for _ in range(options.repeat):
                brief = checking.check_brief(raw, Diagnostics())
                assert brief is not None
                brief_view.build_brief_view(brief, renderer)
            spent["check and view, in all"] = time.process_time() - started
            for label, seconds in spent.items():
                best[label] = min(best.get(label, float("inf")),
                                  seconds * 1000 / options.repeat)
        best["added"] = best["number check"] + best["figure links"]
        report[folder.name] = {label: round(ms, 3) for label, ms in best.items()}
    added = [r["added"] for r in report.values()]
    print(json.dumps({"ms_per_brief": report, "mean_added_ms": round(sum(added) / len(added), 3)},
                     indent=1))


if __name__ == "__main__":
    main()
