"""The six kinds of silently wrong rows found on layouts nobody here had written (issue 11).

Each test reads a hand-written page of that shape (tests/fixtures/, expected fields beside
each page) and asserts exactly what the crawl must store from it; each failed before its fix.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawler.extract import extract_page
from crawler.extract.listing import extract_listing
from crawler.extract.urls import absolute
from crawler.items import ArticleItem
from crawler.sites import get_profile
from pipelines.dates import DatesPipeline

FIXTURES = Path(__file__).parent / "fixtures"
MALFORMED = "http://[ccpa-preferences]"


def page(name: str) -> tuple[str, dict]:
    html = (FIXTURES / "articles" / f"{name}.html").read_text(encoding="utf-8")
    return html, json.loads((FIXTURES / "articles" / f"{name}.json").read_text("utf-8"))


def listing(name: str) -> tuple[str, dict]:
    html = (FIXTURES / "listings" / f"{name}.html").read_text(encoding="utf-8")
    return html, json.loads((FIXTURES / "listings" / f"{name}.json").read_text("utf-8"))


def dated(item: dict) -> ArticleItem:
    crawler = SimpleNamespace(stats=MemoryStatsCollector(
        SimpleNamespace(settings=Settings({"STATS_DUMP": False}))))
    return DatesPipeline(crawler).process_item(ArticleItem(flags=[], **item))


# 1. A page with no date of its own never takes another article's ----------------------


def test_dateless_article_takes_no_date_from_a_sidebar_using_the_profiles_classes() -> None:
    """The latest-news items carry `news-detail__date`, a class the profile's own date
    selector looks for, with newer dates: none of them is this article's date."""
    html, expected = page("unseen_en_dateless_sidebar_profile_classes")
    found = extract_page(html, expected["url"], "en")
    assert found.published is None and found.date_raw is None
    assert "date" not in found.layers
    assert found.layers["title"] == found.layers["body"] == "profile"


def test_dateless_article_gets_the_listings_date_without_a_mismatch() -> None:
    html, expected = page("unseen_en_dateless_sidebar_profile_classes")
    found = extract_page(html, expected["url"], "en")
    item = dated({"url": expected["url"], "lang": "en", "date_raw": found.date_raw,
                  "date_source": found.date_source, "listing_date_raw": "03.09.2024"})
    assert item["published"] == "2024-09-03"
    assert item["date_source"] == "listing" and "date_mismatch" not in item["flags"]


def test_own_date_wins_over_a_newer_sidebar_date_met_first_in_the_page() -> None:
    html, expected = page("unseen_ru_sections_signature_dated_sidebar")
    assert "22.04.2024" in html  # the sidebar's news-date-time, newer than the article
    assert extract_page(html, expected["url"], "ru").published == "2024-09-12"


# 2. The last paragraphs of a body are kept --------------------------------------------


@pytest.mark.parametrize("name, last", [
    ("unseen_en_sections_interview_source", "Source: the «Military Review» journal"),
    ("unseen_ru_sections_signature_dated_sidebar", "Пресс-служба Секретариата ОДКБ"),
])
def test_body_in_sections_keeps_answers_quotes_and_the_closing_line(name: str, last: str) -> None:
    html, expected = page(name)
    body = extract_page(html, expected["url"], expected["lang"]).body
    paragraphs = body.split("\n\n")
    assert body == expected["body"]
    assert paragraphs[-1] == last
    assert sum(p.startswith("— ") for p in paragraphs) >= 1  # interview answers
    assert any(p.startswith(("«", "“")) for p in paragraphs)  # quotations
    assert html.count("<section") == 3 and len(paragraphs) >= 7  # all three sections


# 3 and 5. Table-row listings: leads in their own rows; no lead is NULL, never a glyph ---


@pytest.mark.parametrize("name", ["unseen_en_table_rows_leads", "unseen_ru_table_rows_leads"])
def test_table_listing_reads_each_lead_from_its_own_row(name: str) -> None:
    html, expected = listing(name)
    entries = extract_listing(html, expected["url"], get_profile(expected["lang"])).entries
    leads = {urlsplit(e.url).path: e.lead for e in entries}
    assert leads == {entry["path"]: entry["lead"] for entry in expected["entries"]}
    assert [e.lead for e in entries].count(None) == 1  # the item that has no lead


@pytest.mark.parametrize("name", ["unseen_en_table_rows_leads", "unseen_ru_table_rows_leads"])
def test_an_item_without_a_lead_has_no_summary_not_the_arrow_of_more(name: str) -> None:
    html, expected = listing(name)
    entries = extract_listing(html, expected["url"], get_profile(expected["lang"])).entries
    assert all(e.lead is None or len(e.lead.split()) >= 3 for e in entries)
    assert not any(e.lead in ("»", "More »", "Подробнее »") for e in entries)


# 4. A dateline opening the text is the text, and a copyright line never is -------------


@pytest.mark.parametrize("name", ["unseen_ru_dateline_footer", "unseen_en_dateline_two_paragraphs"])
def test_dateline_paragraph_is_the_body_and_the_footer_is_not(name: str) -> None:
    html, expected = page(name)
    body = extract_page(html, expected["url"], expected["lang"]).body
    assert body == expected["body"]
    assert body.startswith(("Москва, 12 сентября 2024 года.", "Moscow, 12 September 2024"))
    assert "©" not in body and "2009–2024" not in body


# 6. A link that cannot be parsed costs that link, never the page ----------------------


def test_malformed_links_are_skipped_in_article_images_attachments_and_lists() -> None:
    html, expected = page("unseen_en_sections_interview_source")
    html = html.replace(
        "<p>More than three thousand",
        f'<img src="{MALFORMED}/a.jpg"><img src="/upload/a.jpg">'
        f'<a href="{MALFORMED}/plan.pdf">Plan (PDF)</a> <a href="/upload/plan.pdf">Plan</a>'
        "<p>More than three thousand",
    )
    html = html.replace("</aside>", f'<a href="{MALFORMED}">Cookie preferences</a></aside>')
    found = extract_page(html, expected["url"], "en")
    assert found.title == expected["title"]
    assert [i["url"] for i in found.images] == ["https://en.odkb-csto.org/upload/a.jpg"]
    assert [a["url"] for a in found.attachments] == ["https://en.odkb-csto.org/upload/plan.pdf"]


@pytest.mark.parametrize("name", ["unseen_en_table_rows_leads", "unseen_ru_table_rows_leads"])
def test_malformed_link_in_a_listing_is_skipped(name: str) -> None:
    html, expected = listing(name)
    assert MALFORMED in html
    entries = extract_listing(html, expected["url"], get_profile(expected["lang"])).entries
    assert len(entries) == len(expected["entries"])


def test_a_link_that_cannot_be_resolved_is_none_not_an_exception() -> None:
    assert absolute("https://en.odkb-csto.org/news/", MALFORMED) is None
    assert absolute("https://en.odkb-csto.org/news/", "http://host:port/") is None
    assert absolute("https://en.odkb-csto.org/news/", "/a/") == "https://en.odkb-csto.org/a/"
