"""One article page → what the crawl stores from it: the public entry point of extraction.

`extract_article` finds the fields; this module brings them to the form the crawl
stores, with the same functions the cleaning pipelines use (text contract, boilerplate
lines, date reading), so that a page tried here and the same page crawled give the same
title, body and date. `newscrawl doctor` and `../shared/realpages/score.py` call it; the
crawl and `newscrawl reextract` call `extract_article` through `crawler.items.article_item`
and leave the cleaning to the pipelines (`extract_page` sits below both in the layers), and
tests/test_extract_page_is_the_crawl.py checks that the two give the same fields on every
fixture and mirror page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.extract.article import extract_article
from crawler.extract.dates import parse_date
from crawler.extract.lines import profile_lines, strip_boilerplate
from crawler.extract.text import clean_body, clean_line
from crawler.sites import SiteProfile, get_profile


@dataclass(frozen=True)
class ExtractedPage:
    """What one article page says about itself, cleaned as the crawl stores it.

    `published` is the page's own date (YYYY-MM-DD), None when the page shows none that
    can be read: in a crawl, the listing's date then answers (`pipelines.dates`).
    `layers` says which extraction layer answered each field; `date_source` where the
    date was found (see README, "Extraction")."""

    title: str | None
    published: str | None
    body: str
    date_raw: str | None = None
    date_source: str | None = None
    layers: dict[str, str] = field(default_factory=dict)
    body_html: str | None = None
    images: list[dict[str, str]] = field(default_factory=list)
    attachments: list[dict[str, str]] = field(default_factory=list)
    not_found: bool = False


def extract_page(html: str, url: str, lang: str | SiteProfile) -> ExtractedPage:
    """Title, date, body (and media) of the article page `html` fetched from `url`.

    `lang` is the site's language ("en", "ru"), or a site profile. Pure: no network,
    no Scrapy, no database; a page that cannot be read gives empty fields, not an
    exception."""
    profile = get_profile(lang) if isinstance(lang, str) else lang
    fields = extract_article(html, url, profile)
    title = clean_line(fields.title) or None if fields.title else None
    phrases, furniture = profile_lines(profile)
    body = strip_boilerplate(clean_body(fields.body), title, phrases, furniture)
    day = parse_date(fields.date_raw, profile.dateparser_languages)
    return ExtractedPage(
        title=title,
        published=day.isoformat() if day else None,
        body=body,
        date_raw=fields.date_raw,
        date_source=fields.date_source,
        layers=dict(fields.layers),
        body_html=fields.body_html,
        images=fields.images,
        attachments=fields.attachments,
        not_found=fields.not_found,
    )
