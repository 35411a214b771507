"""`backfill`: store the articles whose listing date falls in a date range, without
walking the whole site (the covering listing pages are found by bisection), skipping
articles already stored; `--resume DIR` continues an interrupted backfill."""

from __future__ import annotations

import argparse
from pathlib import Path

from crawler.commands.common import UsageProblem, add_site_arguments, execute, spider_runs
from crawler.run import backfill_job, exit_codes
from pipelines.storage.connection import DatabaseUnusable

NAME = "backfill"
HELP = "store the articles of a date range (--since, --until); resumable with --resume DIR"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_arguments(parser)
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="first listing date (inclusive)")
    parser.add_argument(
        "--until", metavar="YYYY-MM-DD", help="last listing date (inclusive; default today)"
    )
    parser.add_argument(
        "--resume", metavar="DIR", type=Path,
        help="job directory: remembers the arguments, so `--resume DIR` alone continues",
    )


def run(args: argparse.Namespace) -> int:
    try:
        if args.resume is not None:
            _apply_job(args)
        if not args.since:
            raise UsageProblem("backfill needs --since YYYY-MM-DD (or --resume DIR of a job)")
        extra = {"mode": "backfill", "since": args.since}
        if args.until:
            extra["until"] = args.until
        runs = spider_runs(args.lang, args.sections, args.base_url, extra)
    except backfill_job.JobProblem as problem:
        raise UsageProblem(str(problem)) from None
    if args.resume is not None:
        given = {name: getattr(args, name) for name in backfill_job.ARGUMENTS}
        backfill_job.start_attempt(args.resume, given)
    status = exit_codes.ERRORS  # what the attempt records if the crawl raises
    try:
        status = execute(args, runs)
    except UsageProblem:
        status = exit_codes.BAD_ARGUMENTS
        raise
    except DatabaseUnusable:
        status = exit_codes.DATABASE_UNUSABLE
        raise
    except KeyboardInterrupt:
        status = exit_codes.INTERRUPTED
    finally:
        if args.resume is not None:
            backfill_job.finish_attempt(args.resume, status)
    return status


def _apply_job(args: argparse.Namespace) -> None:
    """Fill the arguments from the job directory (or start a job with them)."""
    if args.db:
        args.db = str(Path(args.db).resolve())
    given = {name: getattr(args, name) for name in backfill_job.ARGUMENTS}
    stored = backfill_job.resolve(args.resume, given)
    for name in backfill_job.ARGUMENTS:
        setattr(args, name, stored.get(name))
