"""Datasette reads the database as analysts will: the project's plugin makes its search
find what `newscrawl search` finds, and describes the tables whatever the file's name."""

from __future__ import annotations

import asyncio
from pathlib import Path

from datasette.app import Datasette
from sqlite_utils import Database

from pipelines.storage import search
from pipelines.storage.datasette_plugin import metadata
from pipelines.storage.store import ArticleStore
from tests.support.items import ROOT, make_item

SCHEMA_DOC = ROOT / "docs" / "schema.md"
FORMS = ("учения", "учениях", "учений")


def _filled(tmp_path: Path, name: str = "demo.db") -> Path:
    """Articles with each form of "учения" (and one with none), in a file not named news."""
    path = tmp_path / name
    with ArticleStore(path) as store:
        store.upsert_article(make_item("en"))
        store.upsert_article(make_item("ru", slug="a", body="Учения миротворцев прошли."))
        store.upsert_article(make_item("ru", slug="b", title="Об учениях",
                                       body="Говорили об учениях сил."))
        store.upsert_article(make_item("ru", slug="c", title="Итоги",
                                       body="Подведены итоги учений ОДКБ."))
        store.upsert_article(make_item("ru", slug="d", published="2024-01-01",
                                       title="Заседание", body="Совет министров собрался."))
    return path


async def _get(path: Path, url: str, **params: str) -> tuple[int, dict]:
    ds = Datasette([str(path)])
    response = await ds.client.get(url, params={**params, "_shape": "objects"})
    return response.status_code, response.json()


def _cli_urls(path: Path, query: str) -> set[str]:
    with ArticleStore(path) as store:
        return {hit["url"] for hit in search(store.db, query, limit=1000)}


def test_search_box_finds_what_newscrawl_search_finds_for_every_word_form(
    tmp_path: Path,
) -> None:
    path = _filled(tmp_path)
    expected = {make_item("ru", slug=s)["url"] for s in ("a", "b", "c")}  # by hand
    for form in FORMS:
        assert _cli_urls(path, form) == expected, form
        status, data = asyncio.run(_get(path, "/demo/articles.json", _search=form))
        assert status == 200
        assert {row["url"] for row in data["rows"]} == expected, form


def test_canned_search_query_ranks_like_the_command(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    for form in FORMS:
        status, data = asyncio.run(_get(path, "/demo/search.json", query=form, lang="ru"))
        assert status == 200, data
        with ArticleStore(path) as store:
            cli = [hit["url"] for hit in search(store.db, form, lang="ru", limit=1000)]
        assert [row["url"] for row in data["rows"]] == cli and len(cli) == 3
    status, data = asyncio.run(_get(path, "/demo/search.json", query="учения", lang="en"))
    assert status == 200 and data["rows"] == []


def test_hostile_and_empty_queries_are_text(tmp_path: Path) -> None:
    """FTS5 syntax in the search box is read as words: a query that is only syntax has
    no word and finds nothing (never every row, never an error page)."""
    path = _filled(tmp_path)
    english = make_item("en")["url"]
    expected = {'exercise"': [english], "exercise _": [english], "NEAR(": [], "*": [], '"': []}
    for query, urls in expected.items():
        status, data = asyncio.run(_get(path, "/demo/articles.json", _search=query))
        assert status == 200, (query, data)
        assert [row["url"] for row in data["rows"]] == urls, query
        assert sorted(_cli_urls(path, query)) == urls, query
    status, data = asyncio.run(_get(path, "/demo/articles.json", _search="Peacekeepers"))
    assert [row["url"] for row in data["rows"]] == [make_item("en")["url"]]


def test_another_database_keeps_datasettes_own_search(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    notes = Database(other)["notes"]  # another application's database with an FTS table
    notes.insert({"id": 1, "text": "учения"}, pk="id")
    notes.enable_fts(["text"])
    notes.db.close()

    async def escape(database: str) -> str:
        ds = Datasette([str(other), str(_filled(tmp_path))])
        db = ds.get_database(database)
        return (await db.execute("select escape_fts('учениях')")).rows[0][0]

    assert asyncio.run(escape("other")) != asyncio.run(escape("demo"))
    assert "учен" in asyncio.run(escape("demo"))


def test_metadata_applies_to_any_database_name(tmp_path: Path) -> None:
    shipped = metadata()
    for name in ("news", "demo", "archive-2024"):
        (tmp_path / name).mkdir()
        ds = Datasette([str(_filled(tmp_path / name, f"{name}.db"))])
        articles = shipped["tables"]["articles"]
        for key in ("description", "columns", "fts_table", "sort_desc"):
            assert ds.metadata(key, database=name, table="articles") == articles[key]
        assert ds.metadata("title") == "CSTO news"


def test_datasette_detects_fts_without_metadata(tmp_path: Path) -> None:
    path = _filled(tmp_path)

    async def fts_table() -> str | None:
        ds = Datasette([str(path)])
        return await ds.get_database("demo").fts_table("articles")

    assert asyncio.run(fts_table()) == "articles_fts"


def test_metadata_and_docs_describe_every_column(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    with ArticleStore(path) as store:
        tables = {
            name: list(store.db[name].columns_dict)
            for name in store.db.table_names()
            if not name.startswith("articles_fts")
        }
    meta_tables = metadata()["tables"]
    doc = SCHEMA_DOC.read_text(encoding="utf-8")
    assert meta_tables["articles"]["fts_table"] == "articles_fts"
    for table, columns in tables.items():
        meta = meta_tables[table]
        assert meta["description"] in doc, table
        assert set(meta["columns"]) == set(columns), table
        for column, description in meta["columns"].items():
            assert f"| `{column}` | {description} |" in doc, (table, column)
