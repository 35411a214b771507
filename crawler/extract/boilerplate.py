"""Boilerplate blocks (menus, footers, breadcrumbs, share bars, comments), by structure.

An element is boilerplate by its tag, role or class words, unless it holds the article
(most of the page's text, or prose): a wrapper called `page-with-sidebar` must not take
the article with it.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from lxml import etree

from crawler.extract.blocks import paragraphs
from crawler.extract.dom import ancestors, attribute_words
from crawler.extract.layout import Texts

STRUCTURAL_BOILERPLATE_TAGS = frozenset({"nav", "footer", "aside", "form", "menu"})
BOILERPLATE_WORDS = frozenset(
    "breadcrumb breadcrumbs crumbs share sharing social likes print subscribe subscription"
    " menu nav navbar navigation footer sidebar pagination pager pagenav paging lang"
    " languages search banner banners cookie cookies related latest lastnews comments counter"
    " counters widget caption captions figcaption photo-caption ya-share2 sharer tags"
    " ad ads adv advert advertising advertisement promo sponsored newsletter signup"
    " overlay lightbox carousel slider swiper slideshow trending popular mostread cta donate"
    " paywall".split()
)
# Readers' comments hold prose, so "most of the text or prose" does not save them.
COMMENT_WORDS = frozenset("comment comments commentlist disqus".split())
BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})


class Boilerplate(NamedTuple):
    """The boilerplate of a page: the elements found, and the marked elements inside
    found menus, footers and asides whose verdict waits until it is asked for."""

    found: set[etree._Element]
    deferred: set[etree._Element]


def boilerplate_elements(
    texts: Texts, protect: etree._Element | None, total_text: int
) -> Boilerplate:
    """Menus, footers, breadcrumbs, share bars, captions of the page laid out in `texts`:
    recognised by tag, role or class.

    An element that holds the title (`protect`), or most of the page's text, is never
    boilerplate: a wrapper called `page-with-sidebar` must not take the article with it.

    A marked element inside a menu, footer or aside already found is not judged here but
    deferred: its ancestor answers for it in every question but one (text read from
    inside that ancestor), and `is_boilerplate` judges it then. Judging the columns of a
    mega-menu one by one was most of the cost of a page.

    What an element's tag name, class, id and role say is worked out once per crawl
    (templates repeat them on every page), not once per element.
    """
    found: set[etree._Element] = set()
    deferred: set[etree._Element] = set()
    protected = {protect, *ancestors(protect)} if protect is not None else set()
    kinds = _BOILERPLATE_KINDS
    # `_holds_article`'s first question, asked here for the many small marked elements
    # (menu items) without a call: under 52 raw characters, neither prose nor most text.
    index, starts, ends = texts.spans()
    small = 0.4 * total_text
    covered: set[etree._Element] = set()  # found menus, footers, asides and all under them
    for el in texts.root.iter(etree.Element):
        under_found = el.getparent() in covered
        if under_found:
            covered.add(el)
        key = (el.tag, el.get("class"), el.get("id"), el.get("role"))
        kind = kinds.get(key)
        if kind is None:
            kind = _boilerplate_kind(*key)
        if kind is _NOT:
            continue
        if kind is _HEADER and any(True for _ in el.iter("h1", "time")):
            continue
        if el in protected:
            continue
        if under_found and kind is not _STRUCTURAL:
            deferred.add(el)
            continue
        if kind is not _STRUCTURAL and kind is not _COMMENTS:
            i = index[el]
            length = ends[i] - starts[i]
            if (length >= 52 or 3 * length > small) and _holds_article(el, total_text, texts):
                continue
        found.add(el)
        if kind is _STRUCTURAL:
            covered.add(el)
    return Boilerplate(found, deferred)


def is_boilerplate(el: etree._Element, total_text: int, texts: Texts) -> bool:
    """The verdict `boilerplate_elements` deferred for a marked element."""
    return not _holds_article(el, total_text, texts)


_NOT, _STRUCTURAL, _MARKED, _HEADER = "not", "structural", "marked", "header"
_COMMENTS = "comments"  # readers' comments: prose, and never the article
_BOILERPLATE_KINDS: dict[tuple[Any, ...], str] = {}


def _boilerplate_kind(tag_name: str, class_attr: str | None, id_attr: str | None,
                      role: str | None) -> str:
    """What an element's name and attributes alone say: not boilerplate, boilerplate by
    its tag, marked so by class, role or as a caption (unless it holds the article), or a
    header (boilerplate unless it holds a title or a date). Remembered, within bounds."""
    name = tag_name.lower()
    kind = _NOT
    if name not in ("html", "body"):
        words = attribute_words(class_attr or "", id_attr or "")
        if name in STRUCTURAL_BOILERPLATE_TAGS:
            kind = _STRUCTURAL
        elif words & COMMENT_WORDS:
            kind = _COMMENTS
        elif (
            name == "figcaption"
            or (role or "").lower() in BOILERPLATE_ROLES
            or words & BOILERPLATE_WORDS
        ):
            kind = _MARKED
        elif name == "header":
            kind = _HEADER
    if len(_BOILERPLATE_KINDS) >= 8192:
        _BOILERPLATE_KINDS.clear()
    _BOILERPLATE_KINDS[(tag_name, class_attr, id_attr, role)] = kind
    return kind


def _holds_article(el: etree._Element, total_text: int, texts: Texts) -> bool:
    """Most of the page's text, or prose: not boilerplate, whatever its class says.

    The raw text bounds the clean one (cleaning never lengthens ASCII, and NFC at most
    triples a character), so a menu item is never cleaned or laid out to learn it is short;
    under 52 raw characters (the layout knows how many without cutting them out) it can
    hold neither most of the page nor prose.
    """
    length = texts.raw_length(el)
    if length < 52 and 3 * length <= 0.4 * total_text:
        return False
    raw = texts.raw(el)
    longest = len(raw) if raw.isascii() else 3 * len(raw)
    if longest > 0.4 * total_text and len(texts(el)) > 0.4 * total_text:
        return True
    if any(len(texts(q)) >= 30 for q in el.iter("blockquote")):
        return True  # a quoted or embedded post ("social-embed"): the article quotes it
    return _holds_prose(el, raw, texts)


def _holds_prose(el: etree._Element, raw: str, texts: Texts) -> bool:
    """Two or more long paragraphs of running text: an article, whatever its class says
    (menus, share bars and breadcrumbs hold none; news lists are caught by shape).
    `raw` is `texts.raw(el)`, which the caller has already cut out."""
    if not _may_hold_prose(raw):
        return False
    if _mostly_links(el, raw, texts):
        return False
    long = [p for p in paragraphs(el) if len(p.text) >= 150 and p.link_density < 0.3]
    return len(long) >= 2


def _may_hold_prose(raw: str) -> bool:
    """False when `raw` (all text under an element) is too short for two paragraphs of
    150 characters, so that a menu item is not laid out as paragraphs to learn so.

    A paragraph's text has fewer spaces than other characters, so 150 characters hold at
    least 76 that are not whitespace; NFC may triple a character (never ASCII), so those
    come from at least 26 characters of the raw text, or 76 when it is ASCII.
    """
    letters = len("".join(raw.split()))
    return letters >= (152 if raw.isascii() else 52)


def _mostly_links(el: etree._Element, raw: str, texts: Texts) -> bool:
    """True when `el` has too little text outside links for two long paragraphs of low link
    density (a footer's or a menu's list of links), known without splitting it.

    Only for ASCII text without control characters or `<br>`s (where a paragraph is one
    flush and its link count is all its link text): then with N visible characters
    outside links and L inside them, a paragraph of T >= 150 characters has
    T <= 2(L + N) - 1 and density L / T < 0.3, so L < 1.5 N and N > 30; two such
    paragraphs need more than 60 visible characters outside links.
    """
    if not raw.isascii() or _ASCII_CONTROL.search(raw):
        return False
    if next(el.iter("br"), None) is not None:
        return False
    outside = len("".join(raw.split()))
    for a in el.iter("a"):
        if next(a.iterdescendants("a"), None) is not None:
            return False  # a link inside a link would count its text twice
        link = texts.raw(a)
        outside -= len("".join(link.split()))
    return outside <= 60


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
