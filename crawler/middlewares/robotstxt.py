"""robots.txt as RFC 9309 says: unreachable means "crawl nothing", not "crawl everything".

Scrapy's RobotsTxtMiddleware parses whatever robots.txt returns, so a 503 error page or
a timeout leaves the whole site allowed. RFC 9309 §2.3.1.4: when robots.txt is
unreachable because of a server or network error, a crawler MUST assume complete
disallow. This middleware, which replaces Scrapy's, fetches each host's robots.txt once
through the engine (retries and redirects included) and parses it with Scrapy's
ROBOTSTXT_PARSER, as Scrapy's does; on a 5xx it closes the crawl at once with reason
"robots_unavailable" (exit status 5), on a network error it refuses every request to the
host (the Reachability extension then says the site could not be reached); a 4xx
robots.txt means "no rules". Public Scrapy APIs only.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

REASON = "robots_unavailable"
UNAVAILABLE = "robots.txt unavailable: site not crawled (RFC 9309)"


class Rules(Protocol):
    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool: ...


class AllowAll:
    """No rules: robots.txt answered 4xx, or its request was refused (e.g. offsite)."""

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return True


class DisallowAll:
    """robots.txt could not be fetched: nothing may be fetched."""

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False


class StrictRobotsTxtMiddleware:
    """Obeys robots.txt (ROBOTSTXT_OBEY); stops the crawl when robots.txt answers 5xx."""

    DOWNLOAD_PRIORITY = 1000  # robots.txt before anything else, as Scrapy does

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        self.parser_class = load_object(crawler.settings.get("ROBOTSTXT_PARSER"))
        self.robots_agent = crawler.settings.get("ROBOTSTXT_USER_AGENT")
        self.default_agent = crawler.settings.get("USER_AGENT")
        self.rules: dict[str, Rules | Deferred[Rules]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StrictRobotsTxtMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        if request.meta.get("dont_obey_robotstxt") or request.url.startswith(("data:", "file:")):
            return
        rules = await self.rules_for(request)
        if isinstance(rules, DisallowAll):
            raise IgnoreRequest(UNAVAILABLE)
        agent = (
            self.robots_agent or request.headers.get(b"User-Agent") or self.default_agent or ""
        )
        if not rules.allowed(request.url, agent):
            logger.debug("Forbidden by robots.txt: %s", request)
            self.crawler.stats.inc_value("robotstxt/forbidden")
            raise IgnoreRequest("Forbidden by robots.txt")

    async def rules_for(self, request: Request) -> Rules:
        """The rules of the request's host; fetched once, the other requests wait for them."""
        url = urlparse_cached(request)
        known = self.rules.get(url.netloc)
        if isinstance(known, Deferred):
            return await maybe_deferred_to_future(_copy(known))
        if known is not None:
            return known
        waiting: Deferred[Rules] = Deferred()
        self.rules[url.netloc] = waiting
        rules: Rules = AllowAll()  # what Scrapy obeys when robots.txt cannot be parsed
        try:
            rules = await self.fetch(url.scheme, url.netloc)
        except Exception:
            logger.exception("robots.txt of %s could not be parsed; no rules", url.netloc)
        finally:  # the requests waiting for these rules go on, whatever happened
            self.rules[url.netloc] = rules
            waiting.callback(rules)
        return rules

    async def fetch(self, scheme: str, netloc: str) -> Rules:
        robots = Request(
            f"{scheme}://{netloc}/robots.txt", priority=self.DOWNLOAD_PRIORITY,
            meta={"dont_obey_robotstxt": True}, callback=NO_CALLBACK,
        )
        stats = self.crawler.stats
        stats.inc_value("robotstxt/request_count")
        try:
            response = await self.crawler.engine.download_async(robots)
        except IgnoreRequest:  # e.g. offsite: no rules to obey, as Scrapy does
            return AllowAll()
        except Exception as error:
            stats.inc_value(f"robotstxt/exception_count/{type(error)}")
            logger.error(
                "robots.txt of %s could not be fetched (%s: %s): nothing on the site is "
                "crawled in this run (RFC 9309)", netloc, type(error).__name__, error,
            )
            return DisallowAll()
        stats.inc_value("robotstxt/response_count")
        stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        if response.status >= 500:
            self.unavailable(netloc, f"answered HTTP {response.status}")
            return DisallowAll()
        if response.status >= 400:
            return AllowAll()
        return build_from_crawler(self.parser_class, self.crawler, response.body)

    def unavailable(self, netloc: str, what: str) -> None:
        """The server is up but robots.txt fails: close the spider with a clear message.

        (A site that cannot be reached at all is the Reachability extension's message:
        its pages fail as well, and exit status 1 says so.)
        """
        logger.error(
            "robots.txt of %s %s: RFC 9309 says to crawl nothing, so this run stops "
            "without crawling the site; try again later", netloc, what,
        )
        self.crawler.stats.set_value("robotstxt/unavailable", netloc)
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            # Not awaited: closing waits for in-flight requests, the waiting ones among them.
            deferred_from_coro(engine.close_spider_async(reason=REASON))


def _copy(waiting: Deferred[Rules]) -> Deferred[Rules]:
    """A Deferred of its own for each waiting request, firing with the same rules."""
    copy: Deferred[Rules] = Deferred()

    def forward(rules: Rules) -> Rules:
        copy.callback(rules)
        return rules

    waiting.addCallback(forward)
    return copy
