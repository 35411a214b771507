"""What `newscrawl crawl`, `backfill` and `demo` share: site options and running crawls."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from crawler.run import exit_codes
from crawler.spiders.arguments import SpiderArgumentError, parse_arguments, parse_range
from pipelines.storage.defaults import DEFAULT_SQLITE_PATH

LANGS = ("en", "ru", "both")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
PROGRESS_LINE = "crawler.extensions.progress_line.ProgressLine"  # at a terminal only
_LANG_URL = re.compile(r"^(?P<lang>[a-z]{2})=(?P<url>.+)$")


class UsageProblem(ValueError):
    """Arguments that cannot be used; the message is for the person who typed them."""


def add_site_arguments(parser: argparse.ArgumentParser) -> None:
    """Options every crawling subcommand takes. Defaults are None so that a resumed
    job can tell what was given on the command line from what was not."""
    parser.add_argument("--lang", choices=LANGS, help="site language (default both)")
    parser.add_argument("--sections", help="comma-separated sections (default all)")
    parser.add_argument(
        "--db", help=f"SQLite database (default SQLITE_PATH: {DEFAULT_SQLITE_PATH})"
    )
    parser.add_argument(
        "--base-url", action="append", metavar="[LANG=]URL",
        help="site root, e.g. a mirror; with --lang both give en=URL and ru=URL",
    )
    parser.add_argument(
        "-s", "--set", action="append", default=[], metavar="NAME=VALUE",
        help="override a Scrapy setting, as `scrapy crawl -s` does",
    )
    parser.add_argument(
        "--max-runtime", type=positive_seconds, metavar="SECONDS",
        help="end the run cleanly after this long, all languages together (exit status 7)",
    )
    parser.add_argument(
        "--log-level", choices=LOG_LEVELS,
        help="default INFO; WARNING on a terminal, where a progress line shows instead",
    )


def positive_seconds(text: str) -> float:
    """A number of seconds greater than zero (argparse type)."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not seconds > 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, got {text!r}")
    return seconds


def error_line(message: str) -> str:
    """How `newscrawl` says what went wrong, as argparse does: one line for stderr."""
    return f"newscrawl: error: {message}\n"


def fail(message: str, status: int) -> int:
    """One line on stderr for a problem that is not the command line's; the status.

    A command line that cannot be used is a UsageProblem instead: crawler/cli.py prints
    the command's usage line before the same error line (exit status 2)."""
    sys.stderr.write(error_line(message))
    return status


def spider_runs(
    lang: str | None, sections: str | None, base_urls: Sequence[str] | None,
    extra: Mapping[str, str],
) -> list[dict[str, str]]:
    """Checked spider arguments, one set per language to crawl."""
    langs = ("en", "ru") if lang in (None, "both") else (lang,)
    urls = base_url_map(base_urls or (), langs)
    runs = []
    for name in langs:
        spargs = {"lang": name, **extra}
        if sections:
            spargs["sections"] = sections
        if name in urls:
            spargs["base_url"] = urls[name]
        try:
            parse_arguments(name, spargs.get("base_url"), sections, spargs.get("mode", "full"))
            parse_range(spargs.get("mode", "full"), spargs.get("since"), spargs.get("until"))
        except SpiderArgumentError as error:
            raise UsageProblem(str(error)) from None
        runs.append(spargs)
    return runs


def base_url_map(values: Sequence[str], langs: Sequence[str]) -> dict[str, str]:
    """--base-url values as {lang: url}; a bare URL needs a single language."""
    urls: dict[str, str] = {}
    for value in values:
        match = _LANG_URL.match(value)
        if match:
            if match["lang"] not in langs:
                raise UsageProblem(f"--base-url {value!r} is for a language not crawled")
            urls[match["lang"]] = match["url"]
        elif len(langs) == 1:
            urls[langs[0]] = value
        else:
            raise UsageProblem("with two languages, give --base-url en=URL and ru=URL")
    return urls


def setting_overrides(pairs: Sequence[str]) -> dict[str, str]:
    """-s/--set NAME=VALUE pairs as a dict."""
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageProblem(f"-s/--set needs NAME=VALUE, got {pair!r}")
        out[name.strip()] = value
    return out


def execute(args: argparse.Namespace, runs: Sequence[Mapping[str, str]]) -> int:
    """Refuse at once if the database is locked or unusable, else crawl; the exit status."""
    from crawler.run.crawl_process import lock_holder, project_settings, run_crawls
    from pipelines.storage.connection import check_database

    overrides: dict[str, Any] = setting_overrides(args.set)
    if args.db:
        overrides["SQLITE_PATH"] = args.db
    tty = sys.stderr.isatty()
    overrides["LOG_LEVEL"] = args.log_level or ("WARNING" if tty else "INFO")
    settings = project_settings(overrides)
    if tty:
        extensions = {**settings.getdict("EXTENSIONS"), PROGRESS_LINE: 900}
        settings.set("EXTENSIONS", extensions, priority="cmdline")
    db = settings.get("SQLITE_PATH")
    check_database(db, must_exist=False)  # DatabaseUnusable: one line, exit 8 (crawler/cli.py)
    holder = lock_holder(db) if settings.getbool("STORAGE_LOCK") else None
    if holder:
        return fail(f"{holder}; another run is writing {db}", exit_codes.LOCKED)
    return run_crawls(settings, runs, getattr(args, "max_runtime", None))
