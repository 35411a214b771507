"""Scrapy commands of this project, replacing Scrapy's own where ours say more."""
