"""The preview server as an editor uses it: a real process, real HTTP, real edits.

Each test starts ``build.py serve --port 0`` on a scratch project and reads the
URL it prints.  Waiting is always polling with a deadline, never a fixed sleep.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Callable, Iterator

import pytest
from bs4 import BeautifulSoup

from .conftest import REPO, TEST_BRIEF, ScratchProject, line_and_column
from .watching import FakeClock, ScriptedWatcher

ARTICLE = f"content/briefs/{TEST_BRIEF}/brief.md"
BRIEF = f"/briefs/{TEST_BRIEF}/"
CITED = "it is built. [@institute-note]"
MISCITED = "it is built. [@institute-not]"
DEADLINE = 30.0


def wait_until(condition: Callable[[], object], what: str, deadline: float = DEADLINE) -> object:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        threading.Event().wait(0.02)  # a poll step, not a wait for a result
    raise AssertionError(f"timed out waiting for {what}")


class Preview:
    """A running ``build.py serve`` process and an HTTP client for it."""

    def __init__(self, project: ScratchProject, *args: str,
                 env: dict[str, str] | None = None) -> None:
        self.project = project
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "--root", str(project.root), "serve",
             "--port", "0", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, **(env or {})})
        self.out: list[str] = []
        self.err: list[str] = []
        for stream, lines in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=lambda s=stream, l=lines: l.extend(iter(s.readline, "")),
                             daemon=True).start()
        line = wait_until(lambda: next((x for x in self.out if "Serving" in x), None)
                          or self.proc.poll() is not None, "the server to start")
        assert isinstance(line, str), "".join(self.err)
        self.port = int(line.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])

    @property
    def output(self) -> Path:
        return self.project.root / ".briefly-preview" / "site"

    def get(self, path: str, host: str | None = None) -> tuple[int, dict[str, str], str]:
        """A raw request: the path is sent exactly as given, never normalised."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=DEADLINE)
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host or f"127.0.0.1:{self.port}")
        conn.endheaders()
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        conn.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body

    def page(self, path: str) -> BeautifulSoup:
        return BeautifulSoup(self.get(path)[2], "html.parser")

    def status(self) -> dict:
        return json.loads(self.get("/__briefly__/status")[2])

    def wait_for_text(self, path: str, text: str, status: int = 200) -> str:
        def check() -> str | None:
            code, _, body = self.get(path)
            return body if code == status and text in body else None
        return str(wait_until(check, f"{text!r} at {path}"))

    def stop(self, sig: int = signal.SIGINT) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=DEADLINE)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


@pytest.fixture
def preview(project: ScratchProject) -> Iterator[Preview]:
    server = Preview(project)
    yield server
    server.stop()


def test_pages_carry_reload_script_and_a_csp_that_allows_only_it(preview: Preview) -> None:
    code, headers, body = preview.get(BRIEF)
    assert code == 200 and headers["content-type"] == "text/html; charset=utf-8"
    soup = BeautifulSoup(body, "html.parser")
    assert soup.find("h1") is not None
    # JSON-LD blocks are data, never executed; every other script has a src.
    executable = [t for t in soup.find_all("script") if t.get("type") != "application/ld+json"]
    reload = f"/livereload.js?port={preview.port}"
    assert [t.get("src") for t in executable if "livereload" in t.get("src", "")] == [reload]
    assert all(t.get("src") in (reload, "../../assets/cite-preview.js") for t in executable)
    assert not any(tag.string for tag in executable), "no inline script"
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == f"'self' ws://127.0.0.1:{preview.port}"
    # Injected into the response only: the preview's files on disk are untouched.
    on_disk = (preview.output / BRIEF.strip("/") / "index.html").read_text(encoding="utf-8")
    assert "livereload" not in on_disk and "ws://" not in on_disk
    code, headers, script = preview.get(f"/livereload.js?port={preview.port}")
    assert code == 200 and headers["content-type"].startswith("application/javascript")
    assert "LiveReload" in script
    assert not preview.project.site.exists(), "the preview must never write site/"


