"""A real HTTP server that serves one language of the mirror on 127.0.0.1.

Behaves like the production Bitrix site where crawlers care: clamped pagination, 301 to the
trailing-slash URL, robots.txt, 404 page, and optionally windows-1251 bodies with missing or
wrong charset headers.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from .dataset import MirrorArticle
from .render import (
    PER_PAGE,
    REAL_HOSTS,
    SECTIONS,
    TEMPLATES,
    SiteInfo,
    render_article,
    render_listing,
    render_news_index,
    render_not_found,
)

ENCODINGS = ("utf-8", "cp1251-meta", "cp1251-wrong-header")
ROBOTS_TXT = "User-agent: *\nDisallow: /bitrix/\nDisallow: /search/\nAllow: /\n"
UPLOAD_TYPES = {
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}  # fmt: skip
_ARTICLE_RE = re.compile(r"^/news/([\w-]+)/([\w-]+)(/?)$")
_SECTION_RE = re.compile(r"^/news/([\w-]+)(/?)$")

# A fault hook gets the handler before routing; returning True means "I answered".
FaultHook = Callable[[BaseHTTPRequestHandler], bool]


class MirrorServer:
    """Serve ``articles`` of one language with the chosen template and encoding mode."""

    def __init__(
        self,
        articles: list[MirrorArticle],
        lang: str,
        template: str = "bitrix",
        host: str = "127.0.0.1",
        port: int = 0,
        encoding: str = "utf-8",
    ) -> None:
        if template not in TEMPLATES:
            raise ValueError(f"unknown template {template!r}; choose from {TEMPLATES}")
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown encoding {encoding!r}; choose from {ENCODINGS}")
        self.lang, self.template, self.encoding = lang, template, encoding
        other = "ru" if lang == "en" else "en"
        # Points at the real other-language site; set it to a local mirror URL if needed.
        self.alternate_url = REAL_HOSTS[other] + "/"
        self.request_log: list[str] = []
        self.faults: dict[str, FaultHook] = {}
        self._lock = threading.Lock()
        self._sections: dict[str, list[MirrorArticle]] = {s: [] for s in SECTIONS}
        self._index: dict[tuple[str, str], MirrorArticle] = {}
        self._latest: list[MirrorArticle] | None = None
        for article in articles:
            if article.lang == lang:
                self._sections.setdefault(article.section, []).append(article)
                self._index[(article.section, article.slug)] = article
        for items in self._sections.values():
            items.sort(key=lambda a: a.published, reverse=True)
        self._httpd = ThreadingHTTPServer((host, port), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle
    @property
    def base_url(self) -> str:
        """Root URL without trailing slash, e.g. http://127.0.0.1:41234."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> MirrorServer:
        """Serve in a daemon thread; returns self for chaining."""
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._thread:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ content
    @property
    def site(self) -> SiteInfo:
        """Rendering settings derived from the server configuration."""
        charset = "UTF-8" if self.encoding == "utf-8" else "windows-1251"
        return SiteInfo(self.lang, self.template, charset, self.alternate_url)

    def publish(self, article: MirrorArticle) -> None:
        """Add an article while running; it goes before older and same-day articles."""
        if article.lang != self.lang:
            raise ValueError(f"article language {article.lang!r} != server language {self.lang!r}")
        with self._lock:
            items = self._sections.setdefault(article.section, [])
            keys = [-a.published.toordinal() for a in items]
            pos = bisect.bisect_left(keys, -article.published.toordinal())
            items.insert(pos, article)
            self._index[(article.section, article.slug)] = article
            self._latest = None

    def latest(self, count: int = 3) -> list[MirrorArticle]:
        """The newest articles over all sections (the block shown on every page)."""
        with self._lock:
            if self._latest is None:
                merged = [a for items in self._sections.values() for a in items]
                self._latest = sorted(merged, key=lambda a: a.published, reverse=True)[:count]
            return list(self._latest)

    def section_items(self, section: str) -> list[MirrorArticle]:
        """Snapshot of a section's articles, newest first."""
        with self._lock:
            return list(self._sections.get(section, []))

    def find(self, section: str, slug: str) -> MirrorArticle | None:
        """Look an article up by its URL parts."""
        with self._lock:
            return self._index.get((section, slug))

    def log_request(self, path: str) -> None:
        """Record a requested path+query (thread-safe)."""
        with self._lock:
            self.request_log.append(path)

    def encode_html(self, text: str) -> tuple[bytes, str]:
        """Body bytes and Content-Type header for the configured encoding mode."""
        if self.encoding == "utf-8":
            return text.encode("utf-8"), "text/html; charset=UTF-8"
        body = text.encode("cp1251", errors="xmlcharrefreplace")
        if self.encoding == "cp1251-meta":
            return body, "text/html"
        return body, "text/html; charset=UTF-8"

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        mirror = self

        class Handler(MirrorRequestHandler):
            server_mirror = mirror

        return Handler


