"""When a run is ending, for the components that must not start work past that point.

A run ends when the engine stops (SIGTERM, Ctrl-C) or when its run time is up
(`--max-runtime`, i.e. CLOSESPIDER_TIMEOUT, counted from `spider_opened` as Scrapy's
CloseSpider extension counts it). Scrapy then closes the spider only once nothing is in
progress, and a request waiting out a retry's `Retry-After` or the politeness delay is in
progress: without a look at this clock, a two-minute `Retry-After` or eight requests
queued one delay apart would keep a finished run going. The retry middleware ends its
waits and the download handler fetches nothing once `RunEnd()` is true.
"""

from __future__ import annotations

import time
from typing import Any

from scrapy import signals
from scrapy.exceptions import IgnoreRequest


class RunEnding(IgnoreRequest):
    """A request not fetched because the run is ending: not a failure of the page, so the
    spider's errbacks count it and store no reject (the next run fetches it)."""


class RunEnd:
    """`run_end()` is true once the engine stops or the run time is up."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.max_runtime = crawler.settings.getfloat("CLOSESPIDER_TIMEOUT")
        self.deadline: float | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    def spider_opened(self, spider: Any = None) -> None:
        if self.max_runtime > 0:
            self.deadline = time.monotonic() + self.max_runtime

    def __call__(self) -> bool:
        engine = self.crawler.engine
        if engine is None or not engine.running:
            return True
        return self.deadline is not None and time.monotonic() >= self.deadline
