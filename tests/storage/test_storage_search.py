"""Full-text search: both languages, Russian stemming, sync on update, hostile input."""

from __future__ import annotations

import re
import sqlite3
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.storage.search import build_match, search
from pipelines.storage.store import ArticleStore
from tests.support.items import make_item

RU_FORMS = ("учения", "учений", "учениях")


def _urls(store: ArticleStore, query: str, lang: str | None = None) -> set[str]:
    store.commit()
    return {hit["url"] for hit in search(store.db, query, lang=lang)}


def test_russian_word_forms_find_each_other(store: ArticleStore) -> None:
    items = [
        make_item("ru", slug=f"s{i}", published=f"2024-01-0{i + 1}",
                  title=f"Новость {i}", body=f"Сегодня начались {form} миротворцев.")
        for i, form in enumerate(RU_FORMS)
    ]
    for item in items:
        store.upsert_article(item)
    everything = {item["url"] for item in items}
    for form in RU_FORMS:
        assert _urls(store, form) == everything, form
        assert _urls(store, form, lang="ru") == everything
        assert _urls(store, form, lang="en") == set()


def test_english_stemming_and_language_filter(store: ArticleStore) -> None:
    en = make_item("en", body="Peacekeepers conducted exercises near Dushanbe.")
    ru = make_item("ru")
    store.upsert_article(en)
    store.upsert_article(ru)
    assert _urls(store, "exercise") == {en["url"]}
    assert _urls(store, "Peacekeeping exercising") == {en["url"]}
    assert _urls(store, "Таджикистан") == {ru["url"]}
    assert _urls(store, "таджикистане", lang="ru") == {ru["url"]}


def test_results_ranked_with_snippet(store: ArticleStore) -> None:
    weak = make_item("en", slug="weak", title="Meeting", body="Drills were mentioned once.")
    strong = make_item("en", slug="strong", published="2024-04-01", title="Drills",
                       body="Drills and more drills: the drills went well.")
    store.upsert_article(weak)
    store.upsert_article(strong)
    store.commit()
    hits = search(store.db, "drills")
    assert [h["url"] for h in hits] == [strong["url"], weak["url"]]
    assert "[Drills]" in hits[0]["snippet"]
    assert hits[0]["rank"] <= hits[1]["rank"]
    assert search(store.db, "drills", limit=1)[0]["url"] == strong["url"]


def test_update_keeps_fts_in_sync(store: ArticleStore) -> None:
    item = make_item("en", body="The summit discussed the pomegranate harvest.")
    store.upsert_article(item)
    assert _urls(store, "pomegranate") == {item["url"]}
    store.upsert_article(dict(item, body="The summit discussed border security."))
    assert _urls(store, "pomegranate") == set()
    assert _urls(store, "border") == {item["url"]}
    store.upsert_article(dict(item, body="The summit discussed border security."))  # unchanged
    assert _urls(store, "border") == {item["url"]}
    store.db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")


# Query syntax, quotes and injection attempts: none of them holds a word of the stored
# article ("CSTO joint exercise" / "The exercises were held in Tajikistan..."), so each
# finds nothing, and none raises.
HOSTILE = [
    '"', '""', "'", "AND", "OR", "NOT", "NEAR", "NEAR(a b, 2)", "a OR", "* ", "^title",
    "title:x", "{title}: x", "(((", ")", "a AND (b OR", "-x", "+", "учения\" OR \"1",
    "'); DROP TABLE articles;--", "\x00", "", "   ", "é ü ñ", "x" * 5000, "🙂",
]
# The same syntax around a word the article holds: the syntax is text, the word is found.
HOSTILE_AROUND_A_WORD = [
    'exercise"', '"exercise', "(((exercise", "exercise)", "exercise*", "^exercise",
    "joint:exercise", "exercise(joint", "-exercise", "+exercise", "{exercise}",
    "exercise'); joint;--", "EXERCISE", "exercise\x00", "  exercise  ", "exercise _",
    "__ exercise", "exercise in tajikistan",
]


def test_hostile_queries_do_not_raise(store: ArticleStore) -> None:
    item = make_item()
    store.upsert_article(item)
    store.commit()
    for query in HOSTILE:
        assert search(store.db, query) == [], query
    for query in HOSTILE_AROUND_A_WORD:
        assert [hit["url"] for hit in search(store.db, query)] == [item["url"]], query
    assert search(store.db, "exercise AND") == []  # "and" is a word, not an operator


def _fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, search_stems)")
    return conn


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_is_a_valid_query(query: str) -> None:
    conn = _fts()
    match = build_match(query)
    # No letter or digit, no query ("_" is a separator to FTS5, as spaces are).
    assert (match is None) == (re.search(r"[^\W_]", query) is None)
    if match is not None:
        assert conn.execute(
            "SELECT * FROM articles_fts WHERE articles_fts MATCH ?", (match,)
        ).fetchall() == []
    conn.close()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.ascii_letters + string.digits + string.punctuation + " \t"))
def test_a_text_is_found_by_searching_for_itself(text: str) -> None:
    conn = _fts()
    conn.execute("INSERT INTO articles_fts (title, body, search_stems) VALUES ('', ?, '')",
                 (text,))
    match = build_match(text)
    found = [] if match is None else conn.execute(
        "SELECT body FROM articles_fts WHERE articles_fts MATCH ?", (match,)
    ).fetchall()
    assert found == ([] if re.search(r"[A-Za-z0-9]", text) is None else [(text,)])
    conn.close()


def test_yo_and_ye_find_each_other(store: ArticleStore) -> None:
    item = make_item("ru", body="Всё прошло хорошо, ёлка зелёная.")
    store.upsert_article(item)
    for query in ("всё", "все", "елка", "ёлки", "зеленая"):
        assert _urls(store, query) == {item["url"]}, query
