"""Helpers for `newscrawl` tests: the command in a subprocess, against loopback mirrors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from crawler.mirror import MirrorArticle
from tests.support.socket_guard import child_env

ROOT = Path(__file__).resolve().parents[2]
FAST = (
    "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=8",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "RETRY_BACKOFF_BASE=0.05", "STORAGE_COMMIT_INTERVAL=0.2",
)
CRAWLING = ("crawl", "backfill")


def command(*args: str, fast: bool = True) -> list[str]:
    """`newscrawl ARGS` as run by cron: from another directory, with fast settings
    (a test's own --set options come later and win)."""
    sets = [f"--set={s}" for s in FAST] if fast and args[0] in CRAWLING else []
    return [sys.executable, "-m", "crawler.cli", args[0], *sets, *args[1:]]


def env() -> dict[str, str]:
    return child_env()


def newscrawl(
    *args: str, cwd: Path, fast: bool = True, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args, fast=fast), cwd=cwd, env=env(), capture_output=True, text=True,
        timeout=timeout,
    )


def stored_urls(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT url FROM articles")}


def runs(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM crawl_runs ORDER BY id")]
    finally:
        conn.close()


def article_paths(log: Iterable[str]) -> list[str]:
    """Requested article pages (not listings, robots.txt or uploads)."""
    return [p for p in log if p.startswith("/news/") and p.count("/") == 4 and "?" not in p]


def listing_requests(log: Iterable[str], section: str) -> list[str]:
    return [p for p in log if p.split("?")[0] == f"/news/{section}/"]


def in_range(articles: Iterable[MirrorArticle], lang: str, since: date, until: date) -> set:
    return {a.path for a in articles if a.lang == lang and since <= a.published <= until}
