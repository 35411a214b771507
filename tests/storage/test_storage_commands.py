"""CLI commands: export round-trips, safe export paths, search and stats output."""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from crawler.cli import main
from crawler.commands import export, stats
from crawler.commands import search as search_cmd
from pipelines.storage.store import ArticleStore
from tests.support.items import make_item


@pytest.fixture
def filled_db(db_path: Path) -> Path:
    with ArticleStore(db_path) as store:
        store.upsert_article(make_item("en"))
        store.upsert_article(make_item("ru", title='Кавычки "ёлки", запятые\nи строки'))
        store.upsert_article(make_item("en", slug="old", published="2019-06-01",
                                       section="smi", body_html=None, summary="Lead"))
        run = store.start_run("full", {}, None, None)
        store.finish_run(run, {"articles_new": 3}, "finished", 0)
    return db_path


def _args(module, argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=module.NAME)
    module.add_arguments(parser)
    return parser.parse_args(argv)


# The export's columns as the README and docs/schema.md promise them: every column of
# `articles` but the internal search_stems. Written out here, not taken from the exporter.
COLUMNS = (
    "url", "lang", "section", "slug", "title", "published", "summary", "body",
    "body_html", "translation_url", "listing_date", "date_source", "extraction", "flags",
    "word_count", "content_hash", "status", "gone_since", "first_seen", "last_seen",
    "updated",
)
TIMES = ("first_seen", "last_seen", "updated")
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
EN_BODY = "The exercises were held in Tajikistan.\n\nPeacekeepers trained together."
RU_BODY = "Учения прошли в Таджикистане.\n\nМиротворцы тренировались вместе."
EXTRACTION = '{"body": "trafilatura", "date": "structure", "title": "profile"}'
EN_URL = "https://en.odkb-csto.org/news/news_odkb/joint-exercise/"
RU_URL = "https://odkb-csto.org/news/news_odkb/joint-exercise/"
# What filled_db holds, in export order (published, then url), written from the items
# stored above and the documented column meanings (word_count counts as `wc -w` does).
ROWS = [
    {"url": "https://en.odkb-csto.org/news/smi/old/", "lang": "en", "section": "smi",
     "slug": "old", "title": "CSTO joint exercise", "published": "2019-06-01",
     "summary": "Lead", "body": EN_BODY, "body_html": None, "translation_url": None,
     "listing_date": "2024-03-15", "date_source": "article:time", "extraction": EXTRACTION,
     "flags": "[]", "word_count": 9, "status": "live", "gone_since": None},
    {"url": EN_URL, "lang": "en", "section": "news_odkb", "slug": "joint-exercise",
     "title": "CSTO joint exercise", "published": "2024-03-15", "summary": None,
     "body": EN_BODY, "body_html": "<p>Body</p>", "translation_url": RU_URL,
     "listing_date": "2024-03-15", "date_source": "article:time", "extraction": EXTRACTION,
     "flags": "[]", "word_count": 9, "status": "live", "gone_since": None},
    {"url": RU_URL, "lang": "ru", "section": "news_odkb", "slug": "joint-exercise",
     "title": 'Кавычки "ёлки", запятые\nи строки', "published": "2024-03-15",
     "summary": None, "body": RU_BODY, "body_html": "<p>Body</p>", "translation_url": EN_URL,
     "listing_date": "2024-03-15", "date_source": "article:time", "extraction": EXTRACTION,
     "flags": "[]", "word_count": 7, "status": "live", "gone_since": None},
]


def _comparable(rows: list[dict]) -> list[dict]:
    """Exported rows with the columns known only at run time checked and set aside:
    the three times (stored once, so equal) and the 64-hex-digit content hash."""
    out = []
    for row in rows:
        assert list(row) == list(COLUMNS)
        times = {row[k] for k in TIMES}
        assert len(times) == 1 and ISO_TIME.fullmatch(str(times.pop())), row
        assert re.fullmatch(r"[0-9a-f]{64}", row["content_hash"]), row
        out.append({k: v for k, v in row.items() if k not in (*TIMES, "content_hash")})
    assert len({row["content_hash"] for row in rows}) == len(rows)
    return out


def _cli(module, argv: list[str]) -> int:
    """`newscrawl NAME ARGV` in this process: the exit status, usage errors included."""
    try:
        return main([module.NAME, *argv])
    except SystemExit as exit_:
        return int(exit_.code)


