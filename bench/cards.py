"""How long social cards take: drawn fresh, and served from the cache.

Prints figures; asserts nothing (timing targets are never tests).  Headlines
vary and mix scripts (accents, Greek, Cyrillic, currency signs), as a
newsroom's do, so the glyph cache is exercised as in a real build.  CPU
seconds are the steadier figure on a shared machine: "drawn" is the best of
several rounds over the same cards, after a first round that also renders
every glyph once (the cost a fresh worker process pays).
Run: python bench/cards.py [count] [rounds]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefly.cache.cards import card_bytes  # noqa: E402
from briefly.render.cards import CardInputs, draw_card  # noqa: E402

WORDS = ("DeepSeek ships V4 open-weight model tokens Mistral raises €1.7bn £ ¥ Łukasz Źródło "
         "Ελλάδα Россия grid battery 400 MWh – — “quoted” × ≈ 24 April 2026 Tidewater café "
         "naïve Brontë Kraków Gdańsk Zürich São Paulo Ørsted Škoda quadrupling storage").split()


def cards(count: int) -> list[CardInputs]:
    pick = random.Random(7)  # the same cards on every run

    def words(low: int, high: int) -> str:
        return " ".join(pick.choice(WORDS) for _ in range(pick.randint(low, high)))

    return [CardInputs("Open-weight models", f"{words(6, 14)} ({i})", words(20, 45), "Briefly")
            for i in range(count)]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    inputs = cards(count)
    started = time.process_time()
    size = sum(len(draw_card(card)) for card in inputs)
    first = time.process_time() - started
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for card in inputs:
            draw_card(card)
        best = min(best, time.process_time() - started)
    print(f"drawn, first round: {count} cards in {first:.2f} s CPU "
          f"({first / count * 1000:.2f} ms each, glyphs rendered once included)")
    print(f"drawn, best of {rounds}: {best / count * 1000:.2f} ms CPU each, "
          f"{size / count / 1024:.0f} KiB each")
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        for label in ("stored", "cached"):
            started = time.perf_counter()
            for n, card in enumerate(inputs):
                card_bytes(card, cache / str(n))
            seconds = time.perf_counter() - started
            print(f"{label}: {count} cards in {seconds:.2f} s wall "
                  f"({seconds / count * 1000:.1f} ms each)")


if __name__ == "__main__":
    main()
