"""The Scrapy baseline for bench/bench_crawl.py: the same pages as the `csto` spider, no work.

It walks each section's listing pages (following `PAGEN_1` links) and every article page
they link to, finding links with parsel only, and yields `{"url": ...}` per article page:
no extraction, no pipelines, no storage. Run it with the project's settings (middlewares,
extensions) and no item pipelines, from the project root:

    .venv/bin/scrapy runspider bench/baseline_spider.py -a base_url=http://127.0.0.1:PORT \\
        -s ITEM_PIPELINES={} -s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=False
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import scrapy
from scrapy.http import Response

ARTICLE = re.compile(r"^/news/(news_odkb|smi)/[^/]+/$")


class BaselineSpider(scrapy.Spider):
    """Listing pages, then article pages; requests prioritised as the `csto` spider does."""

    name = "baseline"

    def __init__(
        self, base_url: str = "http://127.0.0.1:8001", sections: str = "news_odkb,smi",
        *args: Any, **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.base_url = base_url.rstrip("/")
        self.host = urlsplit(self.base_url).netloc
        self.sections = [s for s in sections.split(",") if s]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for section in self.sections:
            yield scrapy.Request(f"{self.base_url}/news/{section}/", self.parse_listing,
                                 priority=-1)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        here = urlsplit(response.url).path
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            parts = urlsplit(url)
            if parts.netloc != self.host:
                continue
            if ARTICLE.match(parts.path) and not parts.query:
                yield scrapy.Request(url, self.parse_article, priority=10)
            elif parts.path == here and "PAGEN_1=" in parts.query:
                page = parse_qs(parts.query).get("PAGEN_1", ["1"])[0]
                priority = -int(page) if page.isdigit() else -1
                yield scrapy.Request(url, self.parse_listing, priority=priority)

    def parse_article(self, response: Response) -> Iterator[dict[str, str]]:
        yield {"url": response.url}
