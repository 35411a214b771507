"""Re-extraction: stored pages → items, exactly as a crawl would make them, offline.

Pure functions of a page and its listing record, so they run in worker processes
(one per core) while the parent process writes; `newscrawl reextract` drives them.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from crawler.extract.article import extract_article
from crawler.extract.encoding import decode_html
from crawler.extract.links import article_path_pattern
from crawler.items import article_values
from crawler.sites import get_profile
from pipelines.chain import PipelineChain


@lru_cache(maxsize=1)
def _chain() -> PipelineChain:
    """One pipeline chain per process: the pipelines keep no per-item state."""
    return PipelineChain()


def process_html(
    html: str, url: str, lang: str, listing: Mapping[str, Any], fetched_url: str | None = None
) -> tuple[dict[str, Any] | None, str | None]:
    """(item, None) ready for storage, or (None, why it is rejected)."""
    item, reason = process_page(html, url, lang, listing, fetched_url)
    return (None, reason) if reason else (item, None)


def process_page(
    html: str, url: str, lang: str, listing: Mapping[str, Any], fetched_url: str | None = None
) -> tuple[dict[str, Any], str | None]:
    """The item (cleaned, dated) and None, or the raw item and the reason it is rejected.

    Mirrors `CstoSpider.parse_article` and the pipelines: same extraction, same item
    fields, same cleaning and validation.
    """
    profile = get_profile(lang)
    try:
        fields = extract_article(html, fetched_url or url, profile)
    except Exception as error:  # as in the crawl: one bad page never ends the run
        raw = {"url": url, "lang": lang, "section": listing.get("section")}
        return raw, f"extraction failed: {type(error).__name__}: {error}"
    match = article_path_pattern(profile.article_path).match(urlsplit(url).path)
    slug = match.group("slug") if match else listing.get("slug")
    item = article_values(fields, url, lang, slug, listing)
    return _chain().run(item)


def process_stored(row: tuple) -> tuple[str, str, dict[str, Any], str | None]:
    """A `pages` row (queries.PAGE_COLUMNS) → (url, fetched_at, item, reason).

    Runs in a worker process: decompressing and decoding happen here too, off the
    process that writes.
    """
    url, fetched_url, fetched_at, content_type, lang, listing, compression, blob = row
    if compression != "zlib":
        raw = {"url": url, "lang": lang}
        return url, fetched_at, raw, f"unknown page compression {compression!r}"
    text = decode_html(zlib.decompress(blob), content_type)[0]
    item, reason = process_page(text, url, lang, json.loads(listing or "{}"), fetched_url)
    return url, fetched_at, item, reason
