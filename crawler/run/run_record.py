"""The final exit status of a crawl, written to its crawl_runs row.

The storage pipeline completes the row when the spider closes; the exit status is
only known after the crawl, so whoever ran the crawl (`scrapy crawl`, `newscrawl`)
records it here.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def record_exit_status(crawler: Any, status: int) -> None:
    """Set exit_status on the crawl's run row, if the crawl opened one."""
    stats = getattr(crawler, "stats", None)
    run_id = stats.get_value("storage/run_id") if stats is not None else None
    if not run_id:
        return
    from pipelines.storage.store import ArticleStore

    try:
        with ArticleStore(crawler.settings.get("SQLITE_PATH")) as store:
            store.set_exit_status(int(run_id), status)
    except Exception:  # the crawl's own outcome matters more than this bookkeeping
        logger.exception("Could not record exit status %d for run %s", status, run_id)
