"""The article item: every field a crawl may fill, and nothing else.

Storage writes a fixed whitelist of columns from it, so a field added here never turns
into a column by accident.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import scrapy

from crawler.extract.article import ArticleFields
from crawler.extract.listing import ListingEntry


class ArticleItem(scrapy.Item):
    """One article as crawled; pipelines clean, date and validate it in turn."""

    url = scrapy.Field()  # canonical absolute URL, no query, no fragment
    lang = scrapy.Field()  # "en" or "ru"
    section = scrapy.Field()  # e.g. "news_odkb"
    slug = scrapy.Field()  # last path segment of the URL
    title = scrapy.Field()
    published = scrapy.Field()  # ISO date, set by the dates pipeline
    date_raw = scrapy.Field()  # the article page's own date text, as found
    date_source = scrapy.Field()  # where the date came from: article:time, meta, listing...
    listing_date_raw = scrapy.Field()  # the listing's date text for this article
    listing_date = scrapy.Field()  # ISO date, set by the dates pipeline
    summary = scrapy.Field()  # the listing's lead
    body = scrapy.Field()  # plain text, paragraphs separated by one blank line
    body_html = scrapy.Field()  # the article's own HTML (sanitised by storage)
    images = scrapy.Field()  # [{"url", "caption"}]
    attachments = scrapy.Field()  # [{"url", "title"}]
    extraction = scrapy.Field()  # field -> layer that answered (profile, structure, ...)
    flags = scrapy.Field()  # warnings about this item, e.g. "replacement_char"
    # exported=False: for the pipelines only, never in a feed (`-o`, FEEDS, Scrapyd's items).
    not_found = scrapy.Field(exported=False)  # the page looked like a soft 404
    gone = scrapy.Field()  # the article answered 410: mark it gone, keep the row
    fetch_error = scrapy.Field(exported=False)  # why the page gave no article (HTTP 404...)
    # FetchedPage: the raw page, kept for re-extraction (not a column); 40 KB of bytes no
    # exporter can write, so the feeds leave it out.
    page = scrapy.Field(exported=False)


#: The fields a feed export writes (the spider's FEED_EXPORT_FIELDS): every field but
#: those marked exported=False.
EXPORTED_FIELDS = tuple(
    name for name, meta in ArticleItem.fields.items() if meta.get("exported", True)
)


@dataclass(frozen=True)
class FetchedPage:
    """An article page exactly as fetched, with what its listing said about it.

    Storage keeps it (compressed), so a parser fix can be applied to the whole archive
    by `newscrawl reextract` without refetching; the listing's part (section, date,
    lead) is what the page itself cannot tell.
    """

    url: str  # where it was fetched from, after redirects
    fetched_at: str  # UTC, ISO 8601
    status: int
    content_type: str | None
    body: bytes = field(repr=False)  # 40 KB of bytes in every DEBUG "Scraped" line: no
    listing: dict[str, Any] = field(default_factory=dict)


def listing_record(entry: ListingEntry) -> dict[str, Any]:
    """The listing's part of an article, as FetchedPage.listing keeps it."""
    return {
        "url": entry.url, "section": entry.section, "slug": entry.slug,
        "title": entry.title, "date_raw": entry.date_raw, "lead": entry.lead,
    }


def article_values(
    fields: ArticleFields, url: str, lang: str, slug: str, listing: Mapping[str, Any]
) -> dict[str, Any]:
    """An article item's fields from what extraction found and what the listing said.

    One place for the crawl and for re-extraction, so both produce the same rows.
    """
    return {
        "url": url,
        "lang": lang,
        "section": listing.get("section"),
        "slug": slug,
        "title": fields.title,
        "date_raw": fields.date_raw,
        "date_source": fields.date_source,
        "listing_date_raw": listing.get("date_raw"),
        "summary": listing.get("lead"),
        "body": fields.body,
        "body_html": fields.body_html,
        "images": fields.images,
        "attachments": fields.attachments,
        "extraction": fields.layers,
        "flags": [],
        "not_found": fields.not_found,
    }
