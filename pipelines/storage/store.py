"""ArticleStore: every write the crawl makes to the news database.

Writes are grouped into explicit transactions of many rows (commit every
``batch_size`` writes or ``commit_interval`` seconds, and on close), so a crash
loses at most the last uncommitted batch while per-article cost stays low.
All SQL is parameterised; only whitelisted item fields ever reach a column.
"""

from __future__ import annotations

import hashlib
import json
import time
import zlib
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from pipelines.storage import schema
from pipelines.storage.connection import connect
from pipelines.storage.content_hash import content_hash
from pipelines.storage.defaults import DEFAULT_BATCH_SIZE, DEFAULT_COMMIT_INTERVAL
from pipelines.storage.sanitize import sanitize_html
from pipelines.storage.tables import (
    ARTICLE_COLUMNS,
    ITEM,
    JSON,
    RUN_COUNTER_COLUMNS,
    VERSIONED_COLUMNS,
)
from pipelines.storage.words import search_stems, word_count

OTHER_LANG = {"en": "ru", "ru": "en"}

#: zlib level for stored pages: 1 shrinks a 44 KB news page 3.8x in 0.6 ms; 6 gets 4.6x
#: but takes 1.3 ms, more than storing the article itself (measured on the bench pages).
PAGE_COMPRESSION_LEVEL = 1

#: Item fields that are not data about the article (the raw page): never in rejects.raw.
NOT_RAW = frozenset({"page"})


def _insert_article_sql() -> str:
    """INSERT of a new article: every column with an `insert` value (tables.py)."""
    columns = [c for c in ARTICLE_COLUMNS if c.insert is not None]
    names = ", ".join(c.name for c in columns)
    values = ", ".join(c.insert.format(name=c.name) for c in columns)
    return f"INSERT INTO articles ({names}) VALUES ({values})"


def _update_article_sql() -> str:
    """UPDATE of an article whose content changed: every column with an `update` value."""
    sets = ", ".join(
        f"{c.name} = {c.update.format(name=c.name)}" for c in ARTICLE_COLUMNS
        if c.update is not None
    )
    return f"UPDATE articles SET {sets} WHERE url = :url"


def _save_version_sql() -> str:
    """Copy of the content about to be replaced into article_versions."""
    versioned = ", ".join(VERSIONED_COLUMNS)
    return (
        f"INSERT INTO article_versions (url, {versioned}, content_hash, valid_from,"
        f" replaced_at) SELECT url, {versioned}, content_hash, updated, :now"
        " FROM articles WHERE url = :url"
    )


_INSERT_ARTICLE = _insert_article_sql()
_UPDATE_ARTICLE = _update_article_sql()
_SAVE_VERSION = _save_version_sql()
_FINISH_RUN = (
    "UPDATE crawl_runs SET finished = ?, "
    + "".join(f"{name} = ?, " for name in RUN_COUNTER_COLUMNS)
    + "finish_reason = ?, exit_status = ? WHERE id = ?"
)
_FROM_ITEM = tuple(c.name for c in ARTICLE_COLUMNS if c.source == ITEM)
_AS_JSON = tuple(c.name for c in ARTICLE_COLUMNS if c.source == JSON)


def utc_now() -> str:
    """UTC time as ISO 8601 text, which sorts correctly as a string in SQL."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_json(value: Any) -> str | None:
    """JSON text for a JSON column; values JSON can't hold are stored as their repr."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=repr)


