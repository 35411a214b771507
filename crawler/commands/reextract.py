"""`reextract`: run extraction and the pipelines again over the stored pages, offline.

A parser fix or a new site template reaches the whole archive without a single
request: every URL's latest stored page goes through the same extraction, cleaning,
dating and validation as in a crawl, in one worker process per core, and the parent
process stores the results (changed articles keep their previous version).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path

from crawler import exitcodes
from crawler.commands.common import UsageProblem, fail
from crawler.extraction_pool import worker_setup
from crawler.reextract import process_stored
from pipelines.storage.connection import DatabaseMissing, check_database, open_readonly
from pipelines.storage.defaults import DEFAULT_SQLITE_PATH
from pipelines.storage.lock import DatabaseLock, DatabaseLocked
from pipelines.storage.queries import count_latest_pages, iter_latest_pages
from pipelines.storage.store import ArticleStore

NAME = "reextract"
HELP = "re-run extraction over the stored pages, without the network"

BATCH = 64  # pages per task sent to a worker: amortises pickling, keeps memory flat
IN_FLIGHT = 4  # tasks per worker queued ahead, so workers never wait for the writer


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_SQLITE_PATH, help="database (default %(default)s)")
    parser.add_argument("--lang", choices=("en", "ru", "both"), default="both")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1,
        help="extraction processes (default: one per core, %(default)s here)",
    )


def run(args: argparse.Namespace) -> int:
    """Exit 0 when every page was processed (rejects are counted, as in a crawl); 2, 4 or
    8 when nothing could be done (bad arguments or no database, another run writing, a
    file that is not a news database); 6 when interrupted."""
    if args.workers < 1:
        raise UsageProblem("--workers must be at least 1")
    if not Path(args.db).exists():
        raise DatabaseMissing(f"database not found: {args.db}")
    lang = None if args.lang == "both" else args.lang
    try:
        lock = DatabaseLock(args.db).acquire()
    except DatabaseLocked as exc:
        return fail(f"{exc}; another run is writing {args.db}", exitcodes.LOCKED)
    try:
        check_database(args.db, must_exist=True)  # now that no crawl is writing it
        return _reextract(args.db, lang, args.workers)
    finally:
        lock.release()


def _reextract(db: str, lang: str | None, workers: int) -> int:
    started = time.monotonic()
    counts: Counter[str] = Counter()
    with ArticleStore(db, batch_size=500) as store:  # migrates an older database first
        reader = open_readonly(db)
        run_id = store.start_run("reextract", {"lang": lang or "both", "workers": workers},
                                 lang, None)
        total = count_latest_pages(reader, lang)
        print(f"reextract: {total} stored pages, {workers} worker(s)", file=sys.stderr)
        try:
            for url, fetched_at, item, reason in _results(iter_latest_pages(reader, lang),
                                                          workers):
                if reason is None:
                    counts[store.upsert_article(item, fetched_at=fetched_at)] += 1
                else:
                    store.add_reject(url, f"reextract: {reason}", item)
                    counts["rejected"] += 1
            finish = "finished"
        except KeyboardInterrupt:
            finish = "shutdown"
        finally:
            reader.close()
        status = _status(finish)
        store.finish_run(run_id, _counters(counts), finish, status)
    elapsed = time.monotonic() - started
    pages = sum(counts.values())
    print(
        f"reextract: {pages} pages in {elapsed:.1f} s ({pages / max(elapsed, 1e-9):.0f} pages/s):"
        f" {counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged,"
        f" {counts['rejected']} rejected",
        file=sys.stderr,
    )
    return status


def _results(rows: Iterable[tuple], workers: int) -> Iterator[tuple]:
    """Results in page order; batches run in the workers while earlier ones are stored."""
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


def _counters(counts: Counter[str]) -> dict[str, int]:
    return {
        "pages_fetched": 0,
        "articles_new": counts["new"],
        "articles_updated": counts["updated"],
        "articles_unchanged": counts["unchanged"],
        "articles_rejected": counts["rejected"],
        "errors": 0,
    }


def _status(finish: str) -> int:
    return exitcodes.SUCCESS if finish == "finished" else exitcodes.INTERRUPTED
