"""Boilerplate pipeline: drop whole lines that are navigation or the title repeated.

Only whole paragraphs are dropped, matched against the site profile's phrase lists:
a phrase inside a sentence ("…agreed to go back to the negotiating table…") stays.
"""

from __future__ import annotations

import re
from typing import Any

from scrapy.crawler import Crawler

from crawler.extract.dates import date_only, find_dates
from crawler.extract.text import comparable, join_paragraphs, split_paragraphs
from crawler.sites import get_profile


def is_boilerplate_line(
    line: str, title: str | None, phrases: set[str], furniture: re.Pattern[str] | None = None
) -> bool:
    """A navigation phrase, page furniture (a view counter), a bare date, the title, or
    the title followed by its date."""
    key = comparable(line)
    if not key or key in phrases or date_only(line):
        return True
    if furniture is not None and furniture.fullmatch(line.strip()):
        return True
    if title:
        title_key = comparable(title)
        if key == title_key:
            return True
        dates = find_dates(line)
        if dates and comparable(line[: dates[-1].start]) == title_key:
            return not comparable(line[dates[-1].end :])
    return False


def strip_boilerplate(
    body: str, title: str | None, phrases: set[str], furniture: re.Pattern[str] | None = None
) -> str:
    """The body without its boilerplate lines, paragraphs otherwise untouched."""
    kept = [
        p for p in split_paragraphs(body)
        if not is_boilerplate_line(p, title, phrases, furniture)
    ]
    return join_paragraphs(kept)


def furniture_pattern(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive regex for a profile's whole-line furniture patterns."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None


class BoilerplatePipeline:
    """Removes navigation lines and the repeated title that extraction let through."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self._phrases: dict[str, tuple[set[str], re.Pattern[str] | None]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BoilerplatePipeline:
        return cls(crawler)

    def phrases(self, lang: str) -> tuple[set[str], re.Pattern[str] | None]:
        if lang not in self._phrases:
            profile = get_profile(lang)
            self._phrases[lang] = (
                {comparable(p) for p in profile.navigation_phrases},
                furniture_pattern(profile.furniture_lines),
            )
        return self._phrases[lang]

    def process_item(self, item: Any) -> Any:
        if item.get("gone") or not item.get("body"):
            return item
        before = item["body"]
        phrases, furniture = self.phrases(item["lang"])
        item["body"] = strip_boilerplate(before, item.get("title"), phrases, furniture)
        if item["body"] != before:
            self.stats.inc_value("boilerplate/items_cleaned")
        return item
