"""Schema creation, in-place migration from every earlier version, connection settings.

The earlier schemas are frozen dumps (tests/storage/schemas/vN.sql) of the databases the
code of main 850c70c created at each version, so the migrations are checked against
what users' files really hold, not against the declaration they are derived from.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from pipelines.storage import connection, schema
from pipelines.storage.search import search
from pipelines.storage.store import ArticleStore

SCHEMAS = Path(__file__).with_name("schemas")
FROZEN = sorted(int(p.stem[1:]) for p in SCHEMAS.glob("v*.sql"))

RU_URL = "https://odkb-csto.org/news/news_odkb/ucheniya/"
EN_URL = "https://en.odkb-csto.org/news/news_odkb/exercise/"
#: Rows of version 1's columns, as a version-1 crawl stored them.
V1_ROWS = [
    {
        "url": RU_URL, "lang": "ru", "section": "news_odkb", "slug": "ucheniya",
        "title": "Учения миротворцев", "published": "2023-05-01", "summary": None,
        "body": "В ходе учений отработаны действия.", "first_seen": "2023-05-02T00:00:00Z",
        "last_seen": "2023-05-02T00:00:00Z",
    },
    {
        "url": EN_URL, "lang": "en", "section": "news_odkb", "slug": "exercise",
        "title": "Peacekeepers exercise", "published": "2023-05-01", "summary": "Lead",
        "body": "The exercises were held.", "first_seen": "2023-05-02T00:00:00Z",
        "last_seen": "2023-05-03T00:00:00Z",
    },
]
#: What a version-2 crawl stored in the columns it added (hashes: hashlib.sha256 of title,
#: date and body joined by U+001F; stems: snowballstemmer's, where they differ).
V2_VALUES = {
    RU_URL: {
        "content_hash": "7ade2f73717f0e0ceff6e75f3cc41dfc582fe8db1e9b8ae500760593e01de62a",
        "word_count": 5, "updated": "2023-05-02T00:00:00Z", "body_html": "<p>В ходе</p>",
        "translation_url": EN_URL, "listing_date": "2023-05-01", "date_source": "listing",
        "extraction": '{"body": "trafilatura"}', "flags": "[]", "status": "gone",
        "gone_since": "2023-06-01T00:00:00Z", "search_stems": "действ миротворц отработа учен ход",
    },
    EN_URL: {
        "content_hash": "a96a83bb71815ac994373f5707adc03902b4645204c83de2d41886ae8abd4f12",
        "word_count": 4, "updated": "2023-05-02T00:00:00Z",
        "body_html": None, "translation_url": RU_URL, "listing_date": None,
        "date_source": "article:time", "extraction": None, "flags": None, "status": "live",
        "gone_since": None, "search_stems": "exercis peacekeep",
    },
}


def _frozen_database(path: Path, version: int) -> None:
    """A database as the code of `version` left it, with articles (and side rows)."""
    conn = sqlite3.connect(path)
    conn.executescript((SCHEMAS / f"v{version}.sql").read_text(encoding="utf-8"))
    for row in V1_ROWS:
        values = dict(row, **V2_VALUES[row["url"]]) if version >= 2 else row
        names = ", ".join(values)
        conn.execute(
            f"INSERT INTO articles ({names}) VALUES ({', '.join('?' for _ in values)})",
            list(values.values()),
        )
    if version >= 2:
        conn.execute(
            "INSERT INTO article_versions (url, title, published, body, content_hash,"
            " valid_from, replaced_at) VALUES (?, 'Old', '2023-05-01', 'Old body.', 'x',"
            " '2023-05-01T00:00:00Z', '2023-05-02T00:00:00Z')", (EN_URL,))
        conn.execute("INSERT INTO images VALUES (?, 'https://en.odkb-csto.org/a.jpg', 'A')",
                     (EN_URL,))
        conn.execute("INSERT INTO crawl_runs (started, mode, articles_new) VALUES"
                     " ('2023-05-02T00:00:00Z', 'full', 2)")
    conn.commit()
    conn.close()


def _schema_facts(path: Path) -> dict[str, object]:
    """What a database's schema is, as far as anyone reading or writing it can tell:
    each table's columns (name, type, NOT NULL, default, key position, in order), its
    indexes, and each trigger's and virtual table's SQL with white space and quotes
    normalised."""
    conn = sqlite3.connect(path)
    try:
        facts: dict[str, object] = {}
        entries = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
        for kind, name, table, sql in entries:
            if kind == "table" and sql.startswith("CREATE TABLE"):
                facts[f"table {name}"] = [
                    row[1:6] for row in conn.execute(f"PRAGMA table_info({name})")
                ]
            elif kind == "index":
                facts[f"index {name}"] = (
                    table, [row[2] for row in conn.execute(f"PRAGMA index_info({name})")]
                )
            else:  # triggers and the FTS5 virtual table
                facts[f"{kind} {name}"] = re.sub(r"\s+", " ", sql.replace('"', "")).strip()
        facts["user_version"] = conn.execute("PRAGMA user_version").fetchone()[0]
        return facts
    finally:
        conn.close()


@pytest.fixture(scope="module")
def fresh_schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    path = tmp_path_factory.mktemp("fresh") / "news.db"
    ArticleStore(path).close()
    return _schema_facts(path)


def test_every_version_up_to_the_current_one_is_frozen() -> None:
    assert list(range(1, schema.SCHEMA_VERSION + 1)) == FROZEN


def test_a_new_database_has_exactly_the_schema_of_the_current_version(
    tmp_path: Path, fresh_schema: dict[str, object]
) -> None:
    """Version 3's tables as the code before the declaration created them, column for
    column, index for index, trigger for trigger."""
    frozen = tmp_path / "frozen.db"
    _frozen_database(frozen, schema.SCHEMA_VERSION)
    assert _schema_facts(frozen) == fresh_schema


@pytest.mark.parametrize("version", [v for v in FROZEN if v < schema.SCHEMA_VERSION])
def test_every_older_database_is_upgraded_in_place_with_its_rows(
    tmp_path: Path, version: int, fresh_schema: dict[str, object]
) -> None:
    path = tmp_path / "news.db"
    _frozen_database(path, version)
    store = ArticleStore(path)
    try:
        assert store.migrated_from == version
        rows = {r["url"]: r for r in store.db.query("SELECT * FROM articles")}
        for before in V1_ROWS:
            after = rows[before["url"]]
            assert {k: after[k] for k in before} == before
            if version >= 2:  # version 2's values are kept as they were
                assert {k: after[k] for k in V2_VALUES[before["url"]]} == V2_VALUES[
                    before["url"]
                ]
        if version >= 2:
            assert store.db["article_versions"].count == 1
            assert store.db["images"].count == 1 and store.db["crawl_runs"].count == 1
        assert [r["lang"] for r in search(store.db, "учениях")] == ["ru"]
        assert [r["lang"] for r in search(store.db, "exercise")] == ["en"]
    finally:
        store.close()
    assert _schema_facts(path) == fresh_schema


def test_upgrade_from_version_1_computes_the_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    _frozen_database(path, 1)
    with ArticleStore(path) as store:
        en = next(store.db.query("SELECT * FROM articles WHERE url = ?", [EN_URL]))
        assert en["status"] == "live" and en["updated"] == en["first_seen"]
        assert en["word_count"] == 4  # "The exercises were held."
        assert en["content_hash"] == V2_VALUES[EN_URL]["content_hash"]
        assert en["search_stems"] == "exercis peacekeep"
        # An unchanged re-crawl of a migrated row is recognised as unchanged.
        assert store.upsert_article(dict(V1_ROWS[1])) == "unchanged"


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
    with pytest.raises(RuntimeError, match="newer"):
        ArticleStore(path)


def test_a_pre_versioning_database_is_read_as_version_1(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    _frozen_database(path, 1)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    with ArticleStore(path) as store:
        assert store.migrated_from == 0
        assert store.db["articles"].count == 2
        assert schema.user_version(store.db) == schema.SCHEMA_VERSION


def test_an_empty_file_becomes_a_database_at_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    path.touch()
    with ArticleStore(path) as store:
        assert store.migrated_from == 0
        assert schema.user_version(Database(store.db.conn)) == schema.SCHEMA_VERSION
