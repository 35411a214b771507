"""Versioned schema of the news database, migrated in place on open.

``PRAGMA user_version`` holds the version. The tables, columns and indexes each
version adds come from their declarations (tables.py, ``since``); a version may also
have a data step here (computing new columns for stored rows, building an index).
Each version's migration runs in one transaction together with the version bump.
A new database is built the same way, version by version, so a fresh database and an
upgraded one cannot differ.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from pipelines.storage.content_hash import content_hash
from pipelines.storage.tables import (
    ARTICLES,
    FTS_TABLE,
    FTS_TOKENIZE,
    SEARCHABLE_COLUMNS,
    TABLES,
    Table,
)
from pipelines.storage.words import search_stems, word_count


def user_version(db: Database) -> int:
    """The schema version stored in the database header."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def create_table_sql(table: Table, version: int) -> str:
    """CREATE TABLE for `table` as it is at schema `version`."""
    lines = [column.definition for column in table.columns_at(version)]
    if table.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
    body = ",\n    ".join(lines)
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n    {body}\n)"


def _add_declared(db: Database, version: int) -> None:
    """The tables, columns and indexes declared with `since` = `version`."""
    for table in TABLES:
        if table.since == version:
            db.execute(create_table_sql(table, version))
        elif table.since < version:
            existing = {c.name for c in db[table.name].columns}
            for column in table.columns:
                if column.since == version and column.name not in existing:
                    db.execute(f"ALTER TABLE {table.name} ADD COLUMN {column.definition}")
        for index in table.indexes:
            if index.since == version:
                db.execute(
                    f"CREATE INDEX IF NOT EXISTS {index.name}"
                    f" ON {table.name}({', '.join(index.columns)})"
                )


def _backfill_v2(db: Database) -> None:
    """Compute the derived v2 columns for rows written by version 1, and index them."""
    rows = db.execute(
        "SELECT url, lang, title, published, body, first_seen FROM articles"
    ).fetchall()
    for url, lang, title, published, body, first_seen in rows:
        db.execute(
            "UPDATE articles SET content_hash = ?, word_count = ?, updated = ?,"
            " search_stems = ?, status = coalesce(status, 'live') WHERE url = ?",
            (
                content_hash({"title": title, "published": published, "body": body}),
                word_count(body),
                first_seen,
                search_stems(title, body, lang or "en"),
                url,
            ),
        )
    _create_fts(db)


def _create_fts(db: Database) -> None:
    """The full-text index of the searchable columns, kept in sync by triggers."""
    db[ARTICLES.name].enable_fts(
        list(SEARCHABLE_COLUMNS),
        fts_version="FTS5",
        create_triggers=True,
        tokenize=FTS_TOKENIZE,
        replace=True,
    )
    db.execute("DROP TRIGGER IF EXISTS articles_au")
    db.execute(_fts_update_trigger())


def _fts_update_trigger() -> str:
    """sqlite-utils' articles_au trigger fires on every UPDATE and rewrites the FTS row;
    firing only on the indexed columns keeps "seen again, unchanged" (a last_seen bump)
    and translation links from re-indexing ~1k tokens each."""
    names = ", ".join(SEARCHABLE_COLUMNS)
    old = ", ".join(f"old.{c}" for c in SEARCHABLE_COLUMNS)
    new = ", ".join(f"new.{c}" for c in SEARCHABLE_COLUMNS)
    return (
        f"CREATE TRIGGER articles_au AFTER UPDATE OF {names} ON {ARTICLES.name} BEGIN\n"
        f"  INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, {names})\n"
        f"    VALUES('delete', old.rowid, {old});\n"
        f"  INSERT INTO {FTS_TABLE} (rowid, {names})\n"
        f"    VALUES (new.rowid, {new});\n"
        "END"
    )


#: What a version does beyond creating what it declares. Version 3 (`pages`) has none.
DATA_STEPS: dict[int, Callable[[Database], None]] = {2: _backfill_v2}

#: The newest version: the highest any declaration or data step names.
SCHEMA_VERSION = max(
    [*DATA_STEPS]
    + [t.since for t in TABLES]
    + [c.since for t in TABLES for c in t.columns]
    + [i.since for t in TABLES for i in t.indexes]
)


def migrate_to(db: Database, version: int) -> None:
    """Bring a database at `version` - 1 to `version` (its caller holds the transaction)."""
    _add_declared(db, version)
    step = DATA_STEPS.get(version)
    if step is not None:
        step(db)


def migrate(db: Database) -> int:
    """Bring the database to :data:`SCHEMA_VERSION`; returns the version found on open."""
    found = user_version(db)
    if found > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema version {found} is newer than this code ({SCHEMA_VERSION})"
        )
    start = found
    if found == 0 and db[ARTICLES.name].exists():
        db.execute("PRAGMA user_version = 1")  # pre-versioning database = v1
        start = 1
    for version in range(start + 1, SCHEMA_VERSION + 1):
        with db.atomic():
            migrate_to(db, version)
            db.execute(f"PRAGMA user_version = {version}")
    return found
