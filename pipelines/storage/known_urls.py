"""Known article URLs for the spider, so incremental crawls can skip them.

The spider loads this function through a setting path, so crawling code never
imports storage; the database is opened read-only and may be absent.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipelines.storage.connection import connect
from pipelines.storage.defaults import DEFAULT_SQLITE_PATH


def load_known_urls(settings: Mapping[str, Any] | Any) -> set[str]:
    """URLs of every stored article (live or gone); empty if there is no database yet."""
    path = Path(settings.get("SQLITE_PATH") or DEFAULT_SQLITE_PATH)
    if not path.is_file():
        return set()
    conn = connect(str(path), read_only=True)
    try:
        return {row[0] for row in conn.execute("SELECT url FROM articles")}
    except sqlite3.OperationalError:  # a file without our schema yet
        return set()
    finally:
        conn.close()
