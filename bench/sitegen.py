"""A large static copy of the English mirror on disk, served by nginx for crawl benchmarks.

The live mirror (`crawler.mirror.server`) renders each page in Python on request, so a
crawl against it measures the mirror as much as the crawler. Here the same pages are
rendered once to files (cached under $TMPDIR, keyed by the parameters and the source of
the generator and templates) and served by nginx, or by a threaded Python server when
nginx is not installed:

- `/news/<section>/` and `/news/<section>/?PAGEN_1=N`: listing page N (20 articles a page),
  stored as `news/<section>/page-N.html`; an out-of-range or invalid page number gets the
  last page, as Bitrix (and the mirror's `clamp_page`) does;
- `/news/<section>/<slug>/`: the article, stored as `news/<section>/<slug>/index.html`;
- `/robots.txt`: allow all.

Each page is padded deterministically (seeded by its path) to 30-60 KB, as real Bitrix
pages are, with furniture around the content: inline scripts and styles in `<head>`, a
mega-menu of links to `/about/...` and `/documents/...`, footer links and addresses, and
counter scripts. The article body, title, date and latest-news block are untouched, so a
crawl must still store exactly `MirrorArticle.body`.

    .venv/bin/python bench/sitegen.py [--articles N] [--serve]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pwd
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from crawler.mirror.dataset import MirrorArticle, build_dataset  # noqa: E402
from crawler.mirror.render import SECTIONS, SiteInfo, render_article, render_listing  # noqa: E402

PER_PAGE = 20  # 10,000 articles over 500 listing pages
SITE = SiteInfo("en", "bitrix", "UTF-8", "https://odkb-csto.org/")
ROBOTS_TXT = "User-agent: *\nDisallow:\n"
MIN_SIZE, MAX_SIZE = 30_000, 60_000
SOURCES = (
    Path(__file__),
    ROOT / "crawler/mirror/dataset.py",
    ROOT / "crawler/mirror/render.py",
    ROOT / "crawler/mirror/data/corpus.json",
    *sorted((ROOT / "crawler/mirror/templates").glob("*.py")),
)
LISTING_RE = re.compile(r"^/news/([^/]+)/$")


# ----------------------------------------------------------------------------- the dataset
def en_articles(count: int) -> list[MirrorArticle]:
    """`count` English articles, half in each section, newest first within a section."""
    half = count // 2
    data = build_dataset(per_section={"news_odkb": count - half, "smi": half})
    return [a for a in data if a.lang == "en"]


def by_section(articles: list[MirrorArticle]) -> dict[str, list[MirrorArticle]]:
    """Each section's articles newest first, sorted as `MirrorServer` sorts them."""
    sections: dict[str, list[MirrorArticle]] = {s: [] for s in SECTIONS}
    for article in articles:
        sections.setdefault(article.section, []).append(article)
    for items in sections.values():
        items.sort(key=lambda a: a.published, reverse=True)
    return sections


def newest(sections: dict[str, list[MirrorArticle]], count: int = 3) -> list[MirrorArticle]:
    """The latest-news block shown on every page (`MirrorServer.latest`)."""
    merged = [a for items in sections.values() for a in items]
    return sorted(merged, key=lambda a: a.published, reverse=True)[:count]


# ----------------------------------------------------------------------------- furniture
_MENU = {
    "about": ["history", "charter", "structure", "member-states", "secretariat", "joint-staff",
              "secretary-general", "council", "committee", "parliamentary-assembly",
              "observers", "partners", "anniversary", "symbols", "vacancies"],
    "documents": ["agreements", "decisions", "statements", "declarations", "protocols",
                  "regulations", "strategies", "plans", "reports", "resolutions",
                  "treaty", "charter-text", "archive", "legal-base", "ratification"],
}  # fmt: skip
_TOPICS = ("peacekeeping", "border-security", "counter-terrorism", "drug-trafficking",
           "cyber-security", "crisis-response", "military-cooperation", "emergencies",
           "information-security", "migration", "training", "exercises")  # fmt: skip
_YEARS = tuple(range(2002, 2025))
_CSS_PROPS = ("margin", "padding", "color", "background", "font-size", "line-height",
              "border", "display", "width", "max-width", "position", "z-index",
              "transition", "text-align", "letter-spacing")  # fmt: skip
_JS_DIRS = ("main/core", "ui/vue", "main/popup", "ui/fonts", "main/loader", "ui/buttons",
            "socialservices", "fileman", "main/date", "ui/notification", "landing", "iblock")


