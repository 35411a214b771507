"""Run real crawls in a subprocess (Scrapy's reactor cannot restart in one process).

Every crawl goes to a mirror on 127.0.0.1; no test reaches beyond loopback.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from crawler.mirror import MirrorArticle
from tests.support.socket_guard import child_env

ROOT = Path(__file__).resolve().parents[2]

# Delays off and concurrency up: the mirror is local and the tests must be quick.
FAST_SETTINGS = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS": "8",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "RETRY_BACKOFF_BASE": "0.05",
    "RETRY_BACKOFF_MAX": "0.5",
    "LOG_LEVEL": "INFO",
}


def crawl_command(
    base_url: str,
    db: Path,
    lang: str = "en",
    sections: str = "news_odkb,smi",
    settings: dict[str, Any] | None = None,
    spider_args: dict[str, str] | None = None,
    options: list[str] | None = None,
) -> list[str]:
    """`scrapy crawl csto ...` exactly as the README's contract states it, with the fast
    settings (`settings` win over them; `options`: more of `scrapy crawl`'s own, e.g.
    `-o out.jsonl`)."""
    command = [
        sys.executable, "-m", "scrapy", "crawl", "csto",
        "-a", f"lang={lang}", "-a", f"base_url={base_url}", "-a", f"sections={sections}",
        "-s", f"SQLITE_PATH={db}",
    ]
    for key, value in (spider_args or {}).items():
        command += ["-a", f"{key}={value}"]
    for key, value in {**FAST_SETTINGS, **(settings or {})}.items():
        command += ["-s", f"{key}={value}"]
    return command + (options or [])


def scrapy_crawl(
    base_url: str,
    db: Path,
    lang: str = "en",
    sections: str = "news_odkb,smi",
    settings: dict[str, Any] | None = None,
    spider_args: dict[str, str] | None = None,
    timeout: float = 180,
    options: list[str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `crawl_command` from the repository root; its output and exit status."""
    command = crawl_command(base_url, db, lang, sections, settings, spider_args, options)
    return subprocess.run(
        command, cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=timeout
    )


def rows(db: Path, sql: str = "select * from articles order by url", *params: Any) -> list[dict]:
    """Query the crawl's database as an analyst would."""
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in connection.execute(sql, params)]
    finally:
        connection.close()


def expected_rows(dataset: list[MirrorArticle], lang: str) -> dict[str, dict[str, str | None]]:
    """What a crawl must store for each mirror article, keyed by URL path; an article
    without a lead has no summary (NULL), never an empty string or a stray glyph."""
    return {
        a.path: {"title": a.title, "published": a.published.isoformat(), "body": a.body,
                 "summary": a.lead or None}
        for a in dataset if a.lang == lang
    }
