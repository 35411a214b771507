"""Publication dates: find them in text and read them, day first, English or Russian.

The site's own formats are read directly with regular expressions (fast and exact);
dateparser is only the fallback for shapes we have not listed, because it is slow and
happily reads "today" as a date. A date we cannot read is None, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("january", "jan", "январь", "января", "янв"),
        ("february", "feb", "февраль", "февраля", "фев"),
        ("march", "mar", "март", "марта", "мар"),
        ("april", "apr", "апрель", "апреля", "апр"),
        ("may", "май", "мая"),
        ("june", "jun", "июнь", "июня", "июн"),
        ("july", "jul", "июль", "июля", "июл"),
        ("august", "aug", "август", "августа", "авг"),
        ("september", "sep", "sept", "сентябрь", "сентября", "сен", "сент"),
        ("october", "oct", "октябрь", "октября", "окт"),
        ("november", "nov", "ноябрь", "ноября", "ноя", "нояб"),
        ("december", "dec", "декабрь", "декабря", "дек"),
    ],
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_TIME = r"(?:[,\s]+(?:в\s+)?\d{1,2}:\d{2}(?::\d{2})?)?"
_YEAR_SUFFIX = r"(?:\s*(?:г\.|года|год|г)(?![\w]))?"

# Each pattern names day, month (number or name) and year. Those that start with a digit
# say so first and look behind it after (`\d(?<![\d.]\d)` is `(?<![\d.])\d`): a pattern
# that opens with a character class lets the regex engine skip to the next digit instead
# of trying the look-behind at every character of a paragraph.
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"(?P<year>\d(?<![\d.]\d)\d{3})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
        r"(?:[T ][\d:.+\-Z]*)?"
    ),
    re.compile(
        r"(?P<year>\d(?<![\d.]\d)\d{3})[./](?P<month>\d{1,2})[./](?P<day>\d{1,2})(?![\d.])"
    ),
    re.compile(
        r"(?P<day>\d(?<![\d.]\d)\d?)([./-])(?P<month>\d{1,2})\2(?P<year>\d{4})(?![\d])" + _TIME
    ),
    re.compile(  # "10.07.20": two-digit years, dots only, as Russian sites write them
        r"(?P<day>\d(?<![\d.]\d)\d?)\.(?P<month>\d{1,2})\.(?P<yy>\d{2})(?![\d.])" + _TIME
    ),
    re.compile(
        rf"(?P<day>\d(?<![\w]\d)\d?)(?:st|nd|rd|th)?\s+(?P<mname>{_MONTH})\.?,?\s+"
        rf"(?P<year>\d{{4}}){_YEAR_SUFFIX}" + _TIME,
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<![\w])(?P<mname>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        rf"(?P<year>\d{{4}})" + _TIME,
        re.IGNORECASE,
    ),
)
# What every match of each pattern contains, found fast (it starts with a digit): the
# month-first pattern has a day after a space and a year after that.
_PATTERN_HINTS: tuple[re.Pattern[str] | None, ...] = (
    None, None, None, None, None,
    re.compile(r"\d(?<=\s\d)\d?(?:st|nd|rd|th)?,?\s+\d{4}", re.IGNORECASE),
)
_HINTED_PATTERNS = tuple(zip(DATE_PATTERNS, _PATTERN_HINTS, strict=True))

# "From 22 to 26 April 2024", "July 1-2, 2020", "с 22 по 26 апреля": the date that ends a
# range is not a publication date.
_RANGE_BEFORE = re.compile(
    r"(?:\d{1,2}\s*(?:-|–|—|to|and|till|until|по|до|и)\s*|\d{4}\s*(?:-|–|—)\s*)$", re.IGNORECASE
)
# ...but "10.07.2020 - 14:35" is a date and its time, not a range.
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|—|to|till|until|по|до)\s*\d{1,2}(?![\d:])", re.IGNORECASE)

_RANGE_ANYWHERE = re.compile(
    r"\d{1,2}\s*(?:-|–|—|to|till|until|по|до|and|и)\s*\d{1,2}(?![\d:])", re.IGNORECASE
)

MIN_YEAR = 1990


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text: where, its raw wording, and its value."""

    start: int
    end: int
    raw: str
    value: date


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    latest = datetime.now(timezone.utc).date().year + 1
    return value if MIN_YEAR <= year <= latest else None


def _from_match(match: re.Match[str], weekday: int | None = None) -> date | None:
    """The date a pattern matched: day first, as the site writes it. A numeric date that
    only reads month first (07/22/2020), or whose weekday says so ('Fri, 07/10/2020' is
    a Friday only as 10 July), is read month first: one reading, not a guess."""
    parts = match.groupdict()
    month = MONTHS.get(parts["mname"].lower().rstrip(".")) if parts.get("mname") else None
    if month is None and parts.get("month"):
        month = int(parts["month"])
    if month is None:
        return None
    year = int(parts["year"]) if parts.get("year") else 2000 + int(parts["yy"])
    day_first = _valid(year, month, int(parts["day"]))
    if parts.get("mname") or "/" not in match.group(0):
        return day_first  # only slashes are ever written month first
    month_first = _valid(year, int(parts["day"]), month)
    if day_first is None or (
        weekday is not None and month_first is not None
        and day_first.weekday() != weekday == month_first.weekday()
    ):
        return month_first
    return day_first


