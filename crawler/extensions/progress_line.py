"""A progress line for a person at a terminal: pages, articles, rate, what is left.

`newscrawl` enables it only when stderr is a terminal, so cron mail and log files
stay free of carriage returns. It reads Scrapy's stats; it never changes the crawl.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from scrapy import signals
from scrapy.crawler import Crawler

from pipelines.storage.pipeline import counter_stat

INTERVAL = 1.0  # seconds between refreshes


class ProgressLine:
    """Rewrites one stderr line every INTERVAL seconds while the spider runs."""

    def __init__(self, crawler: Crawler, stream: TextIO | None = None) -> None:
        self.crawler = crawler
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self._task: Any = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLine:
        return cls(crawler)

    def spider_opened(self, spider: Any) -> None:
        from twisted.internet import task

        self.started = time.monotonic()
        self._task = task.LoopingCall(self.show, spider)
        self._task.start(INTERVAL, now=False)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self._task is not None and self._task.running:
            self._task.stop()
        self.show(spider)
        self.stream.write(f"  [{reason}]\n")
        self.stream.flush()

    def show(self, spider: Any) -> None:
        self.stream.write("\r" + self.line(spider) + "\033[K")
        self.stream.flush()

    def line(self, spider: Any) -> str:
        """e.g. "en backfill: 40 pages, 120 articles (118 new), 6.2 pages/s, ~3 pages left"."""
        stats = self.crawler.stats
        assert stats is not None
        pages = int(stats.get_value("response_received_count", 0) or 0)
        listings = int(stats.get_value("listing/pages", 0) or 0)
        stored = int(stats.get_value("item_scraped_count", 0) or 0)
        new = int(stats.get_value(counter_stat("articles_new"), 0) or 0)
        rate = pages / max(time.monotonic() - self.started, 1e-6)
        text = (
            f"{getattr(spider, 'lang', '')} {getattr(spider, 'crawl_mode', '')}: "
            f"{pages} pages ({listings} listings), {stored} articles ({new} new), "
            f"{rate:.1f} pages/s"
        )
        backfill = getattr(spider, "backfill", None)
        left = backfill.pages_left if backfill is not None else None
        if left is not None:
            text += f", ~{left} listing pages left"
        return text