def _label(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def _menu_pool() -> list[tuple[str, str]]:
    """(href, text) of every mega-menu entry a page may show; no news article path."""
    pool = []
    for top, subs in _MENU.items():
        for sub in subs:
            pool.append((f"/{top}/{sub}/", _label(sub)))
            for topic in _TOPICS:
                pool.append((f"/{top}/{sub}/{topic}/", f"{_label(sub)}: {_label(topic)}"))
    for year in _YEARS:
        pool.append((f"/documents/archive/{year}/", f"Documents of {year}"))
    return pool


MENU_POOL = _menu_pool()


def mega_menu(rng: random.Random) -> str:
    """`<nav class="main-menu">` with 100-200 links grouped in columns."""
    links = rng.sample(MENU_POOL, rng.randint(100, 200))
    groups = [links[i : i + 12] for i in range(0, len(links), 12)]
    columns = "".join(
        '<li class="main-menu__col"><ul class="main-menu__sub">'
        + "".join(f'<li><a href="{h}" class="main-menu__link">{t}</a></li>' for h, t in g)
        + "</ul></li>\n"
        for g in groups
    )
    return (
        '<nav class="main-menu" id="main-menu">\n<ul class="main-menu__list">\n'
        f"{columns}</ul>\n</nav>\n"
    )


def footer_block(rng: random.Random) -> str:
    """Footer columns: links, addresses, phones of the CSTO bodies."""
    bodies = ("CSTO Secretariat", "CSTO Joint Staff", "Parliamentary Assembly",
              "Press service", "Protocol department")  # fmt: skip
    cols = []
    for body in bodies:
        links = rng.sample(MENU_POOL, 6)
        items = "".join(f'<li><a href="{h}">{t}</a></li>' for h, t in links)
        phone = f"+7 (495) {rng.randint(600, 699)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
        cols.append(
            f'<div class="footer__col"><div class="footer__title">{body}</div>'
            f'<ul class="footer__links">{items}</ul>'
            '<div class="footer__contact">Moscow, Sverchkov lane, 3/2, '
            f"building {rng.randint(1, 9)}"
            f"<br>Phone: {phone}<br>Fax: {phone[:-2]}{rng.randint(10, 99)}</div></div>\n"
        )
    return f'<div class="footer__columns">\n{"".join(cols)}</div>\n'


def counters(rng: random.Random) -> str:
    """Analytics snippets at the end of the body."""
    ids = [rng.randint(10_000_000, 99_999_999) for _ in range(3)]
    return (
        '<script type="text/javascript">(function(w,d){w.dataLayer=w.dataLayer||[];'
        f"function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());"
        f"gtag('config','G-{ids[0]:X}');var s=d.createElement('script');s.async=true;"
        f"s.src='https://www.googletagmanager.com/gtag/js?id=G-{ids[0]:X}';"
        "d.head.appendChild(s);})(window,document);</script>\n"
        f'<noscript><div><img src="https://mc.yandex.ru/watch/{ids[1]}" '
        'style="position:absolute; left:-9999px;" alt=""></div></noscript>\n'
        f'<script>new Image().src="https://counter.yadro.ru/hit?r"+escape(document.referrer)'
        f'+";u"+escape(document.URL)+";id={ids[2]};"+Math.random();</script>\n'
    )


def _css_rule(rng: random.Random) -> str:
    block = rng.choice(("bx", "news", "header", "footer", "menu", "card"))
    name = f".{block}-{rng.randint(1, 999)}"
    props = ";".join(
        f"{rng.choice(_CSS_PROPS)}:{rng.randint(0, 64)}px" for _ in range(rng.randint(2, 6))
    )
    return f"{name}{{{props}}}"


def _js_entry(rng: random.Random) -> str:
    path = f"/bitrix/js/{rng.choice(_JS_DIRS)}/{rng.choice(('core', 'dist', 'src'))}"
    return f'"{path}/{rng.randint(1, 9999):x}.min.js?{rng.randint(1_500_000_000, 1_700_000_000)}"'


def _message(rng: random.Random) -> str:
    key = f"{rng.choice(('JS', 'MAIN', 'UI', 'BX'))}_{rng.randint(1, 9999):04d}"
    return f'"{key}":"{rng.choice(("Close", "Loading...", "Error", "Yes", "No", "Send"))}"'


def head_block(rng: random.Random, size: int) -> str:
    """Inline `<style>` and Bitrix `BX.setJSList`/`BX.message` blobs of about `size` bytes."""
    css, js, msg, total = [], [], [], 0
    while total < size:
        for part, make in ((css, _css_rule), (js, _js_entry), (msg, _message)):
            piece = make(rng)
            part.append(piece)
            total += len(piece) + 1
    return (
        f'<style type="text/css">\n{chr(10).join(css)}\n</style>\n'
        f"<script>BX.setJSList([{','.join(js)}]);</script>\n"
        f"<script>BX.message({{{','.join(msg)}}});</script>\n"
    )


def pad(html: str, path: str) -> str:
    """The page with its furniture, 30-60 KB, the same every time for the same path."""
    rng = random.Random(zlib.crc32(path.encode()))
    target = rng.randint(MIN_SIZE, MAX_SIZE)
    menu, foot, count = mega_menu(rng), footer_block(rng), counters(rng)
    page = (
        html.replace("</header>\n", "</header>\n" + menu, 1)
        .replace("</footer>", foot + "</footer>", 1)
        .replace("</body>", count + "</body>", 1)
    )
    missing = target - len(page.encode())
    head = head_block(rng, missing) if missing > 0 else ""
    return page.replace("</head>", head + "</head>", 1)


# ----------------------------------------------------------------------------- the site
@dataclass(frozen=True)
class Site:
    """A generated site: its directory, articles and page sizes."""

    root: Path
    articles: list[MirrorArticle]
    listing_pages: int
    median_size: int

    def article_file(self, article: MirrorArticle) -> Path:
        return self.root / article.path.strip("/") / "index.html"


def cache_dir(articles: int) -> Path:
    """Where a site of this size is cached; the key changes when the generator does."""
    digest = hashlib.sha256()
    for source in SOURCES:
        digest.update(source.read_bytes())
    base = Path(os.environ.get("TMPDIR") or tempfile.gettempdir())
    return base / f"csto-bench-site-{articles}-{PER_PAGE}-{digest.hexdigest()[:10]}"


def write_pages(root: Path, articles: list[MirrorArticle]) -> tuple[list[int], int]:
    """Render every page into `root`; the byte size of each page and the listing count."""
    sections = by_section(articles)
    latest = newest(sections)
    sizes, listings = [], 0
    for section, items in sections.items():
        pages = max(1, -(-len(items) // PER_PAGE)) if items else 0
        for page in range(1, pages + 1):
            chunk = items[(page - 1) * PER_PAGE : page * PER_PAGE]
            html = render_listing(section, chunk, page, pages, SITE, latest)
            path = f"/news/{section}/" + (f"?PAGEN_1={page}" if page > 1 else "")
            sizes.append(write(root / f"news/{section}/page-{page}.html", pad(html, path)))
            listings += 1
        if pages:
            last = root / f"news/{section}/page-{pages}.html"
            shutil.copyfile(last, last.with_name("page-last.html"))
        for article in items:
            html = pad(render_article(article, SITE, latest), article.path)
            sizes.append(write(root / article.path.strip("/") / "index.html", html))
    write(root / "robots.txt", ROBOTS_TXT)
    return sizes, listings


def write(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


def build_site(count: int, quiet: bool = False) -> Site:
    """The site with `count` articles, generated once and then reused from the cache."""
    articles = en_articles(count)
    root = cache_dir(count)
    manifest = root / "manifest.json"
    if not manifest.exists():
        started = time.monotonic()
        tmp = Path(tempfile.mkdtemp(prefix=root.name + ".tmp-", dir=root.parent))
        tmp.chmod(0o755)  # nginx's worker (or an unprivileged nginx) must read it
        sizes, listings = write_pages(tmp, articles)
        info = {"articles": len(articles), "listing_pages": listings,
                "median_size": int(statistics.median(sizes)), "pages": len(sizes)}
        (tmp / "manifest.json").write_text(json.dumps(info))
        if root.exists():  # a half-made copy from an interrupted run
            shutil.rmtree(root)
        for stale in root.parent.glob(root.name.rsplit("-", 1)[0] + "-*"):
            if stale.is_dir() and ".tmp-" not in stale.name:  # made by an older generator
                shutil.rmtree(stale, ignore_errors=True)
        tmp.rename(root)
        if not quiet:
            print(f"generated {root} in {time.monotonic() - started:.0f}s")
    info = json.loads(manifest.read_text())
    return Site(root, articles, info["listing_pages"], info["median_size"])


# ----------------------------------------------------------------------------- serving
NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    access_log {tmp}/access.log;
    types {{ text/html html; text/plain txt; }}
    default_type application/octet-stream;
    charset UTF-8;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    server_tokens off;
    # Bitrix pagination: no PAGEN_1 is page 1; out of range or not a number: the last page.
    map $arg_PAGEN_1 $pagen {{
        "" 1;
        "~^(?<num>[0-9]+)$" $num;
        default last;
    }}
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
        absolute_redirect off;
        add_header X-Powered-CMS "Bitrix Site Manager";
        location ~ ^/news/[^/]+/$ {{
            try_files ${{uri}}page-$pagen.html ${{uri}}page-last.html =404;
        }}
        location ~ ^/news/[^/]+$ {{
            return 301 $uri/;
        }}
        location / {{
            try_files $uri $uri/index.html =404;
        }}
    }}
}}
"""


def nginx_binary() -> str | None:
    """nginx, if installed."""
    fallback = Path("/usr/sbin/nginx")
    return shutil.which("nginx") or (str(fallback) if fallback.exists() else None)


def unprivileged_user(tmp: Path) -> dict[str, int]:
    """Popen arguments that run nginx as `nobody` when we are root (it owns `tmp` then)."""
    if os.geteuid() != 0:
        return {}
    nobody = pwd.getpwnam("nobody")
    for path in (tmp, *tmp.iterdir()):
        os.chown(path, nobody.pw_uid, nobody.pw_gid)
    return {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_listening(port: int, proc: subprocess.Popen | None = None, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


@dataclass
class Server:
    """A running server: where it answers, what it is, how many requests it served."""

    base_url: str
    kind: str
    access_log: Path | None = None
    counter: list[int] | None = None

    def requests(self) -> int:
        if self.access_log is not None:
            with self.access_log.open("rb") as fh:
                return sum(1 for _ in fh)
        return self.counter[0] if self.counter else 0


@contextmanager
def nginx(root: Path, binary: str) -> Iterator[Server]:
    """nginx as an unprivileged foreground process with its own config, pid and logs."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    proc: subprocess.Popen | None = None
    try:
        port = free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, root=root))
        log = tmp / "error.log"
        proc = subprocess.Popen([binary, "-p", str(tmp), "-c", str(conf), "-e", str(log)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                **unprivileged_user(tmp))
        try:
            wait_listening(port, proc)
        except RuntimeError as error:
            detail = log.read_text() if log.exists() else ""
            raise RuntimeError(f"nginx did not start: {error}\n{detail}") from None
        version = subprocess.run([binary, "-v"], capture_output=True, text=True).stderr.strip()
        yield Server(f"http://127.0.0.1:{port}", f"{version}, 1 worker", tmp / "access.log")
    finally:
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGQUIT)  # graceful shutdown of master and worker
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def listing_file(root: Path, path: str, query: str) -> Path | None:
    """The file nginx's location serves for a listing URL; None for any other URL."""
    folder = root / path.strip("/")
    if not LISTING_RE.match(path) or not (folder / "page-1.html").exists():
        return None
    number = parse_qs(query, keep_blank_values=True).get("PAGEN_1", [""])[0] or "1"
    page = folder / f"page-{number}.html"
    return page if number.isdigit() and page.exists() else folder / "page-last.html"


