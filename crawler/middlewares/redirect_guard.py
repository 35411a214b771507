"""Redirect loops and redirects off the site end in the errback instead of vanishing.

Scrapy's RedirectMiddleware sends each redirect back through the scheduler, where the
duplicate filter silently drops a redirect to a URL already requested (a loop `/a/` →
`/a/?x` → `/a/`) and the offsite filter silently drops one to another host: either
would lose the article without a trace. This middleware sits just before it and turns
both into IgnoreRequest, which reaches the request's errback (and the `rejects` table).
"""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


class RedirectGuardMiddleware:
    """IgnoreRequest for a redirect that revisits its own chain or leaves the site."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectGuardMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get("Location")
        if response.status not in REDIRECT_CODES or not location:
            return response
        target = urldefrag(urljoin(request.url, location.decode("latin-1").strip()))[0]
        chain = [urldefrag(u)[0] for u in request.meta.get("redirect_urls", [])]
        if target in (*chain, urldefrag(request.url)[0]):
            self.stats.inc_value("redirect/loop")
            raise IgnoreRequest(f"redirect loop: {' -> '.join([*chain, request.url, target])}")
        if not self.on_site(target):
            self.stats.inc_value("redirect/offsite")
            raise IgnoreRequest(f"redirect off the site: {request.url} -> {target}")
        return response

    def on_site(self, url: str) -> bool:
        """The spider's allowed domains (and their subdomains), as the offsite filter says."""
        domains = getattr(self.crawler.spider, "allowed_domains", None) or []
        host = (urlsplit(url).hostname or "").lower()
        return not domains or any(host == d or host.endswith("." + d) for d in domains)
