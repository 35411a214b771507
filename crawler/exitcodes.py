"""Exit statuses a scheduler can act on, and how a finished crawl maps to one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SUCCESS = 0  # the crawl finished and every page it fetched was handled
ERRORS = 1  # the crawl finished, but with errors (failed pages, unreachable site)
BAD_ARGUMENTS = 2  # the command line or spider arguments cannot be used
HEALTH_FAILED = 3  # extraction health failed: the site's templates have probably changed
LOCKED = 4  # another run holds the database lock
ROBOTS_UNAVAILABLE = 5  # robots.txt answered 5xx: the site was not crawled (RFC 9309)
INTERRUPTED = 6  # stopped before the end (SIGTERM, Ctrl-C); what was fetched is committed

MEANINGS = {
    SUCCESS: "success",
    ERRORS: "finished with errors",
    BAD_ARGUMENTS: "bad arguments",
    HEALTH_FAILED: "extraction health failed",
    LOCKED: "another run holds the lock",
    ROBOTS_UNAVAILABLE: "robots.txt unavailable, site not crawled",
    INTERRUPTED: "interrupted",
}


def exit_status(stats: Mapping[str, Any]) -> int:
    """The exit status for a crawl that ended with these stats."""
    reason = stats.get("finish_reason")
    if reason == "database_locked":
        return LOCKED
    if reason == "robots_unavailable":
        return ROBOTS_UNAVAILABLE
    if reason in ("shutdown", "cancelled"):
        return INTERRUPTED
    if stats.get("health/failed"):
        return HEALTH_FAILED
    if stats.get("log_count/ERROR") or stats.get("storage/failed") or (
        reason and reason != "finished"
    ):
        return ERRORS
    return SUCCESS
