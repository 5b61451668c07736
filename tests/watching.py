"""A scripted watcher and a fake clock: the preview's debouncing without real time.

``Watcher.wait_for_change`` decides when a burst of saves is over from
``time.monotonic()`` and ``stop.wait(interval)``.  Here ``stop.wait`` moves a
fake clock forward instead of sleeping, and each poll returns the next set
of changes of a script, so a test states exactly which saves land in which
interval and the outcome cannot depend on how busy the machine is.
"""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

import pytest

from briefly.preview import watch
from briefly.preview.watch import Watcher


class FakeClock(threading.Event):
    """``stop.wait(seconds)`` advances a fake clock instead of sleeping."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 0.0

    def wait(self, timeout: float | None = None) -> bool:
        self.now += timeout or 0.0
        return self.is_set()


class ScriptedWatcher(Watcher):
    """A watcher whose polls are scripted: one entry per poll interval.

    An entry is a set of changed paths, or a callable that makes the change
    (writes a file, as an editor would) and returns the paths it changed.
    ``when_done`` runs once the script is used up, e.g. to stop the server.
    """

    def __init__(self, polls: list[set[Path] | Callable[[], set[Path]]],
                 when_done: Callable[[], None] | None = None, **timing: float) -> None:
        super().__init__((), **timing)
        self.polls = list(polls)
        self.when_done = when_done

    def poll(self) -> set[Path]:
        if not self.polls:
            if self.when_done is not None:
                self.when_done()
            return set()
        step = self.polls.pop(0)
        return step() if callable(step) else step


def install_fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Make the watcher read ``FakeClock.now``; only the watcher, so a build run
    meanwhile (whose worker pools wait on the real clock) keeps real time."""
    fake = FakeClock()
    monkeypatch.setattr(watch, "time", SimpleNamespace(monotonic=lambda: fake.now))
    return fake
