"""`newscrawl`: the console command. Each subcommand is a module of crawler.commands
with NAME, HELP, add_arguments(parser) and run(args) -> exit status."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from crawler.exitcodes import MEANINGS

# Module names in crawler.commands, in the order `newscrawl --help` lists them.
COMMANDS = (
    "crawl", "backfill", "demo", "dbstats", "export", "search", "doctor", "reextract",
)
OPTIONAL = {"doctor"}  # may not be installed yet


def load_commands() -> list[ModuleType]:
    modules = []
    for name in COMMANDS:
        try:
            modules.append(importlib.import_module(f"crawler.commands.{name}"))
        except ModuleNotFoundError as exc:
            if name not in OPTIONAL or exc.name != f"crawler.commands.{name}":
                raise
    return modules


def build_parser(modules: Sequence[ModuleType]) -> argparse.ArgumentParser:
    statuses = "\n".join(f"  {code}  {meaning}" for code, meaning in MEANINGS.items())
    parser = argparse.ArgumentParser(
        prog="newscrawl",
        description="Crawl the CSTO news site (English and Russian) into SQLite.",
        epilog=f"exit statuses:\n{statuses}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in modules:
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse, run the subcommand, return its exit status (argparse exits 2 by itself)."""
    args = build_parser(load_commands()).parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