def _handler(root: Path, counter: list[int], lock: threading.Lock) -> type:
    class Handler(SimpleHTTPRequestHandler):
        extensions_map = {".html": "text/html; charset=UTF-8", ".txt": "text/plain; charset=UTF-8",
                          "": "application/octet-stream"}  # fmt: skip

        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def translate_path(self, path: str) -> str:
            with lock:
                counter[0] += 1
            parts = urlsplit(path)
            page = listing_file(root, parts.path, parts.query)
            return str(page) if page is not None else super().translate_path(path)

    return Handler


@contextmanager
def python_server(root: Path) -> Iterator[Server]:
    """The fallback: a ThreadingHTTPServer with the same URL mapping as the nginx config."""
    counter, lock = [0], threading.Lock()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(root, counter, lock))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", "python ThreadingHTTPServer",
                     counter=counter)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@contextmanager
def serve(root: Path) -> Iterator[Server]:
    """nginx when installed, else the Python server; both stop on leaving the block."""
    binary = nginx_binary()
    manager = nginx(root, binary) if binary else python_server(root)
    with manager as server:
        yield server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--serve", action="store_true", help="serve it until Ctrl-C")
    args = parser.parse_args()
    site = build_site(args.articles)
    print(f"site: {site.root}\n{len(site.articles)} articles, {site.listing_pages} listing pages, "
          f"median page {site.median_size / 1024:.1f} KB")
    if args.serve:
        with serve(site.root) as server:
            print(f"serving with {server.kind} at {server.base_url}/ (Ctrl-C stops)")
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass


if __name__ == "__main__":
    main()
