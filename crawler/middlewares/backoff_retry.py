"""Downloader middlewares: retries that back off and honour `Retry-After`.

Scrapy's own RetryMiddleware retries at once and ignores `Retry-After`; against a
struggling server that is the least polite thing a crawler can do.

A request waiting to be retried is still in progress, and Scrapy closes a spider only
once nothing is in progress: a two-minute `Retry-After` would hold a SIGTERM or the
`--max-runtime` deadline (CLOSESPIDER_TIMEOUT) for two minutes. So a wait ends early
when the run is ending (crawler/run/run_end.py), and the crawl closes at once.
"""

from __future__ import annotations

import email.utils
import time
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor, task

from crawler.run.run_end import RunEnd

#: Seconds between two looks at "is the crawl stopping?" during a retry wait.
WAKE_INTERVAL = 0.25


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """Seconds asked for by a `Retry-After` header (delta-seconds or HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware with exponential backoff, and `Retry-After` honoured up to a cap."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX")
        self.retry_after_cap = settings.getfloat("RETRY_AFTER_MAX")

    @classmethod
    def from_crawler(cls, crawler: Any) -> BackoffRetryMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.run_end = RunEnd(crawler)
        return middleware

    def delay(self, request: Request, response: Response | None) -> float:
        """Seconds to wait before this retry; their sum is the `retry/delay_seconds` stat,
        so what the crawl decided can be checked without timing it."""
        attempt = request.meta.get("retry_times", 0)
        backoff = min(self.cap, self.base * (2**attempt))
        asked = retry_after_seconds(response.headers.get("Retry-After")) if response else None
        seconds = backoff
        if asked is not None:
            self.crawler.stats.inc_value("retry/retry_after_honoured")
            seconds = max(backoff, min(asked, self.retry_after_cap))
        self.crawler.stats.inc_value("retry/delay_seconds", seconds)
        return seconds

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self.sleep(self.delay(request, response))
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self.sleep(self.delay(request, None))
        return result

    async def sleep(self, seconds: float) -> None:
        """Wait before a retry; a shutdown or the run-time deadline cuts the wait short."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0 and not self.run_end():
            await maybe_deferred_to_future(
                task.deferLater(reactor, min(left, WAKE_INTERVAL))
            )
