"""End to end: the README's contract command against the mirror, into SQLite.

`scrapy crawl csto -a lang=.. -a base_url=http://127.0.0.1:PORT -a sections=.. -s SQLITE_PATH=..`
runs in a subprocess against a mirror on loopback, for every template and language.
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.mirror import TEMPLATES, MirrorArticle, MirrorServer, build_dataset
from tests.support.crawl import expected_rows, rows, scrapy_crawl

SEED = Path(__file__).parents[1] / "fixtures" / "seed" / "000_64aa9db907325c64.txt"
SEED_TITLE = (
    "The delegation of the CSTO Secretariat, headed by the CSTO Deputy Secretary General "
    "Valery Semerikov, took part in the events of the UN Online Week of Fight against Terrorism"
)
FIELDS = ("title", "published", "body", "summary")


class Crawled:
    """One crawl of one mirror variant: its database, output and the mirror's request log."""

    def __init__(self, db: Path, result, server: MirrorServer) -> None:
        self.db, self.result, self.server = db, result, server

    def rows(self) -> list[dict]:
        return rows(self.db)


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory):
    """Crawl each (lang, template, encoding) variant once per module, on demand."""
    dataset = build_dataset()
    done: dict[tuple[str, str, str], Crawled] = {}
    servers: list[MirrorServer] = []

    def crawl(lang: str, template: str, encoding: str = "utf-8") -> Crawled:
        key = (lang, template, encoding)
        if key not in done:
            server = MirrorServer(dataset, lang, template=template, encoding=encoding).start()
            servers.append(server)
            db = tmp_path_factory.mktemp(f"{lang}-{template}") / "x.db"
            done[key] = Crawled(db, scrapy_crawl(server.base_url, db, lang=lang), server)
        return done[key]

    yield crawl
    for server in servers:
        server.stop()


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_mirror_article_is_stored_once_and_exactly(
    crawls, dataset: list[MirrorArticle], lang: str, template: str
) -> None:
    crawled = crawls(lang, template)
    stored = crawled.rows()
    expected = expected_rows(dataset, lang)
    by_path = {urlsplit(r["url"]).path: r for r in stored}
    assert len(stored) == len(by_path) == len(expected)  # one row per article, none missing
    for path, want in expected.items():
        got = by_path[path]
        assert {k: got[k] for k in FIELDS} == want, path
        assert got["url"] == crawled.server.base_url + path  # absolute, no query, no fragment
        assert got["lang"] == lang and got["slug"] == path.rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.parametrize("template", TEMPLATES)
