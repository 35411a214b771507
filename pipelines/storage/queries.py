"""Read-only queries behind the CLI commands (export, stats, reextract), kept here so
the commands themselves contain no SQL; open the database with connection.open_readonly."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from pipelines.storage.tables import EXPORT_COLUMNS


def iter_articles(
    conn: sqlite3.Connection,
    since: str | None = None,
    until: str | None = None,
    lang: str | None = None,
    section: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Articles in publication order, filtered by date range (inclusive), lang, section."""
    sql = (
        f"SELECT {', '.join(EXPORT_COLUMNS)} FROM articles"
        " WHERE (:since IS NULL OR published >= :since)"
        " AND (:until IS NULL OR published <= :until)"
        " AND (:lang IS NULL OR lang = :lang)"
        " AND (:section IS NULL OR section = :section)"
        " ORDER BY published, url"
    )
    params = {"since": since, "until": until, "lang": lang, "section": section}
    for row in conn.execute(sql, params):
        yield dict(zip(EXPORT_COLUMNS, row, strict=True))


def article_counts(conn: sqlite3.Connection) -> list[tuple[str, str, str, int]]:
    """(lang, section, year, count) for every combination present."""
    return conn.execute(
        "SELECT coalesce(lang, ''), coalesce(section, ''),"
        " coalesce(substr(published, 1, 4), '?'), count(*)"
        " FROM articles GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
    ).fetchall()


def recent_runs(conn: sqlite3.Connection, limit: int = 5) -> list[dict[str, Any]]:
    """The latest crawl_runs rows, newest first."""
    cursor = conn.execute("SELECT * FROM crawl_runs ORDER BY id DESC LIMIT ?", (limit,))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


#: Columns of a stored page, in the order `iter_latest_pages` yields them.
PAGE_COLUMNS = (
    "url", "fetched_url", "fetched_at", "content_type", "lang", "listing", "compression", "html",
)


def count_latest_pages(conn: sqlite3.Connection, lang: str | None = None) -> int:
    """How many URLs have a stored page (of one language, or all)."""
    return conn.execute(
        "SELECT count(DISTINCT url) FROM pages WHERE (:lang IS NULL OR lang = :lang)",
        {"lang": lang},
    ).fetchone()[0]


def iter_latest_pages(conn: sqlite3.Connection, lang: str | None = None) -> Iterator[tuple]:
    """The latest stored page of every URL, in fetch order, as PAGE_COLUMNS tuples."""
    sql = (
        f"SELECT {', '.join(PAGE_COLUMNS)} FROM pages"
        " WHERE id IN (SELECT max(id) FROM pages GROUP BY url)"
        " AND (:lang IS NULL OR lang = :lang) ORDER BY id"
    )
    yield from conn.execute(sql, {"lang": lang})
