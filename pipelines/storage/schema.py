"""Versioned schema of the news database, migrated in place on open.

``PRAGMA user_version`` holds the version. Each migration runs in one
transaction together with the version bump, so a failed upgrade leaves the
database at the previous version with every row intact.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from pipelines.storage.content_hash import content_hash
from pipelines.storage.words import search_stems, word_count

SCHEMA_VERSION = 3

#: Columns indexed by ``articles_fts`` (order matters: snippet() column 1 is body).
FTS_COLUMNS = ("title", "body", "search_stems")

#: unicode61 keeps title/body searchable by exact word in either alphabet;
#: remove_diacritics 2 folds Latin accents (café = cafe) but keeps й and ё.
#: Stemming is done in Python into ``search_stems`` (Snowball, both languages)
#: because SQLite's porter only stems English: it would treat the two sites
#: differently, and would hide exact-word search in title/body.
FTS_TOKENIZE = "unicode61 remove_diacritics 2"

ARTICLE_V1_COLUMNS = (
    "url", "lang", "section", "slug", "title", "published", "summary", "body",
    "first_seen", "last_seen",
)

#: Columns added by version 2, with their SQL types (and defaults).
ARTICLE_V2_COLUMNS = (
    ("content_hash", "TEXT"),
    ("word_count", "INTEGER"),
    ("updated", "TEXT"),
    ("body_html", "TEXT"),
    ("translation_url", "TEXT"),
    ("listing_date", "TEXT"),
    ("date_source", "TEXT"),
    ("extraction", "TEXT"),
    ("flags", "TEXT"),
    ("status", "TEXT NOT NULL DEFAULT 'live'"),
    ("gone_since", "TEXT"),
    ("search_stems", "TEXT"),
)

ARTICLE_COLUMNS = ARTICLE_V1_COLUMNS + tuple(name for name, _ in ARTICLE_V2_COLUMNS)

_V2_TABLES = """
CREATE TABLE IF NOT EXISTS article_versions (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    title TEXT,
    published TEXT,
    body TEXT,
    content_hash TEXT,
    valid_from TEXT,
    replaced_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_article_versions_url ON article_versions(url);
CREATE TABLE IF NOT EXISTS images (
    article_url TEXT NOT NULL,
    url TEXT NOT NULL,
    caption TEXT,
    PRIMARY KEY (article_url, url)
);
CREATE TABLE IF NOT EXISTS attachments (
    article_url TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT,
    PRIMARY KEY (article_url, url)
);
CREATE TABLE IF NOT EXISTS rejects (
    id INTEGER PRIMARY KEY,
    url TEXT,
    reason TEXT,
    raw TEXT,
    rejected_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS crawl_runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    mode TEXT,
    arguments TEXT,
    lang TEXT,
    sections TEXT,
    pages_fetched INTEGER,
    articles_new INTEGER,
    articles_updated INTEGER,
    articles_unchanged INTEGER,
    articles_rejected INTEGER,
    errors INTEGER,
    finish_reason TEXT,
    exit_status INTEGER
);
CREATE INDEX IF NOT EXISTS idx_articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS idx_articles_lang_section_published
    ON articles(lang, section, published);
CREATE INDEX IF NOT EXISTS idx_articles_slug ON articles(slug);
"""

# sqlite-utils' articles_au trigger fires on every UPDATE and rewrites the FTS
# row; restricting it to the indexed columns keeps "seen again, unchanged"
# (a last_seen bump) and translation links from re-indexing ~1k tokens each.
_FTS_UPDATE_TRIGGER = """
DROP TRIGGER IF EXISTS articles_au;
CREATE TRIGGER articles_au AFTER UPDATE OF title, body, search_stems ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, body, search_stems)
    VALUES('delete', old.rowid, old.title, old.body, old.search_stems);
  INSERT INTO articles_fts (rowid, title, body, search_stems)
    VALUES (new.rowid, new.title, new.body, new.search_stems);
END;
"""


def user_version(db: Database) -> int:
    """The schema version stored in the database header."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def create_v1(db: Database) -> None:
    """Create exactly the version-1 schema (kept so upgrades from it can be tested)."""
    db.executescript(
        """
        CREATE TABLE articles (
            url TEXT PRIMARY KEY,
            lang TEXT,
            section TEXT,
            slug TEXT,
            title TEXT,
            published TEXT,
            summary TEXT,
            body TEXT,
            first_seen TEXT,
            last_seen TEXT
        );
        PRAGMA user_version = 1;
        """
    )


def _migrate_1_to_2(db: Database) -> None:
    """Add change tracking, sanitised HTML, translations, status, FTS and side tables."""
    existing = {c.name for c in db["articles"].columns}
    for name, sql_type in ARTICLE_V2_COLUMNS:
        if name not in existing:
            db.execute(f"ALTER TABLE articles ADD COLUMN {name} {sql_type}")
    _backfill_v2(db)
    db.executescript(_V2_TABLES)
    db["articles"].enable_fts(
        list(FTS_COLUMNS),
        fts_version="FTS5",
        create_triggers=True,
        tokenize=FTS_TOKENIZE,
        replace=True,
    )
    db.executescript(_FTS_UPDATE_TRIGGER)


def _backfill_v2(db: Database) -> None:
    """Compute the derived v2 columns for rows written by version 1."""
    rows = db.execute(
        "SELECT url, lang, title, published, body, first_seen FROM articles"
    ).fetchall()
    for url, lang, title, published, body, first_seen in rows:
        db.execute(
            "UPDATE articles SET content_hash = ?, word_count = ?, updated = ?,"
            " search_stems = ?, status = coalesce(status, 'live') WHERE url = ?",
            (
                content_hash(title, published, body),
                word_count(body),
                first_seen,
                search_stems(title, body, lang or "en"),
                url,
            ),
        )


#: Raw article pages as fetched (zlib-compressed bytes), so extraction can be re-run
#: over the archive without the network (`newscrawl reextract`).
_V3_TABLES = """
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    fetched_url TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT,
    lang TEXT NOT NULL,
    listing TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    compression TEXT NOT NULL DEFAULT 'zlib',
    html BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_pages_url ON pages(url, id);
"""


def _migrate_2_to_3(db: Database) -> None:
    """Keep every fetched article page, compressed, for re-extraction without refetching."""
    db.executescript(_V3_TABLES)


MIGRATIONS: dict[int, Callable[[Database], None]] = {2: _migrate_1_to_2, 3: _migrate_2_to_3}


def migrate(db: Database) -> int:
    """Bring the database to :data:`SCHEMA_VERSION`; returns the version found on open."""
    found = user_version(db)
    if found > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema version {found} is newer than this code ({SCHEMA_VERSION})"
        )
    if found == 0:
        if db["articles"].exists():
            db.execute("PRAGMA user_version = 1")  # pre-versioning database = v1
        else:
            create_v1(db)
    for version in range(max(found, 1) + 1, SCHEMA_VERSION + 1):
        with db.atomic():
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version}")
    return found
