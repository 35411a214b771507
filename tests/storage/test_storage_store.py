"""ArticleStore: upserts, versions, translations, sanitising, safety, batching."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pipelines.storage.store import ArticleStore
from pipelines.storage.tables import ARTICLES
from tests.support.items import make_item


def _row(store: ArticleStore, url: str) -> dict:
    store.commit()
    return next(store.db.query("SELECT * FROM articles WHERE url = ?", [url]))


def test_new_unchanged_updated_with_version_history(store: ArticleStore) -> None:
    item = make_item()
    assert store.upsert_article(item) == "new"
    first = _row(store, item["url"])
    assert first["updated"] == first["first_seen"] == first["last_seen"]
    assert store.upsert_article(item) == "unchanged"
    assert store.db["article_versions"].count == 0

    changed = dict(item, body="A completely rewritten body.")
    assert store.upsert_article(changed) == "updated"
    versions = list(store.db.query("SELECT * FROM article_versions"))
    assert len(versions) == 1
    old = versions[0]
    assert old["body"] == item["body"] and old["title"] == item["title"]
    assert old["content_hash"] == first["content_hash"]
    assert old["valid_from"] == first["updated"] and old["replaced_at"]
    row = _row(store, item["url"])
    assert row["body"] == "A completely rewritten body."
    assert row["content_hash"] != first["content_hash"] and row["word_count"] == 4
    assert store.upsert_article(changed) == "unchanged"
    assert store.upsert_article(dict(changed, published="2024-03-16")) == "updated"
    assert store.db["article_versions"].count == 2


LONG_AGO = "2000-01-01T00:00:00Z"


def _utc_now_to_the_second() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_unchanged_article_seen_again_advances_last_seen_only(store: ArticleStore) -> None:
    item = make_item()
    store.upsert_article(item)
    store.commit()
    store.db.execute("UPDATE articles SET first_seen = ?, last_seen = ?, updated = ?",
                     [LONG_AGO, LONG_AGO, LONG_AGO])
    before = _utc_now_to_the_second()
    assert store.upsert_article(item) == "unchanged"
    row = _row(store, item["url"])
    assert row["last_seen"] >= before  # seen now, not in 2000
    assert (row["first_seen"], row["updated"]) == (LONG_AGO, LONG_AGO)


def test_reextracted_unchanged_article_keeps_last_seen(store: ArticleStore) -> None:
    item = make_item()
    store.upsert_article(item)
    store.commit()
    store.db.execute("UPDATE articles SET last_seen = ?", [LONG_AGO])
    assert store.upsert_article(item, fetched_at="2024-01-01T00:00:00Z") == "unchanged"
    assert _row(store, item["url"])["last_seen"] == LONG_AGO  # the site was not visited


def test_changed_article_rewrites_content_and_keeps_its_history_columns(
    store: ArticleStore,
) -> None:
    """What an update does to each kind of column: content from the item, first_seen and
    the translation link kept, last_seen and updated moved to now, a gone article live
    again when the site served it; a re-extraction of an old page moves no time back and
    leaves the status alone."""
    en, ru = make_item("en"), make_item("ru")
    store.upsert_article(en)
    store.upsert_article(ru)  # links the two
    store.commit()
    store.db.execute("UPDATE articles SET first_seen = ?, last_seen = ?, updated = ?",
                     [LONG_AGO, LONG_AGO, LONG_AGO])
    store.mark_gone(en["url"])
    before = _utc_now_to_the_second()
    changed = dict(en, title="New title", summary="New lead", flags=["replacement_char"],
                   body_html='<p onclick="x()">New</p>')
    assert store.upsert_article(changed) == "updated"
    row = _row(store, en["url"])
    assert (row["title"], row["summary"], row["flags"]) == ("New title", "New lead",
                                                            '["replacement_char"]')
    assert row["body_html"] == "<p>New</p>" and row["word_count"] == 9
    assert row["first_seen"] == LONG_AGO and row["translation_url"] == ru["url"]
    assert row["last_seen"] >= before and row["updated"] >= before
    assert row["status"] == "live" and row["gone_since"] is None

    store.mark_gone(en["url"])
    gone_since = _row(store, en["url"])["gone_since"]
    old_page = dict(changed, body="Re-extracted body.")
    assert store.upsert_article(old_page, fetched_at=LONG_AGO) == "updated"
    row = _row(store, en["url"])
    assert row["body"] == "Re-extracted body." and row["last_seen"] >= before
    assert row["status"] == "gone" and row["gone_since"] == gone_since
    assert store.db["article_versions"].count == 2


def test_translation_links_both_directions(store: ArticleStore) -> None:
    ru = make_item("ru")
    en = make_item("en")
    store.upsert_article(ru)
    assert _row(store, ru["url"])["translation_url"] is None
    store.upsert_article(en)  # English after Russian: the Russian row is updated too
    assert _row(store, en["url"])["translation_url"] == ru["url"]
    assert _row(store, ru["url"])["translation_url"] == en["url"]


def test_translation_fallback_by_section_and_date(store: ArticleStore) -> None:
    en = make_item("en", slug="csto-secretary-general-visit")
    ru = make_item("ru", slug="vizit-generalnogo-sekretarya")
    store.upsert_article(en)
    store.upsert_article(ru)
    assert _row(store, ru["url"])["translation_url"] == en["url"]
    assert _row(store, en["url"])["translation_url"] == ru["url"]


def test_translation_fallback_needs_exactly_one_candidate(store: ArticleStore) -> None:
    store.upsert_article(make_item("en", slug="one"))
    store.upsert_article(make_item("en", slug="two"))
    ru = make_item("ru", slug="tri")
    store.upsert_article(ru)
    assert _row(store, ru["url"])["translation_url"] is None
    other_section = make_item("ru", slug="chetyre", section="smi")
    store.upsert_article(other_section)
    assert _row(store, other_section["url"])["translation_url"] is None


def test_body_html_sanitised_and_absolute(store: ArticleStore) -> None:
    html = (
        '<p onclick="steal()" style="color:red">Text <a href="/news/x/" onmouseover="x()">x</a>'
        '<img src="img/photo.jpg" onerror="alert(1)"><a href="javascript:alert(1)">j</a></p>'
        "<script>alert('xss')</script><style>p{}</style>"
    )
    item = make_item(body_html=html)
    store.upsert_article(item)
    clean = _row(store, item["url"])["body_html"]
    for bad in ("<script", "alert('xss')", "onclick", "onmouseover", "onerror", "style",
                "javascript:"):
        assert bad not in clean
    assert 'href="https://en.odkb-csto.org/news/x/"' in clean
    assert 'src="https://en.odkb-csto.org/news/news_odkb/joint-exercise/img/photo.jpg"' in clean


def test_sql_injection_title_stored_verbatim(store: ArticleStore) -> None:
    title = "'); DROP TABLE articles;--"
    item = make_item(title=title, slug="x'; DROP TABLE images;--")
    store.upsert_article(item)
    assert _row(store, item["url"])["title"] == title
    assert store.db["articles"].exists() and store.db["images"].exists()
    store.add_reject(title, title, {"title": title})
    assert store.db["rejects"].count == 1


def test_extra_item_keys_never_become_columns(store: ArticleStore) -> None:
    before = set(store.db["articles"].columns_dict)
    item = make_item(**{"evil; DROP TABLE x": 1, "scraped_field": "x", "gone": False})
    store.upsert_article(item)
    assert set(store.db["articles"].columns_dict) == before == set(ARTICLES.names)


def test_json_columns_and_children(store: ArticleStore) -> None:
    item = make_item(flags=["replacement_char"])
    store.upsert_article(item)
    row = _row(store, item["url"])
    assert json.loads(row["extraction"])["body"] == "trafilatura"
    assert json.loads(row["flags"]) == ["replacement_char"]
    assert store.db["images"].count == 1 and store.db["attachments"].count == 1
    store.upsert_article(dict(item, body="new body", images=[], attachments=[
        {"url": "https://en.odkb-csto.org/upload/b.pdf", "title": "B"},
        {"url": "https://en.odkb-csto.org/upload/c.pdf", "title": None},
    ]))
    store.commit()
    assert store.db["images"].count == 0
    assert {r["url"][-5:] for r in store.db["attachments"].rows} == {"b.pdf", "c.pdf"}


def test_rejects_store_raw_as_json(store: ArticleStore) -> None:
    raw = {"url": "https://x/", "title": None, "when": object(), "nested": {"a": [1, 2]}}
    store.add_reject("https://x/", "missing title", raw)
    store.commit()
    row = next(store.db.query("SELECT * FROM rejects"))
    assert row["reason"] == "missing title" and row["rejected_at"]
    stored = json.loads(row["raw"])
    assert stored["nested"] == {"a": [1, 2]} and stored["when"].startswith("<object")


def test_mark_gone_keeps_row_and_revives(store: ArticleStore) -> None:
    item = make_item()
    store.upsert_article(item)
    assert store.mark_gone(item["url"])
    row = _row(store, item["url"])
    assert row["status"] == "gone" and row["gone_since"] and row["body"] == item["body"]
    assert store.mark_gone("https://en.odkb-csto.org/unknown/") is False
    assert store.upsert_article(item) == "unchanged"
    row = _row(store, item["url"])
    assert row["status"] == "live" and row["gone_since"] is None


def test_known_urls(store: ArticleStore) -> None:
    en, ru = make_item("en"), make_item("ru", section="smi", slug="s")
    store.upsert_article(en)
    store.upsert_article(ru)
    assert store.known_urls() == {en["url"], ru["url"]}
    assert store.known_urls(lang="ru") == {ru["url"]}
    assert store.known_urls(section="news_odkb") == {en["url"]}
    assert store.known_urls(lang="ru", section="news_odkb") == set()


def test_crawl_runs(store: ArticleStore) -> None:
    run_id = store.start_run("incremental", {"max_pages": 3, "since": None}, "en", ["smi"])
    row = next(store.db.query("SELECT * FROM crawl_runs"))
    assert row["finished"] is None and row["finish_reason"] is None
    assert json.loads(row["arguments"]) == {"max_pages": 3, "since": None}
    store.finish_run(run_id, {"pages_fetched": 7, "articles_new": 2}, "finished", None)
    store.set_exit_status(run_id, 0)
    row = next(store.db.query("SELECT * FROM crawl_runs"))
    assert row["finished"] and row["finish_reason"] == "finished" and row["exit_status"] == 0
    assert row["pages_fetched"] == 7 and row["articles_new"] == 2 and row["errors"] == 0
    assert row["sections"] == "smi" and row["mode"] == "incremental"


def test_a_counter_no_column_records_is_an_error_not_a_silent_zero(store: ArticleStore) -> None:
    run_id = store.start_run("reextract", {}, "en", [])
    with pytest.raises(ValueError, match="no crawl_runs counter is called article_new"):
        store.finish_run(run_id, {"article_new": 2, "articles_new": 1}, "finished", 0)
    row = next(store.db.query("SELECT * FROM crawl_runs"))
    assert row["finished"] is None and row["articles_new"] is None  # left unfinished


def test_commit_batching_visible_to_other_connection(db_path: Path) -> None:
    store = ArticleStore(db_path, batch_size=10, commit_interval=3600)
    for i in range(25):
        store.upsert_article(make_item(slug=f"a{i}", published=f"2024-01-{i + 1:02d}"))
    other = sqlite3.connect(db_path)
    seen = other.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 20 <= seen < 25  # the last full batch is committed, the tail is not
    store.close()
    assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == 25
    other.close()


def test_commit_interval(db_path: Path) -> None:
    store = ArticleStore(db_path, batch_size=1000, commit_interval=0.0)
    store.upsert_article(make_item())
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    other.close()
    store.close()


def test_open_reader_does_not_block_writes(db_path: Path) -> None:
    store = ArticleStore(db_path, batch_size=5)
    store.upsert_article(make_item(slug="first"))
    store.commit()
    reader = sqlite3.connect(db_path, isolation_level=None)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    for i in range(50):  # ten commits while the read transaction stays open
        store.upsert_article(make_item(slug=f"s{i}", published="2024-02-01", body=f"b {i}"))
    store.commit()
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1  # snapshot
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 51
    reader.close()
    store.close()


def test_failed_article_is_not_half_stored(store: ArticleStore) -> None:
    good = make_item(slug="good")
    store.upsert_article(good)
    bad = make_item(slug="bad", published="2024-05-05", images=[{"url": "x", "caption": object()}])
    with pytest.raises(sqlite3.Error):
        store.upsert_article(bad)
    store.commit()
    assert store.known_urls() == {good["url"]}  # the good one survives, the bad one is gone
    assert store.db["images"].count == 1
