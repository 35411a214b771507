"""The database as analysts use it, during and after a real crawl of the mirror."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from crawler.mirror import MirrorArticle
from pipelines.storage.search import search
from pipelines.storage.store import ArticleStore
from tests.support.crawl import rows, scrapy_crawl
from tests.support.socket_guard import child_env

FORMS = ("учения", "учений", "учениях")


def test_reader_holding_a_transaction_never_fails_the_crawl(tmp_path: Path, mirror_factory):
    db = tmp_path / "news.db"
    ArticleStore(db).close()  # the schema exists before the notebook opens it
    reader = sqlite3.connect(db)
    reader.execute("BEGIN")
    assert reader.execute("select count(*) from articles").fetchone()[0] == 0
    server = mirror_factory("en", "bitrix")
    result = scrapy_crawl(server.base_url, db)  # the read transaction stays open meanwhile
    assert result.returncode == 0, result.stderr[-2000:]
    assert reader.execute("select count(*) from articles").fetchone()[0] == 0  # its snapshot
    reader.execute("COMMIT")
    assert reader.execute("select count(*) from articles").fetchone()[0] == 65
    reader.close()


def test_russian_search_finds_every_word_form_after_a_crawl(
    tmp_path: Path, mirror_factory, dataset: list[MirrorArticle]
):
    db = tmp_path / "news.db"
    server = mirror_factory("ru", "modern")
    assert scrapy_crawl(server.base_url, db, lang="ru").returncode == 3  # profile misses
    having = {
        server.base_url + a.path for a in dataset
        if a.lang == "ru" and any(re.search(rf"\b{f}\b", a.body, re.I) for f in FORMS)
    }
    assert len(having) >= 3
    connection = sqlite3.connect(db)
    for form in FORMS:
        found = {hit["url"] for hit in search(connection, form, lang="ru", limit=200)}
        assert having <= found, form
    connection.close()


def test_search_command_prints_url_date_and_title(tmp_path: Path, mirror_factory):
    db = tmp_path / "news.db"
    server = mirror_factory("en", "bitrix")
    assert scrapy_crawl(server.base_url, db).returncode == 0
    out = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "search", "Online Week", "--db", str(db)],
        capture_output=True, text=True, check=True, env=child_env(),
    ).stdout
    seed = next(r for r in rows(db) if r["published"] == "2020-07-10")
    assert out.splitlines()[0] == f"{seed['url']}\t2020-07-10\t{seed['title']}"
