"""StoragePipeline inside real Scrapy crawls (run in subprocesses so this test
process never installs a Twisted reactor) and load_known_urls."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from pipelines.storage.known_urls import load_known_urls
from pipelines.storage.lock import DatabaseLock
from pipelines.storage.store import ArticleStore
from tests.support.items import make_item
from tests.support.socket_guard import child_env

CRAWL = textwrap.dedent(
    """
    import json, sys
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.exceptions import DropItem

    from crawler.items import GoneItem

    ITEMS = json.loads(sys.argv[2])

    class DropUntitled:
        def process_item(self, item, spider=None):
            if not item.get("title"):
                raise DropItem("missing title")
            return item

    class NewsSpider(scrapy.Spider):
        name = "news"
        crawl_mode = "incremental"
        crawl_arguments = {{"max_pages": 5}}

        async def start(self):
            yield scrapy.Request({page!r}, callback=self.parse)

        def parse(self, response):
            for entry in ITEMS:  # {{"gone": url}}: the site answered 410 for that article
                yield GoneItem(url=entry["gone"]) if "gone" in entry else entry

    process = CrawlerProcess(settings={{
        "SQLITE_PATH": sys.argv[1],
        "ITEM_PIPELINES": {{
            "pipelines.articles_only.ArticlesOnlyPipeline": 50,
            "__main__.DropUntitled": 100,
            "pipelines.storage.pipeline.StoragePipeline": 900,
        }},
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "INFO",
        "STORAGE_BATCH_SIZE": 2,
    }})
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler)
    process.start()
    print("RUN_ID", crawler.stats.get_value("storage/run_id"))
    """
)


def _crawl(tmp_path: Path, db: Path, items: list[dict]) -> subprocess.CompletedProcess[str]:
    page = tmp_path / "page.html"
    page.write_text("<html><body>listing</body></html>", encoding="utf-8")
    script = tmp_path / "crawl.py"
    script.write_text(CRAWL.format(page=page.as_uri()), encoding="utf-8")
    env = child_env()
    return subprocess.run(
        [sys.executable, str(script), str(db), json.dumps(items)],
        capture_output=True, text=True, timeout=120, cwd=str(tmp_path), env=env,
    )


def test_crawl_stores_items_rejects_gone_and_run(tmp_path: Path) -> None:
    db = tmp_path / "out" / "news.db"
    with ArticleStore(db) as store:
        store.upsert_article(make_item("en", slug="old-news", published="2020-01-01"))
    items = [
        make_item("en"),
        make_item("ru"),
        {**make_item("en", slug="untitled"), "title": ""},
        {"gone": make_item("en", slug="old-news")["url"]},
    ]
    result = _crawl(tmp_path, db, items)
    assert result.returncode == 0, result.stderr[-3000:]
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    statuses = dict(conn.execute("SELECT slug, status FROM articles").fetchall())
    assert statuses == {"joint-exercise": "live", "old-news": "gone"}
    assert conn.execute("SELECT count(*) FROM articles WHERE lang = 'ru'").fetchone()[0] == 1
    reject = conn.execute("SELECT * FROM rejects").fetchone()
    assert reject["reason"] == "missing title" and json.loads(reject["raw"])["slug"] == "untitled"
    run = conn.execute("SELECT * FROM crawl_runs").fetchone()
    assert run["finish_reason"] == "finished" and run["finished"]
    assert run["mode"] == "incremental" and json.loads(run["arguments"]) == {"max_pages": 5}
    assert (run["pages_fetched"], run["articles_new"], run["articles_rejected"]) == (1, 2, 1)
    assert run["errors"] == 0
    assert f"RUN_ID {run['id']}" in result.stdout
    conn.close()
    lock = DatabaseLock(db).acquire()  # DatabaseLocked if the crawl had kept it
    assert lock.held
    lock.release()


def test_crawl_ends_at_once_when_database_locked(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with DatabaseLock(db):
        result = _crawl(tmp_path, db, [make_item("en")])
    assert "database_locked" in result.stderr
    assert f"locked by process {os.getpid()}" in result.stderr
    assert "Crawled 1 pages" not in result.stderr and "downloader/response_count" not in (
        result.stderr
    )
    assert not db.exists() or sqlite3.connect(db).execute(
        "SELECT count(*) FROM sqlite_master WHERE name = 'articles'"
    ).fetchone()[0] == 0


def test_load_known_urls(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    assert load_known_urls({"SQLITE_PATH": str(db)}) == set()
    assert not db.exists()
    with ArticleStore(db) as store:
        store.upsert_article(make_item("en"))
        store.upsert_article(make_item("ru"))
        store.mark_gone(make_item("ru")["url"])
    urls = load_known_urls({"SQLITE_PATH": str(db)})
    assert urls == {make_item("en")["url"], make_item("ru")["url"]}
