"""Article pages: (HTML, URL, profile) → title, date, body, with the layer that answered.

Each field is tried in layers: the site profile's own selectors; structural rules that
hold on any news page; for the body, trafilatura as the last resort. The layer that
answered is recorded, so a crawl can tell when the site's templates have changed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree
from lxml.cssselect import CSSSelector

from crawler.extract.dates import date_only, find_dates
from crawler.extract.html import (
    BOILERPLATE_WORDS,
    STRUCTURAL_BOILERPLATE_TAGS,
    Paragraph,
    Texts,
    ancestors,
    article_path_pattern,
    boilerplate_elements,
    caption_after,
    class_words,
    drop_tree,
    figure_of,
    image_captions,
    is_boilerplate,
    is_navigation_href,
    news_lists,
    paragraphs,
    parse,
    tag,
    text_of,
)
from crawler.extract.lines import date_after_title, is_boilerplate_line, profile_lines
from crawler.extract.text import clean_line, comparable, join_paragraphs
from crawler.extract.urls import (
    absolute,
    canonical_path,
    canonical_url,
    host_aliases,
    split_url,
)
from crawler.sites import Selectors, SiteProfile

PROFILE, STRUCTURE, TRAFILATURA = "profile", "structure", "trafilatura"
MIN_BODY_CHARS = 80
QUALIFYING_CHARS = 60
SHORT_CHARS = 25
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
    excluded: set[etree._Element] = field(default_factory=set)
    captions: set[etree._Element] = field(default_factory=set)
    order: dict[etree._Element, int] = field(default_factory=dict)
    listing_paths: set[str] = field(default_factory=set)
    texts: Texts = field(default_factory=Texts)
    _hidden: set[etree._Element] | None = None
    deferred: set[etree._Element] = field(default_factory=set)
    total_text: int = 0
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


def extract_article(html: str, url: str, profile: SiteProfile) -> ArticleFields:
    """All fields of an article page. Pure: no network, no Scrapy."""
    page = _prepare(html, url, profile)
    fields = ArticleFields()
    title, anchor = _title(page, fields)
    page.excluded |= _excluded(page, anchor)
    container = _body(page, fields, anchor, title)
    _date(page, fields, anchor, title, container)
    if container is not None:
        region = _article_region(container, anchor)
        fields.images = _images(page, region)
        fields.attachments = _attachments(page, region)
        fields.body_html = _own_html(page, container, anchor)
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
        doc=doc, url=url, profile=profile, order=texts.order, listing_paths=prefixes, texts=texts
    )


def _excluded(page: _Page, anchor: etree._Element | None) -> set[etree._Element]:
    pattern = article_path_pattern(page.profile.article_path)
    aliases = host_aliases(page.profile.base_url)
    lists = news_lists(
        page.doc, page.url, pattern, canonical_url(page.url), anchor, aliases, page.texts
    )
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
    for h1 in page.doc.iter("h1"):
        text = _heading_text(h1)
        if not text or _is_generic(text, page.profile):
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
    container: etree._Element | None,
) -> None:
    unreadable = None
    for selector in page.profile.selectors.date:
        for el in _select(page, selector):
            raw = el.get("datetime") or text_of(el)
            if raw and find_dates(raw):
                fields.date_raw, fields.date_source = raw, "article:profile"
                fields.layers["date"] = PROFILE
                return
            unreadable = unreadable or raw
    found = _time_element(page, anchor) or _meta_date(page) or _text_date(page, anchor, title)
    if found:
        fields.date_raw, fields.date_source = found
        fields.layers["date"] = STRUCTURE
    elif unreadable:  # kept as found, so a rejection can say what the page had
        fields.date_raw, fields.date_source = unreadable, "article:profile"


def _time_element(page: _Page, anchor: etree._Element | None) -> tuple[str, str] | None:
    candidates = [
        el for el in page.doc.iter("time")
        if not page.inside_excluded(el) and (el.get("datetime") or text_of(el))
    ]
    if not candidates:
        return None
    el = min(candidates, key=lambda e: _distance(page, e, anchor))
    raw = el.get("datetime") or text_of(el)
    return (raw, "article:time") if find_dates(raw) else None


_META_DATE_KEYS = ("article:published_time", "datepublished", "date", "dc.date", "pubdate",
                   "publish-date", "og:published_time")


def _meta_date(page: _Page) -> tuple[str, str] | None:
    for el in page.doc.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in _META_DATE_KEYS and find_dates(el.get("content") or ""):
            return el.get("content"), "meta"
    for el in _DATE_PUBLISHED(page.doc):
        raw = el.get("content") or el.get("datetime") or text_of(el)
        if raw and find_dates(raw):
            return raw, "meta"
    return None


_DATE_PUBLISHED = etree.XPath("//*[@itemprop='datePublished']")
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
            if piece is el.tail and page.inside_excluded(el.getparent()):
                continue
            rank = _distance(page, el, anchor)
            if best is None or rank < best[0]:
                best = (rank, raw)
    return (best[1], "article:text") if best else None


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
    return len(p.text) >= minimum and p.link_density < 0.5


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
    """'Press Service · 10 July 2020, 14:35 · Moscow': a short dated line, not a sentence."""
    return len(text) < 160 and bool(find_dates(text)) and not text.endswith((".", "!", "?"))


def _declared_body(page: _Page) -> etree._Element | None:
    """The element the page itself marks as the article's text (schema.org articleBody)."""
    for el in _ARTICLE_BODY(page.doc):
        if len(page.texts(el)) >= MIN_BODY_CHARS and not page.inside_excluded(el):
            return el
    return None


