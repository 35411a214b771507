"""Text pipeline: bring title, lead and body to the output text contract."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from crawler.extract.text import REPLACEMENT_CHAR, clean_body, clean_line, scrub


class TextPipeline:
    """NFC, plain spaces, one blank line between paragraphs; flags U+FFFD (bad decoding);
    no control characters or lone surrogates in any field."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TextPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        for name in list(item.keys()):
            item[name] = scrub(item[name])
        for name in ("title", "summary"):
            if item.get(name):
                item[name] = clean_line(str(item[name])) or None
        if item.get("body"):
            item["body"] = clean_body(str(item["body"]))
        if any(REPLACEMENT_CHAR in (item.get(n) or "") for n in ("title", "body")):
            item["flags"] = [*(item.get("flags") or []), "replacement_char"]
            self.stats.inc_value("text/replacement_char")
        return item
