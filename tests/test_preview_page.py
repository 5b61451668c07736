"""The preview's pure parts: CSP rewriting, reload injection, request-path resolution."""

from __future__ import annotations

from pathlib import Path

from briefly.preview.http_app import Redirect, resolve, wants_html
from briefly.preview.error_page import inject_reload, preview_csp

SITE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            "object-src 'none'")


def test_csp_gains_only_the_reload_socket() -> None:
    assert preview_csp(SITE_CSP, "127.0.0.1:8000") == (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        "connect-src 'self' ws://127.0.0.1:8000; object-src 'none'")
    assert preview_csp("default-src 'none'; script-src 'sha256-x'", "localhost:1") == (
        "default-src 'none'; script-src 'sha256-x' 'self'; connect-src 'self' ws://localhost:1")


def test_injection_adds_an_external_script_and_leaves_the_rest() -> None:
    page = (b'<html><head><meta http-equiv="Content-Security-Policy" content="'
            + SITE_CSP.encode() + b'"><title>x</title></head><body>x</body></html>')
    out = inject_reload(page, 8000, "127.0.0.1:8000")
    assert out.count(b"<script") == 1
    assert b'<script src="/livereload.js?port=8000" defer></script></head>' in out
    assert b"connect-src 'self' ws://127.0.0.1:8000;" in out
    assert out.replace(b'<script src="/livereload.js?port=8000" defer></script>', b"").replace(
        b" ws://127.0.0.1:8000", b"") == page


def test_resolve_stays_inside_the_folder(tmp_path: Path) -> None:
    root = tmp_path / "out"
    (root / "briefs" / "a").mkdir(parents=True)
    (root / "index.html").write_text("home")
    (root / "briefs" / "a" / "index.html").write_text("a")
    (tmp_path / "secret").write_text("no")
    assert resolve(root, "/") == (root / "index.html").resolve()
    assert resolve(root, "/briefs/a/") == (root / "briefs/a/index.html").resolve()
    assert resolve(root, "/briefs/%61/") == (root / "briefs/a/index.html").resolve()
    assert resolve(root, "/briefs/a") == Redirect("/briefs/a/")
    assert resolve(root, "//briefs//a") == Redirect("/briefs/a/")  # not a protocol-relative URL
    for path in ("/../secret", "/%2e%2e/secret", "/briefs/..%2f..%2f..%2fsecret",
                 "/%c0%ae%c0%ae/secret", "/briefs/a/%00", "/nope/", "relative"):
        assert resolve(root, path) is None, path


def test_what_counts_as_a_page_request() -> None:
    assert all(map(wants_html, ["/", "/briefs/a/", "/briefs/a", "/404.html"]))
    assert not any(map(wants_html, ["/assets/style.css", "/feed.xml", "/data.json"]))
