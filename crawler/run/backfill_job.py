"""Backfill job directories: what `newscrawl backfill --resume DIR` remembers.

A job directory holds one file, ``job.json``: the backfill's arguments (so that
``--resume DIR`` alone continues the same backfill) and one line per attempt with
its start, end and exit status. It holds no crawl state on purpose: Scrapy's JOBDIR
queue is only trustworthy after a clean stop, while the database is right after any
stop (a SIGKILL loses at most the last uncommitted batch, which is fetched again).
A resumed backfill therefore skips the article URLs the database already holds.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

JOB_FILE = "job.json"
FORMAT = 1
ARGUMENTS = ("lang", "sections", "since", "until", "db", "base_url")


class JobProblem(ValueError):
    """A job directory that cannot be used as asked; the message says why."""


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_job(directory: Path) -> dict[str, Any] | None:
    path = directory / JOB_FILE
    if not path.is_file():
        return None
    try:
        job = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise JobProblem(f"cannot read {path}: {exc}") from None
    if not isinstance(job, dict) or job.get("format") != FORMAT:
        raise JobProblem(f"{path} is not a newscrawl backfill job")
    return job


def write_job(directory: Path, job: dict[str, Any]) -> None:
    """Write atomically, so a kill mid-write never leaves half a file."""
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / (JOB_FILE + ".tmp")
    tmp.write_text(json.dumps(job, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(directory / JOB_FILE)


def resolve(directory: Path, given: dict[str, Any]) -> dict[str, Any]:
    """The job's arguments: the stored ones, or the given ones for a new job.

    Resuming with a different value for a stored argument is refused: it would be
    another backfill, and mixing two in one job directory hides what was done.
    """
    job = read_job(directory)
    given = {k: v for k, v in given.items() if v is not None}
    if job is None:
        if not given.get("since"):
            raise JobProblem(f"no job in {directory}: start it with --since YYYY-MM-DD")
        return dict(given)
    stored = job["arguments"]
    clash = [k for k, v in given.items() if (k not in stored) or (stored[k] != v)]
    if clash:
        names = ", ".join(f"--{k.replace('_', '-')}" for k in clash)
        raise JobProblem(f"{names} differ from the job in {directory}; resume without them")
    return dict(stored)


def start_attempt(directory: Path, arguments: dict[str, Any]) -> None:
    """Record an attempt; the first one creates the job with its (checked) arguments."""
    job = read_job(directory) or {
        "format": FORMAT, "created": _now(), "arguments": arguments, "attempts": [],
    }
    job["attempts"].append({"started": _now(), "finished": None, "exit_status": None})
    write_job(directory, job)


def finish_attempt(directory: Path, status: int) -> None:
    job = read_job(directory)
    if job is not None and job["attempts"]:
        job["attempts"][-1].update(finished=_now(), exit_status=status)
        job["complete"] = status == 0
        write_job(directory, job)
