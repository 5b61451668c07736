"""Incremental builds: always byte-identical to a clean build, never trusting a bad cache.

The property test applies random sequences of edits, additions, renames,
deletions, template changes and broken files to a small generated corpus,
rebuilding after each, and compares the published folder with the pages a
clean, cache-free rendering of the same content produces.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefly.cache import records
from briefly.cache import store as cache

from briefly.pipeline import build_site
from briefly.check_pipeline import check_site
from briefly.project import Project

from .reference import render_pages
from briefly.publish.output_folder import MARKER

from .conftest import REPO, snapshot

_spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
assert _spec.loader is not None
_spec.loader.exec_module(generate)

CORPUS = 4


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "project"
    generate.generate_corpus(root, CORPUS, shared=True)
    return root


def fresh_copy(corpus: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(corpus, target)
    return target


def clean_warnings(root: Path) -> list[str]:
    return sorted(str(p) for p in check_site(Project(root), drafts=False)[1].warnings)


def clean_pages(root: Path, drafts: bool = False) -> dict[str, bytes] | None:
    """What a build without any cache publishes, straight from the sources."""
    site, diagnostics = check_site(Project(root), drafts=drafts)
    if site is None or diagnostics.errors:
        return None
    return render_pages(Project(root), site)


def published(folder: Path) -> dict[str, bytes]:
    files = snapshot(folder)
    files.pop(MARKER, None)
    return files


def briefs_dir(root: Path) -> Path:
    return root / "content" / "briefs"


def slugs(root: Path) -> list[str]:
    return sorted(p.name for p in briefs_dir(root).iterdir())


# -- the edits -------------------------------------------------------------

def edit_text(root: Path, pick: int, n: int) -> None:
    path = briefs_dir(root) / slugs(root)[pick % len(slugs(root))] / "brief.md"
    path.write_text(path.read_text().replace("## The numbers\n\n",
                                             f"## The numbers\n\nChange {n}. ", 1))


def edit_fact_same_size_keep_mtime(root: Path, pick: int, n: int) -> None:
    """Same size, mtime put back: only ctime tells the file changed."""
    path = briefs_dir(root) / slugs(root)[pick % len(slugs(root))] / "facts.yaml"
    before = path.stat()
    text = path.read_text()
    digit = str(n % 10)
    index = text.index(" units") - 1
    text = text[:index] + ("7" if text[index] == digit else digit) + text[index + 1:]
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def edit_headline(root: Path, pick: int, n: int) -> None:
    path = briefs_dir(root) / slugs(root)[pick % len(slugs(root))] / "facts.yaml"
    text = path.read_text()
    path.write_text(text.replace('headline: "', f'headline: "Edit {n} ', 1))


def change_topics(root: Path, pick: int, n: int) -> None:
    path = briefs_dir(root) / slugs(root)[pick % len(slugs(root))] / "facts.yaml"
    lines = path.read_text().split("\n")
    lines = [f"topics: [{generate.TOPICS[n % 3]}]" if l.startswith("topics:") else l
             for l in lines]
    path.write_text("\n".join(lines))


def toggle_draft(root: Path, pick: int, n: int) -> None:
    path = briefs_dir(root) / slugs(root)[pick % len(slugs(root))] / "facts.yaml"
    text = path.read_text()
    path.write_text(text.replace("draft: true\n", "") if "draft: true\n" in text
                    else "draft: true\n" + text)


def add_brief(root: Path, pick: int, n: int) -> None:
    slug, facts, article = generate.brief_files(100 + n, seed=pick, shared=True)
    folder = briefs_dir(root) / f"{slug}-{pick}"
    if not folder.exists():
        folder.mkdir()
        (folder / "facts.yaml").write_text(facts)
        (folder / "brief.md").write_text(article)


def delete_brief(root: Path, pick: int, n: int) -> None:
    if len(slugs(root)) > 1:
        shutil.rmtree(briefs_dir(root) / slugs(root)[pick % len(slugs(root))])


def rename_brief(root: Path, pick: int, n: int) -> None:
    old = briefs_dir(root) / slugs(root)[pick % len(slugs(root))]
    new = briefs_dir(root) / f"renamed-{n}-{old.name}"
    if not new.exists():
        old.rename(new)


def edit_template(root: Path, pick: int, n: int) -> None:
    path = root / "templates" / ("base.html", "macros.html", "partials/faq.html")[pick % 3]
    text = path.read_text()
    marker = "</body>" if "</body>" in text else "{% endmacro %}" if pick % 3 == 1 else "</section>"
    path.write_text(text.replace(marker, f"<!-- {n} -->{marker}", 1))


def edit_settings(root: Path, pick: int, n: int) -> None:
    path = root / "briefly.yaml"
    path.write_text(path.read_text().replace("tagline: ", f"tagline: {n} ", 1))


def break_brief(root: Path, pick: int, n: int) -> None:
    path = briefs_dir(root) / slugs(root)[pick % len(slugs(root))] / "facts.yaml"
    path.write_text(path.read_text() + "\nheadline: [unclosed\n")


def fix_broken(root: Path, pick: int, n: int) -> None:
    for folder in briefs_dir(root).iterdir():
        path = folder / "facts.yaml"
        path.write_text(path.read_text().replace("\nheadline: [unclosed\n", ""))
    for path in (registry(root), fact_sheet(root)):
        path.write_text(path.read_text().replace(CLASH, "").replace("\n  bad: [unclosed", ""))


# -- edits of the shared content: the registry and the fact sheet ----------

CLASH = "  - {id: src-1, title: Clashing id, publisher: Reuters, date: 2019-01-01}\n"


def registry(root: Path) -> Path:
    return root / "content" / "sources.yaml"


def fact_sheet(root: Path) -> Path:
    return root / "content" / "facts" / "corpus-index.yaml"


def edit_registry_source(root: Path, pick: int, n: int) -> None:
    """A registry source's title: only the briefs citing it show it."""
    path = registry(root)
    ident = f"shared-{pick % 2 + 1}"
    text = path.read_text()
    at = text.index(f"id: {ident}\n")
    title = text.index("title: ", at) + len("title: ")
    path.write_text(text[:title] + f"Edit {n} " + text[title:])


