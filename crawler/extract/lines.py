"""Whole lines that are not article text: navigation phrases, furniture, title lines.

Shared by extraction (which drops them from the container it reads) and the
boilerplate pipeline (which drops whatever extraction let through). A line is dropped
whole or kept whole: a phrase inside a sentence is never cut out of it.
"""

from __future__ import annotations

import re

from crawler.extract.dates import DateMatch, date_only, find_dates
from crawler.extract.text import clean_line, comparable, join_paragraphs, typed_paragraphs
from crawler.sites import SiteProfile

Phrases = frozenset[str] | set[str]
# "© 2009–2024 …", "Copyright 2024 …. All rights reserved": the site's notice, never an
# article's line ("© Reuters" under a story credits the story's source, and stays).
COPYRIGHT = re.compile(
    r"(?:(?:©|\(c\)|copyright\b).{0,40}\b(?:19|20)\d\d\b|.{0,80}\ball rights reserved\b)",
    re.IGNORECASE,
)
# A line that only separates parts of a text; kept where it stands.
SEPARATOR = re.compile(r"(?:[*_~=•·—–-]\s*){3,}")
Furniture = re.Pattern[str] | None


def is_boilerplate_line(
    line: str, title: str | None, phrases: Phrases, furniture: Furniture = None
) -> bool:
    """A navigation phrase, page furniture (a view counter), a bare date, the title, or
    the title followed by its date."""
    key = comparable(line)
    if not key:
        return not SEPARATOR.fullmatch(line.strip())  # "* * *", "___": the text's own breaks
    if key in phrases or date_only(line) or COPYRIGHT.match(line.lstrip()):
        return True
    if furniture is not None and furniture.fullmatch(line.strip()):
        return True
    if title:
        title_key = comparable(title)
        if key == title_key:
            return True
        dated = date_after_title(line, title_key)
        if dated is not None:
            return not comparable(line[dated.end :])
    return False


def date_after_title(line: str, title_key: str) -> DateMatch | None:
    """The date of a line that repeats the title and then gives its date, if it is one."""
    dates = find_dates(line)
    if dates and comparable(line[: dates[-1].start]) == title_key:
        return dates[-1]
    return None


def strip_boilerplate(
    body: str, title: str | None, phrases: Phrases, furniture: Furniture = None
) -> str:
    """The body without its boilerplate lines, each judged in its clean form; the others
    exactly as given (spaces and the text contract are the text pipeline's job)."""
    kept = [
        p for p in typed_paragraphs(body)
        if not is_boilerplate_line(clean_line(p), title, phrases, furniture)
    ]
    return join_paragraphs(kept)


def furniture_pattern(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive regex for a profile's whole-line furniture patterns."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None


def profile_lines(profile: SiteProfile) -> tuple[frozenset[str], re.Pattern[str] | None]:
    """A profile's navigation phrases (comparable form) and furniture regex, built once.

    Kept by the profile object's identity: hashing a profile hashes all its phrase
    lists, and extraction asks once per paragraph."""
    hit = _LINES_BY_ID.get(id(profile))
    if hit is not None and hit[0] is profile:
        return hit[1]
    phrases = frozenset(comparable(p) for p in profile.navigation_phrases)
    lines = phrases, furniture_pattern(profile.furniture_lines)
    if len(_LINES_BY_ID) >= 16:
        _LINES_BY_ID.clear()
    _LINES_BY_ID[id(profile)] = (profile, lines)  # held, so its id is not reused
    return lines


_LINES_BY_ID: dict[int, tuple[SiteProfile, tuple[frozenset[str], re.Pattern[str] | None]]] = {}


def is_byline(text: str) -> bool:
    """'Press Service · 10 July 2020, 14:35 · Moscow': a short dated line, not a sentence.

    A dateline opening the text ('Moscow, 12 September 2024. A meeting…') is dated and
    short too, but a sentence goes on after its date."""
    if len(text) >= 160 or text.endswith((".", "!", "?")):
        return False
    dates = find_dates(text)
    return bool(dates) and not _SENTENCE_AFTER_DATE.match(text[dates[0].end :])


# What follows the date of a dateline: a full stop or a dash, then a sentence.
_SENTENCE_AFTER_DATE = re.compile(r"\s*[.—–]\s+\w+(?:\W+\w+){4}")
