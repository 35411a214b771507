"""Extraction: pure functions from a page's HTML and URL to the fields a crawl stores.

No Scrapy, no SQL, no network. `extract_page(html, url, lang)` is the entry point for
one article page (title, date, body and where each came from); `extract_listing` in
`crawler.extract.listing` reads a section's listing page.
"""

from crawler.extract.page import ExtractedPage, extract_page

__all__ = ["ExtractedPage", "extract_page"]
