"""Crawl benchmark: the whole crawler against a 10,000-article static site on loopback.

`bench/sitegen.py` renders the English mirror to files (20 articles a listing page, pages
padded to 30-60 KB like real Bitrix pages) and serves them with nginx (else a threaded
Python server). Every crawl runs in its own process (Twisted's reactor cannot restart);
its wall time, CPU time (user+sys) and peak RSS come from `os.wait4` in a small launcher
process, so they are the child's own. Each figure is measured `--repeat` times (default
3): median and min-max.

(a) full crawl, `scrapy crawl csto`, real pipelines and storage into a fresh database:
    pages/s, articles/s, wall, CPU, peak RSS; the stored rows are checked against the mirror
(b) Scrapy baseline, `bench/baseline_spider.py`: same pages, no extraction, no pipelines
(c) extraction + normalisation without Scrapy (`crawler.run.reextraction.process_html`), 2,000
    article pages from memory, one process
(d) raw parsel parsing of the same pages (`Selector` + one `title::text`)
(e) `newscrawl reextract` over the database of (a): pages/s and cores used
(f) peak RSS of an (a)-style crawl of a site a tenth the size (1,000 articles) vs (a)
(g) an incremental `newscrawl crawl` after (a), with nothing new: CPU and wall

Targets: (a)/(b) pages/s >= 0.8; (c)/(d) >= 0.5; reextract pages/s per core >= 0.5 x (d);
RSS 10,000 / 1,000 articles <= 1.2; incremental CPU < 2 s. Prints, never asserts.

    .venv/bin/python bench/bench_crawl.py [--articles N] [--repeat N] [--quick] [--only a,b]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import parsel  # noqa: E402
from sitegen import Server, Site, build_site, serve  # noqa: E402

from crawler.mirror.dataset import MirrorArticle  # noqa: E402

BIN = Path(sys.executable).parent
FAST = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=16",
        "CONCURRENT_REQUESTS_PER_DOMAIN=16", "LOG_LEVEL=INFO")  # fmt: skip
INCREMENTAL_SETS = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False")
PARSE_PAGES = 2000
STEPS = "abcdefg"
REAL_URL = "https://en.odkb-csto.org"
Extractor = Callable[[str, str, str, Mapping[str, Any]], tuple[dict | None, str | None]]


# ----------------------------------------------------------------------------- children
@dataclass
class Child:
    """One finished subprocess: exit status, wall and CPU seconds, peak RSS, its log."""

    status: int
    wall: float
    cpu: float
    rss_mib: float
    log: Path

    def stat(self, name: str) -> int | None:
        """An integer from the Scrapy stats dump at the end of the log."""
        found = re.findall(rf"'{re.escape(name)}': (\d+)", self.log.read_text(errors="replace"))
        return int(found[-1]) if found else None

    def count(self, level: str) -> int:
        """Log lines at `level` (ERROR, WARNING)."""
        marker = f"] {level}: "
        with self.log.open(errors="replace") as fh:
            return sum(marker in line for line in fh)


# Linux gives a child its parent's peak RSS at exec (and vfork shares the parent's memory),
# so children are started from this small launcher, not from the benchmark process, which
# holds thousands of pages: the figures are then the command's own.
LAUNCHER = """\
import json, os, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.posix_spawn(cmd[0], cmd, os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
with open(out, "w") as fh:
    json.dump([os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime,
               usage.ru_maxrss], fh)
"""


def run(cmd: list[str], log: Path) -> Child:
    """Run `cmd` from the project root; its own wall, CPU and peak RSS (wait4)."""
    result = log.with_suffix(".rusage.json")
    with log.open("wb") as out:
        subprocess.run([sys.executable, "-I", "-S", "-c", LAUNCHER, str(result), *cmd],
                       cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=True)
    status, wall, cpu, maxrss_kib = json.loads(result.read_text())
    return Child(status, wall, cpu, maxrss_kib / 1024, log)


def tool(name: str) -> list[str]:
    """The venv's console script, else the same through `python -m` (absolute paths: the
    launcher does not search PATH)."""
    path = BIN / name
    module = {"scrapy": "scrapy", "newscrawl": "crawler.cli"}[name]
    return [str(path)] if path.exists() else [sys.executable, "-m", module]


def settings(pairs: tuple[str, ...], flag: str = "-s") -> list[str]:
    return [arg for pair in pairs for arg in (flag, pair)]


# ----------------------------------------------------------------------------- figures
@dataclass
class Bench:
    """What the steps share: the site, its server, the work directory, the figures."""

    site: Site
    server: Server
    repeat: int
    work: Path
    figures: dict[str, list[float]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    db: Path | None = None
    notes: dict[str, str] = field(default_factory=dict)

    def add(self, key: str, value: float) -> None:
        self.figures.setdefault(key, []).append(value)

    def median(self, key: str) -> float | None:
        values = self.figures.get(key)
        return statistics.median(values) if values else None

    def problem(self, text: str) -> None:
        print(f"  PROBLEM: {text}")
        self.problems.append(text)


def spread(values: list[float]) -> str:
    """'median (min-max)' with a precision that suits the size."""
    digits = 0 if statistics.median(values) >= 100 else 2 if statistics.median(values) < 10 else 1
    med, low, high = (f"{v:.{digits}f}" for v in (statistics.median(values), min(values),
                                                   max(values)))
    return med if len(values) == 1 else f"{med} ({low}–{high})"


# ----------------------------------------------------------------------------- checks
def table_count(db: Path, table: str) -> int | None:
    with sqlite3.connect(db) as conn:
        try:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except sqlite3.OperationalError:
            return None


def check_rows(db: Path, articles: list[MirrorArticle]) -> tuple[int, str]:
    """Rows stored, and how many agree with the mirror's title, date and body."""
    expected = {(a.section, a.slug): a for a in articles}
    same = {"title": 0, "published": 0, "body": 0}
    example = ""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT section, slug, title, published, body FROM articles")
        count = 0
        for section, slug, title, published, body in rows:
            count += 1
            article = expected.get((section, slug))
            if article is None:
                example = example or f"unexpected row {section}/{slug}"
                continue
            got = {"title": title, "published": published, "body": body}
            want = {"title": article.title, "published": article.published.isoformat(),
                    "body": article.body}
            for name in same:
                same[name] += got[name] == want[name]
                if got[name] != want[name] and not example:
                    example = f"{name} differs on {article.path}"
    text = ", ".join(f"{k} {v}/{len(articles)}" for k, v in same.items())
    ok = count == len(articles) and all(v == len(articles) for v in same.values())
    return count, f"equal to the mirror: {text}" + ("" if ok else f"; e.g. {example}")


