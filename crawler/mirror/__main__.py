"""Serve the mirror from the command line: ``python -m crawler.mirror --lang both``."""

from __future__ import annotations

import argparse
import logging
import signal
import threading

from .dataset import build_dataset
from .render import TEMPLATES
from .server import ENCODINGS, MirrorServer

log = logging.getLogger("crawler.mirror")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m crawler.mirror", description=__doc__)
    parser.add_argument("--lang", choices=("en", "ru", "both"), default="en")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001, help="ru uses port+1 with --lang both")
    parser.add_argument("--template", choices=TEMPLATES, default="bitrix")
    parser.add_argument("--encoding", choices=ENCODINGS, default="utf-8")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Start one or two servers and block until Ctrl-C."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = parse_args(argv)
    articles = build_dataset(seed=args.seed)
    langs = ("en", "ru") if args.lang == "both" else (args.lang,)
    servers = [
        MirrorServer(articles, lang, args.template, args.host, args.port + i, args.encoding)
        for i, lang in enumerate(langs)
    ]
    if len(servers) == 2:  # let the language switch links point at the sibling mirror
        servers[0].alternate_url = servers[1].base_url + "/"
        servers[1].alternate_url = servers[0].base_url + "/"
    for server in servers:
        server.start()
        log.info(
            "mirror %s (%s, %s) at %s/", server.lang, args.template, args.encoding, server.base_url
        )
    stop = threading.Event()
    # SIGTERM too, so scripts (and background jobs, where SIGINT is ignored) can stop it cleanly.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.wait(0.5):
        pass
    log.info("stopping")
    for server in servers:
        server.stop()


if __name__ == "__main__":
    main()
