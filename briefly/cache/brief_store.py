"""Each brief's checked model and rendered view, kept between builds.

Reading, checking and rendering a brief's Markdown is most of its cost; a
template edit or a listing page that needs the full brief can take them from
here instead, as long as the brief's files, the Markdown renderer and
Briefly's code are the ones they were made with.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from briefly.cache import store
from briefly.cache.records import view_key
from briefly.content.model import Brief
from briefly.views.brief_view import BriefView
from briefly.views.markdown import RENDERER_VERSION


@dataclass(frozen=True)
class BriefStore:
    folder: Path  # one file per brief, named by its slug
    code: str  # Briefly's code fingerprint

    def load(self, slug: str, digest: str | None) -> tuple[Brief, BriefView] | None:
        """The stored model and view of a brief, if they match its current digest."""
        if digest is None:
            return None
        stored = store.load(self.folder / slug)
        if (isinstance(stored, tuple) and len(stored) == 3
                and stored[0] == view_key(digest, RENDERER_VERSION, self.code)):
            return stored[1], stored[2]
        return None

    def save(self, brief: Brief, view: BriefView) -> None:
        store.dump(self.folder / brief.slug,
                   (view_key(brief.digest, RENDERER_VERSION, self.code), brief, view))

    def keep_only(self, slugs: Iterable[str]) -> None:
        """Forget briefs that no longer exist."""
        store.remove_stale(self.folder, slugs)