def _body(
    page: _Page, fields: ArticleFields, anchor: etree._Element | None, title: str | None
) -> etree._Element | None:
    for selector in page.profile.selectors.body:
        for el in _select(page, selector):
            text = _body_text(page, el, anchor, title)
            if len(text) >= MIN_BODY_CHARS:
                fields.body, fields.layers["body"] = text, PROFILE
                return el
    declared = _declared_body(page)
    if declared is not None:
        text = _body_text(page, declared, anchor, title)
        if text:
            fields.body, fields.layers["body"] = text, STRUCTURE
            return declared
    minimum = QUALIFYING_CHARS
    scores = _score_containers(page, minimum)
    if not scores:  # a short news item: a sentence or two
        minimum = SHORT_CHARS
        scores = _score_containers(page, minimum)
    if scores:
        best = _widen(page, max(scores, key=scores.__getitem__), anchor, title)
        text = _body_text(page, best, anchor, title)
        if len(text) >= min(MIN_BODY_CHARS, minimum):
            fields.body, fields.layers["body"] = text, STRUCTURE
            return best
    text = _trafilatura_body(page, title)
    if text:
        fields.body, fields.layers["body"] = text, TRAFILATURA
    return None


def _body_text(
    page: _Page, container: etree._Element, anchor: etree._Element | None, title: str | None
) -> str:
    kept = []
    holds_anchor = anchor is not None and (
        anchor is container or any(a is container for a in ancestors(anchor))
    )
    anchor_pos = page.order.get(anchor, -1) if holds_anchor else -1
    for p in paragraphs(container, page.skip):
        if page.order.get(p.owner, 0) < anchor_pos:
            continue  # the article never starts before its own title
        if not kept and _is_byline(p.text):
            continue  # "Press service · 10 July 2020" above the text, not in it
        if not _is_boilerplate_paragraph(page, p, title):
            kept.append(p.text)
    return join_paragraphs(kept)


def _is_boilerplate_paragraph(page: _Page, p: Paragraph, title: str | None) -> bool:
    phrases, furniture = profile_lines(page.profile)
    if is_boilerplate_line(p.text, title, phrases, furniture):
        return True  # a navigation phrase, furniture, a date line, the title (with its date)
    if p.hrefs and p.link_density >= 0.5 and all(
        DOCUMENT_EXTENSIONS.search(split_url(h).path) for h in p.hrefs
    ):
        return True  # "Statement (PDF, 120 KB)": an attachment, recorded as such
    return p.link_density > 0.8 and (
        not p.hrefs
        or all(is_navigation_href(h, page.url, page.listing_paths) for h in p.hrefs)
        or len(p.text) < QUALIFYING_CHARS
    )


def _trafilatura_body(page: _Page, title: str | None) -> str:
    try:
        import trafilatura
    except ImportError:  # optional: the structural layers still work without it
        return ""
    text = trafilatura.extract(
        _html_without_boilerplate(page), include_comments=False, include_tables=False
    ) or ""
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


def _article_region(container: etree._Element, anchor: etree._Element | None) -> etree._Element:
    """The smallest element holding both the title and the body: where media belong."""
    if anchor is None:
        return container
    above = {id(a) for a in ancestors(anchor)}
    for el in (container, *ancestors(container)):
        if id(el) in above:
            return el
    return container


def _images(page: _Page, container: etree._Element) -> list[dict[str, str]]:
    found = []
    for img in container.iter("img"):
        if any(page.not_media(a) for a in (img, *ancestors(img))):
            continue
        src = _image_source(img)
        if not src:
            continue
        found.append({"url": absolute(page.url, src), "caption": _caption(img)})
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
        if not _may_be_document(href):
            continue  # asked first: the cheap question, and most links are no documents
        if page.inside_excluded(a) or absolute(page.url, href) in seen:
            continue  # a "Download" button beside the document's own link
        if DOCUMENT_EXTENSIONS.search(split_url(href).path):
            seen.add(absolute(page.url, href))
            found.append({"url": absolute(page.url, href), "title": text_of(a)})
    return found


def _may_be_document(href: str) -> bool:
    """False only when `href` surely is no document link: its path has no extension. A
    link that does not even split is left to the full check, which raises as it did."""
    if "." not in href:
        return False
    try:
        return bool(DOCUMENT_EXTENSIONS.search(split_url(href).path))
    except ValueError:
        return True


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
    report["body"][TRAFILATURA] = _trafilatura_body(page, chosen.title) or None
    report["chosen"] = {name: chosen.layers.get(name) for name in ("title", "date", "body")}
    return report
