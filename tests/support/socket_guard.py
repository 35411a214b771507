"""No test reaches beyond 127.0.0.1: a guard in the test process and in every Python
process a test starts.

Mirror pages link to the live site, and only the crawl's own rules keep it on the mirror;
if they ever fail, the test must fail too, not quietly fetch from the internet (or wait
for a host that cannot be reached from here). Every TCP/UDP connect, datagram and name
lookup is checked: loopback addresses and `localhost` pass, anything else is refused
with `NonLoopbackSocket` and written to the report file named by `REPORT_ENV`, which the
test session reads after each test (a crawl subprocess would only log a failed download).

Subprocesses get the guard from `tests/support/loopback/sitecustomize.py`, on their
PYTHONPATH through `child_env()`.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from pathlib import Path
from typing import Any

REPORT_ENV = "NEWSCRAWL_TEST_SOCKET_REPORT"
ROOT = Path(__file__).resolve().parents[2]
SITECUSTOMIZE_DIR = Path(__file__).resolve().with_name("loopback")


class NonLoopbackSocket(OSError):
    """A test (or a process it started) tried to reach beyond loopback."""


def is_loopback(host: Any) -> bool:
    """127.0.0.0/8, ::1, the unspecified address (this host) and `localhost`."""
    if host is None:
        return True  # getaddrinfo(None, port): this host
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    name = str(host).strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _refuse(what: str) -> None:
    line = f"pid {os.getpid()} ({' '.join(sys.argv)[:200]}): {what}\n"
    report = os.environ.get(REPORT_ENV)
    if report:
        with open(report, "a", encoding="utf-8") as out:
            out.write(line)
    raise NonLoopbackSocket(f"test socket guard: {what} is not loopback")


def _check_address(sock: socket.socket, address: Any, verb: str) -> None:
    inet = sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple)
    if inet and not is_loopback(address[0]):
        _refuse(f"{verb} {address[0]}:{address[1]}")


def install() -> None:
    """Patch the socket module of this process (once)."""
    if getattr(socket, "_newscrawl_guarded", False):
        return
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_sendto, real_getaddrinfo = socket.socket.sendto, socket.getaddrinfo
    real_gethostbyname, real_gethostbyname_ex = socket.gethostbyname, socket.gethostbyname_ex

    def connect(self: socket.socket, address: Any) -> None:
        _check_address(self, address, "connect to")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        _check_address(self, address, "connect to")
        return real_connect_ex(self, address)

    def sendto(self: socket.socket, data: Any, *args: Any) -> int:
        _check_address(self, args[-1], "send to")
        return real_sendto(self, data, *args)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_loopback(host):
            _refuse(f"look up {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host: str) -> str:
        if not is_loopback(host):
            _refuse(f"look up {host!r}")
        return real_gethostbyname(host)

    def gethostbyname_ex(host: str) -> Any:
        if not is_loopback(host):
            _refuse(f"look up {host!r}")
        return real_gethostbyname_ex(host)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = sendto  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname
    socket.gethostbyname_ex = gethostbyname_ex
    socket._newscrawl_guarded = True  # type: ignore[attr-defined]


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a process a test starts: the project importable, and the
    guard loaded at its start (sitecustomize) reporting to this session's file."""
    path = os.pathsep.join([str(SITECUSTOMIZE_DIR), str(ROOT)])
    return {**os.environ, "PYTHONPATH": path, **extra}


def take_report() -> str:
    """What was refused since the last call (in this process or any child), emptied."""
    report = os.environ.get(REPORT_ENV)
    if not report or not os.path.exists(report):
        return ""
    with open(report, "r+", encoding="utf-8") as fh:
        text = fh.read()
        fh.seek(0)
        fh.truncate()
    return text