WEEKDAYS = {
    name: number
    for number, names in enumerate([
        ("monday", "mon", "понедельник", "пн"), ("tuesday", "tue", "вторник", "вт"),
        ("wednesday", "wed", "среда", "ср"), ("thursday", "thu", "четверг", "чт"),
        ("friday", "fri", "пятница", "пт"), ("saturday", "sat", "суббота", "сб"),
        ("sunday", "sun", "воскресенье", "вс"),
    ])
    for name in names
}
_WEEKDAY_BEFORE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)\.?,?\s*$")


def _weekday_before(text: str, start: int) -> tuple[int | None, int]:
    """The weekday named right before a date ('Fri, 07/10/2020') and where it starts; the
    date's raw text keeps it, so reading the raw text again gives the same date."""
    window = max(0, start - 14)
    found = _WEEKDAY_BEFORE.search(text[window:start])
    weekday = WEEKDAYS.get(found.group(1).lower()) if found else None
    return (weekday, window + found.start(1)) if found and weekday is not None else (None, start)


# Every pattern above needs a four-digit year or the `d.mm.yy` shape: text without either
# (most text on a page) holds no date, and one search says so instead of six.
MAYBE_DATE = re.compile(r"\d(?:\d{3}|\.\d{1,2}\.\d{2})")


def find_dates(text: str) -> list[DateMatch]:
    """Every publication-like date in `text`, in order; the ends of ranges are skipped.

    Extraction asks about the same paragraph several times (is it a date line, the title
    with its date, a byline?), so answers are cached; the current year is part of the
    key because it bounds which years are valid.
    """
    if not MAYBE_DATE.search(text):
        return []
    return list(_find_dates(text, datetime.now(timezone.utc).date().year))


@lru_cache(maxsize=1024)
def _find_dates(text: str, this_year: int) -> tuple[DateMatch, ...]:
    """`find_dates` itself; `this_year` only keys the cache (`_valid` reads the clock)."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern, hint in _HINTED_PATTERNS:
        if hint is not None and not hint.search(text):
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            if _RANGE_BEFORE.search(text[max(0, start - 12) : start]):
                continue
            if _RANGE_AFTER.search(text[end : end + 8]):
                continue
            weekday, raw_start = _weekday_before(text, start)
            value = _from_match(match, weekday)
            if value is not None:
                taken.append((start, end))
                found.append(DateMatch(start, end, text[raw_start:end].strip(), value))
    return tuple(sorted(found, key=lambda m: m.start))


_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_YEAR_WORD = re.compile(r"\b(?:г|года|год)\b\.?")
_DATE_LABEL = re.compile(
    r"^(?:date|published|posted|дата|опубликовано|дата публикации)\s*:?\s*", re.IGNORECASE
)


def date_only(text: str) -> DateMatch | None:
    """The date when `text` is essentially just a date (a date line, a `<time>`)."""
    if not MAYBE_DATE.search(text):
        return None  # called on every text of a page: most hold no date at all
    stripped = _DATE_LABEL.sub("", text.strip())
    matches = find_dates(stripped)
    if len(matches) != 1:
        return None
    rest = stripped[: matches[0].start] + stripped[matches[0].end :]
    rest = _CLOCK.sub("", rest)
    rest = _YEAR_WORD.sub("", rest)
    return matches[0] if len(rest.strip(" \t\n|,.:;-–—()[]/")) <= 12 else None


def parse_date(raw: str | None, languages: tuple[str, ...] = ("en", "ru")) -> date | None:
    """Read one date written in any of the site's formats; None when it cannot be read.

    Known formats first; dateparser (absolute dates only, day first, all three parts
    required) for the rest, so that neither "today" nor a bare "April" becomes a date.
    """
    if not raw or not raw.strip():
        return None
    text = " ".join(raw.split())
    matches = find_dates(text)
    if matches:
        return matches[0].value
    if not re.search(r"[^\W\d_]{3}", text):
        return None  # all numeric shapes are read above; dateparser would swap day and month
    if _RANGE_ANYWHERE.search(text):
        return None  # "22 - 26 April 2024": dateparser would take the range's first day
    return _dateparser(text[:200], tuple(languages))


@lru_cache(maxsize=4096)
def _dateparser(text: str, languages: tuple[str, ...]) -> date | None:
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=list(languages),
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["custom-formats", "absolute-time"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if parsed is None:
        return None
    return _valid(parsed.year, parsed.month, parsed.day)


_SLASHED = re.compile(r"(?<![\d.])(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")


def readings(raw: str | None, languages: tuple[str, ...] = ("en", "ru")) -> set[date]:
    """Every date `raw` can mean: two for an ambiguous slash date (07/10/2020), else one.

    A listing that writes 07/10/2020 next to an article dated 10 July 2020 agrees with it;
    the dates pipeline uses this to cross-check, never to pick a date on its own.
    """
    value = parse_date(raw, languages)
    found = {value} if value else set()
    match = _SLASHED.search(raw or "")
    if match:
        first, second, year = (int(g) for g in match.groups())
        for day, month in ((first, second), (second, first)):
            other = _valid(year, month, day)
            if other:
                found.add(other)
    return found
