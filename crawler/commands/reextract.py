"""`reextract`: run extraction and the pipelines again over the stored pages, offline.

A parser fix or a new site template reaches the whole archive without a single
request: every URL's latest stored page goes through the same extraction, cleaning,
dating and validation as in a crawl, in one worker process per core, and the parent
process stores the results (changed articles keep their previous version).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

from crawler.commands.common import UsageProblem, fail
from crawler.run import exit_codes
from crawler.run.reextraction import reextracted
from pipelines.storage.connection import DatabaseMissing, check_database, open_readonly
from pipelines.storage.defaults import DEFAULT_SQLITE_PATH
from pipelines.storage.lock import DatabaseLock, DatabaseLocked
from pipelines.storage.queries import count_latest_pages, iter_latest_pages
from pipelines.storage.store import ArticleStore

NAME = "reextract"
HELP = "re-run extraction over the stored pages, without the network"

# Writes per transaction: more than a crawl's (STORAGE_BATCH_SIZE), since the run holds
# the lock and writes alone, and nobody waits for a timed commit.
BATCH_SIZE = 500


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
        return fail(f"{exc}; another run is writing {args.db}", exit_codes.LOCKED)
    try:
        check_database(args.db, must_exist=True)  # now that no crawl is writing it
        return _reextract(args.db, lang, args.workers)
    finally:
        lock.release()


def _reextract(db: str, lang: str | None, workers: int) -> int:
    started = time.monotonic()
    counts: Counter[str] = Counter()
    with ArticleStore(db, batch_size=BATCH_SIZE) as store:  # migrates an older database
        reader = open_readonly(db)
        run_id = store.start_run("reextract", {"lang": lang or "both", "workers": workers},
                                 lang, None)
        total = count_latest_pages(reader, lang)
        print(f"reextract: {total} stored pages, {workers} worker(s)", file=sys.stderr)
        try:
            for url, fetched_at, item, reason in reextracted(iter_latest_pages(reader, lang),
                                                              workers):
                if reason is None:
                    outcome = store.upsert_article(item, fetched_at=fetched_at)
                    counts[f"articles_{outcome}"] += 1
                else:
                    store.add_reject(url, f"reextract: {reason}", item)
                    counts["articles_rejected"] += 1
            finish = "finished"
        except KeyboardInterrupt:
            finish = "shutdown"
        finally:
            reader.close()
        status = _status(finish)
        store.finish_run(run_id, counts, finish, status)  # no page fetched, no error
    elapsed = time.monotonic() - started
    pages = sum(counts.values())
    print(
        f"reextract: {pages} pages in {elapsed:.1f} s ({pages / max(elapsed, 1e-9):.0f} pages/s):"
        f" {counts['articles_new']} new, {counts['articles_updated']} updated,"
        f" {counts['articles_unchanged']} unchanged, {counts['articles_rejected']} rejected",
        file=sys.stderr,
    )
    return status


def _status(finish: str) -> int:
    return exit_codes.SUCCESS if finish == "finished" else exit_codes.INTERRUPTED
