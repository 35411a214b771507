"""Bad content: cut, empty, huge, deeply nested, mis-declared or hostile pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crawler.mirror import MirrorServer
from crawler.run.exit_codes import ERRORS, SUCCESS
from tests.support import faults
from tests.support.fault_crawls import (
    articles,
    assert_consistent,
    assert_stored_exactly,
    by_path,
    crawl,
    rejects,
    small_dataset,
)


def _victim(lang: str = "en"):
    return articles(lang)[2]


def _others(lang: str = "en") -> list:
    return [a for a in articles(lang) if a.path != _victim(lang).path]


def _rejected(db: Path, reason: str) -> dict:
    [reject] = rejects(db)
    assert reject["url"].endswith(_victim().path)
    assert reject["reason"].startswith(reason), reject["reason"]
    return reject


def test_truncated_with_content_length_is_data_loss_not_stored(site: MirrorServer, db: Path):
    fault = site.faults[_victim().path] = faults.truncate(with_content_length=True)
    result = crawl(site.base_url, db, RETRY_TIMES=1)
    assert result.returncode == ERRORS, result.stderr[-2000:]
    assert len(fault.requests) == 2  # data loss is retried once, then given up
    assert_stored_exactly(db, _others())
    assert "DataLoss" in _rejected(db, "download failed")["reason"]
    assert_consistent(db)


def test_truncated_without_content_length_is_rejected(site: MirrorServer, db: Path):
    site.faults[_victim().path] = faults.truncate(with_content_length=False, keep=0.9)
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert_stored_exactly(db, _others())
    _rejected(db, "truncated page")
    assert_consistent(db)


def test_truncated_then_complete_is_stored_in_full(site: MirrorServer, db: Path):
    site.faults[_victim().path] = faults.truncate(with_content_length=False, keep=0.9, times=1)
    assert crawl(site.base_url, db).returncode == SUCCESS
    assert _victim().path not in by_path(db)
    assert crawl(site.base_url, db).returncode == SUCCESS  # the next run completes the job
    assert_stored_exactly(db, articles())
    assert_consistent(db)


def test_empty_body_is_rejected(site: MirrorServer, db: Path):
    site.faults[_victim().path] = faults.empty_body()
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert_stored_exactly(db, _others())
    _rejected(db, "empty page")


@pytest.mark.parametrize("with_length", [True, False])
def test_page_over_the_size_cap_is_not_stored(site: MirrorServer, db: Path, with_length: bool):
    site.faults[_victim().path] = faults.huge_page(mb=10, with_content_length=with_length)
    result = crawl(site.base_url, db, RETRY_TIMES=0)  # DOWNLOAD_MAXSIZE is the 8 MB default
    assert result.returncode == SUCCESS, result.stderr[-2000:]  # a reject, not an error
    assert_stored_exactly(db, _others())
    assert "max size" in _rejected(db, "download failed")["reason"]
    assert_consistent(db)


def test_page_of_several_mb_under_the_cap_is_stored(site: MirrorServer, db: Path):
    padding = "<div class='counter'>" + "<span>x</span>" * 200_000 + "</div>"  # ~3 MB
    site.faults[_victim().path] = faults.rewrite(
        lambda h: h.replace("</footer>", padding + "</footer>")
    )
    result = crawl(site.base_url, db, DOWNLOAD_TIMEOUT=20)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert_stored_exactly(db, articles())


@pytest.mark.parametrize("depth", [300, 1000])
def test_deeply_nested_page_is_stored_intact(site: MirrorServer, db: Path, depth: int):
    site.faults[_victim().path] = faults.deep_nesting(depth)
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert_stored_exactly(db, articles())


def test_absurdly_nested_page_is_rejected_not_crashing(site: MirrorServer, db: Path):
    site.faults[_victim().path] = faults.deep_nesting(20_000)
    result = crawl(site.base_url, db)
    assert "Traceback" not in result.stderr
    assert_stored_exactly(db, _others())
    assert rejects(db)[0]["url"].endswith(_victim().path)


@pytest.mark.parametrize("declared", ["UTF-8", "ISO-8859-1", None])
def test_wrong_or_missing_charset_still_reads_cyrillic(mirror_factory, db: Path, declared):
    ru = mirror_factory("ru", articles=list(small_dataset()))
    for article in articles("ru"):
        ru.faults[article.path] = faults.wrong_charset(declared)
    result = crawl(ru.base_url, db, lang="ru")
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert_stored_exactly(db, articles("ru"))


def test_stray_invalid_utf8_byte_does_not_garble_the_page(site: MirrorServer, db: Path):
    site.faults[_victim().path] = faults.rewrite(
        lambda h: h.replace("</p>", "\udcff</p>", 1)  # one invalid byte (0xFF) in the text
    )
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    row = by_path(db)[_victim().path]
    assert row["title"] == _victim().title
    assert json.loads(row["flags"]) == ["replacement_char"]


def _replace_date(html: str, article) -> str:
    return html.replace(f"{article.published:%d.%m.%Y}", "sometime in spring")


def test_unreadable_date_is_rejected_with_the_raw_text(site: MirrorServer, db: Path):
    victim = _victim()
    site.faults[victim.path] = faults.rewrite(lambda h: _replace_date(h, victim))
    listing = f"/news/{victim.section}/"
    site.faults[listing] = faults.rewrite(lambda h: _replace_date(h, victim)).only(listing)
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert_stored_exactly(db, [a for a in _others() if a.published != victim.published])
    reject = next(r for r in rejects(db) if r["url"].endswith(victim.path))
    assert reject["reason"] == "unreadable date: 'sometime in spring'"
    assert json.loads(reject["raw"])["date_raw"] == "sometime in spring"


def test_unreadable_article_date_falls_back_to_the_listing(site: MirrorServer, db: Path):
    victim = _victim()
    site.faults[victim.path] = faults.rewrite(lambda h: _replace_date(h, victim))
    assert crawl(site.base_url, db).returncode == SUCCESS
    assert_stored_exactly(db, articles())
    assert by_path(db)[victim.path]["date_source"] == "listing"


def test_5000_character_title_is_rejected(site: MirrorServer, db: Path):
    victim, long_title = _victim(), "Very long title " * 312 + "end!"
    assert len(long_title) == 4996
    site.faults[victim.path] = faults.rewrite(lambda h: h.replace(victim.title, long_title))
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert_stored_exactly(db, _others())
    _rejected(db, "title too long (4996 characters)")


CONTROL = "\x01\x02\x0b\x0c\x1b\x7f\x85"


def test_control_characters_are_cleaned_and_stored(site: MirrorServer, db: Path):
    victim = _victim()
    dirty_title = victim.title.replace(" ", f" {CONTROL}", 1)
    site.faults[victim.path] = faults.rewrite(
        lambda h: h.replace(victim.title, dirty_title).replace("<p>", f"<p>&#1;&#xD800;{CONTROL}")
    )
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    row = by_path(db)[victim.path]
    for name in ("title", "body", "body_html", "summary"):
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]", row[name]), name
    assert row["title"] == victim.title
    assert_consistent(db)


def test_page_without_closing_tags_but_whole_content_length_is_stored(
    site: MirrorServer, db: Path
):
    """HTML lets a page omit </body></html>; a template we have not seen may do so."""
    site.faults[_victim().path] = faults.rewrite(
        lambda html: html.replace("</body>", "").replace("</html>", "")
    )
    assert crawl(site.base_url, db).returncode == SUCCESS
    assert_stored_exactly(db, articles())
    assert_consistent(db)
