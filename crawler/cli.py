"""`newscrawl`: the console command. Each subcommand is a module of crawler.commands
with NAME, HELP, add_arguments(parser) and run(args) -> exit status.

Errors read as Scrapy's and argparse's do: the usage line, then `newscrawl: error: …`,
exit status 2; a database file that cannot be used is one line and exit status 8,
never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from crawler.commands.common import UsageProblem, error_line, fail
from crawler.run import exit_codes
from crawler.run.exit_codes import MEANINGS
from pipelines.storage.connection import DatabaseMissing, DatabaseUnusable

# Module names in crawler.commands, in the order `newscrawl --help` lists them.
COMMANDS = (
    "crawl", "backfill", "demo", "stats", "export", "search", "doctor", "reextract",
)


class CommandParser(argparse.ArgumentParser):
    """argparse, with every error as `newscrawl: error: …` after the command's usage."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(exit_codes.BAD_ARGUMENTS, error_line(message))


def load_commands() -> list[ModuleType]:
    return [importlib.import_module(f"crawler.commands.{name}") for name in COMMANDS]


def build_parser(modules: Sequence[ModuleType]) -> CommandParser:
    statuses = "\n".join(f"  {code}  {meaning}" for code, meaning in MEANINGS.items())
    parser = CommandParser(
        prog="newscrawl",
        description="Crawl the CSTO news site (English and Russian) into SQLite.",
        epilog=f"exit statuses:\n{statuses}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in modules:
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(handler=module.run, parser=command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse, run the subcommand, return its exit status (usage errors exit 2 here)."""
    args, unknown = build_parser(load_commands()).parse_known_args(argv)
    if unknown:  # said under the command's own usage line, not the top parser's
        args.parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        return int(args.handler(args))
    except (UsageProblem, DatabaseMissing) as problem:
        args.parser.error(str(problem))
    except DatabaseUnusable as problem:
        return fail(str(problem), exit_codes.DATABASE_UNUSABLE)
    except sqlite3.DatabaseError as error:  # damage a query met deep inside the file
        message = f"cannot read the database {getattr(args, 'db', '')}: {error}"
        return fail(message, exit_codes.DATABASE_UNUSABLE)


if __name__ == "__main__":
    sys.exit(main())
