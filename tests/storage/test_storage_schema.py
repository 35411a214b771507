"""Schema creation, in-place migration from version 1, connection settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from pipelines.storage import connection, schema
from pipelines.storage.search import search
from pipelines.storage.store import ArticleStore


def _v1_database(path: Path) -> None:
    db = Database(path)
    schema.create_v1(db)
    db["articles"].insert_all(
        [
            {
                "url": "https://odkb-csto.org/news/news_odkb/ucheniya/",
                "lang": "ru", "section": "news_odkb", "slug": "ucheniya",
                "title": "Учения миротворцев", "published": "2023-05-01", "summary": None,
                "body": "В ходе учений отработаны действия.", "first_seen": "2023-05-02T00:00:00Z",
                "last_seen": "2023-05-02T00:00:00Z",
            },
            {
                "url": "https://en.odkb-csto.org/news/news_odkb/exercise/",
                "lang": "en", "section": "news_odkb", "slug": "exercise",
                "title": "Peacekeepers exercise", "published": "2023-05-01", "summary": "Lead",
                "body": "The exercises were held.", "first_seen": "2023-05-02T00:00:00Z",
                "last_seen": "2023-05-03T00:00:00Z",
            },
        ]
    )
    db.close()


def test_v1_has_exactly_the_first_schema(tmp_path: Path) -> None:
    db = Database(tmp_path / "v1.db")
    schema.create_v1(db)
    assert schema.user_version(db) == 1
    assert tuple(db["articles"].columns_dict) == schema.ARTICLE_V1_COLUMNS
    assert db.table_names() == ["articles"]


def test_migration_from_v1_keeps_rows_and_builds_fts(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    _v1_database(path)
    store = ArticleStore(path)
    try:
        assert store.migrated_from == 1
        assert schema.user_version(store.db) == schema.SCHEMA_VERSION
        assert set(schema.ARTICLE_COLUMNS) <= set(store.db["articles"].columns_dict)
        rows = list(store.db.query("SELECT * FROM articles ORDER BY url"))
        assert len(rows) == 2
        en = rows[0]
        assert en["summary"] == "Lead" and en["last_seen"] == "2023-05-03T00:00:00Z"
        assert en["status"] == "live" and en["updated"] == en["first_seen"]
        assert en["content_hash"] and en["word_count"] == 4
        for table in (
            "article_versions", "images", "attachments", "rejects", "crawl_runs", "pages",
        ):
            assert store.db[table].exists()
        assert store.db["articles"].detect_fts() == "articles_fts"
        assert [r["lang"] for r in search(store.db, "учениях")] == ["ru"]
        assert [r["lang"] for r in search(store.db, "exercise")] == ["en"]
        # An unchanged re-crawl of a migrated row is recognised as unchanged.
        item = {k: rows[1][k] for k in schema.ARTICLE_V1_COLUMNS}
        assert store.upsert_article(item) == "unchanged"
    finally:
        store.close()


def test_migration_from_v2_adds_pages_and_keeps_rows(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    _v1_database(path)
    db = Database(connection.connect(str(path)))
    with db.atomic():  # a database as version 2 of the code left it
        schema.MIGRATIONS[2](db)
        db.execute("PRAGMA user_version = 2")
    db.close()
    store = ArticleStore(path)
    try:
        assert store.migrated_from == 2
        assert store.db["pages"].exists() and store.db["articles"].count == 2
        assert store.db["articles"].detect_fts() == "articles_fts"
    finally:
        store.close()


def test_reopen_is_idempotent(db_path: Path) -> None:
    ArticleStore(db_path).close()
    store = ArticleStore(db_path)
    assert store.migrated_from == schema.SCHEMA_VERSION
    store.close()


def test_indexes_wal_and_busy_timeout(store: ArticleStore) -> None:
    indexed = {tuple(i.columns) for i in store.db["articles"].indexes}
    assert {("published",), ("lang", "section", "published"), ("slug",)} <= indexed
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == connection.BUSY_TIMEOUT_MS


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    try:
        ArticleStore(path)
    except RuntimeError as exc:
        assert "newer" in str(exc)
    else:
        raise AssertionError("a newer schema must not be opened")
