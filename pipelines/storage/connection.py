"""Opening the news database: the connection settings every user needs, and refusing
a file that is not a news database before anything reads or writes it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

BUSY_TIMEOUT_MS = 30_000


class DatabaseMissing(FileNotFoundError):
    """The database file named on the command line does not exist."""


class DatabaseUnusable(ValueError):
    """The file is not a SQLite database, is damaged, or belongs to another application."""


def connect(path: str, read_only: bool = False) -> sqlite3.Connection:
    """A connection with the settings every user of the database needs.

    WAL lets notebooks and Datasette read while the crawl writes; the busy
    timeout makes a writer wait (instead of failing) for a checkpoint or another
    short writer.
    """
    if read_only:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        # Safe with WAL (a power loss can lose the last commits, never corrupt).
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def check_database(path: str | Path, must_exist: bool = True) -> None:
    """Refuse, in one sentence, a file no command should read or write as the news database.

    A file that is not SQLite (random bytes, a CSV, a truncated header), or a SQLite
    database of another application (tables, but no `articles`), raises DatabaseUnusable;
    a missing file raises DatabaseMissing unless a crawl may create it. An empty file is
    an empty database. Damage deeper in the file shows only when a query reaches it:
    commands report that sqlite3.DatabaseError in one line too (crawler/cli.py).
    """
    file = Path(path)
    if file.exists() and not file.is_file():
        raise DatabaseUnusable(f"{path} is not a file")
    if not file.exists():
        if must_exist:
            raise DatabaseMissing(f"database not found: {path}")
        return
    if file.stat().st_size == 0 and not must_exist:
        return
    try:
        conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.OperationalError:
        # Cannot open or read it now (permissions, a read-only folder, a lock): not a
        # verdict on the file; whoever opens it next reports that in its own words.
        return
    except sqlite3.DatabaseError as error:  # "file is not a database", "malformed"
        raise DatabaseUnusable(f"{path} is not a usable SQLite database ({error})") from None
    if "articles" not in tables and (tables or must_exist):
        raise DatabaseUnusable(
            f"{path} is a SQLite database of something else (no articles table): "
            "not a newscrawl database"
        )


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """Open an existing news database read-only (never creates an empty one by mistake)."""
    check_database(path, must_exist=True)
    return connect(str(path), read_only=True)
