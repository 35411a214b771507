"""Links: which lead to other articles of the site, and which only lead back or away.

A link to another article is the strongest sign of a list of other news, and a link to a
listing, the home page, a share service or print marks navigation, whatever the markup.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from crawler.extract.urls import (
    absolute,
    canonical_path,
    canonical_url,
    link_base,
    on_origin_of,
    same_site,
    split_url,
)

SHARE_HOSTS = re.compile(
    r"(facebook\.com|vk\.com|vkontakte|twitter\.com|x\.com|t\.me|telegram|ok\.ru|wa\.me|"
    r"whatsapp|linkedin\.com|mail\.ru/share|connect\.mail|instagram\.com|youtube\.com|"
    r"rutube\.ru|dzen\.ru)",
    re.IGNORECASE,
)
DOCUMENT_EXTENSIONS = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|rtf|odt|ods|zip|rar)$", re.I)


def is_navigation_href(href: str, page_url: str, listing_paths: set[str]) -> bool:
    """A link that leads back, to a listing, to a share service or to print."""
    href = href.strip()
    if not href or href.startswith(("javascript:", "#", "mailto:")):
        return True
    if SHARE_HOSTS.search(href) or "print=" in href.lower():
        return True
    target = absolute(page_url, href)
    if target is None:
        return True  # a link that cannot be parsed leads nowhere a reader could go
    path = canonical_path(split_url(target).path)
    return path in listing_paths or path == "/"


def article_path_pattern(template: str) -> re.Pattern[str]:
    """`/news/{section}/{slug}/` as a regex over canonical paths."""
    pattern = re.escape(template)
    pattern = pattern.replace(r"\{section\}", r"(?P<section>[^/?#]+)")
    pattern = pattern.replace(r"\{slug\}", r"(?P<slug>[^/?#]+)")
    return re.compile("^" + pattern + "$")


def article_links(
    root: etree._Element,
    page_url: str,
    pattern: re.Pattern[str],
    aliases: tuple[str, ...] = (),
) -> list[tuple[etree._Element, str]]:
    """Links to article pages of the same site, as (element, canonical absolute URL).

    `aliases` are other hosts of the same site (the live host when the crawl runs against
    a mirror): their links are moved onto the page's own origin, never followed off-site.
    """
    found = []
    known: dict[str, str | None] | None = None  # root-relative links of this site
    for a in root.iter("a"):
        href = a.get("href")
        if not href:
            continue
        if known is not None:
            url = known.get(href, _UNKNOWN)
            if url is not _UNKNOWN:
                if url is not None:
                    found.append((a, url))
                continue
        if href.strip().startswith(("javascript:", "#", "mailto:")):
            continue
        base = link_base(page_url, href)
        url = _article_url(base, href, pattern, aliases)
        if base is not page_url:  # root-relative: the site's origin alone resolves it
            if known is None:
                known = _site_links(base, pattern, aliases)
            known[href] = url
        if url is not None:
            found.append((a, url))
    return found


_UNKNOWN = object()
_SITE_LINKS: dict[tuple[str, re.Pattern[str], tuple[str, ...]], dict[str, str | None]] = {}


def _site_links(
    origin: str, pattern: re.Pattern[str], aliases: tuple[str, ...]
) -> dict[str, str | None]:
    """Where each root-relative link of a site leads (`_article_url`), by the link as
    written: a menu's 150 links then cost a dictionary look-up each, page after page.
    Bounded: a crawl sees one or two sites, but a site may have many links."""
    key = (origin, pattern, aliases)
    known = _SITE_LINKS.get(key)
    if known is None or len(known) > 20000:
        if len(_SITE_LINKS) >= 16:
            _SITE_LINKS.clear()
        known = _SITE_LINKS[key] = {}
    return known


@lru_cache(maxsize=8192)
def _article_url(
    page_url: str, href: str, pattern: re.Pattern[str], aliases: tuple[str, ...]
) -> str | None:
    """The canonical article URL a link leads to, None when it leads elsewhere.

    Depends on the page only through `link_base`, so a site's menus and latest-news
    blocks are resolved once per crawl rather than once per page.
    """
    target = absolute(page_url, href)
    if target is None:
        return None
    if not same_site(target, page_url):
        if (split_url(target).hostname or "").lower() not in aliases:
            return None
        target = on_origin_of(target, page_url)
    try:
        url = canonical_url(target)
    except ValueError:
        return None
    return url if pattern.match(split_url(url).path) else None


def other_article_links(
    root: etree._Element,
    page_url: str,
    pattern: re.Pattern[str],
    own_url: str | None = None,
    aliases: tuple[str, ...] = (),
) -> list[tuple[etree._Element, str]]:
    """Links to articles other than the page's own, as (element, canonical URL)."""
    return [(a, u) for a, u in article_links(root, page_url, pattern, aliases) if u != own_url]
