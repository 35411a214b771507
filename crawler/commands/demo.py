"""`demo`: the whole job offline. Serves the bundled mirror of the site (English and
Russian) on 127.0.0.1, crawls it into a database and shows what was stored."""

from __future__ import annotations

import argparse

from crawler.commands import stats
from crawler.commands.common import UsageProblem, execute

NAME = "demo"
HELP = "crawl a bundled offline mirror of the site into output/demo.db and show it"

FAST = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=8",
        "CONCURRENT_REQUESTS_PER_DOMAIN=8")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="output/demo.db", help="default %(default)s")
    parser.add_argument(
        "--port", type=int, default=8001,
        help="English mirror port, Russian uses the next (default %(default)s; 0: any free)",
    )
    parser.add_argument("--log-level", choices=("DEBUG", "INFO", "WARNING", "ERROR"))


def run(args: argparse.Namespace) -> int:
    from crawler.mirror import MirrorServer, build_dataset

    articles = build_dataset()
    try:  # fixed ports by default: stored URLs stay the same when the demo runs again
        servers = [
            MirrorServer(articles, lang, port=args.port and args.port + i).start()
            for i, lang in enumerate(("en", "ru"))
        ]
    except OSError as exc:
        raise UsageProblem(
            f"cannot serve the mirror on port {args.port}: {exc}; try --port 0"
        ) from None
    servers[0].alternate_url, servers[1].alternate_url = (
        servers[1].base_url + "/", servers[0].base_url + "/",
    )
    print(f"mirror: en {servers[0].base_url}/  ru {servers[1].base_url}/")
    runs = [
        {"lang": s.lang, "base_url": s.base_url, "mode": "incremental"} for s in servers
    ]
    crawl_args = argparse.Namespace(db=args.db, set=list(FAST), log_level=args.log_level)
    try:
        status = execute(crawl_args, runs)
    finally:
        for server in servers:
            server.stop()
    print(f"\ncrawl finished with exit status {status}; the database {args.db} holds:\n")
    stats.run(argparse.Namespace(db=args.db))
    return status
