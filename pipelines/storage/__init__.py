"""SQLite storage: the only part of the project that knows SQL.

Public entry points: :class:`ArticleStore` (writes), :func:`search` (full-text
queries), :class:`DatabaseLock` (one writer per database) and
:class:`StoragePipeline` (the Scrapy item pipeline, imported lazily so that the
storage layer can be used without Scrapy installed).

Modules: ``tables`` (every table and column, declared once), ``schema`` (versions and
migrations derived from it), ``connection`` (opening and checking a database file),
``store`` (the writes), ``queries`` (the commands' reads), ``search``, ``export``
(CSV, JSON Lines, Parquet), ``known_urls`` (for incremental crawls), ``lock``,
``defaults``, ``words`` (tokens, stems, word count), ``content_hash``, ``sanitize``,
``schema_doc`` (the docs' tables), ``datasette_plugin``, ``pipeline``.
"""

from pipelines.storage.lock import DatabaseLock, DatabaseLocked
from pipelines.storage.schema import SCHEMA_VERSION
from pipelines.storage.search import search
from pipelines.storage.store import ArticleStore

__all__ = [
    "SCHEMA_VERSION",
    "ArticleStore",
    "DatabaseLock",
    "DatabaseLocked",
    "search",
]
