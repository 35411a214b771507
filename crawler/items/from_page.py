"""The one function that turns a fetched article page into an article item.

The spider (in its extraction workers) and `newscrawl reextract` both call it, so a page
crawled today and the same page re-extracted from storage give the same item, the same
slug included. What the cleaning pipelines then do to the item, `extract_page` does to
one page for `doctor` and for callers without a crawl.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from crawler.extract.article import extract_article
from crawler.extract.links import article_path_pattern
from crawler.items.kinds import ArticleItem
from crawler.sites import SiteProfile

_article_path = lru_cache(maxsize=8)(article_path_pattern)


def article_item(
    html: str, url: str, profile: SiteProfile, listing: Mapping[str, Any],
    fetched_url: str | None = None,
) -> ArticleItem:
    """The item of the article page `html`, before cleaning: what extraction finds on the
    page and what the listing said of it (section, date, lead: `listing_record`).

    `url` is the row's canonical URL; `fetched_url`, where the page came from, is what
    its links and dates are read against. The slug is the URL's, by the profile's
    article path; the listing's when the URL does not follow it. Extraction's exceptions
    are the caller's: a crawl and a re-extraction each turn them into a reject
    (`extraction_failure`).
    """
    fields = extract_article(html, fetched_url or url, profile)
    match = _article_path(profile.article_path).match(urlsplit(url).path)
    return ArticleItem(
        url=url,
        lang=profile.lang,
        section=listing.get("section"),
        slug=match.group("slug") if match else listing.get("slug"),
        title=fields.title,
        date_raw=fields.date_raw,
        date_source=fields.date_source,
        listing_date_raw=listing.get("date_raw"),
        summary=listing.get("lead"),
        body=fields.body,
        body_html=fields.body_html,
        images=fields.images,
        attachments=fields.attachments,
        extraction=fields.layers,
        flags=[],
        not_found=fields.not_found,
    )


def extraction_failure(error: Exception) -> str:
    """The reject reason for a page extraction choked on (one page never ends a run)."""
    return f"extraction failed: {type(error).__name__}: {error}"
