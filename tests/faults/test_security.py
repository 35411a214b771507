"""Hostile pages: SQL in titles, scripts in bodies, made-up fields."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crawler.mirror import MirrorServer
from crawler.run.exit_codes import SUCCESS
from pipelines.storage.tables import ARTICLES
from tests.support import faults
from tests.support.fault_crawls import articles, assert_consistent, by_path, crawl

INJECTION = "Ministers met'); DROP TABLE articles;-- and \"agreed\" OR 1=1"


def test_sql_in_a_title_is_stored_verbatim(site: MirrorServer, db: Path):
    victim = articles()[1]
    site.faults[victim.path] = faults.rewrite(lambda h: h.replace(victim.title, INJECTION))
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    stored = by_path(db)
    assert len(stored) == len(articles())
    assert stored[victim.path]["title"] == INJECTION
    assert_consistent(db)


def test_scripts_and_event_handlers_never_reach_body_html(site: MirrorServer, db: Path):
    victim = articles()[1]
    hostile = (
        '<p onclick="steal()" onmouseover="x()">A paragraph a reader clicks on, long enough '
        "to be part of the article text.</p><script>alert('xss')</script>"
        '<a href="javascript:alert(1)">link</a><img src="/x.jpg" onerror="alert(2)">'
        '<iframe src="https://evil.example/"></iframe>'
    )
    site.faults[victim.path] = faults.rewrite(
        lambda h: h.replace('<div class="news-detail__text" id="news-text">',
                            '<div class="news-detail__text" id="news-text">' + hostile, 1)
    )
    assert crawl(site.base_url, db).returncode == SUCCESS
    for row in by_path(db).values():
        html = (row["body_html"] or "").lower()
        for bad in ("<script", "onclick", "onmouseover", "onerror", "javascript:", "<iframe"):
            assert bad not in html, (row["url"], bad)
    assert "A paragraph a reader clicks on" in by_path(db)[victim.path]["body"]


def test_scraped_names_never_become_columns(site: MirrorServer, db: Path):
    victim = articles()[1]
    site.faults[victim.path] = faults.rewrite(lambda h: h.replace(
        "<head>", '<head><meta name="evil_column" content="1"><meta property="og:x);--" '
        'content="2"><meta itemprop="title, body) VALUES" content="3">', 1))
    assert crawl(site.base_url, db).returncode == SUCCESS
    conn = sqlite3.connect(db)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(articles)")]
    assert sorted(columns) == sorted(ARTICLES.names)
    assert victim.path in by_path(db)
