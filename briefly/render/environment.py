"""Jinja, configured here and only here, and the :class:`Renderer` that uses it.

Strict undefined variables (a typo in a template fails the build instead of
printing nothing), autoescaping for HTML and XML, and the few filters and
globals templates may use: the path helpers of :mod:`briefly.render.urls`
under their Python names, so a template never spells a published path.
Template mistakes become :class:`BriefError` naming the template's line.

Nothing here touches the disk beyond reading templates: keeping compiled
templates between builds is the caller's choice (``bytecode_cache``), so
rendering stays usable, and testable, without any cache folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from briefly.content.claims import status_class
from briefly.content.model import SiteConfig
from briefly.errors import BriefError
from briefly.render.structured_data import brief_structured_data
from briefly.render.urls import TEMPLATE_PATHS, PageContext
from briefly.views.brief_view import long_date

Pages = dict[str, bytes]


def make_environment(templates_dir: Path,
                     bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        # One environment per build: no need to stat every template on each use.
        auto_reload=False,
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        bytecode_cache=bytecode_cache,
        autoescape=jinja2.select_autoescape(["html", "xml", "svg"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    env.filters["iso"] = lambda day: day.isoformat()
    # The one spelling of a claim badge's class, shared with the Markdown badges.
    env.filters["status_class"] = status_class
    # JSON-LD blocks of a brief page: structured_data(site, view) -> [dict], for tojson.
    env.globals["structured_data"] = brief_structured_data
    # Site paths: paths.brief_url(slug) and the rest of briefly.render.urls.
    env.globals["paths"] = TEMPLATE_PATHS
    return env


class Renderer:
    """Renders pages from views; one per build, reusing the compiled templates."""

    def __init__(self, templates_dir: Path,
                 bytecode_cache: jinja2.BytecodeCache | None = None) -> None:
        self.templates_dir = templates_dir
        self.env = make_environment(templates_dir, bytecode_cache)

    def render(self, template: str, path: str, site: SiteConfig, canonical_path: str,
               absolute_links: bool = False, **data: Any) -> bytes:
        # ``canonical_path`` is not called ``target``: the redirect page's data
        # has a ``target`` of its own.
        ctx = PageContext(site, path, absolute_links)
        try:
            text = self.env.get_template(template).render(
                site=site, page_path=path, url=ctx.url, absolute_url=ctx.absolute_url,
                canonical=ctx.absolute_url(canonical_path), **data)
        except jinja2.TemplateSyntaxError as exc:
            raise BriefError(self._shown(exc.filename or template), exc.lineno or 0, 0,
                             f"template syntax error: {exc.message}") from None
        except jinja2.TemplateNotFound as exc:
            raise BriefError(f"templates/{template}", 0, 0,
                             f"template not found: {exc.name}") from None
        except (jinja2.UndefinedError, jinja2.TemplateRuntimeError) as exc:
            filename, line = _template_location(exc)
            raise BriefError(self._shown(filename) if filename else f"templates/{template}",
                             line, 0, f"template error: {exc.message}") from None
        except (TypeError, ValueError, AttributeError, ArithmeticError, LookupError) as exc:
            # A template doing something Python refuses ({{ 1 + "a" }}) is the
            # template's mistake: name its line.  Without a template frame the
            # fault is ours, and the traceback is the right report.
            filename, line = _template_location(exc)
            if not filename:
                raise
            raise BriefError(self._shown(filename), line, 0,
                             f"template error: {type(exc).__name__}: {exc}") from None
        return text.encode("utf-8")

    def _shown(self, filename: str) -> str:
        try:
            return "templates/" + Path(filename).resolve().relative_to(
                self.templates_dir.resolve()).as_posix()
        except ValueError:
            return filename


def _template_location(exc: BaseException) -> tuple[str, int]:
    """The template file and line an error happened on, from Jinja's rewritten
    traceback: the innermost template frame, so an error in a partial names the
    partial, not the page template that included it."""
    tb = exc.__traceback__
    filename, line = "", 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith((".html", ".xml")):
            filename, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return filename, line
