"""Dates pipeline: the article's and the listing's date to ISO, cross-checked.

The article page's own date wins; the listing date backs it up when the page has none
readable (or only one that htmldate guessed from markup), and a disagreement between the
two is counted, logged and flagged.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler

from crawler.extract.dates import parse_date, readings
from crawler.sites import get_profile

logger = logging.getLogger(__name__)

# Date sources below the listing's date: a page date that no rule of ours read.
WEAKER_THAN_LISTING = frozenset({"htmldate"})


class DatesPipeline:
    """Sets `published` and `listing_date` (YYYY-MM-DD), and `date_source`."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DatesPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        languages = get_profile(item["lang"]).dateparser_languages
        article = parse_date(item.get("date_raw"), languages)
        listing = parse_date(item.get("listing_date_raw"), languages)
        if listing and item.get("date_source") in WEAKER_THAN_LISTING:
            article = None  # htmldate's guess never outranks what the listing shows
        if article and article in readings(item.get("listing_date_raw"), languages):
            listing = article  # 07/10/2020 on the listing, 10 July 2020 on the page: they agree
        item["listing_date"] = listing.isoformat() if listing else None
        if article:
            item["published"] = article.isoformat()
        elif listing:
            item["published"] = listing.isoformat()
            item["date_source"] = "listing"
            self.stats.inc_value("dates/from_listing")
        else:
            item["published"] = None
        if article and listing and article != listing:
            self.stats.inc_value("dates/listing_mismatch")
            item["flags"] = [*(item.get("flags") or []), "date_mismatch"]
            logger.warning(
                "Date mismatch on %s: article says %s (%r), listing says %s",
                item.get("url"), article, item.get("date_raw"), listing,
            )
        return item
