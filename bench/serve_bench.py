"""Benchmark the preview: edit one brief of 1,000, time until the reload is sent.

Starts ``build.py serve`` on a generated project, connects to it as a browser
does (livereload's websocket handshake), then edits one brief at a time and
measures from the moment the save is on disk to the moment the reload
message arrives, which the server sends only after the rebuild is published.
Then starts the server again on the same project, ``--starts`` times, each
finding the cache and the preview's pages the previous run left: ``warm_*``
are the medians of those starts.  Prints JSON.
Usage: ``python bench/serve_bench.py [--briefs 1000] [--edits 20] [--starts 3]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tornado.websocket import websocket_connect

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # briefly; bench/ itself is on the path as the script's folder

from generate import generate_corpus  # noqa: E402 - perf's generator of explainer-sized briefs


HELLO = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}


class Server:
    def __init__(self, root: Path) -> None:
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "--root", str(root), "serve", "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.errors: list[str] = []
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.errors.extend(self.proc.stderr), daemon=True).start()
        if not self.ready.wait(600) or self.proc.poll() is not None:
            raise SystemExit("the server did not start: " + "".join(self.errors))
        self.serving_after = time.perf_counter() - self.started
        url = next(line for line in self.lines if "Serving" in line)
        self.port = int(re.search(r"127\.0\.0\.1:(\d+)", url).group(1))

    def _read(self) -> None:
        for line in iter(self.proc.stdout.readline, ""):
            self.lines.append(line)
            if "Serving" in line:
                self.ready.set()
        self.ready.set()

    def seconds(self, prefix: str) -> list[float]:
        return [float(m.group(1)) for line in self.lines
                if line.startswith(prefix) and (m := re.search(r" in ([\d.]+) s", line))]

    def stop(self) -> None:
        self.proc.send_signal(2)
        self.proc.wait(timeout=120)


async def measure(server: Server, root: Path, edits: int) -> list[float]:
    socket = await websocket_connect(f"ws://127.0.0.1:{server.port}/livereload")
    await socket.write_message(json.dumps(HELLO))
    await socket.read_message()  # the server's hello
    await socket.write_message(json.dumps({"command": "info", "url": "bench"}))
    briefs = sorted((root / "content" / "briefs").iterdir())
    step = max(1, len(briefs) // edits)
    timings = []
    for number in range(edits):
        article = briefs[(number * step) % len(briefs)] / "brief.md"
        text = article.read_text(encoding="utf-8")
        article.write_text(text + f"\nEdited for the benchmark, round {number}.\n",
                           encoding="utf-8")
        saved = time.perf_counter()
        message = json.loads(await asyncio.wait_for(socket.read_message(), 120))
        assert message["command"] == "reload", message
        timings.append(time.perf_counter() - saved)
    socket.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--starts", type=int, default=3, help="warm starts to take the median of")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefly-serve-bench-") as folder:
        root = Path(folder) / "project"
        generate_corpus(root, args.briefs, seed=0)
        server = Server(root)
        try:
            timings = asyncio.run(measure(server, root, args.edits))
        finally:
            server.stop()
        rebuilds = server.seconds("Rebuilt")
        warm = []
        for _ in range(args.starts):  # each start finds what the previous run left
            warm.append(Server(root))
            warm[-1].stop()
    milliseconds = sorted(t * 1000 for t in timings)
    print(json.dumps({
        "briefs": args.briefs, "edits": args.edits, "corpus": "bench/generate.py",
        "first_full_build_s": round(server.seconds("Built")[0], 2),
        "start_to_serving_s": round(server.serving_after, 2),
        "warm_first_build_s": round(statistics.median(w.seconds("Built")[0] for w in warm), 2),
        "warm_start_to_serving_s": round(statistics.median(w.serving_after for w in warm), 2),
        "warm_starts": len(warm),
        "edit_to_reload_ms": {
            "median": round(statistics.median(milliseconds), 1),
            "min": round(milliseconds[0], 1), "max": round(milliseconds[-1], 1),
            "p90": round(milliseconds[int(len(milliseconds) * 0.9) - 1], 1)},
        "rebuild_s_median": round(statistics.median(rebuilds), 3) if rebuilds else None,
        # What the server adds around build_site: noticing the save, the quiet
        # window, publishing is inside the rebuild figure; the reload message.
        "watch_and_reload_overhead_ms_median": round(statistics.median(
            t * 1000 - r * 1000 for t, r in zip(timings, rebuilds)), 1)
        if len(rebuilds) == len(timings) else None,
        "rebuilds": len(rebuilds),
        "watching": next((line.strip() for line in server.lines if "Watching" in line), ""),
        "target_ms": 300,
    }, indent=2))


if __name__ == "__main__":
    main()
