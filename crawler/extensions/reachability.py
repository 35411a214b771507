"""Say plainly when the site could not be reached at all.

Without network a crawl ends in seconds with a handful of DNS or connection errors in
the log; a person or a scheduler needs one line that says what happened.
"""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class Reachability:
    """At the end of a crawl that got no response at all, log why in one error line."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Reachability:
        return cls(crawler)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        if stats.get("downloader/response_count") or reason != "finished":
            return
        failures = sorted(
            key.rsplit(".", 1)[-1] for key in stats
            if key.startswith("downloader/exception_type_count/")
        )
        if not failures:
            return
        logger.error(
            "No page of %s could be fetched (%s): is the network up and the site reachable?",
            getattr(spider, "base_url", "the site"), ", ".join(failures),
        )
        self.crawler.stats.set_value("reachability/unreachable", 1)
