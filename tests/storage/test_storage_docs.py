"""The schema's documentation (docs/schema.md, README's "Output schema") says what a
database really holds: read from the Markdown with a parser of its own and compared
with a new database's tables, columns, keys, indexes, version and full-text index, and
kept equal to what `python -m pipelines.storage.schema_doc` writes."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from pipelines.storage import schema_doc
from pipelines.storage.store import ArticleStore
from tests.support.items import ROOT

DOCUMENTS = {"docs/schema.md": "##", "README.md": "###"}


def _section(name: str) -> str:
    """The schema part of a document: all of docs/schema.md, README's "Output schema"."""
    text = (ROOT / name).read_text(encoding="utf-8")
    if name == "README.md":
        text = text[text.index("\n## Output schema\n"):]
        text = text[: text.index("\n## ", 1)]
    return text


def _documented_tables(text: str, heading: str) -> dict[str, list[str]]:
    """{table: [column, ...]} from `<heading> \\`table\\`` headings and `| \\`column\\` |` rows."""
    tables: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if match := re.fullmatch(rf"{heading} `(\w+)`", line):
            current = tables.setdefault(match[1], [])
        elif line.startswith("#"):
            current = None
        elif current is not None and (match := re.match(r"\| `(\w+)` \| .+ \|$", line)):
            current.append(match[1])
    return tables


def _listed(text: str, label: str) -> set[tuple[str, tuple[str, ...]]]:
    """The `table(a, b)` items of the sentence that starts with `label`."""
    sentence = re.search(rf"{label}: (.*?)\.(?:\s|$)", " ".join(text.split()))
    assert sentence, label
    return {
        (table, tuple(c.strip() for c in columns.split(",")))
        for table, columns in re.findall(r"`(\w+)\(([^)]*)\)`", sentence[1])
    }


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path = tmp_path_factory.mktemp("docs") / "news.db"
    ArticleStore(path).close()
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


def _real_tables(db: sqlite3.Connection) -> dict[str, list[str]]:
    names = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE TABLE%'"
        " AND name NOT LIKE 'articles_fts%'")]
    return {n: [r[1] for r in db.execute(f"PRAGMA table_info({n})")] for n in names}


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_table_and_column_is_documented_in_order(
    document: str, database: sqlite3.Connection
) -> None:
    documented = _documented_tables(_section(document), DOCUMENTS[document])
    assert documented == _real_tables(database)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_documented_version_keys_and_indexes_are_the_databases(
    document: str, database: sqlite3.Connection
) -> None:
    text = _section(document)
    version = database.execute("PRAGMA user_version").fetchone()[0]
    assert f"(currently **{version}**)" in text
    keys = set()
    for table in _real_tables(database):
        info = sorted((r[5], r[1]) for r in database.execute(f"PRAGMA table_info({table})"))
        keys.add((table, tuple(name for position, name in info if position)))
    assert _listed(text, "Primary keys") == keys
    indexes = {
        (table, tuple(r[2] for r in database.execute(f"PRAGMA index_info({name})")))
        for name, table in database.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    }
    assert _listed(text, "Indexes") == indexes


@pytest.mark.parametrize("document", DOCUMENTS)
def test_full_text_section_names_the_indexed_columns_and_tokenizer(
    document: str, database: sqlite3.Connection
) -> None:
    fts = database.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
    columns = re.findall(r'"(\w+)"', fts[fts.index("(") : fts.index("tokenize")])
    tokenizer = re.search(r"tokenize='([^']+)'", fts)[1]
    text = " ".join(_section(document).split())
    fts_text = text[text.index("Full-text search"):]
    assert f"tokenizer `{tokenizer}`" in fts_text
    names = [f"`articles.{c}`" for c in columns]
    assert f"{', '.join(names[:-1])} and {names[-1]}" in fts_text


@pytest.mark.parametrize("document", DOCUMENTS)
def test_documents_are_as_schema_doc_writes_them(document: str) -> None:
    text = (ROOT / document).read_text(encoding="utf-8")
    assert text == schema_doc.rewritten(text, len(DOCUMENTS[document])), (
        f"{document} is out of date: python -m pipelines.storage.schema_doc"
    )


def test_schema_doc_check_fails_on_a_stale_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in schema_doc.DOCUMENTS:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), "utf-8")
    monkeypatch.setattr(schema_doc, "ROOT", tmp_path)
    assert schema_doc.main(["--check"]) == 0
    stale = (tmp_path / "docs/schema.md").read_text("utf-8").replace(
        "| `word_count` | Number of words", "| `word_count` | Count of words")
    (tmp_path / "docs/schema.md").write_text(stale, "utf-8")
    assert schema_doc.main(["--check"]) == 1
    assert schema_doc.main([]) == 0  # rewrites it
    assert schema_doc.main(["--check"]) == 0
    assert "| `word_count` | Number of words" in (tmp_path / "docs/schema.md").read_text("utf-8")
