"""A progress bar for long builds, on a terminal only.

Logs and CI output must stay clean, so the bar draws only when stderr is a
terminal and ``CI`` is not set, and only for builds long enough to need one.
It redraws at most ten times a second and erases itself when done.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

MIN_ITEMS = 200  # fewer briefs than this finish before a bar is worth reading


def wanted(stream: TextIO | None = None) -> bool:
    """Whether a bar should be shown at all: a terminal, and not CI."""
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("CI")


class Progress:
    def __init__(self, total: int, label: str, enabled: bool = False,
                 stream: TextIO | None = None) -> None:
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = enabled and total >= MIN_ITEMS
        self.done = 0
        self.drawn = 0.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.enabled and (now - self.drawn > 0.1 or self.done >= self.total):
            self.drawn = now
            width = 30
            filled = width * self.done // max(self.total, 1)
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] "
                              f"{self.done}/{self.total}")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
