"""Where a project's inputs, cache and default output live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefly.cache.store import CACHE_DIR


@dataclass(frozen=True)
class Project:
    """Every path derives from the root, so a test project is just another folder."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def static(self) -> Path:
        return self.root / "static"

    @property
    def cache(self) -> Path:
        return self.root / CACHE_DIR

    @property
    def site(self) -> Path:
        return self.root / "site"
