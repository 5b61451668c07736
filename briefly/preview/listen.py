"""Where the preview listens: loopback by default, and clear words when it cannot.

The port is bound before the first build, so a busy port fails at once, in
one line that names the next free port, never as a traceback.
"""

from __future__ import annotations

import errno
import ipaddress
import socket

from tornado.netutil import bind_sockets


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def next_free_port(host: str, after: int) -> int | None:
    for port in range(after + 1, min(after + 100, 65536)):
        try:
            for sock in bind_sockets(port, address=host):
                sock.close()
            return port
        except OSError:
            continue
    return None


def listen(host: str, port: int) -> list[socket.socket]:
    """Bind now, before the first build, so a busy port fails at once and clearly."""
    try:
        return bind_sockets(port, address=host)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            free = next_free_port(host, port)
            hint = f"; try --port {free}" if free else ""
            raise SystemExit(f"error: port {port} is already in use on {host}{hint}") from None
        if exc.errno == errno.EACCES:
            raise SystemExit(f"error: not allowed to listen on port {port}; "
                             "try a port above 1023, e.g. --port 8000") from None
        reason = getattr(exc, "strerror", None) or str(exc)
        raise SystemExit(f"error: cannot listen on {host}:{port}: {reason}") from None


def shown_url(host: str, port: int) -> str:
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"
