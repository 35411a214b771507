"""Backfill mode of the `csto` spider: only the listing pages that cover a date range.

Listings are sorted newest first, so the first page that reaches back to ``until`` is
found by probing ``PAGEN_1`` (crawler.spiders.paging.BackfillSearch), and the pages from
there are walked until one reaches past ``since``. No article page outside the range is
requested, and none already stored either: the database, not a job directory, is what
makes a resumed backfill correct after any kind of stop.

Here the decisions and the state they need, one `SectionBackfill` per section; the
spider requests the pages, counts and logs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from crawler.extract.dates import parse_date
from crawler.extract.listing import ListingEntry, ListingPage
from crawler.spiders.paging import BackfillSearch, PageView


@dataclass
class SectionBackfill:
    """Where one section's backfill stands."""

    search: BackfillSearch  # the bisection for the first page that reaches `until`
    first_urls: set[str] = field(default_factory=set)  # page 1's articles
    pages: dict[int, list[ListingEntry]] = field(default_factory=dict)  # fetched pages' own
    walked: set[str] = field(default_factory=set)  # article URLs the walk has passed
    pages_left: int | None = None  # rough listing pages still to walk, once walking


@dataclass(frozen=True)
class Walk:
    """What walking one listing page decided."""

    in_range: list[ListingEntry]  # its articles dated within the range, to fetch
    undated: list[ListingEntry]  # its articles without a readable listing date: skipped
    next_page: int | None  # the page to walk next; None when the section is done


class Backfill:
    """A backfill of ``since``..``until`` (inclusive), section by section."""

    def __init__(self, since: date, until: date, languages: tuple[str, ...]) -> None:
        self.since = since
        self.until = until
        self.languages = languages  # the profile's, to read listing dates
        self.sections: dict[str, SectionBackfill] = {}

    def start(self, section: str) -> int:
        """Begin a section; the page to probe first."""
        self.sections[section] = SectionBackfill(BackfillSearch(self.until))
        return 1

    def take_page(self, section: str, page: int, listing: ListingPage) -> PageView:
        """Keep a fetched listing page's own articles: page 1's URLs on a deeper page are
        the site-wide latest-news block, whose dates would make the page look newer."""
        state = self.sections[section]
        entries = [e for e in listing.entries if e.section == section]
        if page == 1:
            state.first_urls = {e.url for e in entries}
        else:
            entries = [e for e in entries if e.url not in state.first_urls]
        state.pages[page] = entries
        return PageView(
            page,
            tuple(e.url for e in entries),
            tuple(d for d in map(self.listing_date, entries) if d is not None),
            tuple(listing.pages),
        )

    def probed(self, section: str, page: int, listing: ListingPage) -> int | None:
        """Take a probe's page into the search; the page to probe next, or None when
        the search is over (`first_page` then says where the walk starts)."""
        search = self.sections[section].search
        search.record(self.take_page(section, page, listing))
        return search.next_probe()

    def first_page(self, section: str) -> int | None:
        """The first page to walk; None when every article is newer than `until`."""
        return self.sections[section].search.result

    def walk(self, section: str, page: int) -> Walk | None:
        """Walk `page`: its articles in range, and whether to go on (while the page is
        not older than `since`). None when the page is not fetched yet."""
        state = self.sections[section]
        if page not in state.pages:
            return None
        fresh = [e for e in state.pages[page] if e.url not in state.walked]
        if not fresh:  # the last page again: Bitrix clamped the page number
            return Walk([], [], None)
        state.walked.update(e.url for e in fresh)
        in_range, undated, dates = [], [], []
        for entry in fresh:
            day = self.listing_date(entry)
            if day is None:
                undated.append(entry)
                continue
            dates.append(day)
            if self.since <= day <= self.until:
                in_range.append(entry)
        if dates and min(dates) < self.since:
            state.pages_left = 0
            return Walk(in_range, undated, None)
        state.pages_left = self.estimate_left(dates)
        return Walk(in_range, undated, page + 1)

    @property
    def pages_left(self) -> int | None:
        """Rough listing pages left to walk over all sections; None before any walk."""
        known = [s.pages_left for s in self.sections.values() if s.pages_left is not None]
        return sum(known) if known else None

    def listing_date(self, entry: ListingEntry) -> date | None:
        return parse_date(entry.date_raw, self.languages)

    def estimate_left(self, dates: list[date]) -> int:
        """Rough listing pages still to walk, from how many days one page spans."""
        if not dates:
            return 1
        span = max((max(dates) - min(dates)).days, 1)
        return max(1, math.ceil((min(dates) - self.since).days / span))
