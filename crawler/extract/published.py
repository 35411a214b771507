"""The article's own publication date: the profile's selector, the page's own date cues
(URL, declared elements, `<time>`, meta, date lines, JSON-LD), htmldate last.

A date that another article shows (a list of other news, a "read also" card) is never
this article's; no date is better than a wrong one, since the listing's date answers.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from lxml import etree

from crawler.extract import layers
from crawler.extract.blocks import BLOCK_TAGS, paragraphs
from crawler.extract.datecues import (
    declared_elements,
    declared_modified,
    element_date,
    json_ld_dates,
    json_ld_published,
    local_form,
    meta_published,
    page_stamps,
    stories_disagree,
    url_date,
)
from crawler.extract.dates import date_only, find_dates, parse_date
from crawler.extract.dom import ancestors, tag, text_of
from crawler.extract.layers import HTMLDATE, PROFILE, STRUCTURE
from crawler.extract.lines import date_after_title, is_byline
from crawler.extract.select import select
from crawler.extract.structure import ArticlePage
from crawler.extract.text import clean_line, comparable
from crawler.extract.urls import split_url

logger = logging.getLogger(__name__)
# C0 controls but tab and newlines: never text, and lxml (under htmldate) refuses them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Published:
    """The article's date as the page writes it, where it was found (`date_source`) and
    the layer that found it; `layer` is None for a date the profile's selector found but
    that cannot be read (kept so that the rejection can say what the page had)."""

    raw: str | None = None
    source: str | None = None
    layer: str | None = None


def find_published(
    page: ArticlePage,
    anchor: etree._Element | None,
    title: str | None,
) -> Published:
    """The article's own date. The profile's selectors come first, but a match that
    shows another article's date (a latest-news item using the same classes) is never
    taken; the one nearest the title wins. No date of its own: none, and the listing's
    date answers (pipelines.dates)."""
    unreadable = None
    for selector in page.profile.selectors.date:
        own = [
            el for el in select(page.doc, selector)
            if not _dates_another_article(page, el, anchor)
        ]
        readable = [el for el in own if find_dates(_raw_date(el))]
        if readable:
            el = min(readable, key=lambda e: _distance(page, e, anchor))
            return Published(_raw_date(el), "article:profile", PROFILE)
        unreadable = unreadable or next((r for r in map(_raw_date, own) if r), None)
    found = _structural_date(page, anchor, title)
    if found:
        return Published(*found, STRUCTURE)
    if unreadable:  # kept as found, so a rejection can say what the page had
        return Published(unreadable, "article:profile")
    raw = htmldate_date(page)
    return Published(raw, HTMLDATE, HTMLDATE) if raw else Published()


def _structural_date(
    page: ArticlePage, anchor: etree._Element | None, title: str | None
) -> tuple[str, str] | None:
    """The date the page states for itself, as (raw, source), or None.

    A full date in the URL's path first, then an element declared as the publication
    date; else the date most of the page's other cues agree on (the `<time>` nearest
    the title, the date line nearest the title, meta tags, JSON-LD: a modification
    date or a related story's is outvoted), ties going to the visible ones. An ISO
    timestamp in UTC is read on the publisher's own clock when the page states that
    same instant with its offset."""
    path_date = url_date(split_url(page.url).path)
    if path_date:
        return path_date, "url"
    declared = [
        el for el in declared_elements(page.doc)
        if element_date(el) and not _dates_another_article(page, el, anchor)
    ]
    if declared:
        el = min(declared, key=lambda e: _distance(page, e, anchor))
        found = element_date(el) or "", "article:time" if tag(el) == "time" else "meta"
        return _on_local_clock(page, found)
    time, meta = _time_element(page, anchor), _meta_cue(page)
    if time and meta and _same_day(page, time, meta):
        return _on_local_clock(page, time)  # two of four agree: no other day can win
    text, json_ld = _text_date(page, anchor, title), _json_ld_cue(page, title)
    return _agreed(page, [_on_local_clock(page, c) for c in (time, meta, text, json_ld) if c])


def _meta_cue(page: ArticlePage) -> tuple[str, str] | None:
    raw = meta_published(page.doc)
    return (raw, "meta") if raw else None


def _json_ld_cue(page: ArticlePage, title: str | None) -> tuple[str, str] | None:
    raw = json_ld_published(page.html, comparable(title) if title else None)
    return (raw, "json-ld") if raw else None


def _on_local_clock(page: ArticlePage, cue: tuple[str, str]) -> tuple[str, str]:
    raw, source = cue
    return local_form(raw, page_stamps(page.doc, page.html)), source


def _day(page: ArticlePage, raw: str) -> date | None:
    return parse_date(raw, page.profile.dateparser_languages)


def _same_day(page: ArticlePage, a: tuple[str, str], b: tuple[str, str]) -> bool:
    return _day(page, a[0]) == _day(page, b[0]) is not None


VISIBLE_SOURCES = ("article:time", "article:text")


def _agreed(page: ArticlePage, cues: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The day most `cues` give (a tie goes to the day a visible cue gives), as the
    first of `cues` that gives it (the most trusted source among those that agree)."""
    days = [_day(page, raw) for raw, _ in cues]
    votes = Counter(d for d in days if d is not None)
    if not votes:
        return None
    most = max(votes.values())
    tied = [d for d in votes if votes[d] == most]
    visible = [d for (_, source), d in zip(cues, days, strict=True)
               if source in VISIBLE_SOURCES and d in tied]
    day = visible[0] if visible else next(d for d in days if d in tied)
    return next(cue for cue, d in zip(cues, days, strict=True) if d == day)


