"""Datasette plugin: a news database searches in Datasette as `newscrawl search` does, and
is described whatever its file is called.

Registered through the `datasette` entry point of pyproject.toml, so `datasette
output/demo.db` loads it once the project is installed. On a database with the
`articles_fts` index (any other database is left alone):

- the search box (`?_search=` on `articles`) matches word forms: Datasette passes the
  query through its SQL function `escape_fts()`; this plugin registers its own under that
  name on news databases, building the same stemmed FTS5 expression as the command
  (`build_match`: every word, as itself or by its English or Russian stem);
- `newscrawl_match(text)` is that expression as an SQL function, for queries of one's own;
- a canned query `search` (`query`, `lang`: `en`, `ru` or empty) gives the command's
  ranking and snippets;
- table and column descriptions, built from the tables' declarations (tables.py, which
  README and docs/schema.md are generated from too), apply to every database name, not
  to one called `news`.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from typing import Any

from datasette import hookimpl

from pipelines.storage.search import MATCH_FUNCTION, SEARCH_SQL, build_match
from pipelines.storage.tables import ARTICLES, FTS_TABLE, TABLES

TITLE = "CSTO news"
DESCRIPTION = (
    "News articles from the CSTO website (odkb-csto.org), in English and Russian, as "
    'collected by the crawler. Search (the box on articles, or the query "search") matches '
    "word forms in both languages, as `newscrawl search` does."
)


#: An empty phrase: what a query without words (only quotes or punctuation) matches,
#: nothing, where an empty MATCH would be an FTS5 syntax error.
NOTHING = '""'


def match_expression(query: str | None) -> str:
    """The FTS5 expression `newscrawl search` uses for `query`."""
    return build_match(query or "") or NOTHING


@lru_cache(maxsize=1)
def metadata() -> dict[str, Any]:
    """Datasette metadata: the declared descriptions of every table and column; articles
    searched through articles_fts and listed newest first, the index itself hidden."""
    tables: dict[str, Any] = {
        table.name: {
            "description": table.description,
            "columns": {column.name: column.description for column in table.columns},
        }
        for table in TABLES
    }
    tables[ARTICLES.name].update(fts_table=FTS_TABLE, fts_pk="rowid", sort_desc="published")
    tables[FTS_TABLE] = {"hidden": True}
    return {"title": TITLE, "description": DESCRIPTION, "tables": tables}


def _is_news_database(conn: sqlite3.Connection) -> bool:
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
    ).fetchone()
    return found is not None


@hookimpl(trylast=True)  # after Datasette's own escape_fts, so that this one is in force
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    if not _is_news_database(conn):
        return
    conn.create_function(MATCH_FUNCTION, 1, match_expression, deterministic=True)
    conn.create_function("escape_fts", 1, match_expression, deterministic=True)


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> dict:
    """Descriptions for every attached database (the tables of another one are never
    looked up, so they are harmless there)."""
    described = metadata()
    names = [name for name in datasette.databases if not name.startswith("_")]
    return {
        "title": described["title"],
        "description": described["description"],
        "databases": {name: {"tables": described["tables"]} for name in names},
    }


@hookimpl
def canned_queries(datasette: Any, database: str, actor: Any) -> Any:
    async def queries() -> dict[str, Any]:
        if not await datasette.get_database(database).table_exists(FTS_TABLE):
            return {}
        return {
            "search": {
                "sql": SEARCH_SQL,
                "title": "Search articles (word forms, both languages)",
                "description": (
                    "Every word must match, in any of its forms, as `newscrawl search` finds "
                    "them; lang: en, ru or empty for both."
                ),
            }
        }

    return queries