def check_child(bench: Bench, name: str, child: Child) -> None:
    errors = child.count("ERROR")
    if child.status != 0:
        bench.problem(f"{name}: exit status {child.status} (log {child.log})")
    if errors:
        bench.problem(f"{name}: {errors} ERROR lines in {child.log}")


# ----------------------------------------------------------------------------- crawls
def crawl_csto(server: Server, db: Path, log: Path) -> Child:
    cmd = [*tool("scrapy"), "crawl", "csto", "-a", "lang=en", "-a", f"base_url={server.base_url}",
           "-a", "sections=news_odkb,smi", "-s", f"SQLITE_PATH={db}", *settings(FAST)]
    return run(cmd, log)


@dataclass
class Crawl:
    """An (a)-style crawl: the process, responses, rows stored, its database."""

    child: Child
    pages: int
    rows: int
    db: Path


def full_crawls(bench: Bench, site: Site, server: Server, prefix: str) -> list[Crawl]:
    """`repeat` (a)-style crawls, each into a fresh database; rows checked every time."""
    crawls = []
    for i in range(bench.repeat):
        db = bench.work / f"{prefix}{i}.db"
        served = server.requests()
        child = crawl_csto(server, db, bench.work / f"{prefix}{i}.log")
        pages = child.stat("downloader/response_count") or 0
        served = server.requests() - served
        rows, agreement = check_rows(db, site.articles)
        print(f"  run {i + 1}: {pages} pages ({served} served), {rows} rows in {child.wall:.1f}s,"
              f" CPU {child.cpu:.1f}s, RSS {child.rss_mib:.0f} MiB, exit {child.status}; "
              f"{agreement}")
        check_child(bench, f"crawl of {len(site.articles)} articles", child)
        if rows != len(site.articles):
            bench.problem(f"{rows} rows stored, {len(site.articles)} expected ({child.log})")
        elif "e.g." in agreement:
            bench.problem(f"stored rows differ from the mirror: {agreement}")
        crawls.append(Crawl(child, pages, rows, db))
    return crawls