def edit_shared_fact(root: Path, pick: int, n: int) -> None:
    path = fact_sheet(root)
    key = generate.FACT_KEYS[pick % 2]
    lines = [f'  {key}: {{value: "{n}.{pick} units", cite: shared-{pick % 2 + 1}}}'
             if line.startswith(f"  {key}:") else line for line in path.read_text().split("\n")]
    path.write_text("\n".join(lines))


def clash_registry_id(root: Path, pick: int, n: int) -> None:
    """The registry takes an id every brief uses for a source of its own: each errs."""
    path = registry(root)
    if CLASH not in path.read_text():
        path.write_text(path.read_text() + CLASH)


def break_fact_sheet(root: Path, pick: int, n: int) -> None:
    path = fact_sheet(root)
    if "bad: [unclosed" not in path.read_text():
        path.write_text(path.read_text().rstrip("\n") + "\n  bad: [unclosed")


def touch_only(root: Path, pick: int, n: int) -> None:
    path = briefs_dir(root) / slugs(root)[pick % len(slugs(root))] / "brief.md"
    path.write_bytes(path.read_bytes())


def delete_output_page(root: Path, pick: int, n: int) -> None:
    pages = sorted((root / "site").rglob("index.html")) if (root / "site").is_dir() else []
    if pages:
        pages[pick % len(pages)].unlink()


def add_stray_file(root: Path, pick: int, n: int) -> None:
    folder = briefs_dir(root) / slugs(root)[pick % len(slugs(root))]
    target = folder / ("notes" if pick % 2 else "") / f"stray-{n}.txt"
    target.parent.mkdir(exist_ok=True)
    target.write_text("not part of the brief")


def remove_stray_files(root: Path, pick: int, n: int) -> None:
    for path in sorted(briefs_dir(root).rglob("stray-*.txt")):
        path.unlink()


EDITS = [add_stray_file, remove_stray_files, edit_text, edit_fact_same_size_keep_mtime, edit_headline, change_topics,
         toggle_draft, add_brief, delete_brief, rename_brief, edit_template, edit_settings,
         break_brief, fix_broken, touch_only, delete_output_page, edit_registry_source,
         edit_shared_fact, clash_registry_id, break_fact_sheet]


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 7)), min_size=1,
                max_size=6))
def test_incremental_build_equals_clean_build(corpus: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              steps: list) -> None:
    # Builds here follow edits by milliseconds; let stat alone decide, as it
    # would for edits made a second or more after a build.
    monkeypatch.setattr(records, "RACY_NS", 20_000_000)
    root = fresh_copy(corpus, tmp_path / "project")
    edit_build_and_compare(root, steps)


