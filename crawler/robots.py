"""robots.txt as RFC 9309 says: unreachable means "crawl nothing", not "crawl everything".

Scrapy's RobotsTxtMiddleware parses whatever robots.txt returns, so a 503 error page or
a timeout leaves the whole site allowed. RFC 9309 §2.3.1.4: when robots.txt is
unreachable because of a server or network error, a crawler MUST assume complete
disallow. This middleware then closes the crawl at once with reason
"robots_unavailable" (exit status 5); a 4xx robots.txt still means "no rules".
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.defer import deferred_from_coro

logger = logging.getLogger(__name__)

REASON = "robots_unavailable"


class DisallowAll:
    """The robots parser for an unreachable robots.txt: nothing may be fetched."""

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False


class _OneLine(logging.Filter):
    """Scrapy logs a failed robots.txt download with a full traceback; the message of
    `_robots_error` below says it in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Error downloading"):
            record.exc_info, record.exc_text = None, None
        return True


logging.getLogger("scrapy.downloadermiddlewares.robotstxt").addFilter(_OneLine())


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    """RobotsTxtMiddleware that stops the crawl when robots.txt answers 5xx or fails."""

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            self._unavailable(netloc, f"answered HTTP {response.status}")
            return
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):  # e.g. offsite: no rules to obey, as Scrapy does
            super()._robots_error(exc, netloc)
            return
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        logger.error(
            "robots.txt of %s could not be fetched (%s: %s): nothing on the site is crawled "
            "in this run (RFC 9309)", netloc, type(exc).__name__, exc,
        )
        self._disallow_all(netloc)

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, DisallowAll):
            raise IgnoreRequest("robots.txt unavailable: site not crawled (RFC 9309)")
        super().process_request_2(rp, request)

    def _unavailable(self, netloc: str, what: str) -> None:
        """The server is up but robots.txt fails: close the spider with a clear message.

        (A site that cannot be reached at all is the Reachability extension's message:
        its pages fail as well, and exit status 1 says so.)
        """
        logger.error(
            "robots.txt of %s %s: RFC 9309 says to crawl nothing, so this run stops "
            "without crawling the site; try again later", netloc, what,
        )
        self._stats.set_value("robotstxt/unavailable", netloc)
        self._disallow_all(netloc)
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            # Not awaited: closing waits for in-flight requests, this one among them.
            deferred_from_coro(engine.close_spider_async(reason=REASON))

    def _disallow_all(self, netloc: str) -> None:
        """From now on every request to `netloc` is refused, the waiting ones included."""
        pending = self._parsers[netloc]
        self._parsers[netloc] = DisallowAll()  # type: ignore[assignment]
        if hasattr(pending, "callback"):
            pending.callback(self._parsers[netloc])
