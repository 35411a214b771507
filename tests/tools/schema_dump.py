"""Freeze the schema this code creates as tests/storage/schemas/vN.sql (N: its version).

    python -m tests.tools.schema_dump

Run once when a change raises the schema version, and commit the file: the migration
tests build every earlier version's database from these dumps, so they check upgrades
against what users' files really hold. An existing dump is history and is never
overwritten.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from pipelines.storage.schema import SCHEMA_VERSION
from pipelines.storage.store import ArticleStore
from pipelines.storage.tables import FTS_TABLE

SCHEMAS = Path(__file__).resolve().parents[1] / "storage" / "schemas"


def dump_sql(path: Path) -> str:
    """The statements that rebuild the database's schema, in creation order; FTS5's
    shadow tables are left out (the virtual table creates them)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    statements = [f"{sql.strip()};" for name, sql in rows if not name.startswith(f"{FTS_TABLE}_")]
    return "\n".join([*statements, f"PRAGMA user_version = {version};"]) + "\n"


def main() -> int:
    target = SCHEMAS / f"v{SCHEMA_VERSION}.sql"
    if target.exists():
        print(f"{target} exists: a frozen schema is never rewritten", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "news.db"
        ArticleStore(db).close()
        header = (
            f"-- The schema as this code created it at version {SCHEMA_VERSION} (dumped from "
            "sqlite_master,\n-- FTS5 shadow tables left out: the virtual table creates them). "
            "Frozen history: never regenerate.\n"
        )
        target.write_text(header + dump_sql(db), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
