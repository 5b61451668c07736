"""The preview's reload socket follows the page server's rule against other sites,
and its error page loads the reload client once."""

from __future__ import annotations

import base64
import http.client
from typing import Iterator

import pytest
from bs4 import BeautifulSoup

from .conftest import ScratchProject
from .test_serve import DEADLINE, Preview


@pytest.fixture
def preview(project: ScratchProject) -> Iterator[Preview]:
    server = Preview(project)
    yield server
    server.stop()


def handshake(preview: Preview, host: str, origin: str | None) -> int:
    """The status of a websocket opening request to the reload socket (101: accepted)."""
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=DEADLINE)
    conn.putrequest("GET", "/livereload", skip_host=True)
    headers = {"Host": host, "Upgrade": "websocket", "Connection": "Upgrade",
               "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": base64.b64encode(b"0123456789abcdef").decode()}
    if origin is not None:
        headers["Origin"] = origin
    for name, value in headers.items():
        conn.putheader(name, value)
    conn.endheaders()
    status = conn.getresponse().status
    conn.close()
    return status


def test_the_reload_socket_opens_for_the_previews_own_pages(preview: Preview) -> None:
    own = f"127.0.0.1:{preview.port}"
    assert handshake(preview, own, f"http://{own}") == 101
    assert handshake(preview, f"localhost:{preview.port}",
                     f"http://localhost:{preview.port}") == 101


@pytest.mark.parametrize("host, origin", [
    ("attacker.example:{port}", "http://attacker.example:{port}"),  # DNS rebinding
    ("127.0.0.1:{port}", "http://attacker.example"),  # another site's page
    ("127.0.0.1:{port}", "http://attacker.example:{port}"),
])
def test_the_reload_socket_refuses_other_sites(preview: Preview, host: str,
                                               origin: str) -> None:
    port = preview.port
    assert handshake(preview, host.format(port=port), origin.format(port=port)) == 403


def test_the_error_page_loads_the_reload_client_once(preview: Preview,
                                                     project: ScratchProject) -> None:
    project.edit(project.facts(), "kicker: Grid storage", "kicker: [Grid storage")
    body = preview.wait_for_text("/", "error:", status=500)
    soup = BeautifulSoup(body, "html.parser")
    scripts = [s["src"] for s in soup.find_all("script", src=True)]
    assert scripts == [f"/livereload.js?port={preview.port}"]
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["connect-src"] == f"'self' ws://127.0.0.1:{preview.port}"
