"""The preview's HTTP side: serve the built files safely, show build errors, reload.

Only files under the preview's output folder are ever served: a request path
is decoded once, any ``.``/``..``/hidden segment, encoded slash or NUL is
refused, and the resolved file (symlinks followed) must still lie inside the
folder.  HTML responses get livereload's client as an external script (the
pages' CSP allows no inline script) and a CSP whose ``connect-src`` also names
the reload websocket; the files on disk, like everything under ``site/``, are
never touched.  While the last build failed, every page is the error report.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import web
from tornado.websocket import WebSocketHandler

from briefly.preview.error_page import RELOAD_SCRIPT_PATH, error_page, inject_reload
from briefly.render.urls import NOT_FOUND_URL, page_file

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8", ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json", ".map": "application/json", ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif",
    ".svg": "image/svg+xml", ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff",
    ".wasm": "application/wasm", ".webmanifest": "application/manifest+json",
}
STATUS_PATH = "/__briefly__/status"
_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "[::1]"}
_HOST_HEADER = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?")
_ENCODED_SEPARATORS = re.compile(r"%(?:2f|5c|00)", re.IGNORECASE)


@dataclass
class PreviewState:
    """What the builder thread tells the HTTP side; swapped whole, read lock-free."""

    output: Path
    port: int
    loopback_only: bool = True
    problems: list[str] | None = None  # the last build's report, when it failed
    builds: int = 0
    reloads: int = 0
    building: bool = False
    # The path of the configured base_url ("/news/" for https://x.org/news/):
    # pages link relatively and are served from "/", but the 404 page links
    # absolutely, so the preview also serves the site under this path.
    base_path: str = "/"
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True)
class Redirect:
    location: str


def resolve(root: Path, raw_path: str) -> Path | Redirect | None:
    """The file a request path names inside ``root``, a redirect, or None (404)."""
    if _ENCODED_SEPARATORS.search(raw_path):
        return None
    try:
        path = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\\" in path or "\x00" in path or not path.startswith("/"):
        return None
    parts = [part for part in path.split("/") if part]
    if any(part in (".", "..") or part.startswith(".") for part in parts):
        return None
    try:
        real_root = root.resolve(strict=True)
        real = root.joinpath(*parts).resolve(strict=True)
        if real.is_dir():
            if not path.endswith("/"):  # rebuilt from the parts: never "//host/"
                return Redirect("/" + "".join(quote(part) + "/" for part in parts))
            real = (real / "index.html").resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    if not real.is_relative_to(real_root) or not real.is_file():
        return None
    return real


def content_type(path: Path) -> str:
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def wants_html(raw_path: str) -> bool:
    """Requests a browser shows as a page: folders, .html, and extension-less paths."""
    last = raw_path.rsplit("/", 1)[-1]
    return last == "" or "." not in last or last.lower().endswith((".html", ".htm"))


def foreign_host(state: PreviewState, host: str) -> bool:
    """True for a name other than this computer's, when the preview listens only on it.

    A page of another site whose name resolves to 127.0.0.1 (DNS rebinding)
    sends its own name: it must read no page and open no socket here.
    """
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return state.loopback_only and name.lower() not in _LOOPBACK_NAMES


class PreviewHandler(web.RequestHandler):
    """Every request that is not livereload's: files, redirects, 404, errors."""

    def initialize(self, state: PreviewState) -> None:
        self.state = state

    def prepare(self) -> None:
        """Refuse Host names we do not serve (DNS rebinding) when bound to loopback."""
        if foreign_host(self.state, self.request.host):
            self.send_error(403)

    def _host(self) -> str | None:
        host = self.request.host
        return host if _HOST_HEADER.fullmatch(host or "") else None

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def head(self) -> None:
        self.get()

    def get(self) -> None:
        raw = self.request.path
        problems = self.state.problems
        if problems is not None and wants_html(raw):
            self._send(500, "text/html; charset=utf-8",
                       error_page(problems))
            return
        target = self._read(raw)
        if target is None:
            target = self._read_under_base_path(raw)
        if isinstance(target, Redirect):
            query = f"?{self.request.query}" if self.request.query else ""
            self.redirect(target.location + query, permanent=False)
        elif target is None:
            self._not_found()
        else:
            self._send(200, content_type(target[0]), target[1])

    def _read(self, raw: str) -> tuple[Path, bytes] | Redirect | None:
        """Resolve and read; a build swapping folders meanwhile is waited for, once."""
        for attempt in range(2):
            target = resolve(self.state.output, raw)
            if isinstance(target, Redirect):
                return target
            try:
                if target is not None:
                    return target, target.read_bytes()
            except OSError:
                pass
            if attempt or not self.state.building:
                return None
            with self.state.lock:  # wait for the build that is publishing now
                pass
        return None

    def _read_under_base_path(self, raw: str) -> tuple[Path, bytes] | Redirect | None:
        """``/news/x`` as ``/x`` when the site is published at ``https://host/news/``."""
        base = self.state.base_path
        if base == "/":
            return None
        if raw + "/" == base:
            return Redirect(base)  # folders end with "/"
        if not raw.startswith(base):
            return None
        target = self._read("/" + raw[len(base):])  # resolve() vets the rest as usual
        return Redirect(base + target.location[1:]) if isinstance(target, Redirect) else target

    def _not_found(self) -> None:
        page = self.state.output / page_file(NOT_FOUND_URL)
        try:
            self._send(404, "text/html; charset=utf-8", page.read_bytes())
        except OSError:
            self._send(404, "text/plain; charset=utf-8", b"404: not found\n")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        if kind.startswith("text/html"):
            body = inject_reload(body, self.state.port, self._host())
        self.set_status(status)
        self.set_header("Content-Type", kind)
        self.finish(body)