def test_export_csv_round_trip(filled_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports" / "a.csv"
    out.parent.mkdir()
    assert export.run(_args(export, ["--db", str(filled_db), "--output", str(out)])) == 0
    with open(out, encoding="utf-8", newline="") as fh:
        back = list(csv.DictReader(fh))
    expected = [{k: "" if v is None else str(v) for k, v in r.items()} for r in ROWS]
    assert _comparable(back) == expected


def test_export_jsonl_round_trip_to_stdout(filled_db: Path, capsys) -> None:
    argv = ["--db", str(filled_db), "--format", "jsonl", "--lang", "en"]
    assert export.run(_args(export, argv)) == 0
    back = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert _comparable(back) == ROWS[:2]


def test_export_parquet_round_trip(filled_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.parquet"
    argv = ["--db", str(filled_db), "--format", "parquet", "--output", str(out)]
    assert export.run(_args(export, argv)) == 0
    table = pq.read_table(out)
    assert table.column_names == list(COLUMNS)
    assert _comparable(table.to_pylist()) == ROWS


def test_export_filters(filled_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.jsonl"
    argv = ["--db", str(filled_db), "--format", "jsonl", "--output", str(out),
            "--since", "2019-01-01", "--until", "2019-12-31", "--section", "smi"]
    assert export.run(_args(export, argv)) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["published"] for r in rows] == ["2019-06-01"]


def test_export_empty_parquet_still_has_schema(filled_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty.parquet"
    argv = ["--db", str(filled_db), "--format", "parquet", "--output", str(out),
            "--since", "2100-01-01"]
    assert export.run(_args(export, argv)) == 0
    table = pq.read_table(out)
    assert table.num_rows == 0
    types = {name: str(table.schema.field(name).type) for name in table.column_names}
    assert types == {c: "int64" if c == "word_count" else "string" for c in COLUMNS}
    assert table.column_names == list(COLUMNS)


@pytest.mark.parametrize("bad", ["exports/../../escape.csv", "../x.csv", "a/../b.csv"])
def test_export_path_traversal_rejected(filled_db: Path, tmp_path: Path, monkeypatch,
                                        capsys, bad: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert _cli(export, ["--db", str(filled_db), "--output", bad]) == 2
    assert "newscrawl: error: refusing output path with '..'" in capsys.readouterr().err
    assert not (tmp_path.parent / "escape.csv").exists()


def test_export_symlink_escape_rejected(filled_db: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "exports").mkdir()
    link = tmp_path / "exports" / "out.csv"
    link.symlink_to(tmp_path / "elsewhere.csv")
    assert _cli(export, ["--db", str(filled_db), "--output", str(link)]) == 2
    assert "outside" in capsys.readouterr().err


def test_parquet_needs_output(filled_db: Path, capsys) -> None:
    assert _cli(export, ["--db", str(filled_db), "--format", "parquet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: newscrawl export")
    assert "newscrawl: error: parquet output needs --output PATH" in err


@pytest.mark.parametrize("module", [export, search_cmd, stats])
def test_missing_database_is_exit_2(module, tmp_path: Path, capsys) -> None:
    argv = ["--db", str(tmp_path / "nope.db")] + (["x"] if module is search_cmd else [])
    assert _cli(module, argv) == 2
    assert "newscrawl: error: database not found" in capsys.readouterr().err
    assert not (tmp_path / "nope.db").exists()


def test_search_command_text_and_json(filled_db: Path, capsys) -> None:
    assert search_cmd.run(_args(search_cmd, ["--db", str(filled_db), "peacekeeper"])) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[0] == make_item("en")["url"]
    assert lines[1].startswith("    ")
    argv = ["--db", str(filled_db), "--json", "--lang", "ru", "миротворцами"]
    assert search_cmd.run(_args(search_cmd, argv)) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [h["lang"] for h in hits] == ["ru"]
    assert search_cmd.run(_args(search_cmd, ["--db", str(filled_db), "zzzz"])) == 1


def test_stats_command(filled_db: Path, capsys) -> None:
    assert stats.NAME == "stats"
    assert stats.run(_args(stats, ["--db", str(filled_db)])) == 0
    out = capsys.readouterr().out
    assert "articles: 3" in out and "news_odkb" in out and "2019" in out
    assert "finished" in out


def test_module_interface() -> None:
    for module in (export, search_cmd, stats):
        assert isinstance(module.NAME, str) and isinstance(module.HELP, str)
        assert callable(module.add_arguments) and callable(module.run)
