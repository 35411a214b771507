"""Datasette reads the database as analysts will: FTS search, metadata, docs agree."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from datasette.app import Datasette
from storage_helpers import ROOT, make_item

from pipelines.storage.store import ArticleStore

METADATA = ROOT / "datasette" / "metadata.json"
SCHEMA_DOC = ROOT / "docs" / "schema.md"


def _filled(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"  # database name "news", as in metadata.json
    with ArticleStore(path) as store:
        store.upsert_article(make_item("en"))
        store.upsert_article(make_item("ru", body="Учения миротворцев прошли успешно."))
        store.upsert_article(make_item("ru", slug="other", published="2024-01-01",
                                       title="Заседание", body="Совет министров собрался."))
    return path


async def _search(path: Path, query: str) -> tuple[int, dict]:
    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    ds = Datasette([str(path)], metadata=metadata)
    response = await ds.client.get(
        "/news/articles.json", params={"_search": query, "_shape": "objects"}
    )
    return response.status_code, response.json()


def test_datasette_full_text_search(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    status, data = asyncio.run(_search(path, "учениях"))
    assert status == 200 and data["rows"] == []  # plain search = exact words
    status, data = asyncio.run(_search(path, "учения"))
    assert status == 200 and [r["url"] for r in data["rows"]] == [make_item("ru")["url"]]
    status, data = asyncio.run(_search(path, "учен"))  # a stem finds every form
    assert status == 200 and [r["url"] for r in data["rows"]] == [make_item("ru")["url"]]
    status, data = asyncio.run(_search(path, 'exercise"'))  # hostile input is escaped
    assert status == 200 and [r["url"] for r in data["rows"]] == [make_item("en")["url"]]


def test_datasette_detects_fts_without_metadata(tmp_path: Path) -> None:
    path = _filled(tmp_path)

    async def fts_table() -> str | None:
        ds = Datasette([str(path)])
        return await ds.get_database("news").fts_table("articles")

    assert asyncio.run(fts_table()) == "articles_fts"


def test_metadata_and_docs_describe_every_column(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    with ArticleStore(path) as store:
        tables = {
            name: list(store.db[name].columns_dict)
            for name in store.db.table_names()
            if not name.startswith("articles_fts")
        }
    meta_tables = json.loads(METADATA.read_text(encoding="utf-8"))["databases"]["news"]["tables"]
    doc = SCHEMA_DOC.read_text(encoding="utf-8")
    assert meta_tables["articles"]["fts_table"] == "articles_fts"
    for table, columns in tables.items():
        meta = meta_tables[table]
        assert meta["description"] in doc, table
        assert set(meta["columns"]) == set(columns), table
        for column, description in meta["columns"].items():
            assert f"| `{column}` | {description} |" in doc, (table, column)
