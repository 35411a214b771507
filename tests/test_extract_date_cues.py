"""Where an article page states its own date besides a date line (issue 11, "Dates"): the
URL's path, declared elements, JSON-LD, meta names, and htmldate as the last resort.

Each page is a hand-written article of the same frame (a menu, the title, two
paragraphs without a date, a footer) with one cue added, and each test asserts the day,
where it was found and, for the rules about which of several dates is the article's, that
the other date is not taken. A wrong date is worse than none: the listing's date answers.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawler.extract import extract_page
from crawler.items import ArticleItem
from pipelines.dates import DatesPipeline

URL = "https://en.odkb-csto.org/news/news_odkb/working-group-on-afghanistan/"
TITLE = "Working group on Afghanistan met in Moscow"
BODY = """<p>The Collective Security Treaty Organization held a meeting of the working group
on Afghanistan at the Secretariat in Moscow, with experts of all member states.</p>
<p>The participants discussed the situation on the borders of the region and agreed on the
next steps of the joint programme of cooperation for the coming years.</p>"""
LATEST_NEWS = """<aside class="latest"><h3>Latest news</h3><ul>
<li><span class="date">22.04.2024</span>
  <a href="/news/news_odkb/a/">Exercise in Tajikistan</a></li>
<li><span class="date">19.04.2024</span>
  <a href="/news/news_odkb/b/">Ministers met in Minsk</a></li>
<li><span class="date">15.04.2024</span>
  <a href="/news/news_odkb/c/">Council in Astana</a></li>
</ul></aside>"""


def article(head: str = "", before: str = "", after: str = "") -> str:
    """The frame, with `head` in <head>, `before` between the title and the text and
    `after` below the article."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{TITLE} - CSTO</title>{head}</head><body>
<header><nav><a href="/">Home</a> <a href="/news/">News</a>
<a href="/about/">About</a></nav></header>
<main><article><h1>{TITLE}</h1>{before}{BODY}</article>{after}</main>
<footer><p>© 2024 Collective Security Treaty Organization</p></footer></body></html>"""


def json_ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


def dated(**fields: object) -> ArticleItem:
    """An item through the dates pipeline, as the crawl runs it."""
    stats = MemoryStatsCollector(SimpleNamespace(settings=Settings({"STATS_DUMP": False})))
    pipeline = DatesPipeline(SimpleNamespace(stats=stats))
    return pipeline.process_item(ArticleItem(flags=[], lang="en", url=URL, **fields))


def test_the_frame_alone_has_no_date() -> None:
    """Every test below adds one cue to this page: without it, no date at all."""
    found = extract_page(article(), URL, "en")
    assert (found.published, found.date_source, found.date_raw) == (None, None, None)
    assert found.title == TITLE


def test_a_full_date_in_the_urls_path_is_the_articles() -> None:
    url = "https://en.odkb-csto.org/news/2019/11/18/working-group-on-afghanistan/"
    found = extract_page(article(), url, "en")
    assert (found.published, found.date_source) == ("2019-11-18", "url")


def test_a_year_and_month_in_the_path_are_no_date() -> None:
    url = "https://en.odkb-csto.org/news/2019/11/working-group-on-afghanistan/"
    assert extract_page(article(), url, "en").published is None


def test_a_declared_publication_element_wins_over_a_time_nearer_the_title() -> None:
    """The first `<time>` is the event's; the page declares the other as published."""
    found = extract_page(article(
        before='<p>Meeting of <time datetime="2021-03-10">10 March 2021</time></p>',
        after='<p class="info">Published <time pubdate datetime="2021-03-04">'
        "4 March 2021</time></p>",
    ), URL, "en")
    assert (found.published, found.date_source) == ("2021-03-04", "article:time")


def test_microdata_date_published_is_read_from_its_content() -> None:
    found = extract_page(article(
        before='<div class="meta"><span itemprop="datePublished" content="2021-03-04"></span>'
        '<span itemprop="dateModified" content="2023-01-02"></span></div>',
    ), URL, "en")
    assert (found.published, found.date_source) == ("2021-03-04", "meta")


@pytest.mark.parametrize("name", [
    'property="article:published_time"', 'name="pubdate"', 'name="publish-date"',
    'name="dc.date.issued"', 'itemprop="datePublished"', 'name="parsely-pub-date"',
])
def test_publication_meta_names(name: str) -> None:
    found = extract_page(article(f'<meta {name} content="2021-03-04T10:00:00+03:00">'), URL, "en")
    assert (found.published, found.date_source) == ("2021-03-04", "meta")


