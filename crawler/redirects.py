"""Redirect loops end in the article's errback instead of vanishing.

Scrapy's RedirectMiddleware sends each redirect back through the scheduler, whose
duplicate filter silently drops a redirect to a URL already requested: a loop
`/a/` → `/a/?x` → `/a/` would lose the article without a trace. This middleware sits
just before it and turns a redirect back to a URL of the same chain into IgnoreRequest,
which reaches the request's errback (and so the `rejects` table).
"""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


class RedirectLoopMiddleware:
    """Raises IgnoreRequest("redirect loop ...") when a redirect revisits its own chain."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectLoopMiddleware:
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
        return response
