"""Every command that opens a database meets a file that is not one (random bytes, a
damaged file, another application's SQLite database) with one clear line and exit
status 8, never a traceback, and leaves the file as it was."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from crawler.run.exit_codes import DATABASE_UNUSABLE
from pipelines.storage.store import ArticleStore
from tests.support.cli import newscrawl
from tests.support.crawl import scrapy_crawl


def _dead_url(port: int) -> str:
    """A loopback URL nobody listens on (the `refusing_port` fixture holds the port): a
    crawl that started would fail, not hang."""
    return f"http://127.0.0.1:{port}"


def _args(command: str, db: Path, port: int) -> list[str]:
    """The command line of each command that opens --db."""
    return {
        "stats": ["stats", "--db", str(db)],
        "search": ["search", "учения", "--db", str(db)],
        "export": ["export", "--format", "jsonl", "--db", str(db)],
        "reextract": ["reextract", "--workers", "1", "--db", str(db)],
        "crawl": ["crawl", "--lang", "en", "--base-url", _dead_url(port), "--db", str(db)],
        "backfill": ["backfill", "--lang", "en", "--since", "2020-01-01",
                     "--base-url", _dead_url(port), "--db", str(db)],
        "demo": ["demo", "--port", "0", "--db", str(db)],
    }[command]


COMMANDS = ("stats", "search", "export", "reextract", "crawl", "backfill", "demo")


def _one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr, stderr
    errors = [line for line in lines if line.startswith("newscrawl: error: ")]
    assert len(errors) == 1, stderr
    return errors[0]


@pytest.fixture
def random_bytes(tmp_path: Path) -> Path:
    path = tmp_path / "random.db"
    path.write_bytes(os.urandom(64 * 1024))
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_random_bytes_are_one_clear_line_and_exit_8(
    command: str, random_bytes: Path, tmp_path: Path, refusing_port: int
) -> None:
    before = random_bytes.read_bytes()
    done = newscrawl(*_args(command, random_bytes, refusing_port), cwd=tmp_path)
    assert done.returncode == DATABASE_UNUSABLE, done.stderr[-2000:]
    line = _one_error_line(done.stderr)
    assert f"{random_bytes} is not a usable SQLite database" in line
    assert random_bytes.read_bytes() == before  # nothing written into it


def test_scrapy_crawl_on_random_bytes_exits_8_before_any_request(
    random_bytes: Path, refusing_port: int
) -> None:
    before = random_bytes.read_bytes()
    result = scrapy_crawl(_dead_url(refusing_port), random_bytes, timeout=60)
    assert result.returncode == DATABASE_UNUSABLE, result.stderr[-2000:]
    assert "is not a usable SQLite database" in result.stderr
    assert "Spider closed (database_unusable)" in result.stderr
    assert "downloader/request_count" not in result.stderr  # nothing fetched
    assert random_bytes.read_bytes() == before


@pytest.mark.parametrize("command", COMMANDS)
def test_another_applications_database_is_refused(
    command: str, tmp_path: Path, refusing_port: int
) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    before = path.read_bytes()
    done = newscrawl(*_args(command, path, refusing_port), cwd=tmp_path)
    assert done.returncode == DATABASE_UNUSABLE, done.stderr[-2000:]
    assert "no articles table" in _one_error_line(done.stderr)
    assert path.read_bytes() == before  # no table of ours added to someone else's file


def _damaged(tmp_path: Path) -> Path:
    """A news database whose header and schema are intact but whose table pages are not."""
    path = tmp_path / "damaged.db"
    with ArticleStore(path) as store:
        for number in range(300):
            store.upsert_article({
                "url": f"https://en.odkb-csto.org/news/news_odkb/a{number}/", "lang": "en",
                "section": "news_odkb", "slug": f"a{number}", "title": f"Title {number}",
                "published": "2024-05-01", "body": f"Учения номер {number}. " * 40,
            })
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = [row[0] for row in conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE tbl_name IN ('articles', 'crawl_runs')"
            " AND rootpage > 0"
        )]
    data = bytearray(path.read_bytes())
    for root in roots:  # the tables' root pages (page numbers count from 1)
        data[(root - 1) * page : root * page] = os.urandom(page)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("command", ("stats", "search", "export"))
def test_damaged_database_is_one_clear_line_and_exit_8(
    command: str, tmp_path: Path, refusing_port: int
) -> None:
    path = _damaged(tmp_path)
    done = newscrawl(*_args(command, path, refusing_port), cwd=tmp_path)
    assert done.returncode == DATABASE_UNUSABLE, done.stderr[-2000:]
    line = _one_error_line(done.stderr)
    assert line == (
        f"newscrawl: error: cannot read the database {path}: database disk image is malformed"
    )
