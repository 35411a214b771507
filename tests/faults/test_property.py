"""Generated HTML, text and dates: extraction never raises, pipelines only DropItem."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scrapy.exceptions import DropItem
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawler.extract.article import extract_article
from crawler.extract.dates import parse_date
from crawler.extract.listing import extract_listing
from crawler.items import ArticleItem, RejectItem
from crawler.sites import get_profile
from pipelines.articles_only import ArticlesOnlyPipeline
from pipelines.boilerplate import BoilerplatePipeline
from pipelines.dates import DatesPipeline
from pipelines.text import TextPipeline
from pipelines.validation import ValidationPipeline

URL = "http://127.0.0.1:8000/news/news_odkb/some-slug/"
WEIRD = st.sampled_from(["\x00", "\x01", "\x0b", "\x7f", "\x85", "\ud800", "\udfff", "\ufeff",
                         "\u200b", "\xa0", "\ufffd", "&#0;", "&#xD800;", "&nbsp;", "<", ">", "&"])
TEXT = st.lists(st.one_of(st.text(max_size=40), WEIRD), max_size=12).map("".join)
DATES = st.one_of(
    TEXT,
    st.sampled_from(["22.04.2024", "31.02.2024", "2024-13-45", "10 July 2020", "10 июля 2020 г.",
                     "From 22 to 26 April 2024", "today", "0000-00-00", "99.99.9999",
                     "1 January 1001", "July 1-2, 2020", "29.02.2023"]),
)
TAGS = st.sampled_from(["div", "p", "span", "a", "h1", "h3", "time", "nav", "footer", "li",
                        "ul", "table", "td", "br", "script", "article", "b", "header"])
ATTRS = st.sampled_from(["", ' class="news-detail"', ' class="news-detail__text"',
                         ' class="news-date-time"', ' class="page-title"',
                         ' href="/news/news_odkb/other/"', ' href="/news/smi/x/?utm_source=1"',
                         ' href="javascript:void(0)"', ' datetime="2024-04-22"',
                         ' href="http://evil.example/news/smi/y/"', ' href="?PAGEN_1=3"'])


@st.composite
def html_pages(draw: Any) -> str:
    """Random, often unbalanced markup built from the site's own vocabulary."""
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.integers(0, 3))
        tag = draw(TAGS)
        if kind == 0:
            parts.append(f"<{tag}{draw(ATTRS)}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(TEXT))
        else:
            parts.append(draw(DATES))
    return "".join(parts)


PROFILE = get_profile("en")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_pages())
def test_extraction_never_raises_on_generated_html(html: str) -> None:
    fields = extract_article(html, URL, PROFILE)
    assert isinstance(fields.body, str)
    listing = extract_listing(html, "http://127.0.0.1:8000/news/news_odkb/", PROFILE)
    assert all(e.url.startswith("http://127.0.0.1:8000/") for e in listing.entries)


@settings(max_examples=300, deadline=None)
@given(DATES, st.sampled_from([("en", "ru"), ("ru",), ("en",)]))
def test_parse_date_returns_a_date_or_none(raw: str, languages: tuple[str, ...]) -> None:
    value = parse_date(raw, languages)
    assert value is None or 1990 <= value.year <= 2100


def _crawler() -> Any:
    crawler = SimpleNamespace()
    crawler.stats = MemoryStatsCollector(SimpleNamespace(settings=Settings({"STATS_DUMP": False})))
    return crawler


PIPELINES = [cls(_crawler()) for cls in (ArticlesOnlyPipeline, TextPipeline,
                                         BoilerplatePipeline, DatesPipeline, ValidationPipeline)]


@st.composite
def items(draw: Any) -> ArticleItem | RejectItem:
    maybe = st.one_of(st.none(), TEXT)
    if draw(st.booleans()):
        return RejectItem(
            url=URL, lang="en", section="news_odkb", title=draw(maybe),
            listing_date_raw=draw(st.one_of(st.none(), DATES)),
            reason=draw(st.sampled_from(["HTTP 404", "truncated page"])),
        )
    item = ArticleItem(
        url=draw(st.one_of(st.none(), st.just(URL))), lang=draw(st.sampled_from(["en", "ru"])),
        section="news_odkb", slug="some-slug", title=draw(st.one_of(maybe, st.just("T" * 5000))),
        date_raw=draw(st.one_of(st.none(), DATES)),
        listing_date_raw=draw(st.one_of(st.none(), DATES)),
        summary=draw(maybe), body=draw(maybe), body_html=draw(maybe),
        images=[{"url": "/i.jpg", "caption": draw(TEXT)}], flags=[],
        not_found=draw(st.booleans()),
    )
    return item


@settings(max_examples=400, deadline=None)
@given(items())
def test_pipelines_only_ever_drop_with_a_reason(item: ArticleItem | RejectItem) -> None:
    try:
        for pipeline in PIPELINES:
            item = pipeline.process_item(item)
    except DropItem as drop:
        assert str(drop).strip()
        return
    assert item["title"] and item["body"] and item["published"] and item["url"]
    for value in (item["title"], item["body"], item.get("body_html") or "",
                  item["images"][0]["caption"]):
        assert not any("\ud800" <= ch <= "\udfff" or ch in "\x00\x01\x0b\x7f" for ch in value)