def test_shared_content_edits_keep_incremental_equal_to_clean(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every edit of the registry and the fact sheet, in one fixed sequence."""
    monkeypatch.setattr(records, "RACY_NS", 20_000_000)
    root = fresh_copy(corpus, tmp_path / "project")
    edit_build_and_compare(root, [
        (edit_registry_source, 0), (edit_shared_fact, 1), (edit_text, 2),
        (clash_registry_id, 0), (fix_broken, 0), (break_fact_sheet, 0),
        (edit_shared_fact, 0), (fix_broken, 0), (edit_registry_source, 1),
        (add_brief, 3), (edit_shared_fact, 1)])


def edit_build_and_compare(root: Path, steps: list) -> None:
    """Build, then after each edit build again and hold the site to a clean build's."""
    assert build_site(Project(root), root / "site", search=False).ok
    for n, (edit, pick) in enumerate(steps):
        before = published(root / "site")
        edit(root, pick, n)
        result = build_site(Project(root), root / "site", search=False)
        expected = clean_pages(root)
        if expected is None:
            assert not result.ok
            # A failed build leaves the old site (bar a page an edit deleted).
            assert published(root / "site").items() <= before.items()
        else:
            assert result.ok, [str(e) for e in result.diagnostics.errors]
            assert published(root / "site") == expected, edit.__name__
            assert sorted(str(p) for p in result.diagnostics.warnings) == clean_warnings(root)


def test_noop_rebuild_rewrites_nothing(corpus: Path, tmp_path: Path) -> None:
    root = fresh_copy(corpus, tmp_path / "project")
    assert build_site(Project(root), root / "site", search=False).ok
    stats = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in (root / "site").rglob("*")}
    result = build_site(Project(root), root / "site", search=False)
    assert result.ok and result.rendered == 0 and result.stats.written == 0
    assert {p: (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in (root / "site").rglob("*")} == stats


def test_one_edit_rewrites_only_the_pages_that_changed(corpus: Path, tmp_path: Path) -> None:
    root = fresh_copy(corpus, tmp_path / "project")
    assert build_site(Project(root), root / "site", search=False).ok
    mtimes = {p.relative_to(root / "site").as_posix(): p.stat().st_mtime_ns
              for p in (root / "site").rglob("*.html")}
    edit_text(root, 0, 1)  # body text only: listings show the answer, not the body
    assert build_site(Project(root), root / "site", search=False).ok
    changed = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*.html")
               if p.stat().st_mtime_ns != mtimes[p.relative_to(root / "site").as_posix()]}
    assert changed == {f"briefs/{slugs(root)[0]}/index.html"}


def test_a_registry_edit_rewrites_the_citing_briefs_and_the_source_page(
        corpus: Path, tmp_path: Path) -> None:
    root = fresh_copy(corpus, tmp_path / "project")
    assert build_site(Project(root), root / "site", search=False).ok
    mtimes = {p.relative_to(root / "site").as_posix(): p.stat().st_mtime_ns
              for p in (root / "site").rglob("*.html")}
    edit_registry_source(root, 0, 1)  # shared-1: cited by the even-numbered briefs
    result = build_site(Project(root), root / "site", search=False)
    assert result.ok
    changed = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*.html")
               if p.stat().st_mtime_ns != mtimes.get(p.relative_to(root / "site").as_posix())}
    citing = {f"briefs/{s}/index.html" for s in slugs(root) if int(s.split("-")[1]) % 2 == 0}
    assert changed == citing | {"sources/shared-1/index.html", "sources/index.html",
                                "facts/corpus-index/index.html"}


def test_template_edit_leaves_data_files_and_cards_alone(corpus: Path, tmp_path: Path) -> None:
    """Data files and cards ignore the templates: a template edit must not redo them,
    yet one deleted from the output meanwhile comes back."""
    root = fresh_copy(corpus, tmp_path / "project")
    site = root / "site"
    assert build_site(Project(root), site, search=False).ok
    first = slugs(root)[0]
    data = sorted(p for p in site.rglob("*") if p.suffix in (".json", ".csv", ".png")
                  and p.parent.parent.name == "briefs")
    assert {p.name for p in data} >= {"facts.json", "card.png"}
    before = {p: p.stat().st_mtime_ns for p in data}
    (site / "briefs" / first / "facts.json").unlink()
    edit_template(root, 0, 1)
    result = build_site(Project(root), site, search=False)
    assert result.ok
    assert published(site) == clean_pages(root)
    assert {p: p.stat().st_mtime_ns for p in data
            if p.parent.name != first} == {p: t for p, t in before.items() if p.parent.name != first}
    # Every page was re-rendered; of the data files, only the deleted brief's were redone.
    pages = sum(1 for p in site.rglob("*.html"))
    other_data = sum(1 for p in data if p.parent.name != first)
    assert result.reused >= other_data
    assert result.rendered >= pages


