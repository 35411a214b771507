"""Exit statuses a scheduler can act on, and how a finished crawl maps to one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from crawler.middlewares.robotstxt import REASON as ROBOTS_REASON
from pipelines.storage.pipeline import LOCKED_REASON, UNUSABLE_REASON

SUCCESS = 0  # the crawl finished and every page it fetched was handled
ERRORS = 1  # the crawl finished, but with errors (failed pages, unreachable site)
BAD_ARGUMENTS = 2  # the command line or spider arguments cannot be used
HEALTH_FAILED = 3  # extraction health failed: the site's templates have probably changed
LOCKED = 4  # another run holds the database lock
ROBOTS_UNAVAILABLE = 5  # robots.txt answered 5xx: the site was not crawled (RFC 9309)
INTERRUPTED = 6  # stopped before the end (SIGTERM, Ctrl-C); what was fetched is committed
MAX_RUNTIME = 7  # stopped at --max-runtime (CLOSESPIDER_TIMEOUT); what was fetched is committed
DATABASE_UNUSABLE = 8  # the database file is not SQLite, is damaged, or is another app's

#: finish_reason of a crawl closed by CLOSESPIDER_TIMEOUT (`--max-runtime`).
TIMEOUT_REASON = "closespider_timeout"
#: finish_reason of a crawl stopped by a signal (SIGTERM, Ctrl-C) or cancelled.
INTERRUPTED_REASONS = ("shutdown", "cancelled")

MEANINGS = {
    SUCCESS: "success",
    ERRORS: "finished with errors",
    BAD_ARGUMENTS: "bad arguments",
    HEALTH_FAILED: "extraction health failed",
    LOCKED: "another run holds the lock",
    ROBOTS_UNAVAILABLE: "robots.txt unavailable, site not crawled",
    INTERRUPTED: "interrupted",
    MAX_RUNTIME: "stopped at --max-runtime",
    DATABASE_UNUSABLE: "database file unusable (not SQLite, damaged, or another app's)",
}

# Worst first: the status a multi-language run reports is the worst of its crawls.
SEVERITY = (
    LOCKED, DATABASE_UNUSABLE, INTERRUPTED, MAX_RUNTIME, BAD_ARGUMENTS, ROBOTS_UNAVAILABLE,
    HEALTH_FAILED, ERRORS, SUCCESS,
)


def worst(statuses: Sequence[int]) -> int:
    """The most severe of several exit statuses."""
    return min(statuses, key=SEVERITY.index, default=SUCCESS)


def exit_status(stats: Mapping[str, Any]) -> int:
    """The exit status for a crawl that ended with these stats."""
    reason = stats.get("finish_reason")
    if reason == LOCKED_REASON:
        return LOCKED
    if reason == ROBOTS_REASON:
        return ROBOTS_UNAVAILABLE
    if reason == UNUSABLE_REASON:
        return DATABASE_UNUSABLE
    if reason in INTERRUPTED_REASONS:
        return INTERRUPTED
    if reason == TIMEOUT_REASON:
        return MAX_RUNTIME
    if stats.get("health/failed"):
        return HEALTH_FAILED
    if stats.get("log_count/ERROR") or stats.get("storage/failed") or (
        reason and reason != "finished"
    ):
        return ERRORS
    return SUCCESS