def test_published_site_has_no_reload_script(built: ScratchProject) -> None:
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "livereload" not in text and "ws://" not in text, page
        soup = BeautifulSoup(text, "html.parser")
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        # No socket may be opened: only to the site itself, or (a redirect) nowhere.
        assert "connect-src 'self';" in csp or (
            csp.startswith("default-src 'none';") and "connect-src" not in csp), page


def test_content_types_and_the_sites_own_404(project: ScratchProject) -> None:
    static = project.root / "static"
    (static / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (static / "icon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (static / "data.json").write_text("{}")
    (static / "feed.xml").write_text("<feed/>")
    (static / "app.js").write_text("void 0;")
    server = Preview(project)
    try:
        expected = {"/": "text/html; charset=utf-8", "/assets/style.css": "text/css",
                    "/assets/app.js": "application/javascript",
                    "/assets/data.json": "application/json", "/assets/feed.xml": "application/xml",
                    "/assets/logo.png": "image/png", "/assets/icon.svg": "image/svg+xml"}
        for path, kind in expected.items():
            code, headers, _ = server.get(path)
            assert code == 200, path
            assert headers["content-type"].split(";")[0] == kind.split(";")[0], path
            assert headers["x-content-type-options"] == "nosniff"
        code, headers, body = server.get("/briefs/no-such-brief/")
        assert code == 404 and headers["content-type"] == "text/html; charset=utf-8"
        soup = BeautifulSoup(body, "html.parser")
        assert soup.find("h1").get_text() == "Page not found"
        assert soup.find("script", src=f"/livereload.js?port={server.port}") is not None
        code, headers, _ = server.get(BRIEF.rstrip("/"))
        assert code in (301, 302) and headers["location"] == BRIEF
    finally:
        server.stop()


def test_no_path_escapes_the_output_folder(preview: Preview, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    (preview.output / "outside.txt").symlink_to(secret)
    (preview.output / "outside-dir").symlink_to(tmp_path, target_is_directory=True)
    attempts = ["/../secret.txt", "/../../secret.txt", "/../../../secret.txt",
                "/%2e%2e/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/%2E%2E/secret.txt",
                "/assets/..%2f..%2f..%2fsecret.txt", "/..%5c..%5csecret.txt",
                "/%252e%252e/%252e%252e/secret.txt", "/assets/%2e%2e/%2e%2e/%2e%2e/secret.txt",
                "/outside.txt", "/outside-dir/secret.txt", "/.briefly-output",
                "/assets/style.css%00.html", "//" + str(secret), "/" + str(secret)]
    for path in attempts:
        code, _, body = preview.get(path)
        assert code in (403, 404), path
        assert "TOP-SECRET" not in body, path
    # A page asked for by a foreign host name (DNS rebinding) is refused.
    assert preview.get("/", host="attacker.example")[0] == 403


def test_edit_appears_and_reload_is_sent_after_the_rebuild(
        preview: Preview, project: ScratchProject) -> None:
    before = preview.status()
    project.edit(project.facts(), "kicker: Grid storage", "kicker: Freshly edited kicker")
    preview.wait_for_text(BRIEF, "Freshly edited kicker")
    status = wait_until(lambda: (s := preview.status())["reloads"] > before["reloads"] and s,
                        "the reload")
    assert status["builds"] == before["builds"] + 1 and status["ok"]
    wait_until(lambda: any("Rebuilt after 1 change in" in line for line in preview.out),
               "the rebuild's log line")


def test_broken_brief_shows_errors_on_every_page_then_recovers(
        preview: Preview, project: ScratchProject) -> None:
    project.edit(project.article(), CITED, MISCITED)
    line, column = line_and_column(project.article(), "[@institute-not]")
    message = f"{ARTICLE}:{line}:{column}: error: unknown source id 'institute-not' in citation"
    body = preview.wait_for_text(BRIEF, message, status=500)
    soup = BeautifulSoup(body, "html.parser")
    assert "did you mean 'institute-note'?" in soup.find("pre").get_text()
    assert soup.find("script", src=f"/livereload.js?port={preview.port}") is not None
    for path in ("/", "/topics/", "/briefs/no-such-page/"):
        code, _, other = preview.get(path)
        assert code == 500 and message in other, path
    assert preview.get("/assets/style.css")[0] == 200  # assets of the last good build stay
    assert preview.proc.poll() is None, "the server keeps running"
    project.edit(project.article(), MISCITED, CITED)
    page = preview.wait_for_text(BRIEF, "Tidewater")
    assert "error:" not in page
    assert preview.status()["ok"]


def test_error_page_escapes_what_the_editor_wrote(
        preview: Preview, project: ScratchProject) -> None:
    text = project.facts().read_text(encoding="utf-8")
    project.facts().write_text("<b>bold</b>: 1\n" + text, encoding="utf-8")
    body = preview.wait_for_text("/", "unknown key", status=500)
    soup = BeautifulSoup(body, "html.parser")
    assert soup.find("b") is None
    assert (f"content/briefs/{TEST_BRIEF}/facts.yaml:1:1: error: unknown key '<b>bold</b>'"
            in soup.find("pre").get_text())


def test_template_syntax_error_names_template_and_line(
        preview: Preview, project: ScratchProject) -> None:
    partial = project.root / "templates" / "partials" / "answer.html"
    lines = partial.read_text(encoding="utf-8").split("\n")
    lines[2] += " {% if %}"
    partial.write_text("\n".join(lines), encoding="utf-8")
    preview.wait_for_text("/", "templates/partials/answer.html:3: error: template syntax "
                          "error: Expected an expression", status=500)
    lines[2] = lines[2].replace(" {% if %}", "")
    partial.write_text("\n".join(lines), encoding="utf-8")
    preview.wait_for_text("/", "Tidewater")


def test_undefined_variable_in_a_partial_names_the_partial(project: ScratchProject) -> None:
    partial = project.root / "templates" / "partials" / "answer.html"
    lines = partial.read_text(encoding="utf-8").split("\n")
    lines[2] += " {{ no_such_value }}"
    partial.write_text("\n".join(lines), encoding="utf-8")
    result = project.cli("build")
    assert result.code == 1
    assert ("templates/partials/answer.html:3: error: template error: 'no_such_value' is "
            "undefined") in result.err


def save_article(project: ScratchProject, text: str) -> Path:
    """Save the article the way editors do: a temp file, then a rename over it."""
    article = project.article()
    temp = article.with_name(".brief.md.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, article)
    return article


def test_a_burst_of_saves_ends_with_the_last_save_published(
        preview: Preview, project: ScratchProject) -> None:
    """Real saves, real watcher: however the saves fall into bursts on a busy
    machine, the preview ends showing the last one, and every rebuild is logged
    and followed by its reload.  That a burst is one rebuild is shown without
    real time below."""
    before = preview.status()
    original = project.article().read_text(encoding="utf-8")
    for number in range(1, 21):
        project.facts().touch()
        save_article(project, original.replace(CITED, f"it is built ({number}). "
                                                      "[@institute-note]"))
    preview.wait_for_text(BRIEF, "it is built (20).")

    def settled() -> dict | None:
        """A moment when every rebuild so far is logged and has sent its reload."""
        status = preview.status()
        builds = status["builds"] - before["builds"]
        logged = sum("Rebuilt after" in line for line in preview.out)
        reloads = status["reloads"] - before["reloads"]
        return status if 1 <= builds and reloads == builds == logged else None

    status = wait_until(settled, "every rebuild's log line and reload")
    assert 1 <= status["builds"] - before["builds"] <= 20 and status["ok"]
    assert "it is built (20)." in preview.get(BRIEF)[2]


def test_a_burst_of_saves_rebuilds_once_and_a_later_save_once_more(
        project: ScratchProject, clock: FakeClock) -> None:
    """Twenty saves closer together than the quiet time, then a save after a
    longer pause: exactly two rebuilds and two reloads, the first already
    showing the twentieth save.  Which poll sees which save is scripted and the
    clock is fake, so this holds however slow the machine is."""
    from briefly.pipeline import Project
    from briefly.preview.http_app import PreviewState
    from briefly.preview.server import PreviewSession

    state = PreviewState(project.root / ".briefly-preview" / "site", 0)
    session = PreviewSession(Project(project.root), state)
    session.rebuild(None)  # the first build, as serve makes it
    original = project.article().read_text(encoding="utf-8")

    def save(label: str) -> Callable[[], set[Path]]:
        return lambda: {save_article(project, original.replace(
            CITED, f"it is built ({label}). [@institute-note]"))}

    # A save every third poll: 30 ms apart, inside the 50 ms quiet time.
    burst = [step for number in range(1, 21) for step in (save(str(number)), set(), set())]
    quiet = [set()] * 8  # 80 ms without a save: longer than the quiet time
    session.watcher = ScriptedWatcher([*burst, *quiet, save("later"), *quiet],
                                      when_done=clock.set, interval=0.01, quiet=0.05)
    session.stop = clock  # waiting advances the fake clock; set when the script ends
    page = state.output / "briefs" / TEST_BRIEF / "index.html"
    rebuilt: list[tuple[set[Path], str]] = []
    reloads: list[str] = []
    real_rebuild = session.rebuild

    def rebuild(changes: set[Path] | None) -> None:
        real_rebuild(changes)
        rebuilt.append((changes, page.read_text(encoding="utf-8")))

    session.rebuild = rebuild  # type: ignore[method-assign]
    session.loop = SimpleNamespace(  # type: ignore[assignment]
        call_soon_threadsafe=lambda send, state, target: reloads.append(target))
    try:
        session.watch_forever()
    finally:
        session.close()
    assert [changes for changes, _ in rebuilt] == [{project.article()}, {project.article()}]
    assert "it is built (20)." in rebuilt[0][1] and "it is built (19)." not in rebuilt[0][1]
    assert "it is built (later)." in rebuilt[1][1]
    assert reloads == ["*", "*"]
    assert state.builds == 3 and state.problems is None


def test_port_in_use_is_one_clear_line(project: ScratchProject) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = project.run("serve", "--port", str(port))
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err
    assert lines[0].startswith(f"error: port {port} is already in use on 127.0.0.1; "
                               "try --port ")
    suggested = int(lines[0].rsplit(" ", 1)[1])
    assert suggested > port


def test_ctrl_c_stops_cleanly_and_keeps_the_preview_for_the_next_start(
        project: ScratchProject) -> None:
    server = Preview(project)
    assert server.output.is_dir()
    assert server.stop(signal.SIGINT) == 0
    err = "".join(server.err)
    assert "Traceback" not in err, err
    assert (server.output / BRIEF.strip("/") / "index.html").is_file()
    assert "Stopped; the preview's pages stay in .briefly-preview/" in "".join(server.out)
    assert not project.site.exists()


def test_all_interfaces_only_when_asked_and_with_a_warning(project: ScratchProject) -> None:
    server = Preview(project, "--host", "0.0.0.0")
    try:
        assert any(line.startswith("warning: listening on 0.0.0.0") for line in server.err)
        assert server.get("/")[0] == 200
    finally:
        server.stop()
    default = Preview(project)
    try:
        assert not any("warning" in line for line in default.err)
    finally:
        default.stop()


def test_open_hands_the_url_to_the_browser(project: ScratchProject, tmp_path: Path) -> None:
    opened = tmp_path / "opened.txt"
    # webbrowser runs $BROWSER with %s replaced by the URL: a stand-in that records it.
    browser = (f"{sys.executable} -c \"import sys, pathlib; "
               f"pathlib.Path(sys.argv[1]).write_text(sys.argv[2])\" {opened} %s")
    server = Preview(project, "--open", env={"BROWSER": browser})
    try:
        wait_until(lambda: opened.exists() and opened.read_text(), "the browser to be opened")
        assert opened.read_text() == f"http://127.0.0.1:{server.port}/"
    finally:
        server.stop()


def test_search_index_only_when_asked(project: ScratchProject) -> None:
    # Pagefind reindexes every brief on each build: too slow for every save by default.
    default = Preview(project)
    try:
        assert default.get("/pagefind/pagefind.js")[0] == 404
        assert default.get("/search/")[0] == 200
    finally:
        default.stop()
    server = Preview(project, "--search")
    try:
        code, headers, _ = server.get("/pagefind/pagefind.js")
        assert code == 200 and headers["content-type"].startswith("application/javascript")
    finally:
        server.stop()


def test_an_impossible_port_is_a_usage_error(project: ScratchProject) -> None:
    result = project.run("serve", "--port", "70000")
    assert result.code == 2 and "Traceback" not in result.err
    assert "argument --port: invalid port_number value: '70000'" in result.err


def test_one_preview_per_project(preview: Preview, project: ScratchProject) -> None:
    second = project.run("serve", "--port", "0")
    assert second.code == 2 and "Traceback" not in second.err
    assert second.err.strip() == ("error: another `serve` is already previewing this "
                                  "project; use its address, or stop it first")
    assert preview.get("/")[0] == 200  # the first one is unharmed
    assert preview.output.is_dir()


def test_a_save_during_the_first_build_is_not_missed(project: ScratchProject) -> None:
    """The watcher starts after the first build (so that build may use every
    core); a save made while it ran is caught up at once, not on the next save."""
    from briefly.pipeline import Project
    from briefly.preview.http_app import PreviewState
    from briefly.preview.server import PreviewSession

    session = PreviewSession(Project(project.root),
                             PreviewState(project.root / ".briefly-preview" / "site", 0))
    builds: list[set[Path] | None] = []

    def rebuild(changes: set[Path] | None) -> None:
        if not builds:  # an editor saves while the first build runs
            project.edit(project.root / ARTICLE, "## What happened", "## What happened\n\nSaved.")
        builds.append(changes)

    session.rebuild = rebuild  # type: ignore[method-assign]
    try:
        session.first_build()
        assert session.start_watching() == {project.root / ARTICLE}
        assert builds == [None, {project.root / ARTICLE}]
    finally:
        session.close()


def test_a_sub_path_base_url_is_served_so_the_404_page_works(project: ScratchProject) -> None:
    """Published at https://host/newsroom/, the 404 page links to /newsroom/...;
    the preview serves that path too, so the page is styled and its links work."""
    project.edit(project.root / "briefly.yaml", "base_url: https://briefly.example.org/",
                 "base_url: https://briefly.example.org/newsroom/")
    server = Preview(project)
    try:
        code, _, body = server.get("/no-such-page")
        assert code == 404
        soup = BeautifulSoup(body, "html.parser")
        links = [soup.find("link", rel="stylesheet")["href"]]
        links += [a["href"] for a in soup.select("main a[href]")]
        assert links and all(href.startswith("/newsroom/") for href in links), links
        for href in links:
            assert server.get(href)[0] == 200, href
        assert server.get("/assets/style.css")[0] == 200  # relative links still work
        code, headers, _ = server.get("/newsroom" + BRIEF.rstrip("/"))
        assert code in (301, 302) and headers["location"] == "/newsroom" + BRIEF
        code, headers, _ = server.get("/newsroom")
        assert code in (301, 302) and headers["location"] == "/newsroom/"
        assert server.get("/newsroom/")[0] == 200
    finally:
        server.stop()
