"""Downloader middlewares of the crawl, one per module, as Scrapy groups its own.

`backoff_retry`: retries that back off and honour `Retry-After`; `robotstxt`: robots.txt
as RFC 9309 says (unreachable means crawl nothing); `redirect_guard`: redirect loops and
redirects off the site end in the errback. Enabled in `DOWNLOADER_MIDDLEWARES`.
"""