class ArticleStore:
    """Write side of the news database (one instance per crawl, one writer per file)."""

    def __init__(
        self,
        path: str | Path,
        batch_size: int = DEFAULT_BATCH_SIZE,
        commit_interval: float = DEFAULT_COMMIT_INTERVAL,
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.batch_size = max(1, int(batch_size))
        self.commit_interval = float(commit_interval)
        self.db = Database(connect(str(self.path)))
        try:
            self.migrated_from = schema.migrate(self.db)
        except BaseException:
            self.db.close()
            raise
        self._pending = 0
        self._batch_started = 0.0

    # -- transactions -------------------------------------------------------------

    def _write(self) -> None:
        """Make sure a batch transaction is open before a write."""
        if not self.db.conn.in_transaction:
            self.db.begin()
            self._batch_started = time.monotonic()

    def _wrote(self) -> None:
        """Count one logical write and commit when the batch is full or old."""
        self._pending += 1
        if self._pending >= self.batch_size or self._batch_age() >= self.commit_interval:
            self.commit()

    def _batch_age(self) -> float:
        return time.monotonic() - self._batch_started if self.db.conn.in_transaction else 0.0

    def commit_if_due(self) -> None:
        """Commit a batch older than ``commit_interval`` (called from a timer when idle)."""
        if self._pending and self._batch_age() >= self.commit_interval:
            self.commit()

    def commit(self) -> None:
        """Commit the open batch, if any."""
        self.db.commit()
        self._pending = 0

    def close(self) -> None:
        """Commit what is pending and close the connection."""
        try:
            self.commit()
        finally:
            self.db.close()

    def __enter__(self) -> ArticleStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles -----------------------------------------------------------------

    def upsert_article(self, item: Mapping[str, Any], fetched_at: str | None = None) -> str:
        """Store one article; returns "new", "updated" or "unchanged".

        Unchanged (same title, date and body) only bumps last_seen, so re-crawls
        are cheap; a change first copies the previous content to article_versions.
        `fetched_at` is given by re-extraction (the stored page's fetch time): the
        site was not visited, so an unchanged article is not touched at all and a
        changed one keeps its status.
        """
        url = item["url"]
        new_hash = content_hash(item)
        now = utc_now()
        self._write()
        row = self.db.execute(
            "SELECT content_hash, translation_url FROM articles WHERE url = ?", (url,)
        ).fetchone()
        if row is not None and row[0] == new_hash:
            if fetched_at is not None:
                return "unchanged"
            self.db.execute(
                "UPDATE articles SET last_seen = ?, status = 'live', gone_since = NULL"
                " WHERE url = ?",
                (now, url),
            )
            self._wrote()
            return "unchanged"
        values = self._article_values(item, new_hash, now, fetched_at)
        with self.db.atomic():  # a savepoint: an article is stored whole or not at all
            if row is None:
                self.db.execute(_INSERT_ARTICLE, values)
                outcome = "new"
            else:
                self.db.execute(_SAVE_VERSION, values)
                self.db.execute(_UPDATE_ARTICLE, values)
                outcome = "updated"
            self._replace_children(url, item, existed=row is not None)
            if row is None or row[1] is None:
                self._link_translation(url, item)
        self._wrote()
        return outcome

    @staticmethod
    def _article_values(
        item: Mapping[str, Any], new_hash: str, now: str, fetched_at: str | None
    ) -> dict[str, Any]:
        """The upsert's named values: the item's fields for the columns declared to take
        them (only those: scraped names never reach SQL), the values storage computes,
        and `seen`, `now`, `revive` for the columns' insert/update expressions."""
        title, body = item.get("title"), item.get("body")
        values = {name: item.get(name) for name in _FROM_ITEM}
        values.update((name, to_json(item.get(name))) for name in _AS_JSON)
        values.update(
            content_hash=new_hash,
            word_count=word_count(body),
            body_html=sanitize_html(item.get("body_html"), item["url"]),
            search_stems=search_stems(title, body, item.get("lang") or "en"),
            seen=fetched_at or now,
            now=now,
            revive=fetched_at is None,  # the site answered just now
        )
        return values

    def _replace_children(self, url: str, item: Mapping[str, Any], existed: bool) -> None:
        """Images and attachments follow the article's latest content."""
        self._replace_rows("images", "caption", url, item.get("images") or [], existed)
        self._replace_rows("attachments", "title", url, item.get("attachments") or [], existed)

    def replace_images(self, article_url: str, images: Iterable[Mapping[str, Any]]) -> None:
        """Replace the article's images with ``images`` ({"url", "caption"} dicts)."""
        self._replace_rows("images", "caption", article_url, images)

    def replace_attachments(
        self, article_url: str, attachments: Iterable[Mapping[str, Any]]
    ) -> None:
        """Replace the article's attachments with ``attachments`` ({"url", "title"} dicts)."""
        self._replace_rows("attachments", "title", article_url, attachments)

    def _replace_rows(
        self,
        table: str,
        label: str,
        article_url: str,
        rows: Iterable[Mapping[str, Any]],
        existed: bool = True,
    ) -> None:
        # table and label are fixed names from this module, never scraped data.
        self._write()
        if existed:  # a brand-new article has nothing to delete: skip the statement
            self.db.execute(f"DELETE FROM {table} WHERE article_url = ?", (article_url,))
        params = [(article_url, r["url"], r.get(label)) for r in rows if r.get("url")]
        if params:
            self.db.conn.executemany(
                f"INSERT OR REPLACE INTO {table} (article_url, url, {label}) VALUES (?, ?, ?)",
                params,
            )

    # -- translations -------------------------------------------------------------

    def _link_translation(self, url: str, item: Mapping[str, Any]) -> None:
        """Link the article and its other-language twin, on both rows.

        Same slug and section wins; else the only other-language article of the
        same section and date that is not already linked elsewhere.
        """
        other = OTHER_LANG.get(item.get("lang") or "")
        if other is None:
            return
        section, slug, published = item.get("section"), item.get("slug"), item.get("published")
        match = self.db.execute(
            "SELECT url FROM articles WHERE slug = ? AND lang = ? AND section IS ?"
            " LIMIT 1",
            (slug, other, section),
        ).fetchone()
        if match is None and published:
            candidates = self.db.execute(
                "SELECT url FROM articles WHERE lang = ? AND section IS ? AND published = ?"
                " AND (translation_url IS NULL OR translation_url = ?) LIMIT 2",
                (other, section, published, url),
            ).fetchall()
            match = candidates[0] if len(candidates) == 1 else None
        if match is None:
            return
        self.db.execute("UPDATE articles SET translation_url = ? WHERE url = ?", (match[0], url))
        self.db.execute("UPDATE articles SET translation_url = ? WHERE url = ?", (url, match[0]))

    # -- raw pages ------------------------------------------------------------------

    def add_page(self, url: str, lang: str, page: Any) -> bool:
        """Keep a fetched article page (a crawler.items.FetchedPage), compressed.

        A fetch whose bytes equal the URL's latest stored page adds nothing, so
        re-crawls of an unchanged site do not grow the database; returns whether a
        row was added.
        """
        digest = hashlib.sha256(page.body).hexdigest()
        self._write()
        latest = self.db.execute(
            "SELECT sha256 FROM pages WHERE url = ? ORDER BY id DESC LIMIT 1", (url,)
        ).fetchone()
        if latest is not None and latest[0] == digest:
            return False
        self.db.execute(
            "INSERT INTO pages (url, fetched_url, fetched_at, status, content_type, lang,"
            " listing, sha256, size, compression, html)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'zlib', ?)",
            (
                url, page.url, page.fetched_at, page.status, page.content_type, lang,
                to_json(page.listing), digest, len(page.body),
                zlib.compress(page.body, PAGE_COMPRESSION_LEVEL),
            ),
        )
        self._wrote()
        return True

    # -- other writes -------------------------------------------------------------

    def add_reject(self, url: str | None, reason: str, raw: Mapping[str, Any]) -> None:
        """Record an item that did not make it into articles, with its raw fields."""
        self._write()
        self.db.execute(
            "INSERT INTO rejects (url, reason, raw, rejected_at) VALUES (?, ?, ?, ?)",
            (url, reason, to_json({k: v for k, v in raw.items() if k not in NOT_RAW}),
             utc_now()),
        )
        self._wrote()

    def mark_gone(self, url: str) -> bool:
        """Flag an article that vanished from the site; rows are never deleted."""
        self._write()
        cur = self.db.execute(
            "UPDATE articles SET status = 'gone', gone_since = coalesce(gone_since, ?)"
            " WHERE url = ?",
            (utc_now(), url),
        )
        self._wrote()
        return cur.rowcount > 0

    def known_urls(self, lang: str | None = None, section: str | None = None) -> set[str]:
        """URLs already stored, optionally for one language and/or section."""
        rows = self.db.execute(
            "SELECT url FROM articles WHERE (:lang IS NULL OR lang = :lang)"
            " AND (:section IS NULL OR section = :section)",
            {"lang": lang, "section": section},
        )
        return {r[0] for r in rows}

    # -- crawl runs -----------------------------------------------------------------

    def start_run(
        self,
        mode: str,
        arguments: Mapping[str, Any] | None,
        lang: str | None,
        sections: Iterable[str] | str | None,
    ) -> int:
        """Insert and commit a crawl_runs row at once, so an interrupted run shows."""
        if sections is not None and not isinstance(sections, str):
            sections = ",".join(sections)
        self._write()
        cur = self.db.execute(
            "INSERT INTO crawl_runs (started, mode, arguments, lang, sections)"
            " VALUES (?, ?, ?, ?, ?)",
            (utc_now(), mode, to_json(dict(arguments or {})), lang, sections),
        )
        self.commit()
        return int(cur.lastrowid)

    def finish_run(
        self,
        run_id: int,
        counters: Mapping[str, int],
        finish_reason: str,
        exit_status: int | None = None,
    ) -> None:
        """Complete a crawl_runs row with its counters and commit everything."""
        if unknown := set(counters) - set(RUN_COUNTER_COLUMNS):  # never a silent 0
            raise ValueError(f"no crawl_runs counter is called {', '.join(sorted(unknown))}")
        self._write()
        self.db.execute(
            _FINISH_RUN,
            (
                utc_now(),
                *(int(counters.get(name) or 0) for name in RUN_COUNTER_COLUMNS),
                finish_reason,
                exit_status,
                run_id,
            ),
        )
        self.commit()

    def set_exit_status(self, run_id: int, status: int) -> None:
        """Record the process exit status, known only after the crawl has finished."""
        self._write()
        self.db.execute("UPDATE crawl_runs SET exit_status = ? WHERE id = ?", (status, run_id))
        self.commit()
