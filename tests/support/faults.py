"""Ready-made fault hooks for ``MirrorServer.faults``: a misbehaving site on loopback.

Each factory returns a :class:`Fault`, a callable the server runs before routing. It
answers the request itself (returning True) the way a broken server or network would:
an error status, a stall, a reset, a truncated or hostile page. A fault remembers when it
saw each request, so a test can check retry delays from the server's side.

    server.faults["/news/news_odkb/some-slug/"] = faults.status_then_ok(500, times=1)
    server.faults["/news/news_odkb/"] = faults.rewrite(add_links).only("/news/news_odkb/")

Keys of ``faults`` are path prefixes; ``.only(path)`` narrows a fault to one exact path.
"""

from __future__ import annotations

import io
import re
import select
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

Answer = Callable[[BaseHTTPRequestHandler], bool]
# What a client closing the connection under us looks like; the fault is over then.
_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


class Fault:
    """A fault hook that fires at most ``times`` times (None: always), then lets the
    mirror answer normally. ``requests`` holds the monotonic time of every request seen."""

    def __init__(self, answer: Answer, times: int | None = None) -> None:
        self.answer = answer
        self.times = times
        self.path: str | None = None
        self.requests: list[float] = []
        self.fired = 0
        self._lock = threading.Lock()

    def only(self, path: str) -> Fault:
        """Fire on this exact path only (keys of ``faults`` are prefixes)."""
        self.path = path
        return self

    def __call__(self, handler: BaseHTTPRequestHandler) -> bool:
        if self.path is not None and urlsplit(handler.path).path != self.path:
            return False
        with self._lock:
            self.requests.append(time.monotonic())
            if self.times is not None and self.fired >= self.times:
                return False
            self.fired += 1
        try:
            return self.answer(handler)
        except _GONE:
            handler.close_connection = True
            return True

    def gaps(self) -> list[float]:
        """Seconds between consecutive requests this fault saw."""
        return [b - a for a, b in zip(self.requests, self.requests[1:], strict=False)]


# --- plumbing ----------------------------------------------------------------------------


@dataclass
class Captured:
    """The response the mirror would have sent, taken apart."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def capture(handler: BaseHTTPRequestHandler, path: str | None = None) -> Captured:
    """Route the request (or ``path``) normally, into a buffer instead of the socket."""
    real, head_only = handler.wfile, getattr(handler, "head_only", False)
    buffer = io.BytesIO()
    handler.wfile, handler.head_only = buffer, False  # type: ignore[assignment,attr-defined]
    try:
        url = urlsplit(path or handler.path)
        handler.route(url.path, parse_qs(url.query))  # type: ignore[attr-defined]
    finally:
        handler.wfile, handler.head_only = real, head_only  # type: ignore[attr-defined]
    head, _, body = buffer.getvalue().partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = [(k.strip(), v.strip()) for k, _, v in (x.partition(":") for x in lines[1:])]
    return Captured(int(lines[0].split()[1]), headers, body)


def send_raw(
    handler: BaseHTTPRequestHandler,
    status: int,
    chunks: Iterable[bytes],
    content_type: str = "text/html; charset=UTF-8",
    content_length: int | None = None,
    headers: Iterable[tuple[str, str]] = (),
) -> None:
    """Send a response; without ``content_length`` the body ends when the connection does."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    if content_length is None:
        handler.send_header("Connection", "close")
        handler.close_connection = True
    else:
        handler.send_header("Content-Length", str(content_length))
    for name, value in headers:
        handler.send_header(name, value)
    handler.end_headers()
    for chunk in chunks:
        handler.wfile.write(chunk)
    handler.wfile.flush()


def _reset(handler: BaseHTTPRequestHandler) -> None:
    """Close with a TCP RST (SO_LINGER 0), as a crashing proxy does."""
    sock = handler.connection  # type: ignore[attr-defined]
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
    handler.close_connection = True


