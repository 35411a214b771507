"""A run that cannot hang: `--max-runtime` ends it cleanly with exit status 7, and a
SIGTERM ends it at once, even while a retry waits out a long Retry-After.

No test here times the crawl. Each checks what the run did (exit status, finish reason,
how many requests a page got, what was stored), and a process that outlives the deadline
it is given fails the test: the deadlines sit far below the 100 s wait a bug would keep,
so they are hang guards, not timings."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

from scrapy.settings import Settings

from crawler import settings as product
from crawler.mirror import MirrorServer
from crawler.run.crawl_process import CLOSE_SECONDS, shutdown_reserve
from crawler.run.exit_codes import INTERRUPTED, MAX_RUNTIME
from tests.support import faults
from tests.support.cli import ROOT, command, env, newscrawl
from tests.support.crawl import rows
from tests.support.fault_crawls import (
    articles,
    assert_consistent,
    crawl,
    rejects,
    runs,
    start_crawl,
    stats_of,
    wait_for,
)

SLOW = {"CONCURRENT_REQUESTS_PER_DOMAIN": 1, "CONCURRENT_REQUESTS": 1}
LONG_WAIT = 100  # seconds of Retry-After; RETRY_AFTER_MAX (120) lets the crawl honour it


def _slow_site(site: MirrorServer, seconds: float) -> None:
    for article in articles():
        site.faults[article.path] = faults.delay(seconds)


def test_max_runtime_ends_a_long_crawl_of_both_languages_with_status_7(
    mirror_factory, tmp_path: Path
) -> None:
    english = mirror_factory("en", articles=articles("en") + articles("ru"))
    russian = mirror_factory("ru", articles=articles("en") + articles("ru"))
    _slow_site(english, 1.5)  # eight articles one at a time: at least 12 s without a limit
    db = tmp_path / "news.db"
    done = newscrawl(
        "crawl", "--full", "--lang", "both", "--base-url", f"en={english.base_url}",
        "--base-url", f"ru={russian.base_url}", "--db", str(db), "--max-runtime", "6",
        *[f"-s{name}={value}" for name, value in SLOW.items()], cwd=tmp_path,
    )
    assert done.returncode == MAX_RUNTIME, done.stderr[-3000:]
    # The crawl is given the run time less the shutdown reserve (no politeness delay under
    # FAST, so the reserve is the close alone) and less the process's own start.
    [given] = re.findall(r"'CLOSESPIDER_TIMEOUT': ([0-9.]+)", done.stderr)
    assert 0 < float(given) <= 6 - CLOSE_SECONDS
    [run] = runs(db)  # the deadline is the whole run's: Russian never started
    assert run["finish_reason"] == "closespider_timeout" and run["exit_status"] == MAX_RUNTIME
    assert 1 <= len(rows(db)) < len(articles())  # what was fetched before it is kept
    assert len(_article_requests(english)) < len(articles())  # the crawl was cut short
    assert russian.request_log == []
    assert_consistent(db)


def test_sigterm_ends_a_newscrawl_crawl_of_both_languages_and_starts_no_other(
    mirror_factory, tmp_path: Path
) -> None:
    """What cron and systemd send to `newscrawl crawl` (not the contract `scrapy crawl`):
    the English crawl stops, commits and records the shutdown; Russian never starts."""
    english = mirror_factory("en", articles=articles("en") + articles("ru"))
    russian = mirror_factory("ru", articles=articles("en") + articles("ru"))
    _slow_site(english, 0.5)
    db = tmp_path / "news.db"
    process = subprocess.Popen(
        command("crawl", "--full", "--lang", "both", "--base-url", f"en={english.base_url}",
                "--base-url", f"ru={russian.base_url}", "--db", str(db),
                *[f"-s{name}={value}" for name, value in SLOW.items()]),
        cwd=tmp_path, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    wait_for(lambda: len(_article_requests(english)) >= 3, timeout=60)
    process.send_signal(signal.SIGTERM)
    # Unbounded, the slow site keeps the English crawl going for several more seconds and
    # the Russian one follows: this deadline is a hang guard, not a timing.
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == INTERRUPTED, stderr[-3000:]
    [run] = runs(db)
    assert run["finish_reason"] == "shutdown" and run["exit_status"] == INTERRUPTED
    assert 1 <= len(rows(db)) < len(articles())  # what was fetched before it is kept
    assert russian.request_log == []
    assert_consistent(db)


def test_max_runtime_cuts_a_long_retry_after_wait_short(site: MirrorServer, db: Path) -> None:
    fault = site.faults[articles()[2].path] = faults.retry_after(503, LONG_WAIT, times=None)
    # A wait the deadline did not cut would outlive the process's own deadline (60 s).
    result = crawl(site.base_url, db, timeout=60, CLOSESPIDER_TIMEOUT=3, **SLOW)
    assert result.returncode == MAX_RUNTIME, result.stderr[-3000:]
    assert len(fault.requests) == 1  # no retry was sent after the deadline
    assert stats_of(result.stderr)["finish_reason"] == "closespider_timeout"
    [run] = runs(db)
    assert run["finish_reason"] == "closespider_timeout"
    assert_consistent(db)


def test_sigterm_during_a_long_retry_after_wait_ends_the_run_at_once(
    site: MirrorServer, db: Path, tmp_path: Path
) -> None:
    fault = site.faults[articles()[2].path] = faults.retry_after(503, LONG_WAIT, times=None)
    log = tmp_path / "crawl.log"
    process = start_crawl(site.base_url, db, log, LOG_LEVEL="DEBUG", **SLOW)
    retrying = f"Retrying <GET {site.base_url}{articles()[2].path}>"
    # RetryMiddleware logs this line in the same reactor turn as the wait begins.
    wait_for(lambda: retrying in log.read_text() and len(rows_or_none(db)) >= 1, timeout=60)
    process.send_signal(signal.SIGTERM)
    # A wait SIGTERM did not cancel would keep the process for 100 s: past this deadline.
    assert process.wait(timeout=30) == INTERRUPTED, log.read_text()[-3000:]
    assert len(fault.requests) == 1  # the wait was cancelled, not cut short into a retry
    [run] = runs(db)
    assert run["finish_reason"] == "shutdown"
    assert_consistent(db)


def test_at_the_deadline_a_request_queued_behind_the_delay_is_not_fetched(
    site: MirrorServer, db: Path
) -> None:
    """With the product's concurrency and a 2 s politeness delay, fetches start at least
    2 s apart, so before a 3 s deadline the site can see two requests (robots.txt and a
    listing) and no more: the requests then queued are counted, not fetched, and the
    queue is never deeper than the per-host cap (a deeper one is that many delays more
    before the run can close)."""
    result = crawl(
        site.base_url, db, timeout=60, CLOSESPIDER_TIMEOUT=3, DOWNLOAD_DELAY=2,
        RANDOMIZE_DOWNLOAD_DELAY=False, CONCURRENT_REQUESTS=product.CONCURRENT_REQUESTS,
        CONCURRENT_REQUESTS_PER_DOMAIN=product.CONCURRENT_REQUESTS_PER_DOMAIN,
    )
    assert result.returncode == MAX_RUNTIME, result.stderr[-3000:]
    stats = stats_of(result.stderr)
    assert stats["finish_reason"] == "closespider_timeout"
    assert len(site.request_log) <= 2, site.request_log
    dropped = stats.get("listing/not_fetched_run_ending", 0) + stats.get(
        "article/not_fetched_run_ending", 0
    )
    assert 1 <= dropped <= product.CONCURRENT_REQUESTS_PER_DOMAIN  # a queue one host deep
    assert rejects(db) == []  # a request the run's end kept back is no failed page
    assert "ERROR" not in result.stderr


def _article_requests(site: MirrorServer) -> list[str]:
    """The article pages the site was asked for, however often."""
    paths = {article.path for article in articles()}
    return [path for path in site.request_log if path in paths]


def rows_or_none(db: Path) -> list[dict]:
    """Stored rows, or none while the database does not exist yet."""
    return rows(db) if db.exists() else []


def test_the_shutdown_reserve_is_the_queued_delays_and_the_close() -> None:
    """With the product's politeness, two requests may wait up to 1.5 s each at the
    deadline; without a delay only the close is left."""
    polite = Settings()
    polite.setmodule(product)
    assert shutdown_reserve(polite) == 2 * 1.0 * 1.5 + CLOSE_SECONDS
    polite.set("RANDOMIZE_DOWNLOAD_DELAY", False)
    assert shutdown_reserve(polite) == 2 * 1.0 + CLOSE_SECONDS
    fast = Settings({"DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS": 1,
                     "CONCURRENT_REQUESTS_PER_DOMAIN": 8})
    assert shutdown_reserve(fast) == CLOSE_SECONDS


def test_the_run_time_counts_from_the_process_start() -> None:
    """A process that slept a second before asking is at least a second old (the
    interpreter's start and the imports count towards --max-runtime)."""
    code = ("import time; time.sleep(1); from crawler.run.clock import process_age; "
            "print(process_age())")
    done = subprocess.run([sys.executable, "-c", code], env=env(), capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) >= 1.0
