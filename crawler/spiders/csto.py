"""The `csto` spider: section listings newest first, then each article page.

It knows which pages to request and which links to follow. What a page says is the
business of `crawler.extract`; where items end up is the business of the pipelines.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from scrapy.utils.misc import load_object

from crawler.extract.article import extract_article
from crawler.extract.encoding import decode_html
from crawler.extract.html import article_path_pattern
from crawler.extract.listing import ListingEntry, extract_listing
from crawler.extract.urls import canonical_url
from crawler.items import ArticleItem
from crawler.sites import SiteProfile, get_profile

MODES = ("full", "incremental")
_SECTION = re.compile(r"^[A-Za-z0-9_-]+$")


class SpiderArgumentError(ValueError):
    """A spider argument that cannot be used; the message says which and why."""


def parse_arguments(
    lang: str = "en", base_url: str | None = None, sections: str | None = None,
    mode: str = "full",
) -> tuple[SiteProfile, str, tuple[str, ...], str]:
    """Checked spider arguments: the profile, site root, sections and crawl mode."""
    try:
        profile = get_profile(lang)
    except ValueError as error:
        raise SpiderArgumentError(str(error)) from None
    root = (base_url or profile.base_url).rstrip("/")
    parts = urlsplit(root)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SpiderArgumentError(f"base_url must be an http(s) URL, got {base_url!r}")
    names = tuple(s.strip() for s in (sections or ",".join(profile.sections)).split(","))
    names = tuple(s for s in names if s)
    bad = [s for s in names if not _SECTION.match(s)]
    if bad or not names:
        raise SpiderArgumentError(f"sections must be comma-separated names, got {sections!r}")
    if mode not in MODES:
        raise SpiderArgumentError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    return profile, root, names, mode


class CstoSpider(scrapy.Spider):
    """Crawls one language version of the CSTO news site."""

    name = "csto"

    def __init__(
        self,
        lang: str = "en",
        base_url: str | None = None,
        sections: str | None = None,
        mode: str = "full",
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.profile, self.base_url, self.sections, self.crawl_mode = parse_arguments(
            lang, base_url, sections, mode
        )
        self.lang = self.profile.lang
        self.allowed_domains = [urlsplit(self.base_url).hostname or ""]
        self.crawl_arguments = {
            "lang": self.lang, "base_url": self.base_url,
            "sections": ",".join(self.sections), "mode": self.crawl_mode,
        }
        self.article_pattern = article_path_pattern(self.profile.article_path)
        self.requested: set[str] = set()
        self.known: set[str] = set()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.crawl_mode == "incremental":
            loader = load_object(self.settings.get("KNOWN_URLS_LOADER"))
            self.known = set(loader(self.settings))
            self.logger.info("Incremental crawl: %d articles already stored", len(self.known))
        for section in self.sections:
            yield self.listing_request(section, 1)

    def listing_request(self, section: str, page: int, stale: int = 0) -> scrapy.Request:
        return scrapy.Request(
            self.profile.listing_url(self.base_url, section, page),
            callback=self.parse_listing,
            cb_kwargs={"section": section, "page": page, "stale": stale},
            priority=-page,  # listings in page order; articles come first
        )

    def parse_listing(
        self, response: Response, section: str, page: int, stale: int
    ) -> Iterator[scrapy.Request]:
        listing = extract_listing(page_text(response), response.url, self.profile)
        entries = [e for e in listing.entries if e.section == section]
        fresh = [e for e in entries if e.url not in self.requested]
        self.crawler.stats.inc_value("listing/pages")
        for entry in fresh:
            self.requested.add(entry.url)
            if entry.url in self.known:
                self.crawler.stats.inc_value("listing/already_stored")
                continue
            yield scrapy.Request(
                entry.url, callback=self.parse_article, cb_kwargs={"entry": entry}, priority=10
            )
        yield from self.next_listings(section, page, stale, fresh, listing.pages)

    def next_listings(
        self, section: str, page: int, stale: int, fresh: list[ListingEntry], pages: list[int]
    ) -> Iterator[scrapy.Request]:
        """Further listing pages: none once a page brings nothing new (Bitrix clamps)."""
        if self.crawl_mode == "incremental":
            unknown = [e for e in fresh if e.url not in self.known]
            limit = self.settings.getint("INCREMENTAL_EXTRA_PAGES")
            if fresh and (unknown or stale < limit):
                yield self.listing_request(section, page + 1, 0 if unknown else stale + 1)
            return
        if not fresh:
            return
        for number in sorted({*pages, page + 1}):
            if number > page:
                yield self.listing_request(section, number)

    def parse_article(self, response: Response, entry: ListingEntry) -> Iterator[ArticleItem]:
        fields = extract_article(page_text(response), response.url, self.profile)
        url = canonical_url(response.url)
        match = self.article_pattern.match(urlsplit(url).path)
        if match is None:  # redirected somewhere that is not an article: keep the listed URL
            url = entry.url
            match = self.article_pattern.match(urlsplit(url).path)
        assert match is not None
        self.record_layers(fields.layers, url)
        yield ArticleItem(
            url=url,
            lang=self.lang,
            section=entry.section,
            slug=match.group("slug"),
            title=fields.title,
            date_raw=fields.date_raw,
            date_source=fields.date_source,
            listing_date_raw=entry.date_raw,
            summary=entry.lead,
            body=fields.body,
            body_html=fields.body_html,
            images=fields.images,
            attachments=fields.attachments,
            extraction=fields.layers,
            flags=[],
            not_found=fields.not_found,
        )

    def record_layers(self, layers: dict[str, str], url: str) -> None:
        """Count which layer answered each field; remember one page where the profile missed."""
        stats = self.crawler.stats
        for name in ("title", "date", "body"):
            layer = layers.get(name, "none")
            stats.inc_value(f"extraction/{name}/{layer}")
            if layer != "profile":
                stats.set_value(f"extraction/{name}/miss_example",
                                stats.get_value(f"extraction/{name}/miss_example") or url)


def page_text(response: Response) -> str:
    """The page decoded the way a browser would, trusting bytes over a lying header."""
    content_type = response.headers.get("Content-Type", b"").decode("latin-1")
    return decode_html(response.body, content_type)[0]
