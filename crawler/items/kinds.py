"""The three kinds of item a crawl yields: an article, a reject and a gone page.

They are told apart by type, never by a flag: the pipelines clean, date and validate
article items only, and storage records each kind in its own way. Storage writes a fixed
whitelist of columns from an article, so a field added here never turns into a column by
accident.
"""

from __future__ import annotations

import scrapy


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
    # FetchedPage: the raw page, kept for re-extraction (not a column); 40 KB of bytes no
    # exporter can write, so the feeds leave it out.
    page = scrapy.Field(exported=False)


class RejectItem(scrapy.Item):
    """A listed article the crawl could not store, and why (HTTP 404, a truncated page,
    extraction that failed...): a `rejects` row, so that no article the crawl saw is lost
    without a trace. What the listing said of it is kept with the reason."""

    url = scrapy.Field()  # the URL the listing gave
    lang = scrapy.Field()
    section = scrapy.Field()
    slug = scrapy.Field()
    title = scrapy.Field()  # the listing's title
    listing_date_raw = scrapy.Field()
    summary = scrapy.Field()  # the listing's lead
    reason = scrapy.Field()  # why there is no article: the `rejects.reason`
    page = scrapy.Field()  # FetchedPage when the page was fetched, else None


class GoneItem(scrapy.Item):
    """An article the site removed for good (HTTP 410): a stored copy is marked gone,
    never deleted."""

    url = scrapy.Field()
    lang = scrapy.Field()
    section = scrapy.Field()
    slug = scrapy.Field()


#: The fields a feed export writes (the spider's FEED_EXPORT_FIELDS): an article's fields
#: but those marked exported=False. Feeds hold articles only: rejects and gone pages are
#: dropped before storage (pipelines.articles_only), so no feed sees them.
EXPORTED_FIELDS = tuple(
    name for name, meta in ArticleItem.fields.items() if meta.get("exported", True)
)