def _wait_for_close(handler: BaseHTTPRequestHandler, seconds: float) -> None:
    """Hold the connection open, silent, until the client gives up or ``seconds`` pass."""
    sock = handler.connection  # type: ignore[attr-defined]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        readable, _, _ = select.select([sock], [], [], 0.05)
        if readable:
            try:
                if not sock.recv(1024, socket.MSG_PEEK):
                    break
            except OSError:
                break
            time.sleep(0.05)
    handler.close_connection = True


# --- HTTP status faults ---------------------------------------------------------------------


Headers = Iterable[tuple[str, str]] | Callable[[], Iterable[tuple[str, str]]]


def status(code: int, headers: Headers = (), times: int | None = None) -> Fault:
    """Answer ``code`` with a tiny HTML page (and ``headers``, or a function making them
    at answer time)."""
    fixed = None if callable(headers) else list(headers)

    def answer(handler: BaseHTTPRequestHandler) -> bool:
        body = f"<html><body><h1>Error {code}</h1></body></html>".encode()
        extra = fixed if fixed is not None else list(headers())  # type: ignore[operator]
        send_raw(handler, code, [body], content_length=len(body), headers=extra)
        return True

    return Fault(answer, times)


def status_then_ok(code: int, times: int = 1) -> Fault:
    """``code`` for the first ``times`` requests, then the real page."""
    return status(code, times=times)


def retry_after(
    code: int = 503, seconds: float = 1, times: int | None = 1, as_date: bool = False
) -> Fault:
    """``code`` with ``Retry-After: seconds``, or (``as_date``) the HTTP date that far
    ahead of the moment of answering."""

    def headers() -> list[tuple[str, str]]:
        when = formatdate(time.time() + seconds, usegmt=True) if as_date else str(int(seconds))
        return [("Retry-After", when)]

    return status(code, headers=headers, times=times)


def robots_txt(text: str) -> Fault:
    """Serve this robots.txt instead of the mirror's."""

    def answer(handler: BaseHTTPRequestHandler) -> bool:
        body = text.encode()
        send_raw(handler, 200, [body], "text/plain; charset=UTF-8", content_length=len(body))
        return True

    return Fault(answer)


# --- network faults -------------------------------------------------------------------------


def delay(seconds: float) -> Fault:
    """Wait, then let the mirror answer normally: a slow but healthy site."""

    def answer(handler: BaseHTTPRequestHandler) -> bool:
        time.sleep(seconds)
        return False

    return Fault(answer)


def timeout(seconds: float = 30, times: int | None = None) -> Fault:
    """Accept the request and say nothing at all (not even headers) for ``seconds``."""

    def answer(handler: BaseHTTPRequestHandler) -> bool:
        _wait_for_close(handler, seconds)
        return True

    return Fault(answer, times)


def stall_after_headers(seconds: float = 30, times: int | None = None) -> Fault:
    """Send the real page's headers (with its Content-Length), then no body."""

    def answer(handler: BaseHTTPRequestHandler) -> bool:
        page = capture(handler)
        ctype = page.header("Content-Type") or "text/html"
        send_raw(handler, page.status, [], ctype, content_length=len(page.body))
        _wait_for_close(handler, seconds)
        return True

    return Fault(answer, times)


