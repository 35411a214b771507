"""Article pages: (HTML, URL, profile) → title, date, body, with the layer that answered.

Each field is tried in layers: the site profile's own selectors; structural rules that
hold on any news page; for the body, trafilatura as the last resort. The layer that
answered is recorded, so a crawl can tell when the site's templates have changed.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree
from lxml.cssselect import CSSSelector

from crawler.extract import layers
from crawler.extract.blocks import BLOCK_TAGS, Paragraph, paragraphs
from crawler.extract.boilerplate import (
    BOILERPLATE_WORDS,
    STRUCTURAL_BOILERPLATE_TAGS,
    boilerplate_elements,
    is_boilerplate,
)
from crawler.extract.captions import caption_after, figure_of, image_captions
from crawler.extract.datecues import (
    declared_elements,
    element_date,
    json_ld_published,
    local_form,
    meta_published,
    page_stamps,
    url_date,
)
from crawler.extract.dates import date_only, find_dates, parse_date
from crawler.extract.dom import ancestors, class_words, drop_tree, parse, tag, text_of
from crawler.extract.layout import Texts
from crawler.extract.lines import (
    COPYRIGHT,
    date_after_title,
    is_boilerplate_line,
    profile_lines,
)
from crawler.extract.links import (
    article_path_pattern,
    is_navigation_href,
    other_article_links,
)
from crawler.extract.newslists import news_lists
from crawler.extract.text import clean_line, comparable, join_paragraphs
from crawler.extract.urls import (
    absolute,
    canonical_path,
    canonical_url,
    host_aliases,
    href_path,
    split_url,
)
from crawler.sites import Selectors, SiteProfile

logger = logging.getLogger(__name__)
# C0 controls but tab and newlines: never text, and lxml (under htmldate) refuses them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
PROFILE, STRUCTURE, TRAFILATURA, HTMLDATE = "profile", "structure", "trafilatura", "htmldate"
MIN_BODY_CHARS = 80
QUALIFYING_CHARS = 60
SHORT_CHARS = 25
LABEL_CHARS = 20  # "Read more:", "[Related: ]": what a teaser says outside its link
DOCUMENT_EXTENSIONS = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|rtf|odt|ods|zip|rar)$", re.I)
PARAGRAPH_OWNERS = frozenset("p li h2 h3 h4 h5 h6 blockquote dd dt pre".split())


@dataclass
class ArticleFields:
    """What one article page says about itself."""

    title: str | None = None
    date_raw: str | None = None
    date_source: str | None = None
    body: str = ""
    body_html: str | None = None
    images: list[dict[str, str]] = field(default_factory=list)
    attachments: list[dict[str, str]] = field(default_factory=list)
    layers: dict[str, str] = field(default_factory=dict)
    not_found: bool = False


@dataclass
class _Page:
    """The parsed page and what structure says about it, shared by the field layers."""

    doc: etree._Element
    url: str
    profile: SiteProfile
    html: str
    excluded: set[etree._Element] = field(default_factory=set)
    captions: set[etree._Element] = field(default_factory=set)
    order: dict[etree._Element, int] = field(default_factory=dict)
    listing_paths: set[str] = field(default_factory=set)
    texts: Texts = field(default_factory=Texts)
    _hidden: set[etree._Element] | None = None
    deferred: set[etree._Element] = field(default_factory=set)
    total_text: int = 0
    other_articles: set[etree._Element] = field(default_factory=set)  # links to other news
    lists: set[etree._Element] = field(default_factory=set)  # lists of other news
    _listed: set[etree._Element] | None = None
    _verdicts: dict[etree._Element, bool] = field(default_factory=dict)

    def skip(self, el: etree._Element) -> bool:
        return el in self.excluded or (el in self.deferred and self._deferred_verdict(el))

    def _deferred_verdict(self, el: etree._Element) -> bool:
        """Boilerplate inside boilerplate, judged only when text is read from inside its
        ancestor (see html.boilerplate_elements)."""
        if el not in self._verdicts:
            self._verdicts[el] = is_boilerplate(el, self.total_text, self.texts)
        return self._verdicts[el]

    def not_media(self, el: etree._Element) -> bool:
        """Excluded, and not as an image's caption: images inside are not the article's."""
        return el not in self.captions and self.skip(el)

    def inside_excluded(self, el: etree._Element) -> bool:
        """`is_inside(el, self.excluded)` with one set lookup instead of a walk up the
        tree; `excluded` is complete before the first question and never changes after."""
        if self._hidden is None:
            self._hidden = set()
            for top in self.excluded:
                self._hidden.update(top.iter())
        return el in self._hidden

    def inside_lists(self, el: etree._Element) -> bool:
        """Whether `el` is in a list of other news (`lists` is complete once asked)."""
        if self._listed is None:
            self._listed = {e for top in self.lists for e in top.iter()}
        return el in self._listed


def extract_article(html: str, url: str, profile: SiteProfile) -> ArticleFields:
    """All fields of an article page. Pure: no network, no Scrapy."""
    page = _prepare(html, url, profile)
    fields = ArticleFields()
    title, anchor = _title(page, fields)
    page.excluded |= _excluded(page, anchor)
    parts = _body(page, fields, anchor, title)
    _date(page, fields, anchor, title)
    if parts:
        region = _article_region(parts, anchor)
        fields.images = _images(page, region)
        fields.attachments = _attachments(page, region)
        fields.body_html = "\n".join(_own_html(page, part, anchor) for part in parts)
    fields.not_found = _looks_not_found(fields, profile)
    return fields


def _prepare(html: str, url: str, profile: SiteProfile) -> _Page:
    doc = parse(html)
    path = canonical_path(urlsplit(url).path)
    prefixes = {"/"}
    parts = [p for p in path.split("/") if p]
    for i in range(1, len(parts)):
        prefixes.add("/" + "/".join(parts[:i]) + "/")
    for section in profile.sections:
        prefixes.add(profile.listing_path.format(section=section))
    texts = Texts(doc)
    return _Page(
        doc=doc, url=url, profile=profile, html=html, order=texts.order,
        listing_paths=prefixes, texts=texts,
    )


def _excluded(page: _Page, anchor: etree._Element | None) -> set[etree._Element]:
    pattern = article_path_pattern(page.profile.article_path)
    aliases = host_aliases(page.profile.base_url)
    links = other_article_links(page.doc, page.url, pattern, canonical_url(page.url), aliases)
    page.other_articles = {a for a, _ in links}
    lists = news_lists(page.doc, links, anchor, page.texts)
    page.lists = set(lists)
    total = len(page.texts(page.doc))
    page.captions = image_captions(page.doc, page.texts)
    page.total_text = total
    marked = boilerplate_elements(page.doc, anchor, total, page.texts, page.deferred)
    return set(lists) | marked | page.captions


@lru_cache(maxsize=256)
def _css(selector: str) -> CSSSelector:
    """A profile selector compiled to XPath once, not on every page (`el.cssselect` does)."""
    return CSSSelector(selector, translator="html")


def _select(page: _Page, selector: str) -> list[etree._Element]:
    steps = _simple_selector(selector)
    if steps is None:
        return _css(selector)(page.doc)
    *outer, (name, classes) = steps
    return [
        el for el in page.doc.iter(name)
        if _has_classes(el, classes) and _has_ancestors(el, outer)
    ]


_COMPOUND = re.compile(r"([a-z][a-z0-9]*)?((?:\.-?[A-Za-z_][A-Za-z0-9_-]*)*)")
Step = tuple[str | None, frozenset[str]]


@lru_cache(maxsize=256)
def _simple_selector(selector: str) -> tuple[Step, ...] | None:
    """`div.news-detail h1`, the shape profile selectors have, as (tag, classes) steps
    from the outermost; None for any other selector, which goes to cssselect.

    Matched in Python as cssselect's XPath matches it (a lower-case tag name; class words
    split on XML whitespace, case-sensitive; each step a proper descendant of the one
    before; document order), but from the few elements of the last step's tag upwards
    instead of an XPath pass over the whole page."""
    steps = []
    for part in selector.split(" "):
        match = _COMPOUND.fullmatch(part)
        if not part or match is None:
            return None
        name, classes = match.group(1), match.group(2)
        steps.append((name, frozenset(classes.split(".")[1:])))
    return tuple(steps) if steps[-1][0] is not None else None


def _has_classes(el: etree._Element, classes: frozenset[str]) -> bool:
    if not classes:
        return True
    value = el.get("class")
    if value is None:
        return False
    return classes <= set(value.replace("\t", " ").replace("\n", " ").replace("\r", " ").split(" "))


def _has_ancestors(el: etree._Element, outer: list[Step]) -> bool:
    """Each of `outer` (outermost first) matches an ancestor, each above the next: the
    nearest match for each step, from the innermost, is the best choice."""
    node = el
    for name, classes in reversed(outer):
        node = node.getparent()
        while node is not None and not (
            (name is None or node.tag == name) and _has_classes(node, classes)
        ):
            node = node.getparent()
        if node is None:
            return False
    return True


# --- title -----------------------------------------------------------------------------


def _is_generic(text: str, profile: SiteProfile) -> bool:
    key = comparable(text)
    generic = {comparable(t) for t in profile.generic_headings + profile.site_names}
    return not key or key in generic


def _title_from_head(page: _Page) -> str | None:
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


def _find_anchor(page: _Page, title: str) -> etree._Element | None:
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


HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|—–:-]|::|»|·)\s+")


def _site_names_in_head(page: _Page) -> set[str]:
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


def _title(page: _Page, fields: ArticleFields) -> tuple[str | None, etree._Element | None]:
    for selector in page.profile.selectors.title:
        for el in _select(page, selector):
            text = _heading_text(el)
            if text and not _is_generic(text, page.profile):
                fields.title, fields.layers["title"] = text, PROFILE
                return text, el
    head_title = _title_from_head(page)
    site_names = _site_names_in_head(page)
    for h1 in page.doc.iter("h1"):
        text = _heading_text(h1)
        if not text or _is_generic(text, page.profile) or comparable(text) in site_names:
            continue
        short = len(text.split()) < 4
        if short and head_title and comparable(text) not in comparable(head_title):
            continue
        fields.title, fields.layers["title"] = text, STRUCTURE
        return text, h1
    if head_title:
        fields.title, fields.layers["title"] = head_title, STRUCTURE
        return head_title, _find_anchor(page, head_title)
    return None, None


# --- date ------------------------------------------------------------------------------


def _date(
    page: _Page,
    fields: ArticleFields,
    anchor: etree._Element | None,
    title: str | None,
) -> None:
    """The article's own date. The profile's selectors come first, but a match that
    shows another article's date (a latest-news item using the same classes) is never
    taken; the one nearest the title wins. No date of its own: none, and the listing's
    date answers (pipelines.dates)."""
    unreadable = None
    for selector in page.profile.selectors.date:
        own = [el for el in _select(page, selector) if not _dates_another_article(page, el, anchor)]
        readable = [el for el in own if find_dates(_raw_date(el))]
        if readable:
            el = min(readable, key=lambda e: _distance(page, e, anchor))
            fields.date_raw, fields.date_source = _raw_date(el), "article:profile"
            fields.layers["date"] = PROFILE
            return
        unreadable = unreadable or next((r for r in map(_raw_date, own) if r), None)
    found = _structural_date(page, anchor, title)
    if found:
        fields.date_raw, fields.date_source = found
        fields.layers["date"] = STRUCTURE
    elif unreadable:  # kept as found, so a rejection can say what the page had
        fields.date_raw, fields.date_source = unreadable, "article:profile"
    else:
        raw = _htmldate(page)
        if raw:
            fields.date_raw, fields.date_source = raw, HTMLDATE
            fields.layers["date"] = HTMLDATE


def _structural_date(
    page: _Page, anchor: etree._Element | None, title: str | None
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


def _meta_cue(page: _Page) -> tuple[str, str] | None:
    raw = meta_published(page.doc)
    return (raw, "meta") if raw else None


def _json_ld_cue(page: _Page, title: str | None) -> tuple[str, str] | None:
    raw = json_ld_published(page.html, comparable(title) if title else None)
    return (raw, "json-ld") if raw else None


def _on_local_clock(page: _Page, cue: tuple[str, str]) -> tuple[str, str]:
    raw, source = cue
    return local_form(raw, page_stamps(page.doc, page.html)), source


def _day(page: _Page, raw: str) -> date | None:
    return parse_date(raw, page.profile.dateparser_languages)


def _same_day(page: _Page, a: tuple[str, str], b: tuple[str, str]) -> bool:
    return _day(page, a[0]) == _day(page, b[0]) is not None


VISIBLE_SOURCES = ("article:time", "article:text")


def _agreed(page: _Page, cues: list[tuple[str, str]]) -> tuple[str, str] | None:
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


def _htmldate(page: _Page) -> str | None:
    """htmldate's answer, the last resort below every date the page, the profile or the
    listing gives: on the page as fetched (its scripts' JSON included), from markup only
    (its free-text search would take a date inside a sentence), never a day that a list
    of other news shows, nor one the page does not write anywhere (htmldate makes up
    1 January of a year it sees)."""
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
    return found


def _listed_days(page: _Page) -> set[date]:
    """Every day shown in the page's lists and cards of other news."""
    days = {m.value for top in page.lists for m in find_dates(page.texts(top))}
    for a in page.other_articles:
        holder = a.getparent() if a.getparent() is not None else a
        days.update(m.value for m in find_dates(page.texts(holder)))
    for el in page.doc.iter("time"):
        if page.inside_lists(el) and (day := _day(page, _raw_date(el))):
            days.add(day)
    return days


def _written(page: _Page, day: date) -> bool:
    """Whether the page states `day` in full: in its text, its markup or its URL."""
    if url_date(split_url(page.url).path) is not None:
        return True
    if day.isoformat() in page.html or f"{day:%Y/%m/%d}" in page.html:
        return True  # markup: an ISO timestamp, a dated upload path
    return any(m.value == day for m in find_dates(page.texts(page.doc)))


def _raw_date(el: etree._Element) -> str:
    return el.get("datetime") or text_of(el)


CARD_CHARS = 400


def _dates_another_article(
    page: _Page, el: etree._Element, anchor: etree._Element | None
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


def _time_element(page: _Page, anchor: etree._Element | None) -> tuple[str, str] | None:
    """The readable `<time>` nearest the title, outside lists and cards of other news."""
    candidates = [
        el for el in page.doc.iter("time")
        if find_dates(_raw_date(el)) and not _dates_another_article(page, el, anchor)
    ]
    if not candidates:
        return None
    el = min(candidates, key=lambda e: _distance(page, e, anchor))
    return _raw_date(el), "article:time"


_ARTICLE_BODY = etree.XPath("//*[@itemprop='articleBody']")


def _distance(page: _Page, el: etree._Element, anchor: etree._Element | None) -> tuple[int, int]:
    if anchor is None:
        return (page.order.get(el, 0), 0)
    delta = page.order.get(el, 0) - page.order.get(anchor, 0)
    return (abs(delta), 0 if delta >= 0 else 1)  # ties go to the date after the title


def _text_date(
    page: _Page, anchor: etree._Element | None, title: str | None
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
    if len(matches) == 1 and _is_byline(piece.strip()) and len(piece.split()) <= 12:
        return matches[0].raw
    return None


# --- body ------------------------------------------------------------------------------


def _qualifies(p: Paragraph, minimum: int = QUALIFYING_CHARS) -> bool:
    if minimum < QUALIFYING_CHARS and not p.text.endswith((".", "!", "?", "»", "”", '"')):
        return False  # short text counts only as whole sentences, never as menu items
    return len(p.text) >= minimum and p.link_density < 0.5 and not COPYRIGHT.match(p.text)


def _score_containers(page: _Page, minimum: int) -> dict[etree._Element, float]:
    """Readability-style scores: each paragraph's length to the block holding it, half to
    the block above. A block holding a single paragraph (`<div class="para">`, a lead in
    `<div class="lead"><p>`) is that paragraph's wrapper, so the block above holds it."""
    scores: dict[etree._Element, float] = {}
    body = page.doc.find("body")
    found = [p for p in paragraphs(body if body is not None else page.doc, page.skip)]
    per_owner = Counter(id(p.owner) for p in found)

    def holder_of(p: Paragraph) -> etree._Element | None:
        owner = p.owner
        as_paragraph = tag(owner) in PARAGRAPH_OWNERS or (
            tag(owner) == "div" and per_owner[id(owner)] == 1
        )
        return owner.getparent() if as_paragraph else owner

    holders = {id(p): holder_of(p) for p in found}
    per_holder = Counter(id(h) for h in holders.values())
    for p in found:
        holder = holders[id(p)]
        if holder is None or not _qualifies(p, minimum):
            continue
        if per_holder[id(holder)] == 1 and holder.getparent() is not None:
            holder = holder.getparent()
        scores[holder] = scores.get(holder, 0) + len(p.text)
        parent = holder.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + len(p.text) / 2
    return scores


def _widen(
    page: _Page, best: etree._Element, anchor: etree._Element | None, title: str | None
) -> etree._Element:
    """Take in a lead paragraph that sits in a sibling wrapper between title and text."""
    start = page.order.get(anchor, -1) if anchor is not None else -1
    end = max((page.order[e] for e in best.iter() if e in page.order), default=page.order[best])
    current = best
    for _ in range(2):
        parent = current.getparent()
        if parent is None or tag(parent) in ("body", "html"):
            break
        own = {id(p.owner) for p in paragraphs(current, page.skip)}
        extra = [
            p for p in paragraphs(parent, page.skip)
            if _qualifies(p) and id(p.owner) not in own
            and not _is_boilerplate_paragraph(page, p, title) and not _is_byline(p.text)
        ]
        if not extra or not all(start < page.order.get(p.owner, -1) < end for p in extra):
            break
        current = parent
    return current


def _is_byline(text: str) -> bool:
    """'Press Service · 10 July 2020, 14:35 · Moscow': a short dated line, not a sentence.

    A dateline opening the text ('Moscow, 12 September 2024. A meeting…') is dated and
    short too, but a sentence goes on after its date."""
    if len(text) >= 160 or text.endswith((".", "!", "?")):
        return False
    dates = find_dates(text)
    return bool(dates) and not _SENTENCE_AFTER_DATE.match(text[dates[0].end :])


# What follows the date of a dateline: a full stop or a dash, then a sentence.
_SENTENCE_AFTER_DATE = re.compile(r"\s*[.—–]\s+\w+(?:\W+\w+){4}")


def _declared_body(page: _Page) -> etree._Element | None:
    """The element the page itself marks as the article's text (schema.org articleBody)."""
    for el in _ARTICLE_BODY(page.doc):
        if len(page.texts(el)) >= MIN_BODY_CHARS and not page.inside_excluded(el):
            return el
    return None


def _body(
    page: _Page, fields: ArticleFields, anchor: etree._Element | None, title: str | None
) -> list[etree._Element]:
    """The elements holding the article's text, in document order (one, or the parts of
    a text cut into several blocks); none when only trafilatura found a body."""
    for selector in page.profile.selectors.body:
        for el in _select(page, selector):
            text = _body_text(page, [el], anchor, title)
            if len(text) >= MIN_BODY_CHARS:
                fields.body, fields.layers["body"] = text, PROFILE
                return [el]
    declared = _declared_body(page)
    if declared is not None:
        text = _body_text(page, [declared], anchor, title)
        if text:
            fields.body, fields.layers["body"] = text, STRUCTURE
            return [declared]
    minimum = QUALIFYING_CHARS
    scores = _score_containers(page, minimum)
    if not scores:  # a short news item: a sentence or two
        minimum = SHORT_CHARS
        scores = _score_containers(page, minimum)
    if scores:
        parts = _body_parts(page, max(scores, key=scores.__getitem__), anchor, title)
        text = _body_text(page, parts, anchor, title)
        if len(text) >= min(MIN_BODY_CHARS, minimum):
            fields.body, fields.layers["body"] = text, STRUCTURE
            return parts
    text = _trafilatura_body(page, title)
    if text:
        fields.body, fields.layers["body"] = text, TRAFILATURA
    return []


def _signature(el: etree._Element) -> tuple[str, str] | None:
    """What makes blocks of one kind recognisable: the tag and its classes. A bare
    `<div>` says nothing; a bare `<section>` or `<article>` does."""
    classes = " ".join(sorted((el.get("class") or "").split()))
    if not classes and tag(el) not in ("section", "article"):
        return None
    return tag(el), classes


def _body_parts(
    page: _Page, best: etree._Element, anchor: etree._Element | None, title: str | None
) -> list[etree._Element]:
    """`best` and the other parts of the same text: blocks of the same kind beside it or
    one wrapper away (a text cut into `<section>`s, or into chunks between which the
    template puts advertisements), or else `best` widened to take in a lead above it;
    then the short lines right after the last part (a source line, a press service's
    signature)."""
    parts = _parts_inside(page, best, title) or _same_kind(page, best, anchor, title)
    if len(parts) == 1:
        parts = [_widen(page, best, anchor, title)]
    return parts + _trailing_lines(page, parts[-1], title)


def _parts_inside(
    page: _Page, best: etree._Element, title: str | None
) -> list[etree._Element]:
    """The parts of the text when `best` holds them side by side (its children of one
    kind that hold text) and nothing else of substance: no sentence of 60 characters
    outside them, so that dropping the rest drops only labels ("Documents") and the like."""
    kinds: dict[tuple[str, str], list[etree._Element]] = {}
    for child in best:
        key = _signature(child) if isinstance(child.tag, str) else None
        if key is not None and not page.skip(child) and _has_own_text(page, child, title):
            kinds.setdefault(key, []).append(child)
    groups = [g for g in kinds.values() if len(g) >= 2]
    if len(groups) != 1:
        return []
    inside = {id(el) for part in groups[0] for el in part.iter()}
    outside = [
        p for p in paragraphs(best, page.skip)
        if id(p.owner) not in inside and _qualifies(p) and tag(p.owner) not in HEADINGS
        and not any(id(a) in inside for a in ancestors(p.owner))
        and not _is_boilerplate_paragraph(page, p, title)
    ]
    return [] if outside else groups[0]


def _same_kind(
    page: _Page, best: etree._Element, anchor: etree._Element | None, title: str | None
) -> list[etree._Element]:
    """`best` and the blocks of its kind that hold text after the title, in order."""
    start = page.order.get(anchor, -1) if anchor is not None else -1
    parts = [best]
    key = _signature(best)
    parent = best.getparent()
    if key is not None and parent is not None:
        kin = [el for el in parent if el is not best]
        grand = parent.getparent()
        if grand is not None and _signature(parent) is not None:
            kin += [
                el for cousin in grand if cousin is not parent
                and _signature(cousin) == _signature(parent) for el in cousin
            ]
        parts += [
            el for el in kin
            if _signature(el) == key and page.order.get(el, -1) > start
            and not page.inside_excluded(el) and _has_own_text(page, el, title)
        ]
        parts.sort(key=lambda el: page.order.get(el, 0))
    return parts


SENTENCE_ENDS = (".", "!", "?", "…", "»", "”", '"', ":")
SENTENCE_STARTS = ("—", "–", "-", "«", "“", '"')


def _has_own_text(page: _Page, el: etree._Element, title: str | None) -> bool:
    """A block with a sentence of article text in it: not a heading, a menu or a teaser."""
    return any(
        len(p.text) >= SHORT_CHARS and p.link_density < 0.5 and tag(p.owner) not in HEADINGS
        and (p.text.endswith(SENTENCE_ENDS) or p.text.startswith(SENTENCE_STARTS))
        and not _is_boilerplate_paragraph(page, p, title)
        for p in paragraphs(el, page.skip)
    )


MAX_TRAILING_CHARS = 200


def _trailing_lines(
    page: _Page, last: etree._Element, title: str | None
) -> list[etree._Element]:
    """Short blocks of plain text right after the text: "Source: …", a signature."""
    found = []
    for el in last.itersiblings():
        if not isinstance(el.tag, str) or page.skip(el) or page.inside_excluded(el):
            break
        found_paragraphs = paragraphs(el, page.skip)
        if not found_paragraphs:
            if len(el) == 0:
                continue  # an empty spacer (`<div class="clear">`)
            break
        if any(
            p.link_density >= 0.5 or len(p.text) > MAX_TRAILING_CHARS or tag(p.owner) in HEADINGS
            or _is_boilerplate_paragraph(page, p, title) or _is_byline(p.text)
            for p in found_paragraphs
        ):
            break
        found.append(el)
    return found


def _body_text(
    page: _Page, parts: list[etree._Element], anchor: etree._Element | None, title: str | None
) -> str:
    kept: list[Paragraph] = []
    anchor_pos = page.order.get(anchor, -1) if anchor is not None else -1
    for container in parts:
        for p in paragraphs(container, page.skip):
            if page.order.get(p.at if p.at is not None else p.owner, 0) < anchor_pos:
                continue  # the article never starts before its own title
            if not kept and _is_byline(p.text):
                continue  # "Press service · 10 July 2020" above the text, not in it
            if _in_byline(p.owner, container):
                continue  # who wrote it, not what they wrote (its date is still read)
            if not _is_boilerplate_paragraph(page, p, title):
                kept.append(p)
    while kept and tag(kept[-1].owner) in HEADINGS:
        kept.pop()  # a heading introduces text: one that ends the body heads a list removed
    return join_paragraphs([p.text for p in kept])


# Author lines: not the article's text, but a date may stand in them, so they are left
# out of the body only (not excluded from the page).
BYLINE_WORDS = frozenset("byline bylines author authors attribution".split())


def _in_byline(el: etree._Element, container: etree._Element) -> bool:
    for node in (el, *ancestors(el)):
        if node is container:
            return False
        if class_words(node) & BYLINE_WORDS:
            return True
    return False


def _is_boilerplate_paragraph(page: _Page, p: Paragraph, title: str | None) -> bool:
    phrases, furniture = profile_lines(page.profile)
    if is_boilerplate_line(p.text, title, phrases, furniture):
        return True  # a navigation phrase, furniture, a date line, the title (with its date)
    if p.hrefs and p.link_density >= 0.5 and all(
        DOCUMENT_EXTENSIONS.search(href_path(h)) for h in p.hrefs
    ):
        return True  # "Statement (PDF, 120 KB)": an attachment, recorded as such
    if p.hrefs and p.link_density > 0.6 and len(p.text) - p.link_text <= LABEL_CHARS:
        return True  # "Read more: <a>another story</a>": a teaser with its label
    return p.link_density > 0.8 and (
        not p.hrefs
        or all(is_navigation_href(h, page.url, page.listing_paths) for h in p.hrefs)
        or len(p.text) < QUALIFYING_CHARS
    )


def _trafilatura_body(page: _Page, title: str | None) -> str:
    """trafilatura's body of the page minus what structure knows is not the article;
    lines that are not prose dropped."""
    if not layers.available("trafilatura") or not page.texts(page.doc):
        return ""  # a missing layer is reported at the crawl's start and by `doctor`
    import trafilatura

    try:
        text = trafilatura.extract(
            _html_without_boilerplate(page), include_comments=False, include_tables=False
        ) or ""
    except Exception:  # a third party's failure on a broken page costs its answer only
        logger.debug("trafilatura failed on %s", page.url, exc_info=True)
        return ""
    kept = [
        line for line in (clean_line(x) for x in text.split("\n"))
        if _sentence_like(line) and not (title and comparable(line) == comparable(title))
    ]
    return join_paragraphs(kept)


def _sentence_like(line: str) -> bool:
    """Menu items and separators that a generic extractor lets through are not prose."""
    return bool(line) and not date_only(line) and (
        len(line.split()) >= 6
        or (len(line.split()) >= 2 and line.endswith((".", "!", "?", "»", "”", '"')))
    )


def _html_without_boilerplate(page: _Page) -> str:
    """The page minus what structure already knows is not the article."""
    import copy

    # Matched by document order, not by XPath: a tag name like `a<b` or `A{` (broken
    # markup) makes an element's path an invalid or different XPath expression.
    wanted = {i for i, el in enumerate(page.doc.iter()) if el in page.excluded}
    clean = copy.deepcopy(page.doc)
    for el in [el for i, el in enumerate(clean.iter()) if i in wanted]:
        if el.getparent() is not None:
            drop_tree(el)
    return etree.tostring(clean, encoding="unicode", method="html")


# --- media and own HTML ----------------------------------------------------------------


def _article_region(
    parts: list[etree._Element], anchor: etree._Element | None
) -> etree._Element:
    """The smallest element holding the title and every part of the body: where media
    belong."""
    region = parts[0]
    for el in [*parts[1:], *([anchor] if anchor is not None else [])]:
        above = {region, *ancestors(region)}
        region = next((a for a in (el, *ancestors(el)) if a in above), region)
    return region


def _images(page: _Page, container: etree._Element) -> list[dict[str, str]]:
    found = []
    for img in container.iter("img"):
        if any(page.not_media(a) for a in (img, *ancestors(img))):
            continue
        src = _image_source(img)
        url = absolute(page.url, src) if src else None
        if url is None:
            continue
        found.append({"url": url, "caption": _caption(img)})
    return found


LAZY_SOURCES = ("data-original", "data-src", "data-lazy-src", "data-lazy")


def _image_source(img: etree._Element) -> str | None:
    """The picture's real address: lazy-loading pages put a placeholder in `src`."""
    src = (img.get("src") or "").strip()
    if src and not src.startswith("data:"):
        return src
    return next((img.get(name) for name in LAZY_SOURCES if img.get(name)), None)


def _caption(img: etree._Element) -> str:
    for parent in ancestors(img):
        if tag(parent) == "figure":
            for cap in parent.iter("figcaption"):
                return text_of(cap)
            break
    for holder in (figure_of(img), caption_after(img)):
        if holder is not None:
            return text_of(holder)
    return clean_line(img.get("alt") or img.get("title") or "")


def _attachments(page: _Page, container: etree._Element) -> list[dict[str, str]]:
    found = []
    seen: set[str] = set()
    for a in container.iter("a"):
        href = a.get("href") or ""
        if "." not in href or not DOCUMENT_EXTENSIONS.search(href_path(href)):
            continue  # asked first: the cheap question, and most links are no documents
        url = absolute(page.url, href)
        if url is None or url in seen or page.inside_excluded(a):
            continue  # a "Download" button beside the document's own link
        seen.add(url)
        found.append({"url": url, "title": text_of(a)})
    return found


def _own_html(page: _Page, container: etree._Element, anchor: etree._Element | None) -> str:
    """The container's HTML without the boilerplate inside it (sanitised later, in storage)."""
    # figures stay: body_html keeps its pictures
    for el in [e for e in container.iter() if page.not_media(e) or e is anchor]:
        parent = el.getparent()
        if parent is not None and el is not container:
            drop_tree(el)
    return etree.tostring(container, encoding="unicode", method="html").strip()


def _looks_not_found(fields: ArticleFields, profile: SiteProfile) -> bool:
    """A soft 404: status 200, but the page says it has no such article."""
    phrases = {comparable(p) for p in profile.not_found_phrases}
    title = comparable(fields.title or "")
    if title in phrases or any(p and p in title for p in phrases):
        return True
    return not fields.body and not fields.title


def diagnose(html: str, url: str, profile: SiteProfile) -> dict[str, dict[str, str | None]]:
    """What every layer finds for every field, each tried on its own (for `doctor`)."""
    chosen = extract_article(html, url, profile)
    structural = extract_article(html, url, replace(profile, selectors=Selectors()))
    report: dict[str, dict[str, str | None]] = {}
    for name, attribute in (("title", "title"), ("date", "date_raw"), ("body", "body")):
        own = getattr(chosen, attribute) if chosen.layers.get(name) == PROFILE else None
        fallback = getattr(structural, attribute) or None
        report[name] = {
            PROFILE: own,
            STRUCTURE: fallback if structural.layers.get(name) == STRUCTURE else None,
        }
    page = _prepare(html, url, profile)
    page.excluded = _excluded(page, None)
    report["date"][HTMLDATE] = _htmldate(page)
    report["body"][TRAFILATURA] = _trafilatura_body(page, chosen.title) or None
    report["chosen"] = {name: chosen.layers.get(name) for name in ("title", "date", "body")}
    return report
