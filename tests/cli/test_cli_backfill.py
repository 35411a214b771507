"""`newscrawl backfill`: exactly the range, found by probing rather than walking."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from crawler.mirror import MirrorArticle
from tests.support.cli import (
    article_paths,
    in_range,
    listing_requests,
    newscrawl,
    runs,
    stored_urls,
)

SINCE, UNTIL = date(2018, 3, 1), date(2018, 5, 31)


def covering_pages(articles: list[MirrorArticle], section: str) -> int:
    """How many listing pages hold an article of the range (10 a page, newest first)."""
    items = sorted((a for a in articles if a.lang == "en" and a.section == section),
                   key=lambda a: a.published, reverse=True)
    return len({i // 10 for i, a in enumerate(items) if SINCE <= a.published <= UNTIL})


def test_backfill_stores_exactly_the_range_with_few_listing_pages(
    mirror_factory, decade: list[MirrorArticle], tmp_path: Path
) -> None:
    server = mirror_factory("en", articles=decade)
    db = tmp_path / "news.db"
    done = newscrawl(
        "backfill", "--lang", "en", "--base-url", server.base_url, "--db", str(db),
        "--since", str(SINCE), "--until", str(UNTIL), cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    wanted = in_range(decade, "en", SINCE, UNTIL)
    assert len(wanted) >= 5
    assert stored_urls(db) == {server.base_url + p for p in wanted}
    assert set(article_paths(server.request_log)) == wanted  # nothing outside the range
    for section, total in (("news_odkb", 30), ("smi", 15)):
        asked = len(listing_requests(server.request_log, section))
        bound = covering_pages(decade, section) + 2 + math.ceil(math.log2(total))
        assert asked <= bound, (section, asked, bound)
        assert asked < total / 2  # far fewer than a full walk
    run = runs(db)[-1]
    assert run["mode"] == "backfill" and run["exit_status"] == 0
    assert '"since": "2018-03-01"' in run["arguments"]


def test_backfill_skips_articles_already_stored(
    mirror_factory, decade: list[MirrorArticle], tmp_path: Path
) -> None:
    server = mirror_factory("en", articles=decade)
    db = tmp_path / "news.db"
    args = ("backfill", "--lang", "en", "--base-url", server.base_url, "--db", str(db),
            "--since", str(SINCE), "--until", str(UNTIL))
    assert newscrawl(*args, cwd=tmp_path).returncode == 0
    server.request_log.clear()
    again = newscrawl(*args, cwd=tmp_path)
    assert again.returncode == 0
    assert article_paths(server.request_log) == []
