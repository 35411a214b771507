"""Benchmark: incremental crawls and one-month backfills on a ten-year, 5,000-article site.

Prints request counts (from the mirror's request log) against the bounds the design
promises; no asserts. The database is filled directly through ArticleStore with the
mirror's own rows (a crawl of 5,000 pages would only measure the mirror), so the
incremental crawl starts from "everything stored" exactly.

    .venv/bin/python bench/bench_incremental.py
"""

from __future__ import annotations

import math
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.mirror import MirrorArticle, MirrorServer, build_dataset  # noqa: E402
from pipelines.storage.store import ArticleStore  # noqa: E402

SECTIONS = {"news_odkb": 2500, "smi": 2500}
MONTH = (date(2019, 6, 1), date(2019, 6, 30))
FAST = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=8",
        "CONCURRENT_REQUESTS_PER_DOMAIN=8")


def fill(db: Path, server: MirrorServer, articles: list[MirrorArticle]) -> None:
    with ArticleStore(db, batch_size=1000) as store:
        for a in articles:
            store.upsert_article({
                "url": server.base_url + a.path, "lang": a.lang, "section": a.section,
                "slug": a.slug, "title": a.title, "published": a.published.isoformat(),
                "summary": a.lead or None, "body": a.body,
            })


def newscrawl(*args: str) -> tuple[int, float]:
    sets = [f"--set={s}" for s in FAST]
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "crawler.cli", args[0], *sets, *args[1:]],
                          cwd=ROOT, capture_output=True, text=True)
    return done.returncode, time.monotonic() - started


def kinds(log: list[str]) -> dict[str, int]:
    counts = {"robots": 0, "news_odkb listing": 0, "smi listing": 0, "article": 0}
    for path in log:
        if path == "/robots.txt":
            counts["robots"] += 1
        elif "?" in path or path.count("/") == 3:
            counts[f"{path.split('/')[2]} listing"] += 1
        else:
            counts["article"] += 1
    return counts


def covering(articles: list[MirrorArticle], section: str) -> int:
    items = [a for a in articles if a.section == section]
    items.sort(key=lambda a: a.published, reverse=True)
    return len({i // 10 for i, a in enumerate(items) if MONTH[0] <= a.published <= MONTH[1]})


def main() -> None:
    articles = [a for a in build_dataset(SECTIONS, start=date(2014, 1, 1),
                                         end=date(2023, 12, 31)) if a.lang == "en"]
    server = MirrorServer(articles, "en").start()
    tmp = Path(tempfile.mkdtemp(prefix="bench-incremental-"))
    db = tmp / "news.db"
    started = time.monotonic()
    fill(db, server, articles)
    print(f"site: {len(articles)} articles, 10 a listing page; DB filled via ArticleStore "
          f"in {time.monotonic() - started:.1f}s")
    base = ["--lang", "en", "--base-url", server.base_url, "--db", str(db)]

    new = [replace(articles[i * 2600 % len(articles)], slug=f"bench-new-{i}",
                   published=date(2024, 1, 2 + i)) for i in range(5)]
    for article in new:
        server.publish(article)
    server.request_log.clear()
    status, seconds = newscrawl("crawl", *base)
    got = kinds(server.request_log)
    print(f"\nincremental crawl after 5 new articles: exit {status}, {seconds:.1f}s")
    for name, bound in (("news_odkb listing", 2), ("smi listing", 2), ("article", 5),
                        ("robots", 1)):
        print(f"  {name:18} {got[name]:5}  (bound {bound})")

    server.request_log.clear()
    status, seconds = newscrawl("backfill", *base, "--since", str(MONTH[0]),
                                "--until", str(MONTH[1]))
    got = kinds(server.request_log)
    month = sum(1 for a in articles if MONTH[0] <= a.published <= MONTH[1])
    print(f"\nbackfill {MONTH[0]}..{MONTH[1]} (DB already holds it): exit {status}, "
          f"{seconds:.1f}s")
    for section, count in SECTIONS.items():
        pages = math.ceil(count / 10)
        bound = covering(articles, section) + 2 + math.ceil(math.log2(pages))
        print(f"  {section + ' listing':18} {got[section + ' listing']:5}  (bound {bound}: "
              f"{covering(articles, section)} covering + 2+log2({pages}) probes; "
              f"full walk {pages})")
    print(f"  {'article':18} {got['article']:5}  (stored already: 0 expected)")

    fresh = tmp / "empty.db"
    server.request_log.clear()
    status, seconds = newscrawl("backfill", "--lang", "en", "--base-url", server.base_url,
                                "--db", str(fresh), "--since", str(MONTH[0]),
                                "--until", str(MONTH[1]))
    got = kinds(server.request_log)
    print(f"\nsame backfill into an empty DB: exit {status}, {seconds:.1f}s")
    for section in SECTIONS:
        print(f"  {section + ' listing':18} {got[section + ' listing']:5}")
    print(f"  {'article':18} {got['article']:5}  (bound {month}: the month's articles)")
    print(f"  {'robots':18} {got['robots']:5}  (bound 1)")
    server.stop()


if __name__ == "__main__":
    main()