def test_a_body_edit_leaves_listings_feeds_and_sitemap_alone(corpus: Path, tmp_path: Path
                                                            ) -> None:
    """Listing pages show only summaries: editing a brief's body re-renders that brief."""
    root = fresh_copy(corpus, tmp_path / "project")
    assert build_site(Project(root), root / "site", search=False).ok
    edit_text(root, 1, 1)
    result = build_site(Project(root), root / "site", search=False)
    assert result.ok and published(root / "site") == clean_pages(root)
    own = [p for p in (root / "site" / "briefs" / slugs(root)[1]).rglob("*") if p.is_file()]
    assert result.rendered == len(own)


@pytest.mark.parametrize("pool", [False, True])
def test_a_listing_that_reads_past_the_summary_follows_body_edits(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: bool) -> None:
    """A template may reach for any field; then the page must follow every edit."""
    from briefly.cache import site_pages as sitewide

    if pool:  # listing pages rendered in forked workers report their loads too
        monkeypatch.setattr(sitewide, "LISTING_PARALLEL_BRIEFS", 1)
    root = fresh_copy(corpus, tmp_path / "project")
    home = root / "templates" / "home.html"
    home.write_text(home.read_text().replace(
        "{% for view in briefs[1:cards + 1] %}",
        "{% for view in briefs %}<!-- {{ view.brief.numbers | string | length }} -->{% endfor %}"
        "{% for view in briefs[1:cards + 1] %}", 1))
    assert build_site(Project(root), root / "site", search=False).ok
    before = (root / "site" / "index.html").read_bytes()
    edit_text(root, 1, 1)
    assert build_site(Project(root), root / "site", search=False).ok
    assert published(root / "site") == clean_pages(root)
    assert (root / "site" / "index.html").read_bytes() != before