def step_a(bench: Bench) -> None:
    print(f"\n(a) full crawl, real pipelines and storage ({len(bench.site.articles)} articles)")
    for crawl in full_crawls(bench, bench.site, bench.server, "a"):
        bench.add("a.pages_s", crawl.pages / crawl.child.wall)
        bench.add("a.articles_s", crawl.rows / crawl.child.wall)
        bench.add("a.wall", crawl.child.wall)
        bench.add("a.cpu", crawl.child.cpu)
        bench.add("a.rss", crawl.child.rss_mib)
        bench.db = crawl.db


def step_b(bench: Bench) -> None:
    print("\n(b) Scrapy baseline spider: same pages, no extraction, no pipelines")
    for i in range(bench.repeat):
        cmd = [*tool("scrapy"), "runspider", str(ROOT / "bench/baseline_spider.py"),
               "-a", f"base_url={bench.server.base_url}", "-s", "ITEM_PIPELINES={}",
               *settings(FAST)]
        child = run(cmd, bench.work / f"b{i}.log")
        pages = child.stat("downloader/response_count") or 0
        items = child.stat("item_scraped_count") or 0
        print(f"  run {i + 1}: {pages} pages, {items} article pages in {child.wall:.1f}s, "
              f"CPU {child.cpu:.1f}s, RSS {child.rss_mib:.0f} MiB, exit {child.status}")
        check_child(bench, "baseline", child)
        if items != len(bench.site.articles):
            bench.problem(f"baseline reached {items} articles, {len(bench.site.articles)} expected")
        if i == 0:
            print(f"  project settings applied: {project_settings_in(child.log)}")
        bench.add("b.pages_s", pages / child.wall)
        bench.add("b.cpu", child.cpu)
        bench.add("b.rss", child.rss_mib)


def project_settings_in(log: Path) -> str:
    text = log.read_text(errors="replace")
    middleware = "crawler.middlewares.backoff_retry.BackoffRetryMiddleware" in text
    extensions = "crawler.extensions.extraction_health.ExtractionHealth" in text
    return (f"project middlewares {'yes' if middleware else 'NO'}, project extensions "
            f"(health, reachability, storage guard) {'kept' if extensions else 'NO'}, "
            "item pipelines none")


