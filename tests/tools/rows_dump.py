"""Crawl every mirror template in both languages and dump every stored row, to compare two
versions of the product (a refactoring must store the same rows).

    python tests/tools/rows_dump.py OUT.json [--templates bitrix,press]
    python tests/tools/rows_dump.py --compare A.json B.json
    python -m tests.tools.rows_dump ...         # the same, from the repository root

Each crawl is the README's contract command (`scrapy crawl csto …`) against the mirror on
127.0.0.1, in a subprocess, as the end-to-end tests run it. Dumped: every column of
`articles`, `images`, `attachments`, `rejects`, the `pages` table's metadata and each
crawl's exit status and `crawl_runs` counters; times, which differ by construction, are
replaced by whether they are set.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

if __name__ == "__main__" and not __package__:  # `python tests/tools/rows_dump.py`
    import as_module  # tests/tools/as_module.py, beside this file

    as_module.rerun(__file__)

from crawler.mirror import TEMPLATES, MirrorServer, build_dataset  # noqa: E402
from tests.support.crawl import scrapy_crawl  # noqa: E402

TIME_COLUMNS = {"first_seen", "last_seen", "updated", "gone_since", "fetched_at", "started",
                "finished", "replaced_at", "valid_from", "at", "rejected_at"}
TABLES = {
    "articles": "select * from articles order by url",
    "images": "select * from images order by article_url, url",
    "attachments": "select * from attachments order by article_url, url",
    "rejects": "select * from rejects order by url, reason",
    "pages": "select url, fetched_url, status, content_type, listing, sha256, size "
             "from pages order by url",
}


def _rows(db: Path, sql: str, origin: str) -> list[dict[str, Any]]:
    """Rows as dicts: times as whether they are set, ids left out, and the mirror's
    origin (a new port each run) written as MIRROR."""
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    try:
        out = []
        for row in connection.execute(sql):
            out.append({
                k: (row[k] is not None) if k in TIME_COLUMNS
                else row[k].replace(origin, "MIRROR") if isinstance(row[k], str) else row[k]
                for k in row.keys() if k != "id"  # noqa: SIM118 - a Row iterates values
            })
        return out
    except sqlite3.OperationalError as error:  # a table an older schema does not have
        return [{"error": str(error)}]
    finally:
        connection.close()


def crawl(template: str, lang: str, dataset: list, tmp: Path) -> dict[str, Any]:
    server = MirrorServer(list(dataset), lang, template=template).start()
    try:
        db = tmp / f"{template}-{lang}.db"
        done = scrapy_crawl(server.base_url, db, lang=lang, timeout=600)
    finally:
        server.stop()
    origin = server.base_url.rstrip("/")
    out: dict[str, Any] = {"exit": done.returncode}
    for table, sql in TABLES.items():
        out[table] = _rows(db, sql, origin)
    runs = _rows(db, "select * from crawl_runs order by id", origin)
    out["crawl_runs"] = [{k: v for k, v in r.items() if k != "arguments"} for r in runs]
    return out


def compare(a: dict[str, Any], b: dict[str, Any]) -> int:
    differ = 0
    for key in sorted(set(a) | set(b)):
        if a.get(key) == b.get(key):
            continue
        differ += 1
        for table in sorted(set(a.get(key) or {}) | set(b.get(key) or {})):
            x, y = (a.get(key) or {}).get(table), (b.get(key) or {}).get(table)
            if x != y:
                count = (len(x) if isinstance(x, list) else x, len(y) if isinstance(y, list) else y)
                print(f"  {key} {table}: differs (rows {count[0]} / {count[1]})")
    print(f"{len(a)} and {len(b)} crawls, {differ} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", help="write the dump here (JSON)")
    parser.add_argument("--templates", default=",".join(TEMPLATES))
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"))
    args = parser.parse_args()
    if args.compare:
        first, second = (json.loads(Path(p).read_text(encoding="utf-8")) for p in args.compare)
        return compare(first, second)
    if not args.out:
        parser.error("give OUT.json, or --compare A B")
    dataset = build_dataset()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="rows-dump-") as tmp:
        for template in args.templates.split(","):
            for lang in ("en", "ru"):
                results[f"{template}/{lang}"] = crawl(template, lang, dataset, Path(tmp))
                print(f"{template}/{lang}: exit {results[f'{template}/{lang}']['exit']}, "
                      f"{len(results[f'{template}/{lang}']['articles'])} rows", flush=True)
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, sort_keys=True, indent=0),
                              encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
