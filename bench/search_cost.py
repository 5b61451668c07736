"""What the search index costs: build time with and without Pagefind.

    python bench/search_cost.py [--briefs 1000] [--runs 3]

Builds the real site, then a corpus of N briefs, each with and without the
search index, and prints the median times and the index size.  The corpus
comes from bench/generate.py (generate_corpus) when it exists; otherwise the
DeepSeek brief is copied N times, each copy with its own slug and a few words
of its own so the index grows as it would with real, different briefs.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefly.pipeline import build_site  # noqa: E402
from briefly.project import Project  # noqa: E402
from briefly.render.search import build_search_index  # noqa: E402

WORDS = ("ascend", "benchmark", "cluster", "distil", "embedding", "frontier", "gradient",
         "inference", "kernel", "latency", "matrix", "quantise", "router", "sparse",
         "token", "vector", "weights", "yield", "zettabyte", "throughput")


def copy_corpus(root: Path, count: int) -> None:
    """The DeepSeek brief, N times, each copy slightly different."""
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "briefly.yaml", root / "briefly.yaml")
    seed = REPO / "content" / "briefs" / "deepseek-v4"
    rng = random.Random(0)
    for i in range(count):
        folder = root / "content" / "briefs" / f"deepseek-v4-copy-{i:04d}"
        folder.mkdir(parents=True)
        facts = (seed / "facts.yaml").read_text(encoding="utf-8")
        facts = facts.replace('headline: "DeepSeek', f'headline: "Copy {i}: DeepSeek')
        (folder / "facts.yaml").write_text(facts, encoding="utf-8")
        extra = " ".join(f"{rng.choice(WORDS)}{rng.randrange(10_000)}" for _ in range(40))
        article = (seed / "brief.md").read_text(encoding="utf-8")
        article = article.replace("## The numbers", f"{extra}\n\n## The numbers")
        (folder / "brief.md").write_text(article, encoding="utf-8")


def make_corpus(root: Path, count: int) -> str:
    try:
        from bench.generate import generate_corpus  # perf's generator, once on main
    except ImportError:
        copy_corpus(root, count)
        return f"{count} copies of the DeepSeek brief"
    generate_corpus(root, count, seed=0)
    return f"{count} briefs from bench/generate.py"


def cpu_seconds() -> float:
    """This process's CPU time plus its finished children's (the Pagefind binary)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def measure(name: str, project: Project, output: Path, runs: int) -> None:
    """Median wall time of whole builds without and with search, then of the index step.

    CPU seconds are printed beside wall seconds: on a busy machine they are
    the steadier figure.
    """
    builds: dict[bool, list[float]] = {False: [], True: []}
    noop: list[float] = []
    for _ in range(runs):
        for search in (False, True):
            shutil.rmtree(output, ignore_errors=True)
            shutil.rmtree(project.root / ".briefly-cache", ignore_errors=True)
            started = time.perf_counter()
            result = build_site(project, output, search=search)
            builds[search].append(time.perf_counter() - started)
            if not result.ok:
                raise SystemExit(f"build failed: {result.diagnostics.sorted()[:3]}")
        started = time.perf_counter()  # again, nothing changed: the cached index is reused
        build_site(project, output, search=True)
        noop.append(time.perf_counter() - started)
    pages = {path: (output / path).read_bytes() for path in result.pages
             if not path.startswith("pagefind/")}
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), cpu_seconds()
        index = build_search_index(pages)
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu_seconds() - cpu)
    without, with_search = statistics.median(builds[False]), statistics.median(builds[True])
    indexed = sum(1 for data in pages.values() if b"data-pagefind-body" in data)
    size = sum(len(data) for data in index.values())
    print(f"{name}: build {without:.2f} s without search, {with_search:.2f} s with "
          f"(+{with_search - without:.2f} s), rebuilt unchanged with search "
          f"{statistics.median(noop):.2f} s; the index step alone: "
          f"{statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
          f"for {indexed} pages; {len(index)} files, {size / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefly-bench-") as tmp:
        real = Path(tmp) / "real"
        for name in ("content", "templates", "static"):
            shutil.copytree(REPO / name, real / name)
        shutil.copy2(REPO / "briefly.yaml", real / "briefly.yaml")
        measure("real site", Project(real), Path(tmp) / "real-site", args.runs)
        corpus = Path(tmp) / "corpus"
        label = make_corpus(corpus, args.briefs)
        measure(label, Project(corpus), Path(tmp) / "corpus-site", args.runs)


if __name__ == "__main__":
    main()