def reset_mid_body(times: int | None = None) -> Fault:
    """Send the headers and half of the real page, then reset the connection."""

    def answer(handler: BaseHTTPRequestHandler) -> bool:
        page = capture(handler)
        ctype = page.header("Content-Type") or "text/html"
        half = page.body[: len(page.body) // 2]
        send_raw(handler, page.status, [half], ctype, content_length=len(page.body))
        _reset(handler)
        return True

    return Fault(answer, times)


def redirect(to: str | Callable[[str], str], code: int = 301, times: int | None = None) -> Fault:
    """Redirect to ``to`` (a URL, or a function of the requested path and query)."""

    def answer(handler: BaseHTTPRequestHandler) -> bool:
        location = to(handler.path) if callable(to) else to
        send_raw(handler, code, [], content_length=0, headers=[("Location", location)])
        return True

    return Fault(answer, times)


def redirect_loop() -> Fault:
    """``/x/`` → ``/x/?loop=1`` → ``/x/``: a two-step loop, as misconfigured CMSs do."""

    def target(path: str) -> str:
        url = urlsplit(path)
        return url.path if url.query else f"{url.path}?loop=1"

    return redirect(target, code=302)


# --- content faults -------------------------------------------------------------------------


def rewrite(change: Callable[[str], str], times: int | None = None) -> Fault:
    """The real page with its HTML passed through ``change`` (status and type kept)."""

    def answer(handler: BaseHTTPRequestHandler) -> bool:
        page = capture(handler)
        body = change(page.text).encode("utf-8", "surrogateescape")
        ctype = page.header("Content-Type") or "text/html; charset=UTF-8"
        send_raw(handler, page.status, [body], ctype, content_length=len(body))
        return True

    return Fault(answer, times)


def truncate(
    with_content_length: bool = True, keep: float = 0.6, times: int | None = None
) -> Fault:
    """The real page cut after ``keep`` of its bytes, then the connection closed.

    With Content-Length the client can tell data was lost; without it (HTTP/1.0-style
    "until close") the cut page looks complete at the HTTP level.
    """

    def answer(handler: BaseHTTPRequestHandler) -> bool:
        page = capture(handler)
        cut = page.body[: int(len(page.body) * keep)]
        ctype = page.header("Content-Type") or "text/html"
        length = len(page.body) if with_content_length else None
        send_raw(handler, page.status, [cut], ctype, content_length=length)
        handler.close_connection = True
        return True

    return Fault(answer, times)


def empty_body(code: int = 200) -> Fault:
    """A response with no body at all."""

    def answer(handler: BaseHTTPRequestHandler) -> bool:
        send_raw(handler, code, [], content_length=0)
        return True

    return Fault(answer)


def soft_404() -> Fault:
    """The site's "page not found" page, but with status 200."""

    def answer(handler: BaseHTTPRequestHandler) -> bool:
        page = capture(handler, "/news/no-such-section-for-soft-404/")
        ctype = page.header("Content-Type") or "text/html"
        send_raw(handler, 200, [page.body], ctype, content_length=len(page.body))
        return True

    return Fault(answer)


def huge_page(mb: float = 10, with_content_length: bool = True) -> Fault:
    """A well-formed page of ``mb`` megabytes, streamed in 64 KiB chunks."""

    def answer(handler: BaseHTTPRequestHandler) -> bool:
        head = b"<!DOCTYPE html><html><head><title>Huge</title></head><body>"
        tail = b"</body></html>"
        filler = b"<p>" + b"padding " * 8000 + b"</p>\n"
        count = max(1, int(mb * 1024 * 1024) // len(filler))
        total = len(head) + len(tail) + count * len(filler)
        chunks = [head, *(filler for _ in range(count)), tail]
        send_raw(handler, 200, chunks, content_length=total if with_content_length else None)
        return True

    return Fault(answer)


def deep_nesting(depth: int = 1000) -> Fault:
    """The real page with its whole body wrapped in ``depth`` nested ``<div>`` elements."""
    return rewrite(
        lambda html: html.replace("<body>", "<body>" + "<div>" * depth, 1).replace(
            "</body>", "</div>" * depth + "</body>", 1
        )
    )


_META_CHARSET = re.compile(r"<meta[^>]*charset[^>]*>", re.IGNORECASE)


def wrong_charset(declared: str | None = "UTF-8") -> Fault:
    """The real page in windows-1251, its ``<meta charset>`` removed and the HTTP header
    naming ``declared`` instead (None: no charset anywhere)."""

    def answer(handler: BaseHTTPRequestHandler) -> bool:
        page = capture(handler)
        text = _META_CHARSET.sub("", page.text)
        body = text.encode("cp1251", errors="xmlcharrefreplace")
        ctype = f"text/html; charset={declared}" if declared else "text/html"
        send_raw(handler, page.status, [body], ctype, content_length=len(body))
        return True

    return Fault(answer)
