"""Boilerplate pipeline: drop whole lines that are navigation or the title repeated.

Only whole paragraphs are dropped, matched against the site profile's phrase lists:
a phrase inside a sentence ("…agreed to go back to the negotiating table…") stays.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from crawler.extract.lines import profile_lines, strip_boilerplate
from crawler.sites import get_profile


class BoilerplatePipeline:
    """Removes navigation lines and the repeated title that extraction let through."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BoilerplatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not item.get("body"):
            return item
        before = item["body"]
        phrases, furniture = profile_lines(get_profile(item["lang"]))
        item["body"] = strip_boilerplate(before, item.get("title"), phrases, furniture)
        if item["body"] != before:
            self.stats.inc_value("boilerplate/items_cleaned")
        return item
