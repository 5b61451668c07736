"""The one object a build's stages share: settings, tools and the cache, passed explicitly."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

from briefly.cache.brief_store import BriefStore
from briefly.cache.ledger import OutputLedger
from briefly.content.model import Library, SiteConfig
from briefly.content.related import RelatedBrief
from briefly.project import Project
from briefly.render.environment import Pages, Renderer
from briefly.views.brief_view import BriefView
from briefly.views.markdown import MarkdownRenderer

BriefBuilder = Callable[[Renderer, SiteConfig, BriefView], Pages]
"""An output that depends on one brief only: ``(renderer, config, view) -> {path: bytes}``."""


def template_free(builder: BriefBuilder) -> BriefBuilder:
    """Mark a brief builder whose output never depends on the templates.

    Its outputs are keyed without the templates, so a template edit (which
    re-renders every page) leaves them alone instead of redoing them all.
    """
    setattr(builder, "template_free", True)
    return builder


def is_template_free(builder: BriefBuilder) -> bool:
    return getattr(builder, "template_free", False)


def builder_name(builder: Callable) -> str:
    """A builder's identity in cache keys: adding or removing one re-renders."""
    return f"{getattr(builder, '__module__', '')}.{getattr(builder, '__qualname__', builder)}"


@dataclass(frozen=True, kw_only=True)
class BuildContext:
    """What one build's stages need, made once by ``build_site``.

    Worker processes receive it through their pool's initializer, so a task
    carries only its brief's slug and what the cache knew about it.
    """

    project: Project
    config: SiteConfig
    library: Library  # the source registry and shared fact sheets, read once
    drafts: bool
    renderer: Renderer
    # Made on first use: building Python-Markdown compiles dozens of patterns,
    # which a build that reads no brief never needs.  Forked workers get
    # their own copy.
    markdown: Callable[[], MarkdownRenderer]
    brief_builders: tuple[BriefBuilder, ...]
    briefs: BriefStore  # each brief's checked model and view
    outputs: OutputLedger  # what is published, and where changes are staged
    render_key: str  # changes with the templates, settings, builders and code
    data_key: str  # like render_key without the templates, for template-free builders
    # Each brief's related briefs, by slug: known once every brief is checked,
    # so the pages are rendered with a context that has them.
    related: Mapping[str, tuple[RelatedBrief, ...]] = field(default_factory=dict)
