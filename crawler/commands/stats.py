"""`stats`: what the database holds (articles per language, section, year) and
the latest crawl runs."""

from __future__ import annotations

import argparse

from pipelines.storage.connection import open_readonly
from pipelines.storage.defaults import DEFAULT_SQLITE_PATH
from pipelines.storage.queries import article_counts, recent_runs
from pipelines.storage.tables import RUN_COUNTER_COLUMNS

NAME = "stats"
HELP = "articles per language, section and year, and the last crawl runs"

RUN_FIELDS = ("id", "started", "finished", "mode", "lang", *RUN_COUNTER_COLUMNS, "finish_reason",
              "exit_status")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_SQLITE_PATH, help="database (default %(default)s)")


def run(args: argparse.Namespace) -> int:
    """Print the two tables (a missing or unusable database: see crawler/cli.py)."""
    conn = open_readonly(args.db)
    try:
        counts = article_counts(conn)
        runs = recent_runs(conn, 5)
    finally:
        conn.close()
    print(f"articles: {sum(c[3] for c in counts)}")
    _table(("lang", "section", "year", "articles"), counts)
    print("\nlast crawl runs:")
    _table(RUN_FIELDS, [tuple(_cell(r.get(f)) for f in RUN_FIELDS) for r in runs])
    return 0


def _cell(value: object) -> str:
    """NULL finished/finish_reason reads as "running or interrupted" to a person."""
    return "-" if value is None else str(value)


def _table(header: tuple[str, ...], rows: list[tuple]) -> None:
    """A plain aligned text table (no extra dependency)."""
    cells = [tuple(str(c) for c in header)] + [tuple(str(c) for c in r) for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
