"""What the browser tests need besides the browser: where Chromium is, whether
to run, skip or fail without it, and a local web server for a built site.

Kept apart from conftest.py so the run/skip/fail policy is a plain function a
unit test can call without any browser on the machine.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import importlib.util
import os
import shutil
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Literal

# Debian's Chromium; Playwright's own browser download is never used (it would
# fetch a binary from outside the package registries, which fails here).
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

Verdict = Literal["run", "skip", "fail"]


def find_chromium(env: Mapping[str, str]) -> Path | None:
    """The Chromium to drive: ``BRIEFLY_CHROMIUM`` if set, else Debian's."""
    wanted = env.get("BRIEFLY_CHROMIUM") or shutil.which("chromium") or DEFAULT_CHROMIUM
    path = Path(wanted)
    return path if path.is_file() and os.access(path, os.X_OK) else None


def missing_browser(env: Mapping[str, str]) -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return ("the Python package 'playwright' is not installed "
                "(pip install -e '.[test]')")
    if find_chromium(env) is None:
        where = env.get("BRIEFLY_CHROMIUM") or DEFAULT_CHROMIUM
        return f"no Chromium at {where} (apt-get install chromium; .ci/run does this)"
    return None


def browser_verdict(env: Mapping[str, str]) -> tuple[Verdict, str]:
    """Run, skip or fail the browser tests, and why.

    A developer without Chromium still gets the rest of the suite; CI must
    never pass by silently skipping the browser, so there it is a failure.
    """
    problem = missing_browser(env)
    if problem is None:
        return "run", ""
    if env.get("CI", "").lower() == "true":
        return "fail", f"browser tests cannot run under CI=true: {problem}"
    return "skip", f"browser tests skipped: {problem}"


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves one folder quietly, answering missing paths with its 404.html,
    the way a static host configured for the site does."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_SiteHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
