"""Where a page states its own publication date, besides its visible date line.

What htmldate and trafilatura look at, in the order this project trusts it: a full date
in the URL's path (`/2019/11/18/slug/`), an element the page declares as its publication
date (schema.org `datePublished`, `<time pubdate>`, a class saying "published"), the
`datePublished` of the article in its JSON-LD, and meta tags under the names publishers
use. A modification date is never a publication date; which of these an article page
may use, and before what, is decided in `crawler.extract.published`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from lxml import etree

from crawler.extract.dates import find_dates
from crawler.extract.dom import class_words, text_of
from crawler.extract.text import comparable

# Meta names and properties that carry the publication date (lower case).
PUBLISHED_META = frozenset(
    """article:published_time article:published article.published article:post_date
    og:article:published_time og:published_time og:pubdate og:publish_date
    datepublished date_published published_time published_date publishdate publish_date
    publish-date pubdate pub_date publication_date parsely-pub-date sailthru.date
    dc.date dc.date.issued dc.date.created dc.created dcterms.date dcterms.issued
    dcterms.created citation_publication_date citation_date rnews:datepublished date
    article_date_original originalpublicationdate displaydate dateposted""".split()
)
# Meta names and properties that carry a modification date (lower case).
MODIFIED_META = frozenset(
    """article:modified_time article:modified og:updated_time og:modified_time
    datemodified date_modified modified_time last-modified lastmod dc.date.modified
    dcterms.modified""".split()
)
# Class words that say "this is when it was published" on an element with a date.
PUBLISHED_CLASS_WORDS = frozenset("published pubdate publishdate datepublished".split())
MODIFIED_CLASS_WORDS = frozenset("updated modified lastmod edited".split())
# schema.org types whose datePublished is the page's own article's.
ARTICLE_TYPES = frozenset(
    """Article NewsArticle BlogPosting ReportageNews AnalysisNewsArticle OpinionNewsArticle
    BackgroundNewsArticle ReviewNewsArticle LiveBlogPosting Report ScholarlyArticle
    TechArticle SocialMediaPosting WebPage""".split()
)

_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/._-]|$)"
)
_JSON_LD = re.compile(
    r"<script[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_ISO_STAMP = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})$"
)


def url_date(path: str) -> str | None:
    """`2019/11/18` from `/news/2019/11/18/slug/`: publishers date the path when they
    create the article, and a full date there is rarely anything else."""
    match = _URL_DATE.search(path)
    if match is None:
        return None
    raw = "/".join(match.groups())
    return raw if find_dates(raw) else None


def declared_elements(doc: etree._Element) -> Iterator[etree._Element]:
    """Elements the page marks as its publication date, in document order."""
    for el in doc.iter(etree.Element):
        name = el.tag.lower() if isinstance(el.tag, str) else ""
        prop = (el.get("itemprop") or "").lower()
        if prop in ("datepublished", "datecreated"):
            if name != "meta":
                yield el
        elif name == "time" and (
            el.get("pubdate") is not None
            or (class_words(el) & PUBLISHED_CLASS_WORDS
                and not class_words(el) & MODIFIED_CLASS_WORDS)
        ):
            yield el


def element_date(el: etree._Element) -> str | None:
    """The date an element states (its `datetime` or `content` attribute, else its text)."""
    for raw in (el.get("datetime"), el.get("content"), text_of(el)):
        if raw and find_dates(raw):
            return raw.strip()
    return None


def meta_published(doc: etree._Element) -> str | None:
    """The first publication date among the page's meta tags."""
    for el in doc.iter("meta"):
        key = _meta_key(el)
        content = el.get("content") or ""
        if key in PUBLISHED_META and find_dates(content):
            return content.strip()
    return None


def _meta_key(el: etree._Element) -> str:
    """A meta tag's name, whichever attribute carries it (lower case)."""
    return (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()


def stories_disagree(dates: list[tuple[str, str]]) -> bool:
    """Whether JSON-LD article dates (`json_ld_dates`) fall on more than one day: a list
    of stories, not one article's date."""
    return len({value[:10] for _, value in dates}) > 1


def declared_modified(doc: etree._Element, html: str) -> list[str]:
    """Every modification date the page declares (meta tags, `dateModified` in microdata
    or JSON-LD): a date that says when the page changed, never when it was published."""
    found = [el.get("content") or "" for el in doc.iter("meta") if _meta_key(el) in MODIFIED_META]
    found += [
        element_date(el) or "" for el in doc.iter(etree.Element)
        if (el.get("itemprop") or "").lower() == "datemodified"
    ]
    found += re.findall(r'"dateModified"\s*:\s*"([^"]+)"', html)
    return [raw for raw in found if find_dates(raw)]


def json_ld_dates(html: str) -> list[tuple[str, str]]:
    """(headline, datePublished) of every article object in the page's JSON-LD."""
    dates: list[tuple[str, str]] = []
    for block in _JSON_LD.findall(html):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        for obj in _article_objects(data):
            value = obj.get("datePublished")
            if isinstance(value, str) and find_dates(value):
                headline = obj.get("headline") or obj.get("name") or ""
                dates.append((str(headline), value.strip()))
    return dates


def json_ld_published(html: str, title_key: str | None = None) -> str | None:
    """`datePublished` of the article that the page's JSON-LD describes.

    Several article objects with different dates (a list of related stories) are no
    answer unless one of them is headed by this page's title."""
    dates = json_ld_dates(html)
    if not dates:
        return None
    if not stories_disagree(dates):
        return dates[0][1]
    if title_key:
        titled = [value for headline, value in dates if comparable(headline) == title_key]
        if titled:
            return titled[0]
    return None


def _article_objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Article-like objects in a JSON-LD document, not those listed inside another."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _article_objects(item, depth + 1)
        return
    if not isinstance(data, dict):
        return
    if "@graph" in data:
        yield from _article_objects(data["@graph"], depth + 1)
    types = data.get("@type")
    names = {types} if isinstance(types, str) else set(types or ())
    if names & ARTICLE_TYPES:
        yield data
    main = data.get("mainEntity") or data.get("mainEntityOfPage")
    if isinstance(main, dict):
        yield from _article_objects(main, depth + 1)


def local_form(raw: str, stamps: list[str]) -> str:
    """A UTC timestamp as the publisher's own clock wrote the same instant elsewhere on
    the page: 23:05 on the 8th in California is the 9th in UTC, and the page's day is
    the 8th."""
    instant = _instant(raw)
    if instant is None or instant[1] != timedelta(0):
        return raw
    for stamp in stamps:
        other = _instant(stamp)
        if other is not None and other[1] != timedelta(0) and abs(
            other[0] - instant[0]
        ) <= timedelta(minutes=1):
            return stamp
    return raw


def _instant(raw: str) -> tuple[datetime, timedelta] | None:
    """(UTC time, offset) of an ISO timestamp with an explicit offset."""
    match = _ISO_STAMP.match(raw.strip())
    if match is None:
        return None
    day, hour, minute, second, zone = match.groups()
    if zone == "Z":
        offset = timedelta(0)
    else:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    try:
        local = datetime.fromisoformat(f"{day}T{hour}:{minute}:{second or '00'}")
    except ValueError:
        return None
    return local - offset, offset


def page_stamps(doc: etree._Element, html: str) -> list[str]:
    """Every ISO timestamp with an offset the page states (time, meta, JSON-LD)."""
    found = [el.get("datetime") or "" for el in doc.iter("time")]
    found += [el.get("content") or "" for el in doc.iter("meta")]
    found += re.findall(r'"(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2}))"', html)
    return [s for s in found if _ISO_STAMP.match(s.strip())]
