"""Stop the crawl at the first failed database write (disk full, read-only file).

Scrapy logs a pipeline exception and goes on with the next item, so a full disk would
turn a crawl into hours of fetching pages that can only fail to be stored. This
extension closes the spider with reason "storage_failed" (exit status 1) instead;
what was committed before stays intact, SQLite rolls the failed batch back.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro

from pipelines.storage.pipeline import WRITE_FAILED_REASON, storage_failed

logger = logging.getLogger(__name__)


class StorageGuard:
    """On a sqlite3 error from a pipeline: one clear message, then close the spider."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.tripped = False
        crawler.signals.connect(self.item_error, signal=signals.item_error)
        crawler.signals.connect(self.write_failed, signal=storage_failed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorageGuard:
        return cls(crawler)

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        if isinstance(failure.value, sqlite3.Error):
            self.write_failed(failure.value)

    def write_failed(self, error: BaseException, closing: bool = False) -> None:
        if self.tripped:
            return
        self.tripped = True
        path = self.crawler.settings.get("SQLITE_PATH")
        logger.error(
            "Cannot write to the database %s (%s: %s); stopping the crawl. Rows committed "
            "before this are intact; the unfinished batch was rolled back.",
            path, type(error).__name__, error,
        )
        self.crawler.stats.set_value("storage/failed", f"{type(error).__name__}: {error}")
        engine = self.crawler.engine
        if not closing and engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=WRITE_FAILED_REASON))
