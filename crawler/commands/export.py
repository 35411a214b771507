"""`export`: write stored articles as CSV, JSON Lines or Parquet."""

from __future__ import annotations

import argparse
import sys

from crawler.commands.common import UsageProblem
from pipelines.storage.connection import open_readonly
from pipelines.storage.defaults import DEFAULT_SQLITE_PATH
from pipelines.storage.export import (
    FORMATS,
    MissingExtra,
    UnsafeOutputPath,
    require_parquet,
    safe_output_path,
    write_csv,
    write_jsonl,
    write_parquet,
)
from pipelines.storage.queries import iter_articles

NAME = "export"
HELP = "export stored articles as csv, jsonl or parquet"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_SQLITE_PATH, help="database (default %(default)s)")
    parser.add_argument("--format", choices=FORMATS, default="csv", help="default %(default)s")
    parser.add_argument("--output", help="file to write (default stdout; parquet needs a file)")
    parser.add_argument("--since", help="first publication date, YYYY-MM-DD (inclusive)")
    parser.add_argument("--until", help="last publication date, YYYY-MM-DD (inclusive)")
    parser.add_argument("--lang", choices=("en", "ru"))
    parser.add_argument("--section")


def run(args: argparse.Namespace) -> int:
    """Exit 0 on success; a usage problem (missing database, unsafe path, Parquet without
    pyarrow) is UsageProblem, exit 2 (crawler/cli.py)."""
    if args.format == "parquet":
        if not args.output:
            raise UsageProblem("parquet output needs --output PATH")
        try:
            require_parquet()
        except MissingExtra as missing:
            raise UsageProblem(str(missing)) from None
    try:
        output = safe_output_path(args.output) if args.output else None
    except UnsafeOutputPath as exc:
        raise UsageProblem(str(exc)) from None
    conn = open_readonly(args.db)
    try:
        rows = iter_articles(conn, args.since, args.until, args.lang, args.section)
        if args.format == "parquet":
            assert output is not None
            count = write_parquet(rows, output)
        else:
            writer = write_csv if args.format == "csv" else write_jsonl
            if output is None:
                count = writer(rows, sys.stdout)
            else:
                with open(output, "w", encoding="utf-8", newline="") as out:
                    count = writer(rows, out)
    finally:
        conn.close()
    print(f"exported {count} articles", file=sys.stderr)
    return 0
