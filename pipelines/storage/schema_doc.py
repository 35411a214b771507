"""The schema's documentation, written from the tables' declarations (tables.py).

    python -m pipelines.storage.schema_doc           # rewrite docs/schema.md and README
    python -m pipelines.storage.schema_doc --check   # exit 1 if either is out of date

Each file keeps its own prose (the full-text search section, the examples); only the
part between the BEGIN and END markers is written here: the version, one table of
columns per table, the keys and indexes. A test fails while the two disagree.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from pipelines.storage.defaults import DEFAULT_SQLITE_PATH
from pipelines.storage.schema import SCHEMA_VERSION
from pipelines.storage.tables import TABLES, Table

ROOT = Path(__file__).resolve().parents[2]
BEGIN = (
    "<!-- BEGIN schema: written by `python -m pipelines.storage.schema_doc` from "
    "pipelines/storage/tables.py; edit there, not here -->"
)
END = "<!-- END schema -->"
#: The documents and the heading level of a table in each.
DOCUMENTS = {"docs/schema.md": 2, "README.md": 3}


def _intro() -> str:
    return (
        f"The crawl writes one SQLite file (default `{DEFAULT_SQLITE_PATH}`). The schema "
        "version is kept in\n"
        f"`PRAGMA user_version` (currently **{SCHEMA_VERSION}**) and older databases are "
        "upgraded in place when the\n"
        "crawler opens them, without losing rows. The database is in WAL mode, so "
        "Datasette, `sqlite3`\n"
        "or a notebook can read it while a crawl is writing. Times are UTC in ISO 8601\n"
        "(`2024-03-15T08:30:00Z`), dates are `YYYY-MM-DD`; both sort correctly as text."
    )


def _table(table: Table, level: int) -> str:
    rows = "\n".join(
        f"| `{column.name}` | {column.description.replace('|', chr(92) + '|')} |"
        for column in table.columns
    )
    return (
        f"{'#' * level} `{table.name}`\n\n{table.description}\n\n"
        f"| column | description |\n| --- | --- |\n{rows}"
    )


def _keys_and_indexes() -> str:
    keys = ", ".join(f"`{t.name}({', '.join(t.key)})`" for t in TABLES)
    indexes = ", ".join(
        f"`{t.name}({', '.join(i.columns)})`" for t in TABLES for i in t.indexes
    )
    text = f"Primary keys: {keys}. Indexes: {indexes}."
    return textwrap.fill(text, width=95, break_long_words=False, break_on_hyphens=False)


def render(level: int) -> str:
    """The generated part of a document whose tables are headings of `level`."""
    parts = [_intro(), *(_table(t, level) for t in TABLES), _keys_and_indexes()]
    return "\n\n".join([BEGIN, *parts, END])


def rewritten(text: str, level: int) -> str:
    """`text` with the part between the markers replaced by :func:`render`."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the markers {BEGIN!r} ... {END!r} are missing")
    return text[:start] + render(level) + text[end + len(END):]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    stale = []
    for name, level in DOCUMENTS.items():
        path = ROOT / name
        text = path.read_text(encoding="utf-8")
        new = rewritten(text, level)
        if new != text:
            stale.append(name)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    verb = "out of date" if args.check else "rewritten"
    for name in stale:
        print(f"{name}: {verb}", file=sys.stderr)
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
