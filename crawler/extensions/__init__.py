"""Scrapy extensions of the crawl, one per module, as Scrapy groups its own.

`extraction_health`: which layer answered each field, and the template-change alarm;
`reachability`: one clear line when the site could not be reached; `storage_guard`: stop
at the first failed database write; `progress_line`: a progress line at a terminal
(`newscrawl` only). Enabled in `EXTENSIONS`.
"""
