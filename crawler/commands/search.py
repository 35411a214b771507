"""`search`: full-text search of stored articles (stemmed, English and Russian)."""

from __future__ import annotations

import argparse
import json

from pipelines.storage.connection import open_readonly
from pipelines.storage.defaults import DEFAULT_SQLITE_PATH
from pipelines.storage.search import search

NAME = "search"
HELP = "full-text search of stored articles"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="words to find (all must match; word forms match)")
    parser.add_argument("--db", default=DEFAULT_SQLITE_PATH, help="database (default %(default)s)")
    parser.add_argument("--lang", choices=("en", "ru"))
    parser.add_argument("--limit", type=int, default=20, help="default %(default)s")
    parser.add_argument("--json", action="store_true", help="JSON Lines output")


def run(args: argparse.Namespace) -> int:
    """Print matches, best first; exit 1 if nothing matched (a missing or unusable
    database: see crawler/cli.py)."""
    conn = open_readonly(args.db)
    try:
        results = search(conn, args.query, lang=args.lang, limit=args.limit)
    finally:
        conn.close()
    for hit in results:
        if args.json:
            print(json.dumps(hit, ensure_ascii=False))
        else:
            print(f"{hit['url']}\t{hit['published'] or ''}\t{hit['title'] or ''}")
            snippet = " ".join((hit["snippet"] or "").split())
            print(f"    {snippet}")
    return 0 if results else 1
