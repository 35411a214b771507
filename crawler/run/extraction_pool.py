"""Article extraction in worker processes, so that a crawl uses more than one core.

Scrapy does all its work on one thread; extraction (parsing the page, the structural
rules) is pure CPU work that needs nothing from it. Sent to a worker process, it runs
on the second core while the reactor goes on downloading. With `EXTRACT_WORKERS = 0`,
or if a worker dies, extraction runs in the crawl's own process, as before.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from crawler.extract.listing import ListingPage, extract_listing
from crawler.items import ArticleItem, article_item
from crawler.sites import get_profile

logger = logging.getLogger(__name__)
T = TypeVar("T")


def article_for(
    lang: str, html: str, url: str, listing: Mapping[str, Any], fetched_url: str
) -> ArticleItem:
    """article_item with the language's profile (what a worker is sent): the item as the
    page gives it; the item pipelines clean it, as `extract_page` does."""
    return article_item(html, url, get_profile(lang), listing, fetched_url)


def listing_for(lang: str, html: str, url: str) -> ListingPage:
    """extract_listing with the language's profile (what a worker is sent)."""
    return extract_listing(html, url, get_profile(lang))


def worker_setup(parent: int) -> None:
    """Workers leave stopping to the crawl (or `reextract`), and never outlive it.

    A Ctrl-C or a systemd SIGTERM sent to the whole group must not kill a worker under a
    page in flight: the crawl shuts its workers down itself. A crawl killed outright
    (SIGKILL, OOM) cannot, so on Linux the kernel kills the worker with it; an orphan
    would hold the crawl's stderr open and keep its scheduler waiting forever.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the crawl died before prctl took effect
            os._exit(1)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class ExtractionPool:
    """Extraction off the reactor's core; the workers start at the first article page."""

    def __init__(self, workers: int, lang: str) -> None:
        self.workers = max(0, workers)
        self.lang = lang
        self._pool: ProcessPoolExecutor | None = None

    async def article(
        self, html: str, url: str, listing: Mapping[str, Any], fetched_url: str
    ) -> ArticleItem:
        """The article item of a page (crawler.items.article_item); `url` is the row's."""
        return await self._run(article_for, html, url, listing, fetched_url)

    async def listing(self, html: str, url: str) -> ListingPage:
        """What a listing page offers (crawler.extract.listing); in the crawl's process
        until an article has started the workers, so a run that finds nothing new
        (listings only) never starts one."""
        if self._pool is None:
            return listing_for(self.lang, html, url)
        return await self._run(listing_for, html, url)

    async def _run(self, function: Callable[..., T], *args: Any) -> T:
        if self.workers == 0:
            return function(self.lang, *args)
        try:
            future = self._started().submit(function, self.lang, *args)
            return await asyncio.wrap_future(future)
        except BrokenProcessPool:
            logger.warning("An extraction worker died; extracting in the crawl process from now on")
            self.close()
            self.workers = 0
            return function(self.lang, *args)

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn: a fresh interpreter, safe beside the reactor's threads (fork is not),
            # and a direct child of the crawl, so that it dies with it (worker_setup).
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=worker_setup, initargs=(os.getpid(),),
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
