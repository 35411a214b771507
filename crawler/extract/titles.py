"""The article's title: the profile's selector, else the main heading, else the head.

The title also anchors the page: the element that shows it is where the article starts,
and neither it nor its ancestors are ever boilerplate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from crawler.extract.blocks import HEADINGS
from crawler.extract.boilerplate import BOILERPLATE_WORDS, STRUCTURAL_BOILERPLATE_TAGS
from crawler.extract.dates import find_dates
from crawler.extract.dom import ancestors, class_words, tag, text_of
from crawler.extract.layers import PROFILE, STRUCTURE
from crawler.extract.select import select
from crawler.extract.structure import ParsedPage
from crawler.extract.text import clean_line, comparable
from crawler.sites import SiteProfile

_TITLE_SEPARATOR = re.compile(r"\s+(?:[|—–:-]|::|»|·)\s+")


def _is_generic(text: str, profile: SiteProfile) -> bool:
    """The site's or a section's name (or nothing): a heading that names no article."""
    key = comparable(text)
    generic = {comparable(t) for t in profile.generic_headings + profile.site_names}
    return not key or key in generic


def _title_from_head(page: ParsedPage) -> str | None:
    """`og:title` or `twitter:title`, else `<title>`, without the site's name: the title
    a page states for itself when no heading gives one."""
    for meta in page.doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        if key in ("og:title", "twitter:title"):
            text = _strip_site_name(clean_line(meta.get("content") or ""), page.profile)
            if text:
                return text
    titles = [text_of(t) for t in page.doc.iter("title")]
    return _strip_site_name(titles[0], page.profile) if titles and titles[0] else None


def _strip_site_name(title: str, profile: SiteProfile) -> str | None:
    """`Title - CSTO` or `CSTO | Title` → `Title`; a dash inside the title stays."""
    if not title:
        return None
    separator = r"\s+(?:[|—–:-]|::)\s+"
    changed = True
    while changed:
        changed = False
        for name in profile.site_names + profile.generic_headings:
            for pattern in (separator + re.escape(name) + "$", "^" + re.escape(name) + separator):
                stripped = re.sub(pattern, "", title, flags=re.IGNORECASE)
                if stripped != title and stripped.strip():
                    title, changed = stripped.strip(), True
    return None if _is_generic(title, profile) else title


def _find_anchor(page: ParsedPage, title: str) -> etree._Element | None:
    """The element showing the title (alone or followed by a date), for pages whose title
    came from the head: the innermost such element, a heading before any other, and
    never one in a breadcrumb trail or a menu when there is another."""
    key = comparable(title)

    def shows_title(el: etree._Element) -> bool:
        text = comparable(page.texts(el))
        return text == key or (text.startswith(key) and len(text) < len(key) + 40)

    def rank(el: etree._Element) -> tuple[bool, bool]:
        in_navigation = any(
            tag(a) in STRUCTURAL_BOILERPLATE_TAGS or class_words(a) & BOILERPLATE_WORDS
            for a in (el, *ancestors(el))
        )
        return in_navigation, tag(el) not in HEADINGS

    found = [
        el for el in page.doc.iter()
        if tag(el) and tag(el) not in ("html", "body", "head", "title")
        and shows_title(el) and not any(shows_title(c) for c in el if tag(c))
    ]
    return min(found, key=rank) if found else None  # min keeps document order among equals


def _site_names_in_head(page: ParsedPage) -> set[str]:
    """The edge of `<title>` that is not the article's title ('Story | Site' → 'site'):
    a page whose only `<h1>` is the site's name has its title elsewhere."""
    raw = next((text_of(t) for t in page.doc.iter("title")), "")
    parts = [p for p in _TITLE_SEPARATOR.split(raw) if p.strip()]
    if len(parts) < 2:
        return set()
    longest = max(parts, key=len)
    return {comparable(p) for p in (parts[0], parts[-1]) if p is not longest}


def _heading_text(el: etree._Element) -> str:
    """A heading's text without a date that a template put inside it."""
    text = text_of(el)
    dates = find_dates(text)
    if dates and not clean_line(text[dates[-1].end :].strip(" |,.-–—()")):
        head = clean_line(text[: dates[-1].start].rstrip(" |,-–—("))
        if len(head.split()) >= 2:
            return head
    return text


@dataclass(frozen=True)
class Title:
    """The article's title, the element that shows it (None when no element does) and
    the layer that found it; all None when the page has no title."""

    text: str | None = None
    anchor: etree._Element | None = None
    layer: str | None = None


def find_title(page: ParsedPage) -> Title:
    """The profile's title selector; else the first `<h1>` that is not the site's name
    (one of fewer than four words only when the head's title, if any, contains it);
    else the head's title and the element that shows it."""
    for selector in page.profile.selectors.title:
        for el in select(page.doc, selector):
            text = _heading_text(el)
            if text and not _is_generic(text, page.profile):
                return Title(text, el, PROFILE)
    head_title = _title_from_head(page)
    site_names = _site_names_in_head(page)
    for h1 in page.doc.iter("h1"):
        text = _heading_text(h1)
        if not text or _is_generic(text, page.profile) or comparable(text) in site_names:
            continue
        short = len(text.split()) < 4
        if short and head_title and comparable(text) not in comparable(head_title):
            continue
        return Title(text, h1, STRUCTURE)
    if head_title:
        return Title(head_title, _find_anchor(page, head_title), STRUCTURE)
    return Title()
