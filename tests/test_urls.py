"""Published paths and URLs come from briefly/render/urls.py, and nowhere else.

If a template or a render module spelled ``briefs/`` itself, moving an output
would leave links, feeds and the sitemap pointing at the old place; so the
code and templates are searched for hand-written published paths, and the
helpers themselves are pinned down here.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from briefly.content.claims import CLAIM_STATUSES, status_class
from briefly.content.model import SiteConfig
from briefly.check_pipeline import check_site
from briefly.project import Project
from briefly.render import urls
from briefly.render.environment import Renderer
from briefly.views.brief_view import build_brief_view
from briefly.views.markdown import MarkdownRenderer, status_badge

from .conftest import REPO, TEST_PROJECT, ScratchProject

# What a hand-spelled published path looks like, in code or in a template.
PUBLISHED_PATH = re.compile(
    r"briefs/|topics/|card\.png|\.csv\b|facts\.json|feed\.xml|feed\.json|search/|assets/"
    r"|pagefind/|404\.html|sitemap\.xml|robots\.txt|index\.html"
    r"""|(?:^|["'])pagefind(?:$|["'])""")  # the index folder, not data-pagefind-* attributes
TEMPLATES = REPO / "templates"
TEMPLATE_NAMES = {p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*") if p.is_file()}
RENDER = REPO / "briefly" / "render"
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
HOME_BY_HAND = re.compile(r"""url\((''|"")\)""")  # url(paths.HOME_URL) says where it goes


def config(base_url: str = "https://example.org/news/") -> SiteConfig:
    site, _ = check_site(Project(TEST_PROJECT), drafts=False)
    assert site is not None
    return dataclasses.replace(site.config, base_url=base_url)


def code_strings(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module except docstrings (which may explain paths)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


def test_render_modules_spell_no_published_path() -> None:
    found = []
    for path in sorted(RENDER.glob("*.py")):
        if path.name == "urls.py":
            continue
        for line, text in code_strings(path):
            if text in TEMPLATE_NAMES:  # "404.html" the template, not the page
                continue
            if PUBLISHED_PATH.search(text):
                found.append(f"{path.relative_to(REPO)}:{line}: {text!r}")
    assert found == [], "use the helpers of briefly/render/urls.py:\n" + "\n".join(found)


def test_templates_spell_no_published_path() -> None:
    found = []
    for name in sorted(TEMPLATE_NAMES):
        text = JINJA_COMMENT.sub("", (TEMPLATES / name).read_text(encoding="utf-8"))
        for number, line in enumerate(text.splitlines(), 1):
            if PUBLISHED_PATH.search(line) or HOME_BY_HAND.search(line):
                found.append(f"templates/{name}:{number}: {line.strip()}")
    assert found == [], "call the url helpers (brief_url(slug)...):\n" + "\n".join(found)


def test_the_search_finds_what_it_is_meant_to() -> None:
    for spelled in ("'briefs/' ~ view.slug", 'href="facts.json"', "table-1.csv", "feed.xml",
                    "assets/style.css", "pagefind/pagefind.js", "pagefind", "404.html",
                    "index.html"):
        assert PUBLISHED_PATH.search(spelled), spelled


def test_badge_classes_are_built_by_status_class_only() -> None:
    for name in sorted(TEMPLATE_NAMES):
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        assert "status-{{" not in text and "'status-'" not in text, name
    for path in sorted((REPO / "briefly").rglob("*.py")):
        if path != REPO / "briefly" / "content" / "claims.py":
            assert not [t for _, t in code_strings(path) if t.startswith("status-")], path


def test_templates_and_markdown_give_a_badge_the_same_class() -> None:
    env = Renderer(TEMPLATES).env
    for status in CLAIM_STATUSES:
        assert env.from_string("{{ s | status_class }}").render(s=status) == status_class(status)
        assert status_badge(status).get("class") == f"status {status_class(status)}"
    assert status_class("not disclosed") == "status-not-disclosed"


def test_templates_see_every_site_path_under_its_python_name() -> None:
    paths = Renderer(TEMPLATES).env.globals["paths"]
    shown = vars(paths)
    for name, value in shown.items():
        assert getattr(urls, name) is value
    defined = {name for name, value in vars(urls).items()
               if name.endswith(("_url", "_URL")) and (isinstance(value, str) or (
                   callable(value) and value.__module__ == urls.__name__))}
    # Templates get these two per page instead: url(target) and absolute_url(target).
    assert defined - set(shown) == {"relative_url", "absolute_url"}


def test_a_template_links_with_the_helpers() -> None:
    env = Renderer(TEMPLATES).env
    page = urls.PageContext(config(), "briefs/a/index.html")
    template = env.from_string("{{ url(paths.brief_url('b')) }} {{ url(paths.ARCHIVE_URL) }} "
                               "{{ url(paths.table_csv_url('a', 'table-1')) }}")
    assert template.render(url=page.url) == "../b/ ../ table-1.csv"


def test_fixed_site_paths() -> None:
    assert (urls.HOME_URL, urls.ARCHIVE_URL, urls.TOPICS_URL, urls.SEARCH_URL) == (
        "", "briefs/", "topics/", "search/")
    assert (urls.SITE_FEED_URL, urls.JSON_FEED_URL) == ("feed.xml", "feed.json")
    assert (urls.NOT_FOUND_URL, urls.SITEMAP_URL, urls.ROBOTS_URL) == (
        "404.html", "sitemap.xml", "robots.txt")


@pytest.mark.parametrize(("helper", "args", "expected"), [
    (urls.brief_url, ("deepseek-v4",), "briefs/deepseek-v4/"),
    (urls.brief_alias_url, ("deepseek-v4-old",), "briefs/deepseek-v4-old/"),
    (urls.topic_url, ("open-weight-models",), "topics/open-weight-models/"),
    (urls.topic_feed_url, ("open-weight-models",), "topics/open-weight-models/feed.xml"),
    (urls.card_url, ("deepseek-v4",), "briefs/deepseek-v4/card.png"),
    (urls.table_csv_url, ("deepseek-v4", "table-2"), "briefs/deepseek-v4/table-2.csv"),
    (urls.facts_json_url, ("deepseek-v4",), "briefs/deepseek-v4/facts.json"),
    (urls.search_index_url, ("pagefind.js",), "pagefind/pagefind.js"),
    (urls.asset_url, ("style.css",), "assets/style.css"),
])
def test_site_paths(helper, args: tuple[str, ...], expected: str) -> None:
    assert helper(*args) == expected


def test_a_folder_is_published_as_its_index_page() -> None:
    assert urls.page_file("") == "index.html"
    assert urls.page_file("briefs/x/") == "briefs/x/index.html"
    assert urls.page_file("feed.xml") == "feed.xml"


def test_absolute_urls_and_the_base_path() -> None:
    assert urls.absolute_url("https://x.org/news/", "briefs/a/") == "https://x.org/news/briefs/a/"
    assert urls.absolute_url("https://x.org/", "") == "https://x.org/"
    assert urls.base_path("https://x.org/news/") == "/news/"
    assert urls.base_path("https://x.org/") == "/"


@pytest.mark.parametrize(("page", "target", "link"), [
    ("index.html", "", "./"),
    ("index.html", "briefs/a/", "briefs/a/"),
    ("briefs/a/index.html", "", "../../"),
    ("briefs/a/index.html", "briefs/a/", "./"),
    ("briefs/a/index.html", "briefs/a/table-1.csv", "table-1.csv"),
    ("briefs/a/index.html", "topics/t/", "../../topics/t/"),
    ("topics/t/index.html", "assets/style.css", "../../assets/style.css"),
    ("404.html", "search/", "search/"),
])
def test_links_are_relative_to_the_page(page: str, target: str, link: str) -> None:
    assert urls.relative_url(page, target) == link
    assert urls.PageContext(config(), page).url(target) == link


def test_the_not_found_page_links_from_the_site_root() -> None:
    site = config("https://example.org/news/")
    page = urls.PageContext(site, "404.html", absolute_links=True)
    assert page.url("") == "/news/"
    assert page.url(urls.ARCHIVE_URL) == "/news/briefs/"
    assert page.absolute_url(urls.card_url("a")) == "https://example.org/news/briefs/a/card.png"
    assert urls.PageContext(site, "briefs/a/index.html").url("") == "../../"


def test_every_published_file_is_named_by_a_helper(built: ScratchProject) -> None:
    site, _ = check_site(Project(built.root), drafts=False)
    assert site is not None
    expected = {urls.page_file(u) for u in (urls.HOME_URL, urls.ARCHIVE_URL,
                                            urls.TOPICS_URL, urls.SEARCH_URL)}
    expected |= {urls.NOT_FOUND_URL, urls.SITE_FEED_URL, urls.JSON_FEED_URL,
                 urls.SITEMAP_URL, urls.ROBOTS_URL, urls.page_file(urls.CORRECTIONS_URL),
                 urls.CORRECTIONS_FEED_URL}
    for topic in site.topics:
        expected |= {urls.page_file(urls.topic_url(topic.slug)), urls.topic_feed_url(topic.slug)}
    for brief in site.briefs:
        expected |= {urls.page_file(urls.brief_url(brief.slug)), urls.card_url(brief.slug),
                     urls.facts_json_url(brief.slug)}
        expected |= {urls.table_csv_url(brief.slug, table.anchor)
                     for table in build_brief_view(brief, MarkdownRenderer()).tables}
        expected |= {urls.page_file(urls.brief_alias_url(a)) for a in brief.aliases}
        expected |= {urls.page_file(urls.source_url(s.id)) for s in brief.sources}
    expected.add(urls.page_file(urls.SOURCES_URL))
    published = {p.relative_to(built.site).as_posix() for p in built.site.rglob("*")
                 if p.is_file() and not p.name.startswith(".")}
    folders = (urls.asset_url(""), urls.search_index_url(""))
    assert {p for p in published if not p.startswith(folders)} == expected
    assert any(p.startswith(urls.search_index_url("")) for p in published)
