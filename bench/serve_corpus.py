"""A stand-in corpus for the preview benchmark: the DeepSeek brief under N slugs.

perf's ``bench/generate.py`` (same ``generate_corpus(root, count, seed)``
signature) writes varied, explainer-sized briefs; ``serve_bench.py`` uses it
when it exists and falls back to this copy machine otherwise.  Only the
headline changes, so no fact, number or URL is added to what the brief gives.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content" / "briefs" / "deepseek-v4"


def generate_corpus(root: Path, count: int, seed: int = 0) -> None:
    """Write a complete project at ``root`` with ``count`` copies of the seed brief."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("templates", "static"):
        shutil.copytree(REPO / name, root / name, dirs_exist_ok=True)
    shutil.copy2(REPO / "briefly.yaml", root / "briefly.yaml")
    facts = (SEED / "facts.yaml").read_text(encoding="utf-8")
    article = (SEED / "brief.md").read_text(encoding="utf-8")
    headline = next(line for line in facts.splitlines() if line.startswith("headline:"))
    for number in range(count):
        folder = root / "content" / "briefs" / f"brief-{seed}-{number:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        copy = facts.replace(headline, f'headline: "Copy {number} of the DeepSeek V4 brief"')
        (folder / "facts.yaml").write_text(copy, encoding="utf-8")
        (folder / "brief.md").write_text(article, encoding="utf-8")
