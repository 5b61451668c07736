"""What the preview changes in a page on its way to the browser, and the error page.

Pages carry a CSP ``<meta>`` that allows no inline script, so livereload's
client goes in as an external same-origin script, and ``connect-src`` gains
exactly the reload websocket.  This happens to the response only: the built
files, and everything ``build`` writes to ``site/``, never contain either.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

RELOAD_SCRIPT_PATH = "/livereload.js"
_CSP_META = re.compile(
    rb'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")', re.IGNORECASE)


def preview_csp(policy: str, host: str | None) -> str:
    """The page's policy plus what livereload needs: a same-origin script and its socket."""
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    names = [d.split()[0].lower() for d in directives]
    socket = f" ws://{host}" if host else ""
    if "connect-src" in names:
        at = names.index("connect-src")
        directives[at] += socket
    else:
        directives.append("connect-src 'self'" + socket)
    if "script-src" in names and "'self'" not in directives[names.index("script-src")]:
        directives[names.index("script-src")] += " 'self'"
    return "; ".join(directives)


def inject_reload(page: bytes, port: int, host: str | None) -> bytes:
    """Add livereload's client and loosen the CSP just enough, in this response only."""
    page = _CSP_META.sub(lambda m: m.group(1) + _attribute(preview_csp(
        html.unescape(m.group(2).decode()), host)).encode() + m.group(3), page, count=1)
    tag = f'<script src="{RELOAD_SCRIPT_PATH}?port={port}" defer></script>'.encode()
    for marker in (b"</head>", b"</body>"):
        if marker in page:
            return page.replace(marker, tag + marker, 1)
    return page + tag


def _attribute(text: str) -> str:
    """Escape for a double-quoted attribute, leaving the CSP's single quotes readable."""
    return html.escape(text, quote=False).replace('"', "&quot;")


_ERROR_STYLE = ("body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;"
                "padding:0 1rem;color:#1a1a1a}h1{color:#a30000;font-size:1.5rem}"
                "pre{background:#fff4f4;border-left:4px solid #a30000;padding:1rem;"
                "white-space:pre-wrap;overflow-wrap:anywhere;font-size:0.95rem}")
_ERROR_STYLE_HASH = "sha256-" + base64.b64encode(
    hashlib.sha256(_ERROR_STYLE.encode()).digest()).decode()


def error_page(problems: list[str]) -> bytes:
    """The build report as a page; it reloads itself once the build succeeds again.

    Like every page, it gets the reload client (and the socket in its CSP) on
    its way out, from ``inject_reload``: adding it here too loaded it twice.
    """
    count = sum(1 for line in problems for part in line.splitlines() if ": error: " in part)
    csp = (f"default-src 'none'; style-src '{_ERROR_STYLE_HASH}'; script-src 'self'; "
           "connect-src 'self'")
    report = html.escape("\n".join(problems), quote=False)
    page = (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_attribute(csp)}">\n'
            f"<title>Build failed · Briefly preview</title>\n<style>{_ERROR_STYLE}</style>\n"
            f"</head>\n<body>\n<main>\n<h1>The preview could not be built: "
            f"{count} error{'s' if count != 1 else ''}</h1>\n"
            f"<p>Fix the file below and save: this page reloads by itself.</p>\n"
            f"<pre>{report}</pre>\n</main>\n</body>\n</html>\n")
    return page.encode("utf-8")
