"""How long social cards take: drawn fresh, and served from the cache.

Prints figures; asserts nothing (timing targets are never tests).
Run: python bench/cards.py [count]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefly.cache.cards import card_bytes  # noqa: E402
from briefly.render.cards import CardInputs  # noqa: E402

HEADLINE = "DeepSeek ships V4: 1.6T open-weight model, $1.74 a million tokens"
ANSWER = ("DeepSeek released V4-Pro (1.6T params) and V4-Flash (284B) on 24 April 2026 "
          "under MIT.")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    inputs = [CardInputs("Open-weight models", f"{HEADLINE} ({i})", ANSWER, "Briefly")
              for i in range(count)]
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        for label in ("drawn", "cached"):
            started = time.perf_counter()
            total = sum(len(card_bytes(card, cache / str(n))) for n, card in enumerate(inputs))
            seconds = time.perf_counter() - started
            print(f"{label}: {count} cards in {seconds:.2f} s "
                  f"({seconds / count * 1000:.1f} ms each, {total / count / 1024:.0f} KiB each)")


if __name__ == "__main__":
    main()
