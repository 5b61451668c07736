"""``build.py serve``: build with drafts, serve, rebuild on save, reload the browser.

The preview reuses :func:`briefly.pipeline.build_site` (no second rendering
path) and publishes into ``<project>/.briefly-preview/site/``, never into
``site/``.  livereload provides the browser side (its websocket protocol and
``livereload.js``); its own ``Server`` is not used because its injected client
is an inline script, which the pages' CSP forbids, and its watcher drops any
reload within three seconds of the previous one.  Our watcher
(:mod:`briefly.preview.watch`, file events with a stat-polling fallback) gathers a burst of saves into one rebuild, and the
reload is sent only after that rebuild has been published.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import socket
import sys
import threading
import time
import traceback
import webbrowser

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one preview per project is on trust
    fcntl = None  # type: ignore[assignment]
from pathlib import Path
from typing import IO

from tornado.httpserver import HTTPServer

from briefly.preview.listen import is_loopback, listen, shown_url
from briefly.pipeline import build_site
from briefly.project import Project
from briefly.render.urls import asset_url, base_path
from briefly.preview.http_app import PreviewState, make_application, send_reload
from briefly.preview.watch import Snapshot, Watcher, changed_paths, scan

PREVIEW_DIR = ".briefly-preview"
# Written by `serve` into the preview folder it creates: the only proof that
# the folder holds nothing a person put there, so reusing it is safe.
PREVIEW_MARKER = ".briefly-preview-folder"
MARKER_NOTE = ("Made by `briefly serve` and kept between runs, so the next start rebuilds "
               "only what changed; safe to delete.\n")
EXIT_OK, EXIT_USAGE = 0, 2


def reload_target(changes: set[Path], project: Project) -> str:
    """A lone stylesheet change reloads just the stylesheet; anything else, the page."""
    if len(changes) == 1:
        (path,) = changes
        if path.suffix == ".css" and path.is_relative_to(project.static):
            return asset_url(path.relative_to(project.static).as_posix())
    return "*"


class PreviewSession:
    """The builder thread and the web server of one ``serve`` run."""

    def __init__(self, project: Project, state: PreviewState, search: bool = False) -> None:
        self.project = project
        self.search = search
        self.state = state
        self.stop = threading.Event()
        self.roots = (project.content, project.templates, project.static,
                      project.root / "briefly.yaml")
        self.watcher: Watcher | None = None
        self.before: Snapshot = {}
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread: threading.Thread | None = None

    def rebuild(self, changes: set[Path] | None) -> None:
        """Build into the preview folder; a failure is shown, never raised."""
        started = time.perf_counter()
        self.state.building = True
        with self.state.lock:
            try:
                # Pagefind reindexes every brief: only with --search.
                result = build_site(self.project, self.state.output, drafts=True,
                                    search=self.search)
                report = [p.format() for p in result.diagnostics.sorted()]
                failed = not result.ok
                if result.site is not None:
                    self.state.base_path = base_path(result.site.config.base_url)
            except Exception as exc:  # a bug in Briefly: keep serving, show it
                traceback.print_exc()
                report, failed = [f"internal error: {type(exc).__name__}: {exc}"], True
            # Counted before the lock opens, so nobody sees new pages with an old count.
            self.state.builds += 1
            self.state.problems = report if failed else None
            self.state.building = False
        seconds = time.perf_counter() - started
        what = "Built" if changes is None else f"Rebuilt after {len(changes)} change" + (
            "s" if len(changes) != 1 else "")
        if report:
            print("\n".join(report), file=sys.stderr, flush=True)
        verdict = "FAILED, the browser shows the errors" if failed else "ok"
        print(f"{what} in {seconds:.2f} s: {verdict} (build {self.state.builds})", flush=True)

    def first_build(self) -> None:
        """Build once, before any thread of ours exists.

        The first build is the long one, and a process with no other thread
        yet may fork worker processes for it (see ``cache.pool``).  A stat
        snapshot taken before it lets :meth:`start_watching` tell whether
        anything changed while it ran.
        """
        self.before = scan(self.roots)
        self.rebuild(None)

    def start_watching(self) -> set[Path]:
        """Start the watcher, then catch up on saves made since the first build began.

        Setting up the file events takes a noticeable moment (the event
        thread reports ready only after its first wait), so this runs on the
        builder thread while the first pages are already being served; a save
        made in between is found by comparing stat snapshots, rebuilt at once
        and reloaded like any other.
        """
        self.watcher = Watcher(self.roots)
        print(f"Watching content/, templates/, static/ and briefly.yaml "
              f"({self.watcher.mode}).", flush=True)
        missed = changed_paths(self.before, scan(self.roots))
        if missed:
            self.rebuild(missed)
        return missed

    def watch_forever(self) -> None:
        """The builder thread: wait for a burst of saves, rebuild once, then reload."""
        if self.watcher is None and self.start_watching():
            self.send_reload("*")
        assert self.watcher is not None, "start_watching starts the watcher"
        while not self.stop.is_set():
            changes = self.watcher.wait_for_change(self.stop)
            if not changes:
                return
            self.rebuild(changes)
            if not self.send_reload(reload_target(changes, self.project)):
                return

    def send_reload(self, target: str) -> bool:
        """Ask the browsers to reload (all of the page if the build failed);
        False once the server is shutting down."""
        if self.state.problems is not None:
            target = "*"
        try:
            if self.loop is not None and not self.stop.is_set():
                self.loop.call_soon_threadsafe(send_reload, self.state, target)
        except RuntimeError:  # the loop closed: we are shutting down
            return False
        return True

    async def serve(self, sockets: list[socket.socket]) -> None:
        self.loop = asyncio.get_running_loop()
        server = HTTPServer(make_application(self.state))
        server.add_sockets(sockets)
        self.thread = threading.Thread(target=self.watch_forever, name="briefly-watch",
                                       daemon=True)
        self.thread.start()
        try:
            await asyncio.Event().wait()
        finally:
            self.stop.set()
            server.stop()

    def close(self) -> None:
        """Stop watching and let a running build finish.

        The preview's pages are kept: with the build cache they make the next
        start an incremental build instead of rendering every page again.
        """
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=60)
        if self.watcher is not None:
            self.watcher.close()


def _is_marked(folder: Path) -> bool:
    marker = folder / PREVIEW_MARKER
    return marker.is_file() and not marker.is_symlink()


def claim_preview_folder(project: Project) -> tuple[Path, IO[str]]:
    """The preview's output folder, locked: one preview per project, because two
    would race on this folder and on the build cache.

    A folder left by an earlier preview (it carries the marker) is reused as it
    is: its pages are what makes a warm start fast.  A folder of that name
    without the marker is someone else's and is refused, unless it is empty
    (a preview killed between making and marking it loses nothing).
    """
    folder = project.root / PREVIEW_DIR
    if folder.is_symlink():
        raise SystemExit(f"error: {PREVIEW_DIR} is a symbolic link; remove it, so the "
                         "preview does not write where it points")
    try:
        folder.mkdir()
    except FileExistsError:
        if not folder.is_dir():
            raise SystemExit(f"error: {PREVIEW_DIR} is a file, not a folder; move it away, "
                             "so the preview can build there") from None
    if not _is_marked(folder):
        if any(folder.iterdir()):
            raise SystemExit(f"error: {PREVIEW_DIR}/ has files and no {PREVIEW_MARKER} "
                             "marker, so `serve` did not make it; move it away, so the "
                             "preview does not write among your files")
        (folder / PREVIEW_MARKER).write_text(MARKER_NOTE, encoding="utf-8")
    lock = (folder / "lock").open("w")
    if fcntl is not None:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            raise SystemExit("error: another `serve` is already previewing this project; "
                             "use its address, or stop it first") from None
    return folder / "site", lock


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_serve(args: argparse.Namespace) -> int:
    project = Project(args.root.resolve())
    try:
        sockets = listen(args.host, args.port)
    except SystemExit as problem:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    if not is_loopback(args.host):
        print(f"warning: listening on {args.host}: anyone who can reach this computer can "
              "read the preview, drafts included", file=sys.stderr, flush=True)
    try:
        output, lock = claim_preview_folder(project)
    except SystemExit as problem:
        for sock in sockets:
            sock.close()
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    port = sockets[0].getsockname()[1]
    state = PreviewState(output, port, loopback_only=is_loopback(args.host))
    session = PreviewSession(project, state, search=args.search)
    # Ctrl-C and `kill` both stop cleanly, even when started from a shell that
    # ignores SIGINT in background jobs.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        session.first_build()
        url = shown_url(args.host, port)
        print(f"Serving the preview (drafts included) at {url}  (Ctrl-C to stop)", flush=True)
        if args.open:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        asyncio.run(session.serve(sockets))
    except KeyboardInterrupt:
        pass
    finally:
        for sock in sockets:
            sock.close()
        session.close()
        lock.close()
    print(f"Stopped; the preview's pages stay in {PREVIEW_DIR}/ for a fast next start.",
          flush=True)
    return EXIT_OK
