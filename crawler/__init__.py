"""Scrapy project that crawls the CSTO news site into SQLite."""