class MirrorRequestHandler(BaseHTTPRequestHandler):
    """Routes requests to the mirror; subclassed per server with ``server_mirror`` set."""

    server_mirror: MirrorServer
    server_version = "nginx"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Silence per-request stderr logging; request_log is the record."""

    def do_GET(self) -> None:  # noqa: N802
        self._handle(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._handle(head=True)

    # ------------------------------------------------------------------ plumbing
    def _handle(self, head: bool) -> None:
        self.head_only = head
        mirror = self.server_mirror
        mirror.log_request(self.path)
        url = urlsplit(self.path)
        for prefix, hook in list(mirror.faults.items()):
            if url.path.startswith(prefix) and hook(self):
                return
        self.route(unquote(url.path), parse_qs(url.query))  # as nginx and Bitrix decode it

    def send(self, status: int, body: bytes, content_type: str, headers: Iterable = ()) -> None:
        """Write a complete response."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if not self.head_only:
            self.wfile.write(body)

    def send_html(self, status: int, text: str) -> None:
        """Encode a page according to the server's encoding mode and send it."""
        body, content_type = self.server_mirror.encode_html(text)
        self.send(status, body, content_type, [("X-Powered-CMS", "Bitrix Site Manager")])

    # ------------------------------------------------------------------ routes
    def route(self, path: str, query: dict[str, list[str]]) -> None:
        """Dispatch on the path; anything unknown is a 404 page."""
        mirror = self.server_mirror
        if path == "/robots.txt":
            self.send(200, ROBOTS_TXT.encode(), "text/plain; charset=UTF-8")
        elif path.startswith("/upload/"):
            self.upload(path)
        elif path in ("/", "/index.php"):
            self.listing(None, query)
        elif path == "/news/":
            self.send_html(200, render_news_index(mirror.site, mirror.latest()))
        elif (match := _SECTION_RE.match(path)) and match.group(2):
            self.listing(match.group(1), query)
        elif match and match.group(1) in SECTIONS:
            self.send(301, b"", "text/html", [("Location", f"/news/{match.group(1)}/")])
        elif match := _ARTICLE_RE.match(path):
            self.article(match.group(1), match.group(2), bool(match.group(3)))
        else:
            self.not_found()

    def not_found(self) -> None:
        """Bitrix answers unknown URLs with its 404 page inside the site chrome."""
        mirror = self.server_mirror
        self.send_html(404, render_not_found(mirror.site, mirror.latest()))

    def upload(self, path: str) -> None:
        """Dummy bytes for images and documents."""
        ext = path.rsplit(".", 1)[-1].lower()
        body = (
            b"%PDF-1.4\n% mirror dummy\n%%EOF\n"
            if ext == "pdf"
            else b"mirror dummy " + path.encode()
        )
        self.send(200, body, UPLOAD_TYPES.get(ext, "application/octet-stream"))

    def article(self, section: str, slug: str, has_slash: bool) -> None:
        """Article page; the slash-less URL redirects permanently like Bitrix's SEF mode."""
        mirror = self.server_mirror
        article = mirror.find(section, slug)
        if article is None:
            self.not_found()
        elif not has_slash:
            self.send(301, b"", "text/html", [("Location", f"/news/{section}/{slug}/")])
        else:
            self.send_html(200, render_article(article, mirror.site, mirror.latest()))

    def listing(self, section: str | None, query: dict[str, list[str]]) -> None:
        """Section listing with Bitrix PAGEN_1 pagination; the home page is page 1 of all news."""
        mirror = self.server_mirror
        if section is None:
            items = sorted(
                (a for s in SECTIONS for a in mirror.section_items(s)),
                key=lambda a: a.published,
                reverse=True,
            )[:PER_PAGE]
            self.send_html(200, render_listing(None, items, 1, 1, mirror.site, mirror.latest()))
            return
        if section not in SECTIONS and not mirror.section_items(section):
            self.not_found()
            return
        items = mirror.section_items(section)
        pages = max(1, -(-len(items) // PER_PAGE))
        page = clamp_page(query.get("PAGEN_1", [""])[0], pages)
        chunk = items[(page - 1) * PER_PAGE : page * PER_PAGE]
        self.send_html(
            200, render_listing(section, chunk, page, pages, mirror.site, mirror.latest())
        )


def clamp_page(raw: str, pages: int) -> int:
    """Bitrix serves the last page for an out-of-range or invalid PAGEN_1."""
    if raw == "":
        return 1
    try:
        page = int(raw)
    except ValueError:
        return pages
    return page if 1 <= page <= pages else pages
