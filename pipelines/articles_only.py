"""Only articles go on to the cleaning pipelines: a reject or a gone page leaves here.

The spider yields three kinds of item (crawler.items). The text, boilerplate, dates and
validation pipelines clean and judge articles; a reject (the reason is known already)
and a gone page (nothing to clean) are dropped here, first, so no later pipeline needs to
ask what an item is. Storage records every dropped item (a gone page marks its article
gone, anything else is a `rejects` row with the reason), and a feed (`-o`), which only
sees the items that pass every pipeline, holds articles only.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.items import GoneItem, RejectItem
from pipelines.validation import count_rejection

#: The drop message of a gone page (at DEBUG: the spider has said it at WARNING).
GONE = "gone (HTTP 410): a stored copy is marked gone"


class ArticlesOnlyPipeline:
    """Drops rejects (counted by reason, as validation counts its own) and gone pages."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticlesOnlyPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, RejectItem):
            count_rejection(self.stats, item["reason"])
            raise DropItem(item["reason"])
        if isinstance(item, GoneItem):
            raise DropItem(GONE, log_level="DEBUG")
        return item