def htmldate_date(page: ArticlePage) -> str | None:
    """htmldate's answer, the last resort below every date the page, the profile or the
    listing gives: on the page as fetched (its scripts' JSON included), from markup only
    (its free-text search would take a date inside a sentence), never a day that a list
    of other news shows, nor one the page does not write anywhere (htmldate makes up
    1 January of a year it sees), nor one the page declares as a modification date
    (htmldate falls back to it when it finds no other), nor a related story's date in
    JSON-LD that lists several."""
    if not layers.available("htmldate") or not page.texts(page.doc):
        return None
    import htmldate

    try:
        found = htmldate.find_date(
            _CONTROLS.sub(" ", page.html), url=page.url, original_date=True,
            extensive_search=False, outputformat="%Y-%m-%d",
        )
    except Exception:  # a third party's failure on a broken page costs its answer only
        logger.debug("htmldate failed on %s", page.url, exc_info=True)
        return None
    day = _day(page, found) if found else None
    if day is None or day in _listed_days(page) or not _written(page, day):
        return None
    return None if day in _not_publication_days(page) else found


def _not_publication_days(page: ArticlePage) -> set[date]:
    """Days the page declares for something else than this article's publication: its
    modifications, and the stories of a JSON-LD list that does not say which is this."""
    raws = declared_modified(page.doc, page.html)
    stories = json_ld_dates(page.html)
    if stories_disagree(stories):  # json_ld_published gave no answer
        raws += [raw for _, raw in stories]
    days = (_day(page, raw) for raw in raws)
    return {day for day in days if day is not None}


def _listed_days(page: ArticlePage) -> set[date]:
    """Every day shown in the page's lists and cards of other news."""
    days = {m.value for top in page.lists for m in find_dates(page.texts(top))}
    for a in page.other_articles:
        holder = a.getparent() if a.getparent() is not None else a
        days.update(m.value for m in find_dates(page.texts(holder)))
    for el in page.doc.iter("time"):
        if page.inside_lists(el) and (day := _day(page, _raw_date(el))):
            days.add(day)
    return days


def _written(page: ArticlePage, day: date) -> bool:
    """Whether the page states `day` in full: in its text, its markup or its URL."""
    if url_date(split_url(page.url).path) is not None:
        return True
    if day.isoformat() in page.html or f"{day:%Y/%m/%d}" in page.html:
        return True  # markup: an ISO timestamp, a dated upload path
    return any(m.value == day for m in find_dates(page.texts(page.doc)))


