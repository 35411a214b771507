"""The crawl's item pipelines, storage excepted, run outside Scrapy.

Re-extraction (and the benchmark) must clean, date and validate items exactly as a
crawl does, so they run the same classes, in the order `ITEM_PIPELINES` gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import MutableMapping
from types import SimpleNamespace
from typing import Any

from scrapy.exceptions import DropItem
from scrapy.settings import Settings
from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import load_object

from pipelines.storage.pipeline import StoragePipeline


class Stats:
    """The part of Scrapy's stats collector the pipelines use, counting into a Counter."""

    def __init__(self) -> None:
        self.values: Counter[str] = Counter()

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self.values[key] += count

    def set_value(self, key: str, value: Any) -> None:
        self.values[key] = value

    def get_value(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


class PipelineChain:
    """Every pipeline of `ITEM_PIPELINES` but storage, as instances, in order."""

    def __init__(self, settings: Settings | None = None) -> None:
        if settings is None:
            settings = Settings()
            settings.setmodule("crawler.settings", priority="project")
        self.stats = Stats()
        crawler = SimpleNamespace(stats=self.stats, settings=settings)
        self.pipelines = []
        for path in build_component_list(settings.getwithbase("ITEM_PIPELINES")):
            cls = load_object(path)
            if issubclass(cls, StoragePipeline):
                continue
            self.pipelines.append(cls.from_crawler(crawler))

    def run(self, item: MutableMapping[str, Any]) -> tuple[Any, str | None]:
        """The item as the pipelines leave it, and None; or the item and the drop reason."""
        try:
            for pipeline in self.pipelines:
                item = pipeline.process_item(item)
        except DropItem as drop:
            return item, str(drop)
        return item, None
