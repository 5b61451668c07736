"""Time Briefly's builds on a synthetic corpus and print one JSON object.

    python bench/bench.py --briefs 1000 [--runs 3] [--keep DIR]

Each build runs in a fresh Python process, as an editor's ``build`` would, so
no figure benefits from a warm in-process memo; the time reported is the
``build_site`` call measured inside that process (interpreter start-up and
imports, about 0.2 s, are reported apart as ``startup_s``).  Scenarios:

* ``full_s``: no cache, no output folder;
* ``noop_s``: build again, nothing changed;
* ``edit_s``: one brief's article text edited;
* ``facts_edit_s``: one table value edited in a fact sheet;
* ``template_edit_s``: a template every page uses (base.html) edited.

Builds run without the Pagefind search index unless ``--search`` is given:
Pagefind has no incremental mode, so with it every page change re-indexes
every brief (about 4 ms of CPU per brief), whatever the rest of the build saves.

Each is the median of ``--runs`` runs.  ``peak_rss_mb`` is the largest
resident set of any build process or worker (``getrusage`` of children).
The machine's load average is printed too: other work on a 2-core machine
changes every figure, so ``*_cpu_s`` (CPU seconds of the build process and its
workers, median) are given as a load-independent companion.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CHILD = """
import json, resource, sys, time
started = time.perf_counter()
from pathlib import Path
from briefly.pipeline import build_site
from briefly.project import Project
imported = time.perf_counter()
root = Path(sys.argv[1])
cpu = time.process_time()
result = build_site(Project(root), root / "site", search=sys.argv[2] == "search")
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = time.process_time() - cpu + workers.ru_utime + workers.ru_stime
print(json.dumps({"ok": result.ok, "seconds": result.seconds, "startup": imported - started,
                  "cpu": cpu,
                  "rendered": result.rendered, "pages": len(result.pages),
                  "errors": [str(e) for e in result.diagnostics.errors[:3]]}))
"""


SEARCH = ["no-search"]  # set from --search


def run_build(root: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD, str(root), SEARCH[0]],
                          capture_output=True,
                          text=True, cwd=REPO, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"build crashed:\n{proc.stderr}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    if not report["ok"]:
        raise SystemExit(f"build failed: {report['errors']}")
    return report


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"{old!r} not found in {path}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark Briefly's builds.")
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp dir)")
    parser.add_argument("--search", action="store_true",
                        help="include the Pagefind search index (re-made on every page change)")
    options = parser.parse_args()
    SEARCH[0] = "search" if options.search else "no-search"
    workdir = options.keep or Path(tempfile.mkdtemp(prefix="briefly-bench-"))
    root = workdir / "project"
    try:
        if root.exists():
            shutil.rmtree(root)
        generate_corpus(root, options.briefs)
        scenarios = ("full", "noop", "edit", "facts_edit", "template_edit")
        times: dict[str, list[float]] = {k: [] for k in scenarios}
        cpu: dict[str, list[float]] = {k: [] for k in scenarios}

        def measure(name: str) -> dict:
            report = run_build(root)
            times[name].append(report["seconds"])
            cpu[name].append(report["cpu"])
            return report

        startup: list[float] = []
        pages = 0
        for run in range(options.runs):
            shutil.rmtree(root / "site", ignore_errors=True)
            shutil.rmtree(root / ".briefly-cache", ignore_errors=True)
            report = measure("full")
            startup.append(report["startup"])
            pages = report["pages"]
            measure("noop")
            slug = f"brief-{(run * 37) % options.briefs:05d}"
            brief = root / "content" / "briefs" / slug
            replace_once(brief / "brief.md", "## The numbers\n\n",
                         f"## The numbers\n\nEdited in run {run}. ")
            measure("edit")
            replace_once(brief / "facts.yaml", " units", f"{run} units")
            measure("facts_edit")
            replace_once(root / "templates" / "base.html", "</body>",
                         f"<!-- bench run {run} --></body>")
            measure("template_edit")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        result = {"briefs": options.briefs, "pages": pages, "search": options.search,
                  **{f"{k}_s": round(statistics.median(v), 3) for k, v in times.items()},
                  "peak_rss_mb": round(peak, 1),
                  **{f"{k}_cpu_s": round(statistics.median(v), 3) for k, v in cpu.items()},
                  "startup_s": round(statistics.median(startup), 3),
                  "runs": options.runs, "cpus": os.cpu_count(),
                  "load_avg_1m": round(os.getloadavg()[0], 2)}
        print(json.dumps(result))
    finally:
        if options.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(bench took {time.perf_counter() - started:.0f} s)", file=sys.stderr)
