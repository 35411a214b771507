"""Scrapy item pipeline that writes articles, rejects and crawl runs to SQLite.

Enable with ``ITEM_PIPELINES = {"pipelines.storage.pipeline.StoragePipeline": 900}``.
Settings: ``SQLITE_PATH``, ``STORAGE_BATCH_SIZE``, ``STORAGE_COMMIT_INTERVAL`` (their
defaults: pipelines/storage/defaults.py), ``STORAGE_LOCK`` (True).

Every database call runs on one writer thread of its own: SQLite releases the GIL
while it indexes and writes, so full-text indexing and commits use the second core
instead of blocking the reactor, and one thread keeps the writes in item order.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import sys
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from scrapy import signals
from scrapy.exceptions import CloseSpider

from crawler.items import GoneItem
from pipelines.storage.connection import DatabaseUnusable, check_database
from pipelines.storage.defaults import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_COMMIT_INTERVAL,
    DEFAULT_SQLITE_PATH,
)
from pipelines.storage.lock import DatabaseLock, DatabaseLocked
from pipelines.storage.store import ArticleStore
from pipelines.storage.tables import RUN_COUNTER_COLUMNS

logger = logging.getLogger(__name__)

# Why storage ends a crawl (its finish_reason; crawler/run/exit_status.py maps each to
# an exit status).
LOCKED_REASON = "database_locked"  # another run holds the database lock
UNUSABLE_REASON = "database_unusable"  # not SQLite, damaged, or another application's
WRITE_FAILED_REASON = "storage_failed"  # a write failed: disk full, read-only file

#: Signal sent for a failed write outside an item (a timed commit, a reject, the last
#: commit at close), with `error` and `closing` (already closing); the StorageGuard
#: extension stops the crawl on it.
storage_failed = object()

#: The Scrapy stats two crawl_runs counters are read from; every other counter
#: (tables.RUN_COUNTER_COLUMNS) is this pipeline's own `storage/<counter>` stat.
SCRAPY_COUNTERS = {"pages_fetched": "downloader/response_count", "errors": "log_count/ERROR"}


def counter_stat(counter: str) -> str:
    """The crawl stat a crawl_runs counter records."""
    return SCRAPY_COUNTERS.get(counter, f"storage/{counter}")


class StoragePipeline:
    """Stores every item that reaches it; records dropped items and the run itself."""

    def __init__(
        self,
        crawler: Any,
        path: str,
        batch_size: int = DEFAULT_BATCH_SIZE,
        commit_interval: float = DEFAULT_COMMIT_INTERVAL,
        use_lock: bool = True,
    ) -> None:
        self.crawler = crawler
        self.path = path
        self.batch_size = batch_size
        self.commit_interval = commit_interval
        self.use_lock = use_lock
        self.store: ArticleStore | None = None
        self.lock: DatabaseLock | None = None
        self.run_id: int | None = None
        self._timer: Any = None
        self._writer: ThreadPoolExecutor | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> StoragePipeline:
        settings = crawler.settings
        pipeline = cls(
            crawler,
            path=settings.get("SQLITE_PATH") or DEFAULT_SQLITE_PATH,
            batch_size=settings.getint("STORAGE_BATCH_SIZE", DEFAULT_BATCH_SIZE),
            commit_interval=settings.getfloat("STORAGE_COMMIT_INTERVAL", DEFAULT_COMMIT_INTERVAL),
            use_lock=settings.getbool("STORAGE_LOCK", True),
        )
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    # -- lifecycle ------------------------------------------------------------------

    def open_spider(self, spider: Any = None) -> None:
        """Lock, open and migrate the database and record the run as started.

        A database locked by another crawl ends this crawl at once: CloseSpider
        makes Scrapy close the spider with reason "database_locked" before any
        request is made (raising NotConfigured here would only disable storage
        and let the crawl run for nothing).
        """
        spider = spider or getattr(self.crawler, "spider", None)
        try:
            check_database(self.path, must_exist=False)
        except DatabaseUnusable as exc:
            logger.error("%s: nothing was crawled", exc)
            raise CloseSpider(UNUSABLE_REASON) from exc
        if self.use_lock:
            try:
                self.lock = DatabaseLock(self.path).acquire()
            except DatabaseLocked as exc:
                logger.error("Cannot store to %s: %s", self.path, exc)
                raise CloseSpider(LOCKED_REASON) from exc
            except OSError as exc:
                raise unwritable(self.path, exc) from exc
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-writer")
        self._loop = _running_loop()
        try:
            self.store = self._now(
                ArticleStore, self.path, self.batch_size, self.commit_interval
            )
            self.run_id = self._now(
                self.store.start_run,
                mode=getattr(spider, "crawl_mode", "full"),
                arguments=getattr(spider, "crawl_arguments", None) or {},
                lang=getattr(spider, "lang", None),
                sections=getattr(spider, "sections", None),
            )
        except (OSError, sqlite3.Error) as exc:
            self._stop_writer()
            if self.lock is not None:
                self.lock.release()
                self.lock = None
            raise unwritable(self.path, exc) from exc
        self.crawler.stats.set_value("storage/run_id", self.run_id)
        self._start_timer()

    def _start_timer(self) -> None:
        """Commit idle batches every commit_interval, if a reactor is already running.

        Never imports the reactor itself: that would install one in a process
        (such as a test) that meant to choose its own.
        """
        if "twisted.internet.reactor" not in sys.modules or self.store is None:
            return
        from twisted.internet import task

        self._timer = task.LoopingCall(self._later, self.store.commit_if_due)
        self._timer.start(max(self.commit_interval, 0.1), now=False)

    # -- the writer thread --------------------------------------------------------------

    def _now(self, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run on the writer thread and wait: for opening, committing and closing."""
        assert self._writer is not None
        return self._writer.submit(call, *args, **kwargs).result()

    def _later(self, call: Callable[..., Any], *args: Any) -> Future:
        """Queue on the writer thread (writes stay in order); a failure is reported."""
        assert self._writer is not None
        future = self._writer.submit(call, *args)
        future.add_done_callback(self._report_from_writer)
        return future

    def _report_from_writer(self, future: Future) -> None:
        error = future.exception()
        if error is not None and self._loop is not None:
            self._loop.call_soon_threadsafe(self._report, error)

    def _report(self, error: BaseException, closing: bool = False) -> None:
        """A failed write that is not an item's: the storage guard stops the crawl."""
        logger.error("Database write failed: %s: %s", type(error).__name__, error)
        self.crawler.signals.send_catch_log(storage_failed, error=error, closing=closing)

    def _stop_writer(self) -> None:
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None

    def close_spider(self, spider: Any = None) -> None:
        """Commit; the run row is completed in spider_closed, which knows the reason."""
        if self.store is not None:
            try:
                self._now(self.store.commit)
            except (sqlite3.Error, OSError) as error:  # the last batch: report, then close
                self._report(error, closing=True)

    def spider_closed(self, spider: Any = None, reason: str = "finished") -> None:
        """Complete the crawl_runs row from the crawl stats, then close and unlock."""
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        try:
            if self.store is not None:
                if self.run_id is not None:
                    self._now(self.store.finish_run, self.run_id, self._counters(), reason)
                self._now(self.store.close)
        finally:
            self.store = None
            self._stop_writer()
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def _counters(self) -> dict[str, int]:
        stats = self.crawler.stats
        return {
            name: int(stats.get_value(counter_stat(name), 0) or 0)
            for name in RUN_COUNTER_COLUMNS
        }

    # -- items ------------------------------------------------------------------------

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        """Upsert the article on the writer thread; count the outcome.

        Only articles get this far (pipelines.articles_only drops the other kinds,
        validation the incomplete articles); every dropped item comes to item_dropped."""
        if self.store is None:
            return item
        data = _as_mapping(item)
        outcome = await asyncio.wrap_future(self._writer.submit(self._write_item, data))
        for key in outcome:
            self.crawler.stats.inc_value(key)
        return item

    def _write_item(self, data: Mapping[str, Any]) -> list[str]:
        """The writes for one item (writer thread); the stats keys to count."""
        assert self.store is not None
        outcome = self.store.upsert_article(data)
        return [counter_stat(f"articles_{outcome}"), *self._keep_page(data)]

    def _keep_page(self, data: Mapping[str, Any]) -> list[str]:
        """Keep the raw page behind an item, stored or rejected, for `newscrawl reextract`."""
        page = data.get("page")
        if page is None or self.store is None or not data.get("url"):
            return []
        added = self.store.add_page(data["url"], data.get("lang") or "", page)
        return ["storage/pages_kept"] if added else []

    def item_dropped(
        self, item: Any, response: Any = None, exception: BaseException | None = None,
        spider: Any = None,
    ) -> None:
        """Record a dropped item: a gone page marks its article gone; any other item is
        kept in rejects, with the drop message as the reason."""
        if self.store is None:
            return
        if isinstance(item, GoneItem):
            gone = asyncio.wrap_future(self._later(self._write_gone, item["url"]))
            gone.add_done_callback(self._count)  # back on the reactor thread
            return
        data = _as_mapping(item)
        reason = str(exception) if exception is not None else "dropped"
        url = data.get("url") or getattr(response, "url", None)
        written = asyncio.wrap_future(self._later(self._write_reject, url, reason, data))
        written.add_done_callback(self._count)  # back on the reactor thread
        self.crawler.stats.inc_value(counter_stat("articles_rejected"))

    def _write_gone(self, url: str) -> list[str]:
        assert self.store is not None
        self.store.mark_gone(url)
        return ["storage/articles_gone"]

    def _write_reject(
        self, url: str | None, reason: str, data: Mapping[str, Any]
    ) -> list[str]:
        assert self.store is not None
        self.store.add_reject(url, reason, data)
        return self._keep_page(data)

    def _count(self, written: asyncio.Future) -> None:
        if not written.cancelled() and written.exception() is None:
            for key in written.result():
                self.crawler.stats.inc_value(key)


def unwritable(path: str, exc: BaseException) -> CloseSpider:
    """Log why the database cannot be written (read-only, full disk, no permission) and
    end the crawl before any request: fetching pages that cannot be stored helps no one."""
    logger.error("Cannot write to the database %s (%s: %s); nothing was crawled",
                 path, type(exc).__name__, exc)
    return CloseSpider(WRITE_FAILED_REASON)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """The reactor's asyncio loop, to hand writer-thread failures back to it."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _as_mapping(item: Any) -> Mapping[str, Any]:
    """A plain dict view of a Scrapy Item, dataclass item or dict."""
    if isinstance(item, Mapping):
        return item
    from itemadapter import ItemAdapter

    return ItemAdapter(item).asdict()
