"""SQLite storage: the only part of the project that knows SQL.

Public entry points: :class:`ArticleStore` (writes), :func:`search` (full-text
queries), :class:`DatabaseLock` (one writer per database) and
:class:`StoragePipeline` (the Scrapy item pipeline, imported lazily so that the
storage layer can be used without Scrapy installed).
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
