"""Listing pages: (HTML, URL, profile) → the articles listed, with date and lead, and pages.

Each listed article is found by the shape of its link (the profile's article path), and
its item is the largest block around the link that holds no other article: whatever the
markup (`<li>`, `<div>`, a table row; date before or after the link), the date and the
lead of an item are inside that block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree

from crawler.extract.blocks import paragraphs
from crawler.extract.dates import date_only, find_dates
from crawler.extract.dom import ancestors, parse, tag
from crawler.extract.layout import Texts
from crawler.extract.lines import profile_lines
from crawler.extract.links import article_links, article_path_pattern
from crawler.extract.text import comparable
from crawler.extract.urls import (
    absolute,
    canonical_url,
    host_aliases,
    link_base,
    on_origin_of,
    page_number,
    same_site,
    split_url,
)
from crawler.sites import SiteProfile


@dataclass(frozen=True)
class ListingEntry:
    """One article as a listing shows it."""

    url: str
    section: str
    slug: str
    title: str | None
    date_raw: str | None
    lead: str | None
    link: str = ""  # the URL as the page links it (on the crawled origin): what to fetch


@dataclass(frozen=True)
class ListingPage:
    """What a listing page offers: its articles, in page order, and the pages it links to."""

    entries: list[ListingEntry]
    pages: list[int]


def extract_listing(html: str, url: str, profile: SiteProfile) -> ListingPage:
    """All articles and pagination links of a listing page. Pure: no network, no Scrapy."""
    doc = parse(html)
    texts = Texts(doc)  # items, dates and leads ask for the same elements' text again
    pattern = article_path_pattern(profile.article_path)
    links = article_links(doc, url, pattern, host_aliases(profile.base_url))
    url_of = dict(links)
    owners: dict[etree._Element, set[str]] = {}
    for a, link_url in links:
        for el in (a, *ancestors(a)):
            owners.setdefault(el, set()).add(link_url)
    phrases = profile_lines(profile)[0]
    entries: dict[str, ListingEntry] = {}
    for a, link_url in links:
        item = _item_block(a, owners)
        match = pattern.match(urlsplit(link_url).path)
        assert match is not None
        entry = ListingEntry(
            url=link_url,
            section=match.group("section"),
            slug=match.group("slug"),
            title=texts(a) or None,
            date_raw=_item_date(item, texts) or _group_date(item, url_of, texts),
            lead=_item_lead(item, url_of, link_url, texts, phrases),
            link=_as_linked(a, url, profile),
        )
        entries[link_url] = _merge(entries[link_url], entry) if link_url in entries else entry
    return ListingPage(list(entries.values()), _pages(doc, url, profile))


def _as_linked(a: etree._Element, page_url: str, profile: SiteProfile) -> str:
    """The link's own URL without its fragment: a site that does not add the trailing
    slash we canonicalise to must still be fetched at an address it answers."""
    target = (absolute(page_url, a.get("href") or "") or page_url).split("#", 1)[0]
    if (urlsplit(target).hostname or "").lower() in host_aliases(profile.base_url):
        target = on_origin_of(target, page_url)
    return target


def _merge(first: ListingEntry, again: ListingEntry) -> ListingEntry:
    """One article listed twice (a latest-news block and the list): what either says."""
    return replace(
        first,
        date_raw=first.date_raw or again.date_raw,
        lead=first.lead or again.lead,
    )


def _item_block(a: etree._Element, owners: dict[etree._Element, set[str]]) -> etree._Element:
    """The largest ancestor of `a` that links to this article only."""
    item = a
    for parent in ancestors(a):
        if len(owners.get(parent, ())) > 1 or parent.tag in ("body", "html"):
            break
        item = parent
    return item


def _item_date(item: etree._Element, texts: Texts) -> str | None:
    """The date an item shows: a `<time>`, an element holding only a date, else a
    paragraph that starts with one."""
    for el in item.iter("time"):
        raw = el.get("datetime") or texts(el)
        if raw and find_dates(raw):
            return raw
    for el in item.iter():  # an element of its own: <span>(10.07.2020)</span>, a <td>
        match = date_only(texts(el)) if isinstance(el.tag, str) else None
        if match:
            return match.raw
    for text in (p.text for p in paragraphs(item)):  # "10.07.2020 Title" on one line
        matches = find_dates(text)
        if matches and matches[0].start == 0:
            return matches[0].raw
    return None


def _group_date(
    item: etree._Element,
    url_of: dict[etree._Element, str],
    texts: Texts,
) -> str | None:
    """The day heading above a group of items (`<div>10 July 2020</div>` then items that
    show only a time): the nearest preceding date line that is not itself an item."""
    for level in (item, *ancestors(item)):
        if tag(level) in ("body", "html"):
            break
        for sibling in level.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue
            if any(a in url_of for a in sibling.iter("a")):
                continue  # another article's item: its date is not ours
            match = date_only(texts(sibling))
            if match:
                return match.raw
    return None


def _item_lead(
    item: etree._Element,
    url_of: dict[etree._Element, str],
    url: str,
    texts: Texts,
    phrases: frozenset[str],
) -> str | None:
    """The item's text other than its date, its title and its "more" link; a second
    link's text (a linked lead after a linked title) when that is all there is; else
    the text of the blocks right after the item that belong to it (a table whose lead
    has a row of its own). Only words make a lead: "»" of a "more »" link is none.

    A link around a whole card (`<a><span>date</span><h3>title</h3><p>lead</p></a>`) is
    not hidden as a title link is; the card's heading is its title instead.
    """
    leads = _lead_texts(item, url_of, url, texts, phrases)
    if leads:
        return max(leads, key=len)
    linked = [texts(a) for a in _title_links(item, url_of, url) if texts(a)]
    linked = [t for t in linked if _is_words(t, phrases)]
    if len(set(linked)) > 1:
        return max(linked[1:], key=len)
    rest = _following_blocks(item, url_of, url)
    leads = [t for el in rest for t in _lead_texts(el, url_of, url, texts, phrases)]
    return max(leads, key=len) if leads else None


def _title_links(
    item: etree._Element, url_of: dict[etree._Element, str], url: str
) -> list[etree._Element]:
    """Links to the article that show one line (a title, "more »"), not a whole card."""
    anchors = [a for a in item.iter("a") if url_of.get(a) == url]
    return [a for a in anchors if len(paragraphs(a)) <= 1]


def _lead_texts(
    block: etree._Element,
    url_of: dict[etree._Element, str],
    url: str,
    texts: Texts,
    phrases: frozenset[str],
) -> list[str]:
    """Lines of `block` that may be a lead: not its title or "more" links, headings or
    date lines, and words."""
    headings = [el for el in block.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    dates = [el for el in block.iter() if isinstance(el.tag, str) and date_only(texts(el))]
    hidden = set(_title_links(block, url_of, url)) | set(dates) | set(headings)
    lines = [p.text for p in paragraphs(block, lambda el: el in hidden)]
    return [t for t in lines if not date_only(t) and _is_words(t, phrases)]


def _following_blocks(
    item: etree._Element, url_of: dict[etree._Element, str], url: str
) -> list[etree._Element]:
    """The siblings right after `item` that link nowhere but to its article: the lead's
    row and the "more »" row of a table item. Another article's link, or any other link
    (pagination), ends them."""
    found = []
    for el in item.itersiblings():
        if not isinstance(el.tag, str):
            continue
        if any(url_of.get(a) != url for a in el.iter("a") if a.get("href")):
            break
        found.append(el)
    return found


_WORD = re.compile(r"[^\W\d_]{2,}")


def _is_words(text: str, phrases: frozenset[str]) -> bool:
    """Text a reader would call a lead: words, not a glyph, a number or "More »"."""
    return bool(_WORD.search(text)) and comparable(text) not in phrases


def _pages(doc: etree._Element, url: str, profile: SiteProfile) -> list[int]:
    """Listing page numbers linked from this page, for this same listing."""
    here = split_url(canonical_url(url)).path
    aliases = host_aliases(profile.base_url)
    numbers = set()
    for a in doc.iter("a"):
        href = a.get("href")
        if not href:
            continue
        path, target = _page_link(link_base(url, href), href, aliases)
        if path != here:
            continue
        number = page_number(target, profile.page_param)
        if number:
            numbers.add(number)
    return sorted(numbers)


@lru_cache(maxsize=8192)
def _page_link(base: str, href: str, aliases: tuple[str, ...]) -> tuple[str | None, str]:
    """The canonical path a link leads to on `base`'s site (None off the site) and the
    URL it leads to there. Depends on the page only through `link_base`, so a site's
    menus are worked out once per crawl."""
    target = absolute(base, href)
    if target is None:
        return None, ""
    if (urlsplit(target).hostname or "").lower() in aliases:
        target = on_origin_of(target, base)
    if not same_site(target, base):
        return None, target
    return urlsplit(canonical_url(target)).path, target
