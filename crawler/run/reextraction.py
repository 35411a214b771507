"""Re-extraction: stored pages → items, exactly as a crawl would make them, offline.

Pure functions of a page and its listing record, so they run in worker processes
(one per core) while the parent process writes; `newscrawl reextract` drives them
through `reextracted`.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from itertools import islice
from typing import Any

from crawler.extract.encoding import decode_html
from crawler.items import article_item, extraction_failure
from crawler.run.extraction_pool import worker_setup
from crawler.sites import get_profile
from pipelines.chain import PipelineChain

BATCH = 64  # pages per task sent to a worker: amortises pickling, keeps memory flat
IN_FLIGHT = 4  # tasks per worker queued ahead, so workers never wait for the writer


@lru_cache(maxsize=1)
def _chain() -> PipelineChain:
    """One pipeline chain per process: the pipelines keep no per-item state."""
    return PipelineChain()


def process_html(
    html: str, url: str, lang: str, listing: Mapping[str, Any], fetched_url: str | None = None
) -> tuple[Mapping[str, Any] | None, str | None]:
    """(item, None) ready for storage, or (None, why it is rejected)."""
    item, reason = process_page(html, url, lang, listing, fetched_url)
    return (None, reason) if reason else (item, None)


def process_page(
    html: str, url: str, lang: str, listing: Mapping[str, Any], fetched_url: str | None = None
) -> tuple[Mapping[str, Any], str | None]:
    """The item (cleaned, dated) and None, or the raw item and the reason it is rejected:
    the crawl's own page → item function (crawler.items.article_item) and pipelines."""
    try:
        item = article_item(html, url, get_profile(lang), listing, fetched_url)
    except Exception as error:  # as in the crawl: one bad page never ends the run
        raw = {"url": url, "lang": lang, "section": listing.get("section")}
        return raw, extraction_failure(error)
    return _chain().run(item)


def process_stored(row: tuple) -> tuple[str, str, Mapping[str, Any], str | None]:
    """A `pages` row (queries.PAGE_COLUMNS) → (url, fetched_at, item, reason).

    Runs in a worker process: decompressing and decoding happen here too, off the
    process that writes.
    """
    url, fetched_url, fetched_at, content_type, lang, listing, compression, blob = row
    if compression != "zlib":
        raw = {"url": url, "lang": lang}
        return url, fetched_at, raw, f"unknown page compression {compression!r}"
    text = decode_html(zlib.decompress(blob), content_type)[0]
    item, reason = process_page(text, url, lang, json.loads(listing or "{}"), fetched_url)
    return url, fetched_at, item, reason


def reextracted(rows: Iterable[tuple], workers: int) -> Iterator[tuple]:
    """(url, fetched_at, item, reason) of each `pages` row, in page order; batches run in
    the workers while the caller stores earlier ones. One worker: in this process."""
    batches = iter(lambda: list(islice(rows, BATCH)), [])
    if workers == 1:
        for batch in batches:
            yield from map(process_stored, batch)
        return
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with ProcessPoolExecutor(  # workers as the crawl's: Ctrl-C is the parent's, never orphans
        max_workers=workers, mp_context=context, initializer=worker_setup,
        initargs=(os.getpid(),),
    ) as pool:
        pending: deque[Future] = deque()
        for batch in batches:
            pending.append(pool.submit(_process_batch, batch))
            if len(pending) >= workers * IN_FLIGHT:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _process_batch(batch: list[tuple]) -> list[tuple]:
    return [process_stored(row) for row in batch]
