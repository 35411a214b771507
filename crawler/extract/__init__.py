"""Pure extraction: functions from HTML (and its URL) to fields. No Scrapy here."""
