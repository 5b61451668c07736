"""Stage 4: turn the model into pages, in memory (``{path: bytes}``).

Jinja is configured here and only here: strict undefined variables (a typo in
a template fails the build instead of printing nothing), autoescaping for
HTML and XML, and the few filters templates may use.  Nothing in this module
touches the output folder, so tests can render a whole site without disk;
keeping compiled templates between builds is the caller's choice
(``bytecode_cache``).
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import jinja2

from briefly.errors import BriefError
from briefly.content.model import Site, SiteConfig, Topic
from briefly.render.structured_data import brief_structured_data
from briefly.views.brief_view import BriefView, long_date

Pages = dict[str, bytes]


def base_path(base_url: str) -> str:
    """The path part of the site's address: "https://x.org/news/" -> "/news/"."""
    return "/" + base_url.split("://", 1)[-1].split("/", 1)[-1]


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
    # JSON-LD blocks of a brief page: structured_data(site, view) -> [dict], for tojson.
    env.globals["structured_data"] = brief_structured_data
    return env


@functools.lru_cache(maxsize=4096)
def relative_url(from_page: str, target: str) -> str:
    """The link from an output file to a site path ("" is the home page)."""
    here = posixpath.dirname(from_page)
    trailing = target.endswith("/") or target == ""
    path = _relpath(target.rstrip("/") or ".", here or ".")
    if path == ".":
        return "./"
    return path + ("/" if trailing else "")


def _relpath(target: str, start: str) -> str:
    """``posixpath.relpath`` for clean site paths, without its abspath calls.

    Pages call ``url()`` dozens of times each; relpath's normalisation made
    it a tenth of the build.  Anything unusual goes to relpath itself.
    """
    parts = [] if target == "." else target.split("/")
    base = [] if start == "." else start.split("/")
    if any(p in ("", ".", "..") for p in parts + base) or target.startswith("/"):
        return posixpath.relpath(target, start)
    common = 0
    for a, b in zip(parts, base):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


@dataclass(frozen=True)
class PageContext:
    """What every template gets besides its own data (documented in base.html)."""

    site: SiteConfig
    path: str  # the output file, e.g. "briefs/deepseek-v4/index.html"
    absolute_links: bool = False  # the 404 page is served at any depth

    def url(self, target: str) -> str:
        if self.absolute_links:
            root = base_path(self.site.base_url)
            return posixpath.join(root, target) if target else root
        return relative_url(self.path, target)

    def canonical(self, target: str) -> str:
        return self.site.base_url + target


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
                site=site, page_path=path, url=ctx.url, canonical=ctx.canonical(canonical_path),
                **data)
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


def brief_path(slug: str) -> str:
    return f"briefs/{slug}/"


def topic_path(topic: Topic) -> str:
    return f"topics/{topic.slug}/"


def render_brief(renderer: Renderer, site: SiteConfig, view: BriefView) -> Pages:
    target = brief_path(view.slug)
    page = renderer.render("brief.html", target + "index.html", site, target, view=view)
    pages = {target + "index.html": page}
    for alias in view.brief.aliases:
        old = brief_path(alias)
        pages[old + "index.html"] = renderer.render(
            "redirect.html", old + "index.html", site, target, destination=target,
            title=view.brief.headline)
    return pages


# An index page: its path, the topic whose briefs it lists (None: it depends
# on every brief), and how to render it.  The incremental build re-renders a
# page only when the briefs it depends on change.
IndexPage = tuple[str, "str | None", Callable[[], bytes]]


def index_pages(renderer: Renderer, site: Site, views: Mapping[str, BriefView]
                ) -> list[IndexPage]:
    """Pages that list briefs: they change when any brief's summary changes."""
    ordered = [views[b.slug] for b in site.briefs]
    config = site.config
    pages: list[IndexPage] = [
        ("index.html", None, lambda: renderer.render(
            "home.html", "index.html", config, "", briefs=ordered, topics=site.topics)),
        ("briefs/index.html", None, lambda: renderer.render(
            "archive.html", "briefs/index.html", config, "briefs/", briefs=ordered)),
        ("topics/index.html", None, lambda: renderer.render(
            "topics.html", "topics/index.html", config, "topics/",
            topics=[(t, len(site.briefs_in(t))) for t in site.topics])),
        ("404.html", None, lambda: renderer.render(
            "404.html", "404.html", config, "404.html", absolute_links=True)),
    ]
    for topic in site.topics:
        path = topic_path(topic) + "index.html"
        pages.append((path, topic.slug, lambda path=path, topic=topic: renderer.render(
            "topic.html", path, config, topic_path(topic), topic=topic,
            briefs=[views[b.slug] for b in site.briefs_in(topic)])))
    return pages


def render_indexes(renderer: Renderer, site: Site, views: Mapping[str, BriefView]) -> Pages:
    return {path: make() for path, _, make in index_pages(renderer, site, views)}


PageBuilder = Callable[[Renderer, Site, dict[str, BriefView]], Pages]


def render_site(renderer: Renderer, site: Site, views: dict[str, BriefView],
                extra: Iterable[PageBuilder] = ()) -> Pages:
    pages: Pages = {}
    for brief in site.briefs:
        pages.update(render_brief(renderer, site.config, views[brief.slug]))
    pages.update(render_indexes(renderer, site, views))
    for builder in extra:
        pages.update(builder(renderer, site, views))
    return pages
