"""Stage 2, last step: validated fact-sheet data and sections to the typed model.

The copying is compiled from the spec (``fact_sheet.FACTS``, through
``spec_model``), so a new field needs nothing here.  What is here is what the
spec cannot say: values derived from several fields, and what comes from
brief.md and the files rather than from facts.yaml.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any, Callable

from briefly.content.fact_sheet import FACTS, SOURCE
from briefly.content.library import combined_digest
from briefly.content.model import Brief, Prose, Source, Topic
from briefly.content.read import RawBrief
from briefly.content.slugs import topic_slug
from briefly.content.spec_model import assembler


def _topics(data: dict[str, Any]) -> tuple[Topic, ...]:
    """Every brief has a topic page to be listed on, so no topics means the kicker.

    Two spellings of one topic ("AI" and "ai") are one topic page, so the brief
    keeps the first spelling once (``check`` warns about the second).
    """
    names = data["topics"] or (data["kicker"],)
    by_slug: dict[str, Topic] = {}
    for name in names:
        by_slug.setdefault(topic_slug(name), Topic(topic_slug(name), name))
    return tuple(by_slug.values())


def _updated(data: dict[str, Any]) -> date:
    """Feeds and pages need a date of last change even when the editor gave none."""
    return data["updated"] or max([data["published"], *(u["date"] for u in data["updates"])])


DERIVED: dict[str, Callable[[dict[str, Any]], Any]] = {"topics": _topics, "updated": _updated}
"""Fact-sheet attributes computed rather than copied; ``build.py docs`` reads
their model types from these functions' return annotations."""

FROM_FILES = ("slug", "what_happened", "numbers", "facts_path", "article_path", "digest",
              "shared_sources", "uses", "shared_digest")
"""Brief attributes that come from the folder, brief.md and the shared content's
files (``content/library``), not from facts.yaml."""

FROM_LIBRARY = ("sources",)
"""Fact-sheet attributes that take in the shared content: a brief's sources
are its own and the registry's it cites."""


@cache
def _builder() -> Callable[..., Brief]:
    # Compiled on first use, not on import: `build.py docs` must still run,
    # to repair model.py, while the spec and the model disagree.
    return assembler(FACTS, given=(*DERIVED, *FROM_FILES, *FROM_LIBRARY))


@cache
def _source() -> Callable[..., Source]:
    return assembler(SOURCE)


def assemble_brief(raw: RawBrief, data: dict[str, Any],
                   sections: dict[str, tuple[str, str, int]],
                   shared: dict[str, Any] | None = None) -> Brief:
    """The typed brief from a fact sheet and article that passed every check.

    Kept apart from the checks so that it can assume valid data: defaults are
    filled in by the schema, ``updated`` falls back to the newest update.
    """
    shared = shared or {}
    return _builder()(
        data, topics=_topics(data), updated=_updated(data), slug=raw.slug,
        what_happened=Prose(sections["what_happened"][0], sections["what_happened"][1]),
        numbers=Prose(sections["numbers"][0], sections["numbers"][1]),
        facts_path=raw.facts_path, article_path=raw.article_path,
        digest=combined_digest(raw.digest, shared.get("shared_digest", "")),
        sources=tuple(map(_source(), shared.get("sources", data["sources"]))),
        shared_sources=shared.get("shared_sources", ()), uses=shared.get("uses", ()),
        shared_digest=shared.get("shared_digest", ""))
