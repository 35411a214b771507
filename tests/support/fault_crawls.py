"""Shared by the fault tests: a small mirror, fast crawl settings and database checks."""

from __future__ import annotations

import ast
import re
import sqlite3
import subprocess
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from crawler.mirror import MirrorArticle, build_dataset
from tests.support.crawl import ROOT, crawl_command, rows, scrapy_crawl
from tests.support.socket_guard import child_env

# Short timeouts and few retries keep a test of a failing page to a few seconds.
FAULT_SETTINGS = {
    "DOWNLOAD_TIMEOUT": "2",
    "RETRY_TIMES": "2",
    "RETRY_BACKOFF_BASE": "0.05",
    "RETRY_BACKOFF_MAX": "0.2",
    "STORAGE_COMMIT_INTERVAL": "0.5",
}


@lru_cache(maxsize=1)
def small_dataset() -> tuple[MirrorArticle, ...]:
    """Eight English and eight Russian articles: one listing page per section."""
    return tuple(build_dataset({"news_odkb": 6, "smi": 2}))


def articles(lang: str = "en") -> list[MirrorArticle]:
    return [a for a in small_dataset() if a.lang == lang]


def crawl(
    base_url: str, db: Path, lang: str = "en", timeout: float = 120, **settings: Any
) -> Any:
    """A real `scrapy crawl` subprocess against the mirror, with the fault settings;
    `timeout` is a hang guard: past it the test fails with TimeoutExpired."""
    merged = {**FAULT_SETTINGS, **{k: str(v) for k, v in settings.items()}}
    return scrapy_crawl(base_url, db, lang=lang, settings=merged, timeout=timeout)


def stats_of(stderr: str) -> dict[str, Any]:
    """The stats dict Scrapy dumps at the end of a crawl."""
    match = re.search(r"Dumping Scrapy stats:\n(\{.*?\})\n", stderr, re.S)
    assert match, "no stats in the crawl log:\n" + stderr[-3000:]
    text = re.sub(r"datetime\.datetime\([^)]*\)", "None", match.group(1))
    return ast.literal_eval(text)


def by_path(db: Path) -> dict[str, dict[str, Any]]:
    """Stored articles keyed by URL path."""
    return {re.sub(r"^https?://[^/]+", "", r["url"]): r for r in rows(db)}


def rejects(db: Path) -> list[dict[str, Any]]:
    return rows(db, "select * from rejects order by id")


def runs(db: Path) -> list[dict[str, Any]]:
    return rows(db, "select * from crawl_runs order by id")


def assert_consistent(db: Path) -> None:
    """Opens cleanly, passes integrity checks, and holds one row per article."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
        total, urls, slugs = conn.execute(
            "select count(*), count(distinct url), count(distinct section || '/' || slug)"
            " from articles"
        ).fetchone()
        assert total == urls == slugs, "duplicate article rows"
        bad = conn.execute(
            "select url from articles where url like '%?%' or url like '%#%'"
            " or url not like '%/'"
        ).fetchall()
        assert not bad, f"non-canonical URLs stored: {bad}"
    finally:
        conn.close()


def expected(article: MirrorArticle) -> dict[str, str]:
    return {"title": article.title, "published": article.published.isoformat(),
            "body": article.body}


def assert_stored_exactly(db: Path, wanted: list[MirrorArticle]) -> None:
    """Exactly these articles are stored, each with the mirror's true text."""
    stored = by_path(db)
    assert sorted(stored) == sorted(a.path for a in wanted)
    for article in wanted:
        row = stored[article.path]
        assert {k: row[k] for k in ("title", "published", "body")} == expected(article)



def fault_crawl_command(base_url: str, db: Path, **settings: Any) -> list[str]:
    """The `scrapy crawl` command line `crawl` runs, for tests that need a Popen."""
    merged = {**FAULT_SETTINGS, **{k: str(v) for k, v in settings.items()}}
    return crawl_command(base_url, db, settings=merged)


def start_crawl(
    base_url: str, db: Path, log: Path, preexec: Any = None, **settings: Any
) -> subprocess.Popen:
    """A crawl running in the background, its log going to `log`."""
    env = child_env()
    with log.open("w") as out:
        return subprocess.Popen(
            fault_crawl_command(base_url, db, **settings), cwd=ROOT, env=env, stdout=out,
            stderr=subprocess.STDOUT, text=True, preexec_fn=preexec,
        )


def wait_for(condition: Any, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def run_crawl(base_url: str, db: Path, preexec: Any = None, **settings: Any) -> Any:
    """`crawl` with a function run in the child before exec (limits, another user)."""
    env = child_env()
    return subprocess.run(
        fault_crawl_command(base_url, db, **settings), cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120, preexec_fn=preexec,
    )
