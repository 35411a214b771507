"""The article item: every field a crawl may fill, and nothing else.

Storage writes a fixed whitelist of columns from it, so a field added here never turns
into a column by accident.
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
    not_found = scrapy.Field()  # the page looked like a soft 404
    gone = scrapy.Field()  # the article answered 410: mark it gone, keep the row
    fetch_error = scrapy.Field()  # why the page could not give an article (HTTP 404...)
