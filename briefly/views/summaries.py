"""Small stand-ins for briefs and their views, so a rebuild need not load them all.

Pages that list briefs (home, archive, topics, feeds) need every brief, but
only a few of its fields.  Unpickling every full brief and view of a large
archive would cost more time and memory than the rest of the build, so the
cache keeps a :class:`BriefSummary`
per brief, and pages get proxies holding those fields.  Any other attribute
a template or builder asks for loads the full brief from the cache (or the
sources) on first use, so a template is never wrong, only slower, when it
reaches for more than a summary holds.
"""

from __future__ import annotations

import hashlib
from collections import namedtuple
from operator import attrgetter
from typing import Any, Callable, Mapping

from briefly.content.brief_places import BriefPlaces, brief_places
from briefly.content.fact_sheet import FACTS
from briefly.content.model import Brief
from briefly.content.spec_model import summary_attrs
from briefly.views.brief_view import BriefView

# What listing pages read of a brief: the fact-sheet fields flagged ``summary``
# in the spec, between the brief's identity (which folder) and what says which
# files and which version of them it was made from.
_BRIEF_FIELDS = ("slug", *summary_attrs(FACTS), "facts_path", "article_path", "digest",
                 "shared_sources", "uses", "shared_digest")
_VIEW_FIELDS = ("summary", "description", "places", "shown")


class BriefSummary(namedtuple("BriefSummary", _BRIEF_FIELDS + _VIEW_FIELDS,
                              defaults=(BriefPlaces(), ""))):
    """What listing pages read about a brief; stored in the cache index.

    The brief's fields have the types of :class:`Brief`'s attributes of the
    same names; a new one is added by flagging its field in the spec.  Then:

    ``summary`` (Markup) and ``description``: the view's summary HTML and
    description, as views.py made them.  ``places``: where facts.yaml has
    its aliases, own sources and table cells, for cross-brief messages.  ``shown``: a hash
    of every field but ``digest``, i.e. what a listing page can show without
    loading the brief (``places`` aside); an edit that leaves it alone (body text, a table value)
    need not re-render the home page, feeds or sitemap.
    """

    __slots__ = ()

    @classmethod
    def of(cls, view: BriefView, positions: Mapping[tuple, Any] | None = None
           ) -> "BriefSummary":
        b = view.brief
        summary = cls(*_brief_values(b), view.summary, view.description,
                      brief_places(b, positions))
        # Where things are written is for messages, not pages: moving a line
        # re-renders nothing.
        shown = repr(summary._replace(digest="", shared_digest="", places=BriefPlaces()))
        return summary._replace(shown=hashlib.blake2b(shown.encode(), digest_size=16).hexdigest())

    @property
    def alias_positions(self) -> tuple[tuple[int, int], ...]:
        """(line, column) of each alias in facts.yaml, for cross-brief messages."""
        return self.places.aliases


_brief_values = attrgetter(*_BRIEF_FIELDS)
Loader = Callable[[str], tuple[Brief, BriefView]]


class LazyBrief:
    """Looks like a :class:`Brief`; loads the real one for fields it lacks."""

    def __init__(self, summary: BriefSummary, load: Loader) -> None:
        self.__dict__.update(zip(_BRIEF_FIELDS, _brief_values(summary)), _load=load)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._load(self.slug)[0], name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("briefs are read-only")


class LazyView:
    """Looks like a :class:`BriefView`; loads the real one for fields it lacks."""

    def __init__(self, summary: BriefSummary, brief: LazyBrief, load: Loader) -> None:
        self.__dict__.update(brief=brief, slug=summary.slug, summary=summary.summary,
                             description=summary.description, _load=load)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._load(self.slug)[1], name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("views are read-only")