def _raw_date(el: etree._Element) -> str:
    """A `<time>`'s machine-readable `datetime`, else the element's text."""
    return el.get("datetime") or text_of(el)


CARD_CHARS = 400


def _dates_another_article(
    page: ArticlePage, el: etree._Element, anchor: etree._Element | None
) -> bool:
    """True when `el` is inside a list of other news, or in a small block (a "read also"
    card, a sidebar item) that links to another article and not to this one's title."""
    if page.inside_lists(el):
        return True
    holds_title = {anchor, *ancestors(anchor)} if anchor is not None else set()
    for node in (el, *ancestors(el)):
        if node in holds_title or len(page.texts(node)) > CARD_CHARS:
            return False
        if node in page.other_articles or any(
            a in page.other_articles for a in node.iter("a")
        ):
            return True
    return False


def _time_element(page: ArticlePage, anchor: etree._Element | None) -> tuple[str, str] | None:
    """The readable `<time>` nearest the title, outside lists and cards of other news."""
    candidates = [
        el for el in page.doc.iter("time")
        if find_dates(_raw_date(el)) and not _dates_another_article(page, el, anchor)
    ]
    if not candidates:
        return None
    el = min(candidates, key=lambda e: _distance(page, e, anchor))
    return _raw_date(el), "article:time"


def _distance(
    page: ArticlePage, el: etree._Element, anchor: etree._Element | None
) -> tuple[int, int]:
    """How far `el` stands from the title in document order (the first element when no
    element shows the title), for ranking candidates; ties go to the one after it."""
    if anchor is None:
        return (page.order.get(el, 0), 0)
    delta = page.order.get(el, 0) - page.order.get(anchor, 0)
    return (abs(delta), 0 if delta >= 0 else 1)  # ties go to the date after the title


def _text_date(
    page: ArticlePage, anchor: etree._Element | None, title: str | None
) -> tuple[str, str] | None:
    """A date standing on its own (or right after the title) nearest the title."""
    title_key = comparable(title) if title else None
    best: tuple[tuple[int, int], str] | None = None
    for el in page.doc.iter():
        if not tag(el) or tag(el) in ("head", "title", "html") or page.inside_excluded(el):
            continue
        for piece in (el.text, el.tail if el.getparent() is not None else None):
            if not piece or not piece.strip():
                continue
            raw = _date_in_piece(piece, title_key)
            if raw is None:
                continue
            holder = el if piece is el.text else el.getparent()
            if holder is not el and page.inside_excluded(holder):
                continue
            if _dates_another_article(page, holder, anchor):
                continue
            if not _line_is_dated(holder, raw, title_key):
                continue  # "Osh, <b>8</b> April…": a dateline inside a sentence
            rank = _distance(page, el, anchor)
            if best is None or rank < best[0]:
                best = (rank, raw)
    return (best[1], "article:text") if best else None


def _line_is_dated(holder: etree._Element, raw: str, title_key: str | None) -> bool:
    """Whether the line a reader sees around a dated piece of text is itself a date line:
    the piece may be a fragment of a sentence that inline markup (`<b>`, `<a>`) cut."""
    block = next((a for a in (holder, *ancestors(holder)) if tag(a) in BLOCK_TAGS), holder)
    raw = clean_line(raw)
    lines = [p.text for p in paragraphs(block) if raw in p.text]
    return any(_date_in_piece(line, title_key) for line in lines) if lines else True


def _date_in_piece(piece: str, title_key: str | None) -> str | None:
    """The date of a date line, of the title followed by its date, or of a short byline
    or kicker ('CSTO news | 10.07.20 14:35'); never of a sentence."""
    alone = date_only(piece)
    if alone:
        return alone.raw
    after_title = date_after_title(piece, title_key) if title_key else None
    if after_title is not None:
        return after_title.raw
    matches = find_dates(piece)
    if len(matches) == 1 and is_byline(piece.strip()) and len(piece.split()) <= 12:
        return matches[0].raw
    return None
