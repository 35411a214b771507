"""The progress line a person sees at a terminal: what it says during a backfill."""

from __future__ import annotations

import io
from datetime import date
from types import SimpleNamespace

from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawler.extensions.progress_line import ProgressLine
from crawler.extract.listing import ListingEntry, ListingPage
from crawler.spiders.backfill import Backfill


def _line(spider: SimpleNamespace) -> str:
    crawler = SimpleNamespace(signals=SimpleNamespace(connect=lambda *a, **k: None))
    crawler.stats = MemoryStatsCollector(SimpleNamespace(settings=Settings()))
    crawler.stats.set_value("response_received_count", 12)
    crawler.stats.set_value("listing/pages", 3)
    return ProgressLine(crawler, io.StringIO()).line(spider)


def test_a_backfill_shows_the_listing_pages_left_once_it_walks() -> None:
    backfill = Backfill(date(2023, 1, 1), date(2023, 12, 31), ("en",))
    spider = SimpleNamespace(lang="en", crawl_mode="backfill", backfill=backfill)
    backfill.start("smi")
    assert "left" not in _line(spider)  # still bisecting: nothing to estimate from
    entries = [
        ListingEntry(f"https://x/news/smi/a{n}/", "smi", f"a{n}", "T", f"{day}.12.2023", None)
        for n, day in enumerate((31, 21, 11))  # one page spans 20 days; 344 days to go
    ]
    backfill.take_page("smi", 1, ListingPage(entries, [1, 2]))
    backfill.walk("smi", 1)
    assert _line(spider).startswith("en backfill: 12 pages (3 listings)")
    assert _line(spider).endswith(", ~18 listing pages left")  # ceil(344 / 20)


def test_other_crawls_show_no_estimate() -> None:
    spider = SimpleNamespace(lang="ru", crawl_mode="incremental", backfill=None)
    assert "left" not in _line(spider)
