"""Scrapy's HTTP(S) download handler that starts no fetch once the run is ending.

Requests wait in the downloader's queue for the politeness delay (DOWNLOAD_DELAY,
AutoThrottle's up to 30 s), up to CONCURRENT_REQUESTS of them, and Scrapy fetches them
all before it closes the spider: at `--max-runtime` or on a SIGTERM that was minutes of
fetching after the run had ended. The handler is the first code that runs once a
request leaves that queue, so it is where the run's end is looked at: such a request
ends in its errback as `RunEnding` (counted, never a reject; the next run fetches it).
A fetch already under way is let finish.
"""

from __future__ import annotations

from typing import Any

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.http import Request, Response

from crawler.run.run_end import RunEnd, RunEnding


class RunAwareHTTPDownloadHandler(HTTP11DownloadHandler):
    """HTTP11DownloadHandler that raises RunEnding instead of fetching after the end."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self.run_end = RunEnd(crawler)

    async def download_request(self, request: Request) -> Response:
        if self.run_end():
            raise RunEnding("the run is ending")
        return await super().download_request(request)
