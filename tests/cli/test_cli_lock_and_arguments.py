"""Exit statuses a scheduler relies on: 4 when another run holds the lock, 2 for bad
arguments, each with a clear message and no traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipelines.storage.lock import DatabaseLock
from tests.support.cli import newscrawl, runs
from tests.support.crawl import scrapy_crawl


def test_second_run_exits_4_at_once_while_the_lock_is_held(
    mirror_factory, tmp_path: Path
) -> None:
    server = mirror_factory("en")
    db = tmp_path / "news.db"
    with DatabaseLock(db):  # held until the run returns: a run that waited for it would
        # never return, and `newscrawl` would raise TimeoutExpired instead
        done = newscrawl("crawl", "--lang", "en", "--base-url", server.base_url,
                         "--db", str(db), cwd=tmp_path)
    assert done.returncode == 4
    assert f"locked by process {os.getpid()}" in done.stderr
    assert "Traceback" not in done.stderr
    assert server.request_log == []  # refused before any request


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["backfill", "--since", "2020-02-30"], "since must be a date"),
        (["backfill", "--since", "yesterday"], "since must be a date"),
        (["backfill", "--since", "2020-03-01", "--until", "2020-01-01"], "is after until"),
        (["backfill", "--until", "2020-01-01"], "needs --since"),
        (["crawl", "--base-url", "http://127.0.0.1:9"], "give --base-url en=URL"),
        (["crawl", "--lang", "en", "--base-url", "ftp://x"], "http(s) URL"),
        (["crawl", "--lang", "en", "--sections", "a b"], "sections must be"),
        (["crawl", "--set", "NOEQUALS"], "NAME=VALUE"),
        (["crawl", "-s", "NOEQUALS"], "NAME=VALUE"),
        (["crawl", "--max-runtime", "0"], "above 0"),
        (["backfill", "--since", "2020-01-01", "--max-runtime", "soon"], "above 0"),
        (["crawl", "--lang", "de"], "invalid choice"),
        (["crawl", "--no-such-option"], "unrecognized arguments: --no-such-option"),
        (["stats", "--lang", "de"], "unrecognized arguments: --lang de"),
        (["search"], "the following arguments are required: query"),
        (["search", "exercise", "--limit", "zero"], "invalid int value: 'zero'"),
        (["export", "--format", "xml"], "invalid choice: 'xml'"),
        (["reextract", "--workers", "0"], "--workers must be at least 1"),
        (["demo", "--port", "x"], "invalid int value: 'x'"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(
    args: list[str], message: str, tmp_path: Path
) -> None:
    done = newscrawl(*args, "--db", str(tmp_path / "x.db"), cwd=tmp_path, fast=False)
    assert done.returncode == 2
    usage, *_, error = done.stderr.strip().splitlines()  # as argparse and scrapy say it
    assert usage.startswith(f"usage: newscrawl {args[0]} ")
    assert error.startswith("newscrawl: error: ") and message in error
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize(
    ("spider_args", "message"),
    [
        ({"lang": "xx"}, "unknown language 'xx': the site has en, ru"),
        ({"mode": "backfill"}, "mode=backfill needs since=YYYY-MM-DD"),
    ],
)
def test_scrapy_crawl_bad_spider_arguments_exit_2_with_scrapys_usage_error(
    spider_args: dict[str, str], message: str, tmp_path: Path, refusing_port: int
) -> None:
    """`scrapy crawl` says it as Scrapy says its own usage errors: the usage, then
    `…: error: MESSAGE`, exit status 2, before any crawl or database."""
    db = tmp_path / "x.db"
    lang = spider_args.pop("lang", "en")
    done = scrapy_crawl(f"http://127.0.0.1:{refusing_port}", db, lang=lang,
                        spider_args=spider_args, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert "scrapy crawl [options] <spider>" in done.stderr
    assert lines[-1].endswith(f"error: {message}")
    assert "Traceback" not in done.stderr
    assert not db.exists()


def test_resume_refuses_other_arguments_and_unknown_jobs(tmp_path: Path) -> None:
    job = tmp_path / "job"
    missing = newscrawl("backfill", "--resume", str(job), cwd=tmp_path)
    assert missing.returncode == 2 and "no job in" in missing.stderr
    job.mkdir()
    arguments = {"since": "2020-01-01", "until": "2020-01-31", "lang": "en"}
    (job / "job.json").write_text(json.dumps({"format": 1, "arguments": arguments,
                                              "attempts": []}))
    clash = newscrawl("backfill", "--resume", str(job), "--since", "2019-01-01",
                      cwd=tmp_path)
    assert clash.returncode == 2 and "--since differ" in clash.stderr


def test_dash_s_sets_a_scrapy_setting_as_scrapy_crawl_does(mirror_factory, tmp_path: Path):
    server = mirror_factory("en")
    db = tmp_path / "news.db"
    done = newscrawl("crawl", "--full", "--lang", "en", "--base-url", server.base_url,
                     "--db", str(db), "-s", "CLOSESPIDER_PAGECOUNT=3", cwd=tmp_path)
    assert done.returncode == 1, done.stderr[-2000:]  # stopped early: not "finished"
    [run] = runs(db)
    assert run["finish_reason"] == "closespider_pagecount"
    assert run["pages_fetched"] <= 3 + 8  # the in-flight requests still arrive
