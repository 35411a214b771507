"""Download handlers of the crawl, as Scrapy groups its own (`DOWNLOAD_HANDLERS`).

`run_aware_http`: Scrapy's HTTP handler, except that it fetches nothing once the run is
ending.
"""