class StatusHandler(PreviewHandler):
    """How many builds ran and whether the last failed: for tests and benchmarks."""

    def get(self) -> None:
        state = self.state
        body: dict[str, Any] = {"builds": state.builds, "reloads": state.reloads,
                                "browsers": len(LiveReloadHandler.waiters),
                                "ok": state.problems is None, "problems": state.problems or []}
        self._send(200, "application/json", json.dumps(body).encode())


class ReloadSocket(LiveReloadHandler):
    """livereload's websocket protocol, but only for pages of this preview.

    The page server's rule holds here too: a foreign Host is refused, and so
    is any Origin but the Host itself (tornado's rule: a page of another site
    may not listen in).
    """

    def initialize(self, state: PreviewState) -> None:
        self.state = state

    def prepare(self) -> None:
        if foreign_host(self.state, self.request.host):
            raise web.HTTPError(403)

    def check_origin(self, origin: str) -> bool:
        return (WebSocketHandler.check_origin(self, origin)
                and not foreign_host(self.state, urlsplit(origin).netloc))


def send_reload(state: PreviewState, path: str = "*") -> None:
    """Tell every connected browser to reload (call on the server's event loop).

    ``path`` ending in ``.css`` lets livereload swap just that stylesheet.
    """
    message = {"command": "reload", "path": path, "liveCSS": True, "liveImg": True}
    for socket in list(LiveReloadHandler.waiters):
        try:
            socket.write_message(message)
        except Exception:  # a closed tab: forget it
            LiveReloadHandler.waiters.discard(socket)
    state.reloads += 1


def make_application(state: PreviewState) -> web.Application:
    return web.Application([
        (r"/livereload", ReloadSocket, {"state": state}),
        (RELOAD_SCRIPT_PATH, LiveReloadJSHandler),
        (STATUS_PATH, StatusHandler, {"state": state}),
        (r"/.*", PreviewHandler, {"state": state}),
    ], log_function=lambda handler: None, compress_response=False)