def test_a_build_leaves_the_garbage_collector_as_it_found_it(corpus: Path,
                                                             tmp_path: Path) -> None:
    """Builds collect rarely and freeze the cache index; the preview server, which
    runs build after build in one process, must get normal collection back."""
    import gc

    root = fresh_copy(corpus, tmp_path / "project")
    before = gc.get_threshold()
    assert build_site(Project(root), root / "site", search=False).ok
    break_brief(root, 0, 1)
    assert not build_site(Project(root), root / "site", search=False).ok
    assert gc.get_threshold() == before and gc.isenabled()
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("damage", ["flip", "truncate", "other-version", "garbage"])
def test_a_bad_cache_is_ignored_not_trusted(corpus: Path, tmp_path: Path, damage: str) -> None:
    root = fresh_copy(corpus, tmp_path / "project")
    assert build_site(Project(root), root / "site", search=False).ok
    edit_headline(root, 1, 1)
    cache_dir = root / cache.CACHE_DIR
    files = [p for p in sorted(cache_dir.rglob("*")) if p.is_file() and p.name != ".gitignore"]
    assert len(files) > CORPUS
    for path in files:
        data = path.read_bytes()
        if damage == "flip":
            data = data[:-10] + bytes(b ^ 0xFF for b in data[-10:])
        elif damage == "truncate":
            data = data[: len(data) // 2]
        elif damage == "other-version":
            data = data.replace(b"briefly-cache %d " % cache.CACHE_VERSION, b"briefly-cache 999 ", 1)
        else:
            data = b"not a cache at all"
        path.write_bytes(data)
        assert cache.load(path) is None
    workers_memo_cleared()
    result = build_site(Project(root), root / "site", search=False)
    assert result.ok
    assert published(root / "site") == clean_pages(root)


def workers_memo_cleared() -> None:
    """Forget the in-process memo, as a new process would."""
    from briefly.cache.index import forget_memo
    forget_memo()


def test_deleting_the_cache_is_safe(corpus: Path, tmp_path: Path) -> None:
    root = fresh_copy(corpus, tmp_path / "project")
    assert build_site(Project(root), root / "site", search=False).ok
    shutil.rmtree(root / cache.CACHE_DIR)
    workers_memo_cleared()
    mtimes = {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")}
    result = build_site(Project(root), root / "site", search=False)
    assert result.ok and result.stats.written == 0
    assert {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")} == mtimes


def test_interrupted_commit_rolls_back(corpus: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = fresh_copy(corpus, tmp_path / "project")
    assert build_site(Project(root), root / "site", search=False).ok
    before = snapshot(root / "site")
    edit_template(root, 0, 1)  # every page changes
    real_replace, calls = os.replace, []

    def flaky_replace(src, dst):
        calls.append(dst)
        if len(calls) == 5:
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky_replace)
    with pytest.raises(KeyboardInterrupt):
        build_site(Project(root), root / "site", search=False)
    monkeypatch.setattr(os, "replace", real_replace)
    assert snapshot(root / "site") == before
    assert published(root / "site") != clean_pages(root)
    assert build_site(Project(root), root / "site", search=False).ok
    assert published(root / "site") == clean_pages(root)


@pytest.mark.parametrize("page", ["index.html", "404.html", "briefs/index.html",
                                  "briefs/a/index.html", "topics/x/index.html", "a/b/c.html"])
def test_fast_relative_paths_match_posixpath(page: str) -> None:
    import posixpath

    from briefly.render.urls import _relpath
    here = posixpath.dirname(page) or "."
    for target in ["", "briefs/", "briefs/a/", "briefs/b/", "topics/x/", "assets/style.css",
                   "404.html", "a/b/", "a/b/c.html", "search/"]:
        target = target.rstrip("/") or "."
        assert _relpath(target, here) == posixpath.relpath(target, here)


def test_progress_bar_stays_quiet_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from briefly.progress import Progress, wanted

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    assert not wanted(io.StringIO())
    assert wanted(Terminal())
    monkeypatch.setenv("CI", "true")
    assert not wanted(Terminal())
    shown = Terminal()
    bar = Progress(500, "Rendering briefs", enabled=True, stream=shown)
    bar.advance(500)
    bar.close()
    assert "500/500" in shown.getvalue()


def test_build_prints_a_summary_of_rendered_and_reused_pages(corpus: Path, tmp_path: Path
                                                             ) -> None:
    from briefly.cli import main
    import contextlib
    import io

    root = fresh_copy(corpus, tmp_path / "project")
    for expected in ("pages rendered, 0 reused", " 0 pages rendered"):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["--root", str(root), "build", "--no-search"]) == 0
        assert expected in out.getvalue()


def test_parallel_paths_give_the_same_site(corpus: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The process pools (briefs, and long index pages) publish what one process does."""
    from briefly.cache import pool
    from briefly.cache import site_pages as sitewide

    monkeypatch.setattr(pool, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(sitewide, "LISTING_PARALLEL_BRIEFS", 1)
    root = fresh_copy(corpus, tmp_path / "project")
    assert build_site(Project(root), root / "site", search=False).ok
    assert published(root / "site") == clean_pages(root)
    edit_template(root, 0, 1)
    edit_headline(root, 2, 1)
    assert build_site(Project(root), root / "site", search=False).ok
    assert published(root / "site") == clean_pages(root)


def test_a_bucket_from_another_save_makes_the_index_untrusted(corpus: Path, tmp_path: Path
                                                              ) -> None:
    from briefly.cache.index import bucket_of, load_index

    root = fresh_copy(corpus, tmp_path / "project")
    assert build_site(Project(root), root / "site", search=False).ok
    slug = slugs(root)[0]
    bucket = root / cache.CACHE_DIR / "buckets" / str(bucket_of(slug))
    old = bucket.read_bytes()
    edit_headline(root, 0, 1)
    assert build_site(Project(root), root / "site", search=False).ok
    bucket.write_bytes(old)  # as if the save of the index itself was lost
    workers_memo_cleared()
    assert load_index(root / cache.CACHE_DIR, cache.code_fingerprint()).briefs == {}
    delete_brief(root, 0, 2)
    assert build_site(Project(root), root / "site", search=False).ok
    assert published(root / "site") == clean_pages(root)


def test_search_index_is_rebuilt_only_when_a_page_changed(corpus: Path, tmp_path: Path
                                                          ) -> None:
    from briefly.render.search import build_search_index

    def clean_with_search() -> dict[str, bytes]:
        pages = clean_pages(root)
        assert pages is not None
        pages.update(build_search_index(pages))
        return pages

    root = fresh_copy(corpus, tmp_path / "project")
    assert build_site(Project(root), root / "site").ok
    index = {p: p.stat().st_mtime_ns for p in (root / "site" / "pagefind").rglob("*")}
    assert index and published(root / "site") == clean_with_search()
    assert build_site(Project(root), root / "site").ok
    assert {p: p.stat().st_mtime_ns for p in (root / "site" / "pagefind").rglob("*")} == index
    edit_text(root, 1, 1)
    delete_brief(root, 2, 1)
    assert build_site(Project(root), root / "site").ok
    assert published(root / "site") == clean_with_search()
