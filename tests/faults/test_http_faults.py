"""HTTP faults on article pages: each is retried, recorded or followed, never lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.mirror import MirrorServer
from crawler.run.exit_codes import ERRORS, SUCCESS
from tests.support import faults
from tests.support.crawl import rows
from tests.support.fault_crawls import (
    articles,
    assert_consistent,
    assert_stored_exactly,
    by_path,
    crawl,
    rejects,
    stats_of,
)


def _victim() -> str:
    return articles()[2].path


def _others() -> list:
    return [a for a in articles() if a.path != _victim()]


@pytest.mark.parametrize("code", [404, 403])
def test_4xx_article_is_recorded_once_and_not_retried(site: MirrorServer, db: Path, code: int):
    site.faults[_victim()] = faults.status(code)
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert site.request_log.count(_victim()) == 1  # 4xx is not retried
    assert_stored_exactly(db, _others())
    [reject] = rejects(db)
    assert reject["url"].endswith(_victim()) and reject["reason"] == f"HTTP {code}"
    assert stats_of(result.stderr)[f"article/http_{code}"] == 1
    assert_consistent(db)


def test_410_marks_the_stored_article_gone_and_keeps_it(site: MirrorServer, db: Path):
    assert crawl(site.base_url, db).returncode == SUCCESS
    before = by_path(db)[_victim()]
    site.faults[_victim()] = faults.status(410)
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert site.request_log.count(_victim()) == 2  # once per run, no retries
    stored = by_path(db)
    assert len(stored) == len(articles())  # nothing deleted
    row = stored[_victim()]
    assert row["status"] == "gone" and row["gone_since"]
    assert (row["title"], row["body"]) == (before["title"], before["body"])
    assert all(r["status"] == "live" for p, r in stored.items() if p != _victim())
    assert "Gone (HTTP 410)" in result.stderr
    assert_consistent(db)


def test_500_then_success_is_retried_and_stored(site: MirrorServer, db: Path):
    fault = site.faults[_victim()] = faults.status_then_ok(500, times=1)
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert len(fault.requests) == 2
    assert_stored_exactly(db, articles())
    assert rejects(db) == []
    assert stats_of(result.stderr)["retry/count"] == 1
    assert_consistent(db)


# The wait a retry decided is the `retry/delay_seconds` stat (exact); the mirror's clock
# only bounds it from below: a loaded machine makes a retry later, never sooner.


@pytest.mark.parametrize("code", [503, 429])
def test_retry_after_is_honoured(site: MirrorServer, db: Path, code: int):
    fault = site.faults[_victim()] = faults.retry_after(code, seconds=1, times=1)
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    stats = stats_of(result.stderr)
    assert stats["retry/retry_after_honoured"] == 1
    assert stats["retry/delay_seconds"] == 1.0  # Retry-After: 1, over the 0.05 s backoff
    [gap] = fault.gaps()
    assert gap >= 0.95, f"retried after {gap:.2f}s, Retry-After asked 1s"
    assert_stored_exactly(db, articles())
    assert_consistent(db)


def test_retry_after_is_capped(site: MirrorServer, db: Path):
    fault = site.faults[_victim()] = faults.retry_after(503, seconds=3600, times=1)
    result = crawl(site.base_url, db, RETRY_AFTER_MAX=1.5)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert stats_of(result.stderr)["retry/delay_seconds"] == 1.5  # the cap, not 3600
    [gap] = fault.gaps()
    assert gap >= 1.4, f"retried after {gap:.2f}s, the cap is 1.5s"
    assert_stored_exactly(db, articles())


def test_retry_after_as_http_date_is_honoured(site: MirrorServer, db: Path):
    fault = site.faults[_victim()] = faults.retry_after(503, seconds=2, as_date=True)
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    stats = stats_of(result.stderr)
    assert stats["retry/retry_after_honoured"] == 1  # the date was read
    assert stats["retry/delay_seconds"] <= 2.0  # less the time the answer took to arrive
    [gap] = fault.gaps()
    assert gap >= 0.9  # HTTP dates have one-second resolution
    assert_stored_exactly(db, articles())


def _gives_up(site: MirrorServer, db: Path, fault: faults.Fault, reason: str) -> None:
    result = crawl(site.base_url, db, DOWNLOAD_TIMEOUT=1, RETRY_TIMES=1)
    assert result.returncode == ERRORS, result.stderr[-2000:]
    assert len(fault.requests) == 2  # the first attempt and one retry, then no more
    assert_stored_exactly(db, _others())
    [reject] = rejects(db)
    assert reject["url"].endswith(_victim())
    assert reject["reason"].startswith("download failed") and reason in reject["reason"]
    assert "Gave up retrying" in result.stderr
    assert_consistent(db)


def test_read_timeout_gives_up_and_records_a_reject(site: MirrorServer, db: Path):
    fault = site.faults[_victim()] = faults.timeout(seconds=10)
    _gives_up(site, db, fault, "Timeout")


def test_stall_after_headers_gives_up_and_records_a_reject(site: MirrorServer, db: Path):
    fault = site.faults[_victim()] = faults.stall_after_headers(seconds=10)
    _gives_up(site, db, fault, "Timeout")


def test_reset_mid_body_is_retried_and_stored(site: MirrorServer, db: Path):
    fault = site.faults[_victim()] = faults.reset_mid_body(times=1)
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert len(fault.requests) == 2
    assert_stored_exactly(db, articles())
    assert_consistent(db)


def test_reset_mid_body_every_time_is_recorded(site: MirrorServer, db: Path):
    fault = site.faults[_victim()] = faults.reset_mid_body()
    result = crawl(site.base_url, db, RETRY_TIMES=1)
    assert result.returncode == ERRORS
    assert len(fault.requests) == 2
    assert_stored_exactly(db, _others())
    [reject] = rejects(db)
    assert reject["reason"].startswith("download failed")


def test_redirect_loop_is_recorded_not_lost(site: MirrorServer, db: Path):
    site.faults[_victim()] = faults.redirect_loop()
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert site.request_log.count(_victim()) == 1
    assert site.request_log.count(_victim() + "?loop=1") == 1
    assert_stored_exactly(db, _others())
    [reject] = rejects(db)
    assert reject["url"].endswith(_victim()) and "redirect loop" in reject["reason"]
    assert stats_of(result.stderr)["redirect/loop"] == 1
    assert_consistent(db)


def test_redirect_to_another_origin_and_the_slash_url_gives_one_row(
    site: MirrorServer, mirror_factory, db: Path
):
    """http → https cannot be served on loopback; another port of the same host stands in
    for another scheme (same host, other origin). The target then redirects to the
    trailing-slash URL itself, as Bitrix does. One article, one row, on the configured
    origin, whatever the redirects went through; a second run adds nothing."""
    twin = mirror_factory("en", articles=list(articles()))
    target = twin.base_url + _victim().rstrip("/")
    site.faults[_victim()] = faults.redirect(target)
    for _ in range(2):
        result = crawl(site.base_url, db)
        assert result.returncode == SUCCESS, result.stderr[-2000:]
        assert_stored_exactly(db, articles())
    assert twin.request_log.count(_victim()) == 2  # fetched there, after its own 301
    assert all(r["url"].startswith(site.base_url + "/") for r in rows(db))
    assert rejects(db) == []
    assert_consistent(db)


def test_soft_404_is_never_stored_as_an_article(site: MirrorServer, db: Path):
    site.faults[_victim()] = faults.soft_404()
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert_stored_exactly(db, _others())
    [reject] = rejects(db)
    assert reject["url"].endswith(_victim()) and reject["reason"].startswith("soft 404")
    assert_consistent(db)