def test_seed_article_title_date_and_six_paragraphs(crawls, template: str) -> None:
    seed_text = SEED.read_text(encoding="utf-8")
    stored = [r for r in crawls("en", template).rows() if r["title"] == SEED_TITLE]
    assert len(stored) == 1
    article = stored[0]
    assert article["published"] == "2020-07-10"
    paragraphs = article["body"].split("\n\n")
    assert len(paragraphs) == 6
    assert all(p in seed_text for p in paragraphs)
    assert paragraphs[0].startswith("From July 6 to 10, the UN Counter-Terrorism Directorate")
    assert paragraphs[5].endswith("dated May 26, 2020.")
    for intruder in ("Go back", "Back to the section", "22.04.2024", SEED_TITLE):
        assert intruder not in article["body"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_template_yields_identical_rows(crawls, lang: str) -> None:
    def content(template: str) -> list[tuple]:
        crawled = crawls(lang, template)
        return sorted(
            (urlsplit(r["url"]).path, *(r[k] for k in FIELDS), r["section"])
            for r in crawled.rows()
        )

    reference = content("bitrix")
    assert reference
    for template in TEMPLATES[1:]:
        assert content(template) == reference, template


@pytest.mark.parametrize("encoding", ["cp1251-meta", "cp1251-wrong-header"])
def test_windows_1251_pages_come_out_as_cyrillic(crawls, encoding: str) -> None:
    stored = crawls("ru", "bitrix", encoding).rows()
    reference = {r["url"].split("/news/")[1]: r for r in crawls("ru", "bitrix").rows()}
    assert len(stored) == len(reference)
    for row in stored:
        same = reference[row["url"].split("/news/")[1]]
        assert (row["title"], row["body"]) == (same["title"], same["body"])
        assert "\ufffd" not in row["body"]


def test_profile_template_is_healthy_and_exits_zero(crawls) -> None:
    crawled = crawls("en", "bitrix")
    assert crawled.result.returncode == 0, crawled.result.stderr[-3000:]
    assert "'health/title/profile_share': 1.0" in crawled.result.stderr
    assert "Extraction health failed" not in crawled.result.stderr


@pytest.mark.parametrize("template", [t for t in TEMPLATES if t != "bitrix"])
def test_selectors_missing_everywhere_still_store_rows_but_exit_3(crawls, template: str) -> None:
    crawled = crawls("en", template)
    assert crawled.result.returncode == 3
    log = crawled.result.stderr
    missed = r"Extraction health failed: the site profile's (title|date|body) selectors missed"
    assert re.search(missed, log)
    assert crawled.server.base_url + "/news/" in log.split("Extraction health failed")[1]
    assert "'health/failed': 1" in log
    assert len(crawled.rows()) == 65


def test_extraction_layers_and_date_provenance_are_recorded(crawls) -> None:
    for template, date_source in (("bitrix", "article:profile"), ("modern", "article:time"),
                                  ("legacy", "article:text")):
        for row in crawls("en", template).rows():
            layers = json.loads(row["extraction"])
            assert set(layers) == {"title", "date", "body"}
            assert row["date_source"] == date_source
            assert row["listing_date"] == row["published"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_article_page_without_a_date_takes_the_listing_date(crawls, lang: str) -> None:
    """`press` pages show no date of their own, and their sidebar's newer dates carry the
    profile's date classes: the date is the listing's, never another article's."""
    stored = crawls(lang, "press").rows()
    assert len(stored) == 65
    for row in stored:
        assert row["date_source"] == "listing", row["url"]
        assert row["published"] == row["listing_date"], row["url"]


def test_second_crawl_changes_nothing_but_last_seen_which_advances(
    tmp_path: Path, mirror_factory
) -> None:
    server = mirror_factory("en", "bitrix")
    db = tmp_path / "twice.db"
    assert scrapy_crawl(server.base_url, db).returncode == 0
    connection = sqlite3.connect(db)
    with connection:  # as if the first crawl had run long ago: the second must say "seen now"
        connection.execute("update articles set last_seen = '2000-01-01T00:00:00Z'")
    before = {r["url"]: r for r in rows(db)}
    second_started = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert scrapy_crawl(server.base_url, db).returncode == 0
    after = {r["url"]: r for r in rows(db)}
    assert after.keys() == before.keys()
    for url, row in after.items():
        old = before[url]
        changed = {k for k in row if row[k] != old[k]}
        assert changed == {"last_seen"}, (url, changed)
        assert row["last_seen"] >= second_started
    assert connection.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert connection.execute("select count(*) from article_versions").fetchone()[0] == 0


def test_pagination_stops_at_the_clamped_last_page(crawls) -> None:
    log = crawls("en", "bitrix").server.request_log
    listing_requests = [p for p in log if p.startswith("/news/news_odkb/") and "PAGEN" in p]
    # 45 articles, 10 per page: pages 2..5 and one clamped probe (6) at most; never a loop.
    assert len(listing_requests) == len(set(listing_requests)) <= 5


@pytest.mark.parametrize("template", TEMPLATES)
def test_listing_date_is_kept_and_agrees_on_every_template(crawls, template: str) -> None:
    stored = crawls("en", template).rows()
    assert stored and all(row["listing_date"] == row["published"] for row in stored)
    assert all("date_mismatch" not in (row["flags"] or "") for row in stored)
