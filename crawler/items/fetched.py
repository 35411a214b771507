"""A fetched article page as storage keeps it, with what its listing said about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crawler.extract.listing import ListingEntry


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
