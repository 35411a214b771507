"""The `csto` spider: section listings newest first, then each article page.

It knows which pages to request and which links to follow. What a page says is the
business of `crawler.extract`; where items end up is the business of the pipelines.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.misc import load_object
from twisted.python.failure import Failure

from crawler.extract.links import article_path_pattern
from crawler.extract.listing import ListingEntry, ListingPage, extract_listing
from crawler.extract.urls import canonical_url
from crawler.items import (
    EXPORTED_FIELDS,
    ArticleItem,
    FetchedPage,
    GoneItem,
    RejectItem,
    extraction_failure,
)
from crawler.run.extraction_pool import ExtractionPool
from crawler.run.run_end import RunEnding
from crawler.spiders.arguments import parse_arguments, parse_range
from crawler.spiders.backfill import Backfill
from crawler.spiders.paging import incremental_next
from crawler.spiders.responses import fetched_page, page_problem, page_text


class CstoSpider(scrapy.Spider):
    """Crawls one language version of the CSTO news site."""

    name = "csto"
    # `-o`, FEEDS and Scrapyd's items feed write the article's fields, never the raw page.
    custom_settings = {"FEED_EXPORT_FIELDS": list(EXPORTED_FIELDS)}

    def __init__(
        self,
        lang: str = "en",
        base_url: str | None = None,
        sections: str | None = None,
        mode: str = "full",
        since: str | None = None,
        until: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.profile, self.base_url, self.sections, self.crawl_mode = parse_arguments(
            lang, base_url, sections, mode
        )
        self.since, self.until = parse_range(mode, since, until)
        self.lang = self.profile.lang
        self.allowed_domains = [urlsplit(self.base_url).hostname or ""]
        self.crawl_arguments = {
            "lang": self.lang, "base_url": self.base_url,
            "sections": ",".join(self.sections), "mode": self.crawl_mode,
        }
        self.backfill: Backfill | None = None
        if self.crawl_mode == "backfill":
            assert self.since is not None and self.until is not None
            self.crawl_arguments.update(since=str(self.since), until=str(self.until))
            self.backfill = Backfill(self.since, self.until, self.profile.dateparser_languages)
        self.article_pattern = article_path_pattern(self.profile.article_path)
        self.requested: set[str] = set()
        self.known: set[str] = set()
        self._extraction: ExtractionPool | None = None

    @property
    def extraction(self) -> ExtractionPool:
        """Where article pages are extracted (worker processes per EXTRACT_WORKERS)."""
        if self._extraction is None:
            workers = self.settings.getint("EXTRACT_WORKERS", 0)
            self._extraction = ExtractionPool(workers, self.lang)
        return self._extraction

    def closed(self, reason: str) -> None:
        if self._extraction is not None:
            self._extraction.close()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.crawl_mode in ("incremental", "backfill"):
            loader = load_object(self.settings.get("KNOWN_URLS_LOADER"))
            self.known = set(loader(self.settings))
            self.logger.info("%s crawl: %d articles already stored", self.crawl_mode.title(),
                             len(self.known))
        for section in self.sections:
            if self.backfill is not None:
                page = self.backfill.start(section)
                yield self.backfill_request(section, page, self.parse_backfill_probe)
            else:
                yield self.listing_request(section, 1)

    def listing_of(self, response: Response) -> ListingPage:
        return extract_listing(page_text(response), response.url, self.profile)

    def listing_request(
        self, section: str, page: int, stale: int | None = None
    ) -> scrapy.Request:
        return scrapy.Request(
            self.profile.listing_url(self.base_url, section, page),
            callback=self.parse_listing,
            errback=self.listing_failed,
            cb_kwargs={"section": section, "page": page, "stale": stale},
            priority=-page,  # listings in page order; articles come first
        )

    async def parse_listing(
        self, response: Response, section: str, page: int, stale: int | None
    ) -> AsyncIterator[scrapy.Request]:
        listing = await self.extraction.listing(page_text(response), response.url)
        entries = [e for e in listing.entries if e.section == section]
        fresh = [e for e in entries if e.url not in self.requested]
        self.crawler.stats.inc_value("listing/pages")
        for entry in fresh:
            self.requested.add(entry.url)
            if entry.url in self.known:
                self.crawler.stats.inc_value("listing/already_stored")
                continue
            yield self.article_request(entry)
        for request in self.next_listings(section, page, stale, fresh, listing.pages):
            yield request

    def article_request(self, entry: ListingEntry) -> scrapy.Request:
        """The article page, fetched at the address the listing links to."""
        return scrapy.Request(
            entry.link or entry.url, callback=self.parse_article, cb_kwargs={"entry": entry},
            priority=10, errback=self.article_failed,
        )

    def next_listings(
        self, section: str, page: int, stale: int | None, fresh: list[ListingEntry],
        pages: list[int],
    ) -> Iterator[scrapy.Request]:
        """Further listing pages: none once a page brings nothing new (Bitrix clamps);
        incremental crawls stop soon after reaching stored articles (crawler.spiders.paging)."""
        if self.crawl_mode == "incremental":
            known = sum(1 for e in fresh if e.url in self.known)
            limit = self.settings.getint("INCREMENTAL_EXTRA_PAGES")
            go_on, stale = incremental_next(len(fresh), known, stale, limit)
            if go_on:
                yield self.listing_request(section, page + 1, stale)
            return
        if not fresh:
            return
        for number in sorted({*pages, page + 1}):
            if number > page:
                yield self.listing_request(section, number)

    # -- backfill (crawler/spiders/backfill.py decides) ----------------------------------

    def backfill_request(self, section: str, page: int, callback: Any) -> scrapy.Request:
        return scrapy.Request(
            self.profile.listing_url(self.base_url, section, page),
            callback=callback,
            cb_kwargs={"section": section, "page": page},
            priority=-page,
        )

    def parse_backfill_probe(
        self, response: Response, section: str, page: int
    ) -> Iterator[scrapy.Request]:
        """A bisection probe (page 1 included): narrow the search, then probe or walk."""
        assert self.backfill is not None
        self.crawler.stats.inc_value("listing/pages")
        probe = self.backfill.probed(section, page, self.listing_of(response))
        self.crawler.stats.inc_value("backfill/probes")
        if probe is not None:
            yield self.backfill_request(section, probe, self.parse_backfill_probe)
            return
        first = self.backfill.first_page(section)
        if first is None:
            self.logger.info("Backfill: no %s article dated %s or earlier", section, self.until)
            return
        self.logger.info("Backfill: %s reaches %s on page %d", section, self.until, first)
        yield from self.backfill_walk(section, first)

    def parse_backfill_page(
        self, response: Response, section: str, page: int
    ) -> Iterator[scrapy.Request]:
        assert self.backfill is not None
        self.crawler.stats.inc_value("listing/pages")
        self.backfill.take_page(section, page, self.listing_of(response))
        yield from self.backfill_walk(section, page)

    def backfill_walk(self, section: str, page: int) -> Iterator[scrapy.Request]:
        """Request the page's articles in range and walk on; a page a probe fetched
        already is not fetched again."""
        assert self.backfill is not None
        walk = self.backfill.walk(section, page)
        if walk is None:
            yield self.backfill_request(section, page, self.parse_backfill_page)
            return
        stats = self.crawler.stats
        stats.inc_value("backfill/pages_walked")
        for entry in walk.undated:
            stats.inc_value("backfill/undated_skipped")
            self.logger.warning("Backfill: no listing date for %s, skipped", entry.url)
        for entry in walk.in_range:
            yield from self.backfill_article(entry)
        if walk.next_page is not None:
            yield from self.backfill_walk(section, walk.next_page)

    def backfill_article(self, entry: ListingEntry) -> Iterator[scrapy.Request]:
        if entry.url in self.requested:
            return
        self.requested.add(entry.url)
        if entry.url in self.known:
            self.crawler.stats.inc_value("listing/already_stored")
            return
        self.crawler.stats.inc_value("backfill/articles_requested")
        yield self.article_request(entry)

    # -- article pages -------------------------------------------------------------------

    async def parse_article(
        self, response: Response, entry: ListingEntry
    ) -> AsyncIterator[ArticleItem | RejectItem]:
        text = page_text(response)
        problem = page_problem(response, text)
        if problem is not None:
            yield self.rejected_item(entry, problem)
            return
        page = fetched_page(response, entry)
        try:
            url = self.article_url(response, entry)
        except ValueError as error:  # no canonical form: skipped, with its reason kept
            yield self.rejected_item(entry, f"unusable URL {response.url!r}: {error}", page)
            return
        try:
            item = await self.extraction.article(text, url, page.listing, response.url)
        except Exception as error:  # one page extraction chokes on must not end the crawl
            self.logger.exception("Extraction failed on %s", response.url)
            yield self.rejected_item(entry, extraction_failure(error), page)
            return
        self.record_layers(item["extraction"], url)
        item["page"] = page
        yield item

    def article_url(self, response: Response, entry: ListingEntry) -> str:
        """The row's URL: the configured site's origin with the final page's canonical path.

        Redirects that change only the scheme, the port or the trailing slash never split
        one article into two rows; one to another article path (a renamed slug) is followed.
        Redirected somewhere that is not an article at all: the listed URL.
        """
        path = urlsplit(canonical_url(response.url)).path
        if self.article_pattern.match(path) is None:
            return entry.url
        return canonical_url(self.base_url + path)

    def rejected_item(
        self, entry: ListingEntry, reason: str, page: FetchedPage | None = None
    ) -> RejectItem:
        """An item that only says why a listed article cannot be stored: storage records
        it in `rejects`, so an article the crawl saw is never lost without a trace."""
        self.crawler.stats.inc_value("article/not_stored")
        self.logger.warning("Not storing %s: %s", entry.url, reason)
        return RejectItem(
            url=entry.url, lang=self.lang, section=entry.section, slug=entry.slug,
            title=entry.title, listing_date_raw=entry.date_raw, summary=entry.lead,
            reason=reason, page=page,
        )

    def article_failed(self, failure: Failure) -> Iterator[RejectItem | GoneItem]:
        """Errback of article requests: every failure ends as an item, never in silence.
        A request the run's end kept from being fetched is no failure: it is counted.

        410 Gone: the site removed the article for good, so a stored copy is marked gone
        (kept, never deleted). Anything else (404, 5xx after retries, timeouts, resets,
        redirect loops, robots.txt, size cap) becomes a `rejects` row with the reason.
        404 is not taken as "gone": a CMS answers it for a moment when it is misconfigured.
        """
        request = failure.request  # type: ignore[attr-defined]
        entry: ListingEntry = request.cb_kwargs["entry"]
        if failure.check(RunEnding):
            self.crawler.stats.inc_value("article/not_fetched_run_ending")
            return
        if failure.check(HttpError):
            code = failure.value.response.status
            self.crawler.stats.inc_value(f"article/http_{code}")
            if code == 410:
                self.logger.warning("Gone (HTTP 410): %s; a stored copy is marked gone", entry.url)
                yield GoneItem(
                    url=entry.url, lang=self.lang, section=entry.section, slug=entry.slug
                )
                return
            reason = f"HTTP {code}"
        elif failure.check(IgnoreRequest):
            reason = f"not fetched: {failure.value}"
        else:
            detail = str(failure.value) or self.silent_failure(failure)
            reason = f"download failed: {failure.type.__name__}: {detail}"
        yield self.rejected_item(entry, reason)

    def silent_failure(self, failure: Failure) -> str:
        """Words for an exception without a message: Scrapy cancels a body that grows
        past DOWNLOAD_MAXSIZE with an empty one."""
        if failure.type.__name__ == "DownloadCancelledError":
            limit = self.settings.getint("DOWNLOAD_MAXSIZE")
            return f"cancelled, body larger than the download max size ({limit} bytes)"
        return "no details"

    def listing_failed(self, failure: Failure) -> None:
        """Errback of listing requests: the articles listed there were not reached."""
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(RunEnding):
            self.crawler.stats.inc_value("listing/not_fetched_run_ending")
            return
        self.crawler.stats.inc_value("listing/failed")
        if failure.check(HttpError):
            reason = f"HTTP {failure.value.response.status}"
        else:
            reason = f"{failure.type.__name__}: {failure.value}"
        self.logger.error("Listing page %s failed (%s); its articles were not reached",
                          request.url, reason)

    def record_layers(self, layers: dict[str, str], url: str) -> None:
        """Count which layer answered each field; remember one page where the profile missed."""
        stats = self.crawler.stats
        for name in ("title", "date", "body"):
            layer = layers.get(name, "none")
            stats.inc_value(f"extraction/{name}/{layer}")
            if layer != "profile":
                stats.set_value(f"extraction/{name}/miss_example",
                                stats.get_value(f"extraction/{name}/miss_example") or url)
