"""What the spider reads off a response: its text, whether it holds a whole page, and
the page as storage keeps it."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from scrapy.http import Response

from crawler.extract.encoding import decode_html
from crawler.extract.listing import ListingEntry
from crawler.items import FetchedPage, listing_record

_DOCUMENT_END = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)


def page_problem(response: Response, text: str) -> str | None:
    """Why this response cannot hold a complete article page, or None.

    A page cut short without a Content-Length arrives as a normal 200; only the missing
    end of the document tells. With a Content-Length that was met, the page is whole
    even without `</html>` (HTML lets a page omit it, and unseen templates may).
    """
    if not text.strip():
        return "empty page"
    if "dataloss" in response.flags:
        return "truncated page"
    if not _DOCUMENT_END.search(text) and not response.headers.get("Content-Length"):
        return "truncated page"
    return None


def fetched_page(response: Response, entry: ListingEntry) -> FetchedPage:
    """The response as storage keeps it for re-extraction."""
    content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
    return FetchedPage(
        url=response.url,
        fetched_at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        status=response.status,
        content_type=content_type,
        body=response.body,
        listing=listing_record(entry),
    )


def page_text(response: Response) -> str:
    """The page decoded the way a browser would, trusting bytes over a lying header."""
    content_type = response.headers.get("Content-Type", b"").decode("latin-1")
    return decode_html(response.body, content_type)[0]