def test_json_ld_date_published_of_the_article() -> None:
    found = extract_page(article(json_ld(
        '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "x",'
        ' "datePublished": "2021-03-04T10:00:00+03:00", "dateModified": "2022-01-01"}'
    )), URL, "en")
    assert (found.published, found.date_source) == ("2021-03-04", "json-ld")


def test_json_ld_listing_several_stories_gives_no_date_unless_one_is_this_article() -> None:
    stories = ('[{"@type": "NewsArticle", "headline": "Council in Astana",'
               ' "datePublished": "2024-04-15"},'
               ' {"@type": "NewsArticle", "headline": "%s", "datePublished": "2021-03-04"}]')
    other = stories % "Ministers met in Minsk"
    assert extract_page(article(json_ld(other)), URL, "en").published is None
    own = extract_page(article(json_ld(stories % TITLE)), URL, "en")
    assert (own.published, own.date_source) == ("2021-03-04", "json-ld")


@pytest.mark.parametrize("cue", [
    '<meta property="article:modified_time" content="2022-01-01T10:00:00+03:00">',
    json_ld('{"@type": "NewsArticle", "dateModified": "2022-01-01T10:00:00+03:00"}'),
], ids=["meta", "json-ld"])
def test_a_modification_date_is_never_the_publication_date(cue: str) -> None:
    """htmldate falls back to a modification date when it finds nothing else: refused."""
    found = extract_page(article(cue), URL, "en")
    assert (found.published, found.date_source) == (None, None)


def test_two_cues_against_one_decide_the_day() -> None:
    """A visible date line of another day is outvoted by meta and JSON-LD agreeing."""
    found = extract_page(article(
        '<meta property="article:published_time" content="2021-03-04">'
        + json_ld('{"@type": "NewsArticle", "datePublished": "2021-03-04"}'),
        before='<p class="date">10 March 2021</p>',
    ), URL, "en")
    assert (found.published, found.date_source) == ("2021-03-04", "meta")


def test_a_tie_goes_to_the_date_the_reader_sees() -> None:
    found = extract_page(article(
        '<meta property="article:published_time" content="2021-03-04">',
        before='<p class="date">10 March 2021</p>',
    ), URL, "en")
    assert (found.published, found.date_source) == ("2021-03-10", "article:text")


def test_a_time_element_counts_as_seen_and_as_machine_read() -> None:
    """`<time datetime>` showing its day is two cues (the element, the visible line):
    against one meta tag and JSON-LD it ties, and the tie goes to what the reader sees."""
    found = extract_page(article(
        '<meta property="article:published_time" content="2021-03-04">'
        + json_ld('{"@type": "NewsArticle", "datePublished": "2021-03-04"}'),
        before='<p><time datetime="2021-03-10">10 March 2021</time></p>',
    ), URL, "en")
    assert (found.published, found.date_source) == ("2021-03-10", "article:time")


def test_a_utc_timestamp_is_read_on_the_publishers_clock() -> None:
    """23:05 on the 8th in UTC-7 is the 9th in UTC: the page's day is the 8th."""
    found = extract_page(article(
        '<meta property="article:published_time" content="2020-07-09T06:05:00Z">',
        before='<p><time datetime="2020-07-08T23:05:00-07:00">July 8, 2020</time></p>',
    ), URL, "en")
    assert found.published == "2020-07-08"


def test_htmldate_answers_last_from_markup_the_structure_does_not_read() -> None:
    page = article('<meta name="timestamp" content="2021-03-04 10:00:00">')
    found = extract_page(page, URL, "en")
    assert (found.published, found.date_source, found.layers["date"]) == (
        "2021-03-04", "htmldate", "htmldate")


def test_htmldate_never_gives_a_day_that_a_list_of_other_news_shows() -> None:
    page = article('<meta name="timestamp" content="2024-04-22">', after=LATEST_NEWS)
    assert extract_page(page, URL, "en").published is None
    assert extract_page(article(after=LATEST_NEWS), URL, "en").published is None


def test_htmldates_day_never_outranks_the_listings() -> None:
    item = dated(date_raw="2021-03-04", date_source="htmldate", listing_date_raw="05.03.2021")
    assert (item["published"], item["date_source"], item["listing_date"]) == (
        "2021-03-05", "listing", "2021-03-05")
    assert "date_mismatch" not in item["flags"]


def test_a_date_our_rules_read_outranks_the_listings_and_a_disagreement_is_flagged() -> None:
    item = dated(date_raw="2021-03-04", date_source="json-ld", listing_date_raw="05.03.2021")
    assert (item["published"], item["date_source"]) == ("2021-03-04", "json-ld")
    assert item["flags"] == ["date_mismatch"]
