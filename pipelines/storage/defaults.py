"""Storage's defaults, for the settings that override them (SQLITE_PATH,
STORAGE_BATCH_SIZE, STORAGE_COMMIT_INTERVAL) and for every command that opens the
database without a setting: each default is written here and nowhere else."""

from __future__ import annotations

#: The database a crawl writes and the commands read when no --db or SQLITE_PATH is given.
DEFAULT_SQLITE_PATH = "output/news.db"

#: Writes per transaction at most: a crash loses at most this many uncommitted writes.
DEFAULT_BATCH_SIZE = 200

#: Seconds an open batch may wait before it is committed, so readers see a quiet crawl's rows.
DEFAULT_COMMIT_INTERVAL = 5.0
