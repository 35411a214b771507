"""Feed exporters (`scrapy crawl csto -o articles.csv`, FEEDS, Scrapyd's items feed).

Scrapy's CSV exporter joins a list of strings with commas and writes anything else as
its Python repr; an article's images, attachments, extraction layers and flags would
come out as `[{'url': …}]`. Here they are JSON, as `newscrawl export --format csv`
writes the same columns.
"""

from __future__ import annotations

import json
from typing import Any

from scrapy.exporters import CsvItemExporter as ScrapyCsvItemExporter


class CsvItemExporter(ScrapyCsvItemExporter):
    """CSV with list and dict values as JSON text."""

    def serialize_field(self, field: Any, name: str, value: Any) -> Any:
        if isinstance(value, list | dict):
            return json.dumps(value, ensure_ascii=False, sort_keys=True)
        return super().serialize_field(field, name, value)