# ----------------------------------------------------------------------------- in process
def sample_pages(site: Site, count: int = PARSE_PAGES) -> list[tuple[MirrorArticle, str]]:
    """`count` article pages spread over the site, read into memory."""
    step = max(1, len(site.articles) // count)
    chosen = site.articles[::step][:count]
    return [(a, site.article_file(a).read_text(encoding="utf-8")) for a in chosen]


def listing_of(article: MirrorArticle) -> dict[str, Any]:
    return {"section": article.section, "slug": article.slug, "title": article.title,
            "date_raw": article.published.strftime("%d.%m.%Y"), "lead": article.lead or None}


def extractor() -> tuple[Extractor, str]:
    """The project's process_html; an extraction-only stand-in until it exists."""
    try:
        from crawler.run.reextraction import process_html
    except ImportError:
        from crawler.extract.article import extract_article
        from crawler.sites import get_profile

        print("  TODO: crawler.run.reextraction.process_html is not there yet; using "
              "extract_article alone (no normalisation): figures are provisional")

        def fallback(html: str, url: str, lang: str, listing: Mapping[str, Any]) -> tuple:
            fields = extract_article(html, url, get_profile(lang))
            return {"title": fields.title, "body": fields.body}, None

        return fallback, "extract_article (fallback)"
    return process_html, "crawler.run.reextraction.process_html"


def timed(pages: list[tuple[MirrorArticle, str]], work: Callable[[MirrorArticle, str], Any]
          ) -> tuple[float, list[Any]]:  # fmt: skip
    """Pages per second of `work` over `pages`, and what it returned."""
    started = time.perf_counter()
    out = [work(article, html) for article, html in pages]
    return len(pages) / (time.perf_counter() - started), out


def step_c(bench: Bench, pages: list[tuple[MirrorArticle, str]]) -> None:
    print(f"\n(c) extraction + normalisation without Scrapy, {len(pages)} pages in memory")
    process, name = extractor()
    bench.notes["c"] = f"extraction + normalisation by {name}"

    def work(article: MirrorArticle, html: str) -> tuple:
        return process(html, REAL_URL + article.path, "en", listing_of(article))

    timed(pages[:20], work)  # warm up: imports, compiled patterns
    for i in range(bench.repeat):
        rate, out = timed(pages, work)
        bench.add("c.pages_s", rate)
        accepted = sum(item is not None for item, _ in out)
        same = sum(item is not None and item.get("body") == a.body
                   for (item, _), (a, _) in zip(out, pages, strict=True))
        print(f"  run {i + 1}: {rate:.1f} pages/s with {name}; {accepted} accepted, "
              f"{same} bodies equal to the mirror's")
        if i == 0 and accepted != len(pages):
            reasons = {reason for item, reason in out if item is None}
            bench.problem(f"(c) rejected {len(pages) - accepted} pages: {sorted(reasons)[:3]}")


def step_d(bench: Bench, pages: list[tuple[MirrorArticle, str]]) -> None:
    print(f"\n(d) raw parsel parsing, same {len(pages)} pages")

    def work(article: MirrorArticle, html: str) -> str | None:
        return parsel.Selector(text=html).css("title::text").get()

    timed(pages[:20], work)
    for i in range(bench.repeat):
        rate, out = timed(pages, work)
        bench.add("d.pages_s", rate)
        print(f"  run {i + 1}: {rate:.1f} pages/s ({sum(map(bool, out))} titles found)")


# ----------------------------------------------------------------------------- reextract
def reextract_available() -> bool:
    done = subprocess.run([*tool("newscrawl"), "reextract", "--help"], cwd=ROOT,
                          capture_output=True, text=True)
    return done.returncode == 0


def copy_db(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)


def step_e(bench: Bench) -> None:
    print("\n(e) newscrawl reextract over the database of (a)")
    if not reextract_available():
        print("  reextract: not available")
        bench.notes["e"] = "reextract: not available"
        return
    db = ensure_db(bench)
    stored = table_count(db, "pages")
    what = "stored pages"
    if stored is None:
        stored, what = table_count(db, "articles") or 0, "articles (no pages table)"
    for i in range(bench.repeat):
        copy = bench.work / f"e{i}.db"
        copy_db(db, copy)
        child = run([*tool("newscrawl"), "reextract", "--db", str(copy)], bench.work / f"e{i}.log")
        rows, agreement = check_rows(copy, bench.site.articles)
        print(f"  run {i + 1}: {stored} {what} in {child.wall:.1f}s, CPU {child.cpu:.1f}s "
              f"(~{child.cpu / child.wall:.2f} cores), RSS {child.rss_mib:.0f} MiB, exit "
              f"{child.status}; {rows} rows after, {agreement}")
        check_child(bench, "reextract", child)
        tail = child.log.read_text(errors="replace").strip().splitlines()[-3:]
        if i == 0 and tail:
            print("  its last output: " + " | ".join(tail))
        bench.add("e.pages_s", stored / child.wall)
        bench.add("e.cores", child.cpu / child.wall)
        bench.add("e.per_core", stored / child.cpu)
        bench.add("e.wall", child.wall)


# ----------------------------------------------------------------------------- memory
def step_f(bench: Bench, small_count: int) -> None:
    print(f"\n(f) peak RSS: crawl of {small_count} articles vs {len(bench.site.articles)}")
    small = build_site(small_count)
    with serve(small.root) as server:
        for crawl in full_crawls(bench, small, server, "f"):
            bench.add("f.rss_small", crawl.child.rss_mib)
    if "a.rss" not in bench.figures:
        print(f"  (a) was not run: crawling the {len(bench.site.articles)}-article site too")
        for crawl in full_crawls(bench, bench.site, bench.server, "fa"):
            bench.add("a.rss", crawl.child.rss_mib)


# ----------------------------------------------------------------------------- incremental
def ensure_db(bench: Bench) -> Path:
    """The database of (a); one unmeasured crawl makes it when (a) was not run."""
    if bench.db is None:
        print("  (preparing a database with one unmeasured full crawl)")
        bench.db = bench.work / "prepared.db"
        child = crawl_csto(bench.server, bench.db, bench.work / "prepared.log")
        check_child(bench, "preparing crawl", child)
    return bench.db


def step_g(bench: Bench) -> None:
    print("\n(g) incremental newscrawl crawl after (a), nothing new")
    db = ensure_db(bench)
    before = table_count(db, "articles")
    for i in range(bench.repeat):
        cmd = [*tool("newscrawl"), "crawl", "--lang", "en", "--base-url", bench.server.base_url,
               "--db", str(db), *settings(INCREMENTAL_SETS, "--set")]
        child = run(cmd, bench.work / f"g{i}.log")
        pages = child.stat("downloader/response_count")
        new = child.stat("storage/articles_new") or 0
        print(f"  run {i + 1}: {pages} pages, {new} new articles in {child.wall:.2f}s, "
              f"CPU {child.cpu:.2f}s, RSS {child.rss_mib:.0f} MiB, exit {child.status}")
        check_child(bench, "incremental crawl", child)
        if new or table_count(db, "articles") != before:
            bench.problem(f"incremental crawl stored {new} new articles; 0 expected")
        bench.add("g.cpu", child.cpu)
        bench.add("g.wall", child.wall)


# ----------------------------------------------------------------------------- report
ROWS = (
    ("a.pages_s", "(a) full crawl: pages/s"), ("a.articles_s", "(a) full crawl: articles/s"),
    ("a.wall", "(a) full crawl: wall s"), ("a.cpu", "(a) full crawl: CPU s"),
    ("a.rss", "(a) full crawl: peak RSS MiB"), ("b.pages_s", "(b) baseline: pages/s"),
    ("b.cpu", "(b) baseline: CPU s"), ("b.rss", "(b) baseline: peak RSS MiB"),
    ("c.pages_s", "(c) extract+normalise: pages/s"), ("d.pages_s", "(d) parsel: pages/s"),
    ("e.pages_s", "(e) reextract: pages/s (wall)"), ("e.cores", "(e) reextract: cores used"),
    ("e.per_core", "(e) reextract: pages/s per core"), ("e.wall", "(e) reextract: wall s"),
    ("f.rss_small", "(f) small-site crawl: peak RSS MiB"),
    ("g.cpu", "(g) incremental: CPU s"), ("g.wall", "(g) incremental: wall s"),
)  # fmt: skip


Target = tuple[str, float | None, str, Callable[[float], bool]]


def targets(bench: Bench, small_count: int) -> list[Target]:
    """(name, value or None when not measured, target, test) of each target, on medians."""
    m = bench.median

    def ratio(a: str, b: str) -> float | None:
        x, y = m(a), m(b)
        return x / y if x is not None and y else None

    return [
        ("(a)/(b) pages/s", ratio("a.pages_s", "b.pages_s"), ">= 0.8", lambda v: v >= 0.8),
        ("(c)/(d) pages/s", ratio("c.pages_s", "d.pages_s"), ">= 0.5", lambda v: v >= 0.5),
        ("reextract per core / (d)", ratio("e.per_core", "d.pages_s"), ">= 0.5",
         lambda v: v >= 0.5),
        (f"RSS {len(bench.site.articles)} / {small_count} articles",
         ratio("a.rss", "f.rss_small"), "<= 1.2", lambda v: v <= 1.2),
        ("incremental CPU s", m("g.cpu"), "< 2", lambda v: v < 2),
    ]


def report(bench: Bench, small_count: int) -> None:
    print("\n" + "=" * 78)
    print(f"{'figure':44} median (min–max) over {bench.repeat} run(s)")
    for key, label in ROWS:
        if key in bench.figures:
            print(f"{label:44} {spread(bench.figures[key])}")
    for step, note in bench.notes.items():
        print(f"({step}) {note}")
    print(f"\n{'target':44} {'value':>8}  {'target':8} result")
    for name, value, goal, test in targets(bench, small_count):
        result = "n/a" if value is None else "met" if test(value) else "NOT met"
        shown = "-" if value is None else f"{value:.2f}"
        print(f"{name:44} {shown:>8}  {goal:8} {result}")
    print(f"\nload average at the end: {load()}")
    print("problems: " + ("none" if not bench.problems else ""))
    for text in bench.problems:
        print(f"  - {text}")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def header(site: Site, server: Server, small_count: int, repeat: int) -> None:
    import scrapy

    print(f"date: {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print(f"machine: {os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), "
          f"{cpu_model()}; Python {sys.version.split()[0]}, Scrapy {scrapy.__version__}")
    print(f"site: {len(site.articles)} articles, {site.listing_pages} listing pages, median page "
          f"{site.median_size / 1024:.1f} KB ({site.root}); memory comparison site "
          f"{small_count} articles")
    print(f"server: {server.kind} at {server.base_url}")
    print(f"crawl settings: {' '.join(FAST)}; robots.txt obeyed; {repeat} run(s) each")
    print(f"load average at start: {load()} (other processes on the machine skew the figures)")


def load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg()) + " (1/5/15 min)"


