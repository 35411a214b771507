"""Scrapy's own ways of taking items out (`-o`, FEEDS, Scrapyd's items feed) write one
clean record per article: the raw page travels to storage only, and a reject or a gone
page is no article."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from crawler.mirror import MirrorServer
from crawler.run.exit_codes import SUCCESS
from tests.support import faults
from tests.support.crawl import rows, scrapy_crawl
from tests.support.fault_crawls import articles, small_dataset

ARTICLE_FIELDS = {  # what an analyst expects of an exported article, written out by hand
    "url", "lang", "section", "slug", "title", "published", "date_raw", "date_source",
    "listing_date_raw", "listing_date", "summary", "body", "body_html", "images",
    "attachments", "extraction", "flags",
}


def _crawl_to(site: MirrorServer, tmp_path: Path, name: str) -> tuple[Path, Path]:
    out, db = tmp_path / name, tmp_path / "news.db"
    result = scrapy_crawl(site.base_url, db, options=["-o", str(out)], timeout=120)
    assert result.returncode == SUCCESS, result.stderr[-3000:]
    assert "ERROR" not in result.stderr, result.stderr[-3000:]
    assert f" feed ({len(articles())} items) in: {out}" in result.stderr  # Scrapy's line
    return out, db


def test_jsonl_feed_holds_every_article_once_without_the_raw_page(
    mirror_factory, tmp_path: Path
) -> None:
    site = mirror_factory("en", articles=list(small_dataset()))
    out, db = _crawl_to(site, tmp_path, "articles.jsonl")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    stored = {r["url"]: r for r in rows(db)}
    assert sorted(r["url"] for r in records) == sorted(stored)
    assert len(records) == len(articles())
    for record in records:
        assert set(record) <= ARTICLE_FIELDS and "page" not in record
        row = stored[record["url"]]
        assert (record["title"], record["published"], record["body"]) == (
            row["title"], row["published"], row["body"]
        )
        assert isinstance(record["images"], list) and isinstance(record["extraction"], dict)


def test_csv_feed_holds_every_article_once_with_json_cells(
    mirror_factory, tmp_path: Path
) -> None:
    site = mirror_factory("en", articles=list(small_dataset()))
    out, db = _crawl_to(site, tmp_path, "articles.csv")
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        records = list(reader)
    assert set(reader.fieldnames or ()) == ARTICLE_FIELDS
    stored = {r["url"]: r for r in rows(db)}
    assert sorted(r["url"] for r in records) == sorted(stored)
    for record in records:
        assert record["body"] == stored[record["url"]]["body"]
        assert json.loads(record["extraction"]) == json.loads(stored[record["url"]]["extraction"])
        assert isinstance(json.loads(record["images"]), list)


def test_feed_holds_neither_a_reject_nor_a_gone_page(mirror_factory, tmp_path: Path) -> None:
    """A 410 marks a stored article gone and a 404 is a reject: neither is an article, so
    neither is a feed record (both were once items of the one article class)."""
    site = mirror_factory("en", articles=list(small_dataset()))
    db, out = tmp_path / "news.db", tmp_path / "articles.jsonl"
    assert scrapy_crawl(site.base_url, db).returncode == SUCCESS
    gone, missing = articles()[1].path, articles()[3].path
    site.faults[gone] = faults.status(410)
    site.faults[missing] = faults.status(404)
    result = scrapy_crawl(site.base_url, db, options=["-o", str(out)], timeout=120)
    assert result.returncode == SUCCESS, result.stderr[-3000:]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    exported = sorted(r["url"].removeprefix(site.base_url) for r in records)
    assert exported == sorted(a.path for a in articles() if a.path not in (gone, missing))
    assert all(set(r) <= ARTICLE_FIELDS for r in records)
    assert f" feed ({len(articles()) - 2} items) in: {out}" in result.stderr
    status = {r["url"].removeprefix(site.base_url): r["status"] for r in rows(db)}
    assert status[gone] == "gone" and status[missing] == "live"
    [reject] = rows(db, "select url, reason from rejects")
    assert reject["url"].endswith(missing) and reject["reason"] == "HTTP 404"
