"""The crawl process under signals, a full or read-only disk, and a concurrent run."""

from __future__ import annotations

import os
import re
import resource
import signal
import sqlite3
import subprocess
from pathlib import Path

from crawler.mirror import MirrorServer
from crawler.run.exit_codes import ERRORS, INTERRUPTED, LOCKED, SUCCESS
from tests.support import faults
from tests.support.crawl import rows
from tests.support.fault_crawls import (
    articles,
    assert_consistent,
    assert_stored_exactly,
    by_path,
    crawl,
    run_crawl,
    runs,
    start_crawl,
    stats_of,
    wait_for,
)

SLOW = {"CONCURRENT_REQUESTS_PER_DOMAIN": 1, "CONCURRENT_REQUESTS": 1}


def _slow_articles(site: MirrorServer, seconds: float = 0.4) -> None:
    for article in articles():
        site.faults[article.path] = faults.delay(seconds)


def _articles_requested(site: MirrorServer) -> int:
    paths = {a.path for a in articles()}
    return sum(1 for p in site.request_log if p in paths)


def _scraped(log: Path) -> int:
    """Items Scrapy logged as scraped (DEBUG): they went through every pipeline."""
    return len(re.findall(r"Scraped from <200", log.read_text()))


def test_sigterm_stops_gracefully_commits_and_records_shutdown(
    site: MirrorServer, db: Path, tmp_path: Path
):
    _slow_articles(site)
    log = tmp_path / "crawl.log"
    process = start_crawl(site.base_url, db, log, STORAGE_COMMIT_INTERVAL=60, **SLOW)
    wait_for(lambda: _articles_requested(site) >= 3)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == INTERRUPTED
    text = log.read_text()
    scraped = stats_of(text).get("item_scraped_count", 0)
    assert 1 <= scraped < len(articles())
    assert len(rows(db)) == scraped  # everything scraped before the stop was committed
    [run] = runs(db)
    assert run["finish_reason"] == "shutdown" and run["finished"]
    assert_consistent(db)
    assert crawl(site.base_url, db).returncode == SUCCESS  # and the next run finishes
    assert_stored_exactly(db, articles())


def test_sigkill_loses_at_most_one_batch_and_the_next_run_completes(
    site: MirrorServer, db: Path, tmp_path: Path
):
    _slow_articles(site)
    log = tmp_path / "crawl.log"
    process = start_crawl(
        site.base_url, db, log, LOG_LEVEL="DEBUG", STORAGE_BATCH_SIZE=2,
        STORAGE_COMMIT_INTERVAL=60, **SLOW,
    )
    # Killed mid-crawl once two items went through the pipelines (a batch of 2 may be
    # committed): on a loaded machine extraction lags the requests, so both are waited for.
    wait_for(lambda: _articles_requested(site) >= 5 and _scraped(log) >= 2, timeout=60)
    process.kill()
    process.wait(timeout=10)
    scraped = _scraped(log)
    assert_consistent(db)  # opens cleanly after a kill mid-batch
    stored = len(rows(db))
    # At most the open batch (size 2) is lost; an item may be committed and killed before
    # Scrapy logs it as scraped (the log line comes after the pipelines), hence + 1.
    assert scraped - 1 <= stored <= scraped + 1
    [run] = runs(db)
    assert run["finished"] is None  # the killed run shows as never finished
    for article in articles():
        del site.faults[article.path]
    assert crawl(site.base_url, db).returncode == SUCCESS
    assert_stored_exactly(db, articles())  # the same rows as an uninterrupted run
    assert_consistent(db)


def _full_disk(limit: int):
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


def test_full_disk_stops_the_crawl_with_a_clear_error(
    site: MirrorServer, db: Path, tmp_path: Path
):
    assert crawl(site.base_url, db).returncode == SUCCESS
    before = by_path(db)
    changed = articles()[0]
    more = "<p>" + "New words. " * 40_000  # ~400 KB: more than the disk has left
    site.faults[changed.path] = faults.rewrite(lambda h: h.replace("<p>", more, 1))
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = max(p.stat().st_size for p in db.parent.iterdir())
    result = run_crawl(site.base_url, db, preexec=_full_disk(size + 4096))  # log: a pipe
    text = result.stderr
    assert result.returncode == ERRORS, text[-2000:]
    assert "Cannot write to the database" in text
    # The failed write may be an item's, a timed commit or the last commit at close.
    assert "disk I/O error" in stats_of(text)["storage/failed"]
    assert_consistent(db)
    after = by_path(db)  # last_seen bumps committed before the failure are fine
    content = ("title", "published", "body", "body_html", "content_hash", "status")
    assert {p: [r[k] for k in content] for p, r in after.items()} == {
        p: [r[k] for k in content] for p, r in before.items()
    }  # the failed batch left nothing half-written
    assert rows(db, "select * from article_versions") == []


def _immutable(path: Path, on: bool) -> None:
    """chattr +i: read-only even for root (who ignores permission bits)."""
    subprocess.run(["chattr", "+i" if on else "-i", str(path)], check=True)


def _read_only(paths: list[Path], on: bool) -> None:
    """Make the files and folders read-only (or writable again), for root too."""
    for path in paths:
        if os.geteuid() == 0:
            _immutable(path, on)
        elif on:
            path.chmod(0o555 if path.is_dir() else 0o444)
        else:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_read_only_database_gives_a_clear_error_and_changes_nothing(
    site: MirrorServer, db: Path
):
    assert crawl(site.base_url, db).returncode == SUCCESS
    before = by_path(db)
    files = sorted(db.parent.iterdir())
    try:
        _read_only([*files, db.parent], True)
        result = crawl(site.base_url, db)
    finally:
        _read_only([*files, db.parent], False)
    assert result.returncode == ERRORS, result.stderr[-2000:]
    assert re.search(r"(?i)read-?only|permission denied|not permitted", result.stderr)
    assert "Traceback" not in result.stderr
    assert "storage_failed" in result.stderr
    assert by_path(db) == before
    assert_consistent(db)


def test_second_concurrent_run_refuses_with_status_4(
    site: MirrorServer, db: Path, tmp_path: Path
):
    _slow_articles(site, 0.3)
    first = start_crawl(site.base_url, db, tmp_path / "first.log", **SLOW)
    wait_for(lambda: _articles_requested(site) >= 1)
    second = crawl(site.base_url, db)
    assert second.returncode == LOCKED, second.stderr[-2000:]
    assert stats_of(second.stderr)["finish_reason"] == "database_locked"
    assert first.wait(timeout=60) == SUCCESS
    assert_stored_exactly(db, articles())
    assert [r["finish_reason"] for r in runs(db)] == ["finished"]  # one writer, one run
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
