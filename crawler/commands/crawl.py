"""`crawl`: the scheduled job. Incremental by default: each section's listing is read
newest first and paging stops soon after the articles already stored (see
INCREMENTAL_EXTRA_PAGES); `--full` walks every listing page and refreshes every article."""

from __future__ import annotations

import argparse

from crawler.commands.common import add_site_arguments, execute, spider_runs

NAME = "crawl"
HELP = "crawl new articles (incremental); --full walks the whole site"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_arguments(parser)
    parser.add_argument(
        "--full", action="store_true", help="walk every listing page and fetch every article"
    )


def run(args: argparse.Namespace) -> int:
    mode = "full" if args.full else "incremental"
    return execute(args, spider_runs(args.lang, args.sections, args.base_url, {"mode": mode}))
