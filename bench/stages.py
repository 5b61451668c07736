"""Where a cold build's time goes, stage by stage, in milliseconds per brief.

The full-build target of issue 8 is out of reach; this is the evidence.  It
builds a generated corpus with an empty cache in one process (no pool, so
every stage runs where a timer can see it) and prints one JSON object: CPU
seconds of the whole build and wall milliseconds per brief for each stage.
Timers wrap the stage functions and cost about a microsecond per call.  The
last stage's own writes (site pages, the cache index) also count in the two
writing stages, which are small at that point.

Run: python bench/stages.py [--briefs 1000]
Prints figures; asserts nothing (timing targets are never tests).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_corpus  # noqa: E402

from briefly import brief_pipeline, outputs, pipeline  # noqa: E402
from briefly.cache import pool, store  # noqa: E402
from briefly.project import Project  # noqa: E402
from briefly.publish import commit  # noqa: E402
from briefly.publish.commit import Transaction  # noqa: E402
from briefly.cache import cards  # noqa: E402
from briefly.content import check_brief as brief_checks  # noqa: E402
from briefly.views.number_links import FactLinks  # noqa: E402

# (module, function, label): the stages of one brief, then the site-wide rest.
STAGES: list[tuple[Any, str, str]] = [
    (brief_pipeline, "load_brief", "load: read files, YAML, front matter"),
    (brief_pipeline, "check_brief", "check"),
    (brief_checks, "check_numbers", "number check (figures against the fact sheet)"),
    (FactLinks, "run", "figure links in the prose"),
    (brief_pipeline, "build_brief_view", "Markdown, views, charts"),
    (brief_pipeline, "render_brief", "Jinja: the brief's page"),
    (outputs, "brief_data_files", "facts.json and CSV"),
    (cards, "card_bytes", "social card (draw, encode, cache)"),
    (commit, "stage_file", "write outputs to staging"),
    (store, "dump", "write the build cache"),
    (pipeline, "render_listings", "listing pages"),
    (pipeline, "run_site_builder", "feeds, sitemap, search page"),
    (Transaction, "commit", "publish"),
    (pipeline, "record_build", "save the cache index"),
]


def timed(spent: Counter, label: str, function: Callable, inner: list[float]) -> Callable:
    """Time ``function`` exclusive of the timed functions it calls, so stages never overlap."""
    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        inner.append(0.0)
        try:
            return function(*args, **kwargs)
        finally:
            nested = inner.pop()
            took = time.perf_counter() - started
            spent[label] += took - nested
            if inner:
                inner[-1] += took
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000)
    options = parser.parse_args()
    spent: Counter = Counter()
    inner: list[float] = []
    for module, name, label in STAGES:
        setattr(module, name, timed(spent, label, getattr(module, name), inner))
    pool.PARALLEL_THRESHOLD = 10**9  # one process: the timers see everything
    with tempfile.TemporaryDirectory(prefix="briefly-stages-") as folder:
        root = Path(folder) / "project"
        generate_corpus(root, options.briefs)
        cpu, wall = time.process_time(), time.perf_counter()
        result = pipeline.build_site(Project(root), root / "site", search=False)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if not result.ok:
        raise SystemExit("the build failed")
    per_brief = {label: round(spent[label] * 1000 / options.briefs, 2)
                 for label in sorted(spent, key=spent.__getitem__, reverse=True)}
    print(json.dumps({"briefs": options.briefs, "wall_s": round(wall, 2),
                      "cpu_s": round(cpu, 2),
                      "cpu_ms_per_brief": round(cpu * 1000 / options.briefs, 2),
                      "wall_ms_per_brief": round(wall * 1000 / options.briefs, 2),
                      "stage_ms_per_brief": per_brief}, indent=1))


if __name__ == "__main__":
    main()
