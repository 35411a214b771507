"""Validation pipeline: an item missing what an analyst relies on is not stored.

It is dropped with its reason; storage records it in `rejects`, the crawl stats count it.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

logger = logging.getLogger(__name__)

MAX_TITLE_CHARS = 1000


def rejection_reason(item: Any) -> str | None:
    """Why `item` must not be stored, or None when it may be."""
    if not item.get("url"):
        return "missing url"
    if item.get("not_found"):
        return "soft 404: the page says the article does not exist"
    if not item.get("title"):
        return "missing title"
    if len(item["title"]) > MAX_TITLE_CHARS:
        return f"title too long ({len(item['title'])} characters)"
    if not item.get("published"):
        raw = item.get("date_raw") or item.get("listing_date_raw")
        return f"unreadable date: {raw!r}" if raw else "missing date"
    if not item.get("body"):
        return "missing body"
    return None


class ValidationPipeline:
    """Drops incomplete items with a reason, counted per reason in the stats."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidationPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        reason = rejection_reason(item)
        if reason is None:
            return item
        count_rejection(self.stats, reason)
        raise DropItem(reason)


def count_rejection(stats: Any, reason: str) -> None:
    """Count a rejected item, in all and by reason (`validation/rejected/HTTP_404`); the
    health report logs the reasons at the end of a crawl."""
    key = reason.split(":")[0].split(" (")[0].replace(" ", "_")
    stats.inc_value(f"validation/rejected/{key}")
    stats.inc_value("validation/rejected")
