"""Backfill mode of the `csto` spider: only the listing pages that cover a date range.

Listings are sorted newest first, so the first page that reaches back to ``until`` is
found by probing ``PAGEN_1`` (crawler.spiders.paging.BackfillSearch), and the pages from there
are walked until one reaches past ``since``. No article page outside the range is
requested, and none already stored either: the database, not a job directory, is
what makes a resumed backfill correct after any kind of stop.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.extract.dates import parse_date
from crawler.extract.listing import ListingEntry, ListingPage
from crawler.spiders.paging import BackfillSearch, PageView


class BackfillMixin:
    """Listing callbacks for ``mode=backfill``; mixed into CstoSpider."""

    since: date
    until: date
    known: set[str]
    requested: set[str]
    crawler: Any
    logger: Any
    profile: Any
    base_url: str

    def backfill_setup(self) -> None:
        self._searches: dict[str, BackfillSearch] = {}
        self._first_urls: dict[str, set[str]] = {}
        self._pages: dict[str, dict[int, list[ListingEntry]]] = {}
        self._walked: dict[str, set[str]] = {}
        self.backfill_left: dict[str, int] = {}

    def backfill_request(self, section: str, page: int, callback: Any) -> scrapy.Request:
        return scrapy.Request(
            self.profile.listing_url(self.base_url, section, page),
            callback=callback,
            cb_kwargs={"section": section, "page": page},
            priority=-page,
        )

    def backfill_start(self, section: str) -> scrapy.Request:
        self._searches[section] = BackfillSearch(self.until)
        self._pages[section] = {}
        self._walked[section] = set()
        return self.backfill_request(section, 1, self.parse_backfill_probe)

    def listing_of(self, response: Response) -> ListingPage:  # provided by the spider
        raise NotImplementedError

    def own_entries(self, response: Response, section: str, page: int) -> PageView:
        """The page's own articles: page 1's URLs on a deeper page are the site-wide
        latest-news block, whose dates would make the page look newer than it is."""
        listing = self.listing_of(response)
        entries = [e for e in listing.entries if e.section == section]
        if page == 1:
            self._first_urls[section] = {e.url for e in entries}
        else:
            first = self._first_urls.get(section, set())
            entries = [e for e in entries if e.url not in first]
        self._pages[section][page] = entries
        self.crawler.stats.inc_value("listing/pages")
        return PageView(
            page,
            tuple(e.url for e in entries),
            tuple(d for d in map(self.listing_date, entries) if d is not None),
            tuple(listing.pages),
        )

    def listing_date(self, entry: ListingEntry) -> date | None:
        return parse_date(entry.date_raw, self.profile.dateparser_languages)

    def parse_backfill_probe(
        self, response: Response, section: str, page: int
    ) -> Iterator[scrapy.Request]:
        """A bisection probe (page 1 included): narrow the search, then probe or walk."""
        search = self._searches[section]
        search.record(self.own_entries(response, section, page))
        self.crawler.stats.inc_value("backfill/probes")
        probe = search.next_probe()
        if probe is not None:
            yield self.backfill_request(section, probe, self.parse_backfill_probe)
            return
        if search.result is None:
            self.logger.info("Backfill: no %s article dated %s or earlier", section, self.until)
            return
        self.logger.info("Backfill: %s reaches %s on page %d", section, self.until, search.result)
        yield from self.backfill_walk(section, search.result)

    def backfill_walk(self, section: str, page: int) -> Iterator[scrapy.Request]:
        """Walk on to `page`, reusing it if a probe already fetched it."""
        if page in self._pages[section]:
            yield from self.walk_page(section, page)
        else:
            yield self.backfill_request(section, page, self.parse_backfill_page)

    def parse_backfill_page(
        self, response: Response, section: str, page: int
    ) -> Iterator[scrapy.Request]:
        self.own_entries(response, section, page)
        yield from self.walk_page(section, page)

    def walk_page(self, section: str, page: int) -> Iterator[scrapy.Request]:
        """Request the page's articles in range; go on while the page is not older."""
        stats = self.crawler.stats
        stats.inc_value("backfill/pages_walked")
        walked = self._walked[section]
        fresh = [e for e in self._pages[section][page] if e.url not in walked]
        if not fresh:  # the last page again: Bitrix clamped the page number
            return
        walked.update(e.url for e in fresh)
        dates = []
        for entry in fresh:
            day = self.listing_date(entry)
            if day is None:
                stats.inc_value("backfill/undated_skipped")
                self.logger.warning("Backfill: no listing date for %s, skipped", entry.url)
                continue
            dates.append(day)
            if self.since <= day <= self.until:
                yield from self.backfill_article(entry)
        if dates and min(dates) < self.since:
            self.backfill_left[section] = 0
            return
        self.backfill_left[section] = self.pages_left(dates)
        yield from self.backfill_walk(section, page + 1)

    def backfill_article(self, entry: ListingEntry) -> Iterator[scrapy.Request]:
        stats = self.crawler.stats
        if entry.url in self.requested:
            return
        self.requested.add(entry.url)
        if entry.url in self.known:
            stats.inc_value("listing/already_stored")
            return
        stats.inc_value("backfill/articles_requested")
        yield self.article_request(entry)

    def parse_article(self, response: Response, entry: ListingEntry) -> Any:  # the spider's
        raise NotImplementedError

    def pages_left(self, dates: list[date]) -> int:
        """Rough listing pages still to walk, from how many days one page spans."""
        if not dates:
            return 1
        span = max((max(dates) - min(dates)).days, 1)
        return max(1, math.ceil((min(dates) - self.since).days / span))
