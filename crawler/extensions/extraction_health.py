"""Extraction health: which layer answered each field, and a loud failure when the
site profile's own selectors stop fitting the site.

A scheduled crawl that quietly stores sidebar dates or menu text is worse than one
that fails: when the profile misses on too many pages, the crawl still stores what the
fallbacks got right, then ends with a non-zero exit status and a message naming the
field and one example page.
"""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from crawler.extract import layers

logger = logging.getLogger(__name__)

FIELDS = ("title", "date", "body")
LAYERS = ("profile", "structure", "trafilatura", "htmldate", "none")


class ExtractionHealth:
    """Spider-closed report of layer shares; sets `health/failed` when the profile misses."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_miss = crawler.settings.getfloat("HEALTH_MAX_PROFILE_MISS")
        self.min_pages = crawler.settings.getint("HEALTH_MIN_PAGES")
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionHealth:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        """An extraction layer that cannot run is said at the start, never found out later
        from worse rows (a broken installation, see README "Install")."""
        for name, why in layers.missing().items():
            self.crawler.stats.inc_value("health/layers_missing")
            logger.error(
                "Extraction layer %s is not available (%s): %s is not done in this run. "
                "Reinstall the project's dependencies; `newscrawl doctor` lists the layers.",
                name, why, layers.OPTIONAL[name],
            )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        stats = self.crawler.stats
        failed = []
        for name in FIELDS:
            counts = {layer: stats.get_value(f"extraction/{name}/{layer}", 0) for layer in LAYERS}
            total = sum(counts.values())
            if not total:
                continue
            shares = ", ".join(f"{k} {v / total:.0%}" for k, v in counts.items() if v)
            logger.info("Extraction health: %s from %s (%d pages)", name, shares, total)
            for layer, count in counts.items():
                stats.set_value(f"health/{name}/{layer}_share", round(count / total, 4))
            miss = 1 - counts["profile"] / total
            if total >= self.min_pages and miss > self.max_miss:
                failed.append(name)
                logger.error(
                    "Extraction health failed: the site profile's %s selectors missed on "
                    "%.0f%% of %d pages (e.g. %s); the site's templates have probably "
                    "changed. Rows were stored from the fallback layers.",
                    name, miss * 100, total, stats.get_value(f"extraction/{name}/miss_example"),
                )
        rejected = {
            k.rsplit("/", 1)[-1]: v for k, v in stats.get_stats().items()
            if k.startswith("validation/rejected/")
        }
        if rejected:
            logger.info("Rejected items by reason: %s", rejected)
        if failed:
            stats.set_value("health/failed", 1)
            stats.set_value("health/failed_fields", ",".join(failed))
