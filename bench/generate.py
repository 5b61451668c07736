"""A deterministic corpus of synthetic explainer briefs, for benchmarks and tests.

Each brief has the shape of a real one (about 450 words of prose and
answers, one comparison table of 3 compared things by 5 measures plus the
label column, 3 FAQ entries, 5 sources, citations throughout, one or two of
several topics), so timings measure the work a newsroom's archive would
cost.  The same ``(count, seed)`` always writes the same bytes.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOPICS = ("Open-weight models", "Chips", "Energy", "Elections", "Climate", "Health",
          "Trade", "Space", "Housing", "Transport", "Education", "Water")
WORDS = ("the market regulators analysts model price capacity growth policy output "
         "budget report quarter forecast share rival launch supply demand plant "
         "network contract agency figures estimate survey rollout cost region data "
         "users deal tariff license benchmark deadline review target record").split()
PUBLISHERS = ("Reuters", "Associated Press", "Financial Times", "The Economist",
              "Nature", "Bloomberg", "Le Monde", "The Guardian", "Al Jazeera", "BBC")
MEASURES = ("Capacity", "Price", "Launch year", "Market share", "Staff", "Output",
            "Range", "Budget", "Users", "Emissions")

SETTINGS = """\
title: Briefly bench
tagline: A synthetic archive for timing builds.
base_url: https://bench.example.org/
language: en-GB
publisher: Bench Newsroom
"""


def _sentence(rng: random.Random, words: int, cite: str | None = None) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    text = " ".join(chosen).capitalize()
    return text + (f" [@{cite}]." if cite else ".")


def _paragraph(rng: random.Random, ids: list[str], sentences: int) -> str:
    parts = [_sentence(rng, rng.randint(10, 16), rng.choice(ids) if i % 2 == 0 else None)
             for i in range(sentences)]
    text = " ".join(parts)
    # Wrap like an editor's file, about 76 characters a line.
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > 76:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _yaml_block(text: str, indent: str) -> str:
    return "\n".join(indent + line for line in text.split("\n"))


REGISTRY = """\
sources:
  - id: shared-1
    title: Annual survey of the sector
    publisher: Reuters
    date: 2019-12-01
  - id: shared-2
    title: Market figures, year end
    publisher: Bloomberg
    date: 2019-12-15
    url: https://example.org/shared/2
"""
FACT_SHEET = """\
name: The sector index
facts:
  level: {value: "512.0 units", cite: shared-1}
  spread: {value: "12.5 units", status: estimate, cite: shared-2}
"""
FACT_KEYS = ("level", "spread")


def brief_files(index: int, seed: int = 0, shared: bool = False) -> tuple[str, str, str]:
    """(slug, facts.yaml, brief.md) of brief number ``index``.

    ``shared``: the brief also cites a source of the corpus's registry and
    takes one table cell from its shared fact sheet (see ``generate_corpus``).
    """
    rng = random.Random(f"{seed}-{index}")
    slug = f"brief-{index:05d}"
    topics = rng.sample(TOPICS, rng.choice((1, 1, 2)))
    published = date(2020, 1, 1) + timedelta(days=rng.randrange(2200))
    ids = [f"src-{n}" for n in range(1, 6)]
    # Each brief compares its own things: two briefs giving different values
    # for the same row and column would be warned of as disagreeing.
    columns = [f"Option {chr(65 + n)}{index}" for n in range(3)]
    measures = rng.sample(MEASURES, 5)
    rows = []
    for m, measure in enumerate(measures):
        cells = []
        for c in range(3):
            value = f"{rng.randint(1, 999)}.{rng.randint(0, 9)} units"
            if shared and m == 0 and c == 1:
                cells.append(f"            - {{fact: corpus-index.{FACT_KEYS[index % 2]}}}")
            elif m == 1 and c == 0:
                cells.append(f"            - {{value: \"{value}\", status: estimate, "
                             f"cite: {ids[2]}}}")
            elif m == 3 and c == 2:
                cells.append("            - not stated")
            else:
                cells.append(f"            - \"{value}\"")
        rows.append(f"        - label: {measure}\n          cells:\n" + "\n".join(cells))
    faq = []
    for q in range(3):
        faq.append(f"  - question: What changes for {rng.choice(WORDS)} number {q + 1}?\n"
                   f"    answer: |-\n{_yaml_block(_paragraph(rng, ids, 3), '      ')}")
    sources = []
    for n, source_id in enumerate(ids):
        day = published - timedelta(days=rng.randrange(10))
        sources.append(f"  - id: {source_id}\n"
                       f"    title: {_sentence(rng, 6)[:-1]}\n"
                       f"    publisher: {rng.choice(PUBLISHERS)}\n"
                       f"    date: {day.isoformat()}"
                       + (f"\n    url: https://example.org/{slug}/{n}" if n % 2 else ""))
    facts = f"""\
kicker: {topics[0]}
topics: [{", ".join(topics)}]
headline: "Synthetic brief: {" ".join(rng.choice(WORDS) for _ in range(6))}"
dek: {_sentence(rng, 14)}
answer: >-
{_yaml_block(_paragraph(rng, ids, 2), "  ")}
published: {published.isoformat()}
updated: {(published + timedelta(days=rng.randrange(3))).isoformat()}

numbers:
  tables:
    - caption: Three options compared on five measures
      columns:
        - {{label: {columns[0]}, cite: {ids[0]}}}
        - {{label: {columns[1]}, cite: {ids[1]}}}
        - label: {columns[2]}
          baseline: true
      rows:
{chr(10).join(rows)}

watch:
  - {_sentence(rng, 12, ids[3])}
  - {_sentence(rng, 10)}

faq:
{chr(10).join(faq)}

sources:
{chr(10).join(sources)}
"""
    # Every source is cited at least once (an uncited one is a warning).
    also = f" [@shared-{index % 2 + 1}]" if shared else ""
    article = (f"## What happened\n\n{_paragraph(rng, ids, 5)} [@{ids[0]}; @{ids[4]}]{also}\n\n"
               f"{_paragraph(rng, ids, 4)}\n\n"
               f"## The numbers\n\n{_paragraph(rng, ids, 5)}\n")
    return slug, facts, article


def generate_corpus(root: Path, count: int, seed: int = 0, shared: bool = False) -> None:
    """Write a complete project of ``count`` briefs under ``root``.

    ``shared``: with a source registry and a shared fact sheet that every
    brief uses, as briefs on one story do.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "briefly.yaml").write_text(SETTINGS, encoding="utf-8")
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, root / name, dirs_exist_ok=True)
    briefs = root / "content" / "briefs"
    briefs.mkdir(parents=True, exist_ok=True)
    if shared:
        (root / "content" / "sources.yaml").write_text(REGISTRY, encoding="utf-8")
        (root / "content" / "facts").mkdir(exist_ok=True)
        (root / "content" / "facts" / "corpus-index.yaml").write_text(FACT_SHEET,
                                                                     encoding="utf-8")
    for index in range(count):
        slug, facts, article = brief_files(index, seed, shared)
        folder = briefs / slug
        folder.mkdir(exist_ok=True)
        (folder / "facts.yaml").write_text(facts, encoding="utf-8")
        (folder / "brief.md").write_text(article, encoding="utf-8")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()
    generate_corpus(options.root, options.briefs, options.seed)
