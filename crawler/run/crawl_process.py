"""Run `csto` crawls inside this process with the project's settings (for `newscrawl`).

`newscrawl` and `scrapy crawl` share crawler/settings.py; Scrapy's reactor cannot
restart, so several crawls (one per language) run one after another in one reactor.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from crawler.run import exit_codes
from crawler.run.clock import process_age
from crawler.run.exit_codes import INTERRUPTED_REASONS, TIMEOUT_REASON, worst
from crawler.run.run_record import record_exit_status
from pipelines.storage.pipeline import LOCKED_REASON, UNUSABLE_REASON

# The last commit, the run record and the process's exit, after a crawl's deadline (seconds).
CLOSE_SECONDS = 1.5

# No further crawl after these: the run was stopped, or the next crawl would fail the same.
STOPPING = (*INTERRUPTED_REASONS, LOCKED_REASON, UNUSABLE_REASON, TIMEOUT_REASON)


def project_settings(overrides: Mapping[str, Any]) -> Settings:
    """crawler/settings.py from any working directory (cron has no scrapy.cfg), overridden."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    settings.setdict(dict(overrides), priority="cmdline")
    return settings


def lock_holder(db: str) -> str | None:
    """Why the database cannot be written now, or None; checked before any crawl starts."""
    from pipelines.storage.lock import DatabaseLock, DatabaseLocked

    try:
        DatabaseLock(db).acquire().release()
    except DatabaseLocked as exc:
        return str(exc)
    return None


def shutdown_reserve(settings: Settings) -> float:
    """Seconds a crawl needs between its deadline and the process's exit on a site that
    answers promptly.

    At the deadline no fetch starts, but each request the downloader already holds for the
    site (up to the per-host cap) first waits out its politeness delay (DOWNLOAD_DELAY, up
    to 1.5 times it when randomised) before it is turned away; then the last commit, the
    run record and the process's exit. `--max-runtime` stops the crawl this much earlier
    so that the process is gone when the time is up, which is what a scheduler that
    starts the next run then needs.
    """
    delay = settings.getfloat("DOWNLOAD_DELAY")
    if settings.getbool("RANDOMIZE_DOWNLOAD_DELAY"):
        delay *= 1.5  # Scrapy randomises between 0.5 and 1.5 times the delay
    queued = min(settings.getint("CONCURRENT_REQUESTS"),
                 settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"))
    return queued * delay + CLOSE_SECONDS


def run_crawls(
    settings: Settings, runs: Sequence[Mapping[str, str]], max_runtime: float | None = None
) -> int:
    """Crawl with each spider-argument set in turn; the worst exit status of them.

    `max_runtime` (seconds, counted from the process's start) bounds the whole run, every
    language together: each crawl gets what is left of it, less `shutdown_reserve`, as
    CLOSESPIDER_TIMEOUT, and none starts once it is spent.
    """
    process = CrawlerProcess(settings)
    crawlers: list[Crawler] = []
    deadline = None
    if max_runtime is not None:
        start = time.monotonic() - process_age()
        deadline = start + max_runtime - shutdown_reserve(settings)

    def launch(_: object = None, index: int = 0) -> Any:
        if index >= len(runs) or (crawlers and _finish_reason(crawlers[-1]) in STOPPING):
            return None
        if deadline is not None:
            # A crawl needs at least a moment; the previous one ended at the deadline.
            left = max(deadline - time.monotonic(), 0.001)
            process.settings.set("CLOSESPIDER_TIMEOUT", left, priority="cmdline")
        crawler = process.create_crawler("csto")
        crawlers.append(crawler)
        return process.crawl(crawler, **runs[index]).addCallback(launch, index + 1)

    launch()
    process.start()
    statuses = [_status(crawler) for crawler in crawlers]
    if process.bootstrap_failed:
        statuses.append(exit_codes.ERRORS)
    return worst(statuses)


def _finish_reason(crawler: Crawler) -> str | None:
    return crawler.stats.get_value("finish_reason") if crawler.stats else None


def _status(crawler: Crawler) -> int:
    """Exit status of one finished crawl, also written to its crawl_runs row."""
    if crawler.stats is None or _finish_reason(crawler) is None:
        return exit_codes.ERRORS
    status = exit_codes.exit_status(crawler.stats.get_stats())
    record_exit_status(crawler, status)
    return status