# ----------------------------------------------------------------------------- main
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true",
                        help="smoke test: 1,000 articles, one run of each")
    parser.add_argument("--only", default=STEPS, help="steps to run, e.g. a,b,g (default all)")
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.repeat = 1000, 1
    args.only = set(args.only.replace(",", "").replace(" ", ""))
    unknown = args.only - set(STEPS)
    if unknown:
        parser.error(f"unknown steps {sorted(unknown)}; choose from {','.join(STEPS)}")
    return args


@contextmanager
def workdir(problems: list[str]) -> Iterator[Path]:
    """Databases and logs of the run; kept when something went wrong, to look at."""
    path = Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    try:
        yield path
    finally:
        if problems:
            print(f"logs and databases kept in {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


def main() -> None:
    args = parse_args()
    small_count = max(100, args.articles // 10)
    site = build_site(args.articles)
    problems: list[str] = []
    with workdir(problems) as work, serve(site.root) as server:
        header(site, server, small_count, args.repeat)
        bench = Bench(site, server, args.repeat, work, problems=problems)
        pages = sample_pages(site) if args.only & {"c", "d"} else []
        steps: dict[str, Callable[[], None]] = {
            "a": lambda: step_a(bench), "b": lambda: step_b(bench),
            "c": lambda: step_c(bench, pages), "d": lambda: step_d(bench, pages),
            "e": lambda: step_e(bench), "f": lambda: step_f(bench, small_count),
            "g": lambda: step_g(bench),
        }
        for name in STEPS:
            if name in args.only:
                steps[name]()
        report(bench, small_count)


if __name__ == "__main__":
    main()
