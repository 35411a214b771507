"""Extraction in worker processes gives what extraction in the crawl's process gives,
and a worker that dies costs a warning, never a page."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from crawler.extract.listing import extract_listing
from crawler.items import article_item
from crawler.run.extraction_pool import ExtractionPool
from crawler.sites import get_profile

FIXTURES = Path(__file__).parent / "fixtures"
URL = "https://en.odkb-csto.org/news/news_odkb/some-article/"
LISTING = {"section": "news_odkb", "slug": "some-article", "date_raw": "10.07.2020",
           "lead": "The lead."}


async def until(condition: Callable[[], object], timeout: float = 30) -> None:
    """Wait for `condition` (polled; the deadline only stops a hang, it is no assertion
    about speed)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.01)


def a_page() -> str:
    return sorted((FIXTURES / "articles").glob("*.html"))[0].read_text(encoding="utf-8")


def test_workers_give_the_same_fields_as_the_crawl_process() -> None:
    html = a_page()
    listing_html = sorted((FIXTURES / "listings").glob("*.html"))[0].read_text(encoding="utf-8")
    pool = ExtractionPool(1, "en")

    async def both() -> tuple:
        article = await pool.article(html, URL, LISTING, URL)
        listing = await pool.listing(listing_html, "https://en.odkb-csto.org/news/news_odkb/")
        return article, listing, pool._pool is not None

    try:
        article, listing, started = asyncio.run(both())
    finally:
        pool.close()
    assert started  # the article went to a worker, and so did the listing after it
    assert dict(article) == dict(article_item(html, URL, get_profile("en"), LISTING, URL))
    assert article["title"] and article["section"] == "news_odkb"
    profile = get_profile("en")
    assert listing == extract_listing(listing_html, "https://en.odkb-csto.org/news/news_odkb/",
                                      profile)


def test_listings_alone_never_start_a_worker() -> None:
    listing_html = sorted((FIXTURES / "listings").glob("*.html"))[0].read_text(encoding="utf-8")
    pool = ExtractionPool(1, "en")
    asyncio.run(pool.listing(listing_html, "https://en.odkb-csto.org/news/news_odkb/"))
    assert pool._pool is None


def test_a_dead_worker_means_extraction_in_process_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    html = a_page()
    pool = ExtractionPool(1, "en")

    async def kill_then_extract() -> object:
        await pool.article(html, URL, LISTING, URL)  # starts the worker
        assert pool._pool is not None
        executor = pool._pool
        for pid in list(executor._processes):  # type: ignore[attr-defined]
            os.kill(pid, signal.SIGKILL)
        await until(lambda: executor._broken)  # type: ignore[attr-defined]
        return await pool.article(html, URL, LISTING, URL)

    item = asyncio.run(kill_then_extract())
    pool.close()
    assert dict(item) == dict(article_item(html, URL, get_profile("en"), LISTING, URL))
    assert pool.workers == 0 and "worker died" in caplog.text
