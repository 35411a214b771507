"""The article's text: the profile's selector, the block the page declares as its body,
the highest-scoring container with the other parts of the same text, trafilatura last.

Left out by structure: captions, bylines, navigation, lists of other news, teasers,
attachments' links. What is judged line by line (the profile's boilerplate phrases,
the title or a date on a line of its own) and the text contract (spaces, NFC) are
the cleaning pipelines' jobs: the body is given as the page types it, one paragraph a
line, and judged here as those pipelines will leave it (`crawler.extract.page`).
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from crawler.extract import layers
from crawler.extract.blocks import HEADINGS, Paragraph, paragraphs
from crawler.extract.dates import date_only
from crawler.extract.dom import ancestors, class_words, pruned_copy, tag
from crawler.extract.layers import PROFILE, STRUCTURE, TRAFILATURA
from crawler.extract.lines import COPYRIGHT, is_boilerplate_line, is_byline, profile_lines
from crawler.extract.links import DOCUMENT_EXTENSIONS, is_navigation_href
from crawler.extract.select import select
from crawler.extract.structure import ArticlePage
from crawler.extract.text import clean_line, comparable, join_paragraphs
from crawler.extract.urls import href_path

logger = logging.getLogger(__name__)
MIN_BODY_CHARS = 80
QUALIFYING_CHARS = 60
SHORT_CHARS = 25
LABEL_CHARS = 20  # "Read more:", "[Related: ]": what a teaser says outside its link
PARAGRAPH_OWNERS = frozenset("p li h2 h3 h4 h5 h6 blockquote dd dt pre".split())

_ARTICLE_BODY = etree.XPath("//*[@itemprop='articleBody']")


def _qualifies(p: Paragraph, minimum: int = QUALIFYING_CHARS) -> bool:
    """A paragraph that counts towards a container's score: long enough, mostly not
    links, not a copyright notice."""
    if minimum < QUALIFYING_CHARS and not p.text.endswith((".", "!", "?", "»", "”", '"')):
        return False  # short text counts only as whole sentences, never as menu items
    return len(p.text) >= minimum and p.link_density < 0.5 and not COPYRIGHT.match(p.text)


def _score_containers(page: ArticlePage, minimum: int) -> dict[etree._Element, float]:
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
    page: ArticlePage, best: etree._Element, anchor: etree._Element | None, title: str | None
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
            and not _is_boilerplate_paragraph(page, p, title) and not is_byline(p.text)
        ]
        if not extra or not all(start < page.order.get(p.owner, -1) < end for p in extra):
            break
        current = parent
    return current


def _declared_body(page: ArticlePage) -> etree._Element | None:
    """The element the page itself marks as the article's text (schema.org articleBody)."""
    for el in _ARTICLE_BODY(page.doc):
        if len(page.texts(el)) >= MIN_BODY_CHARS and not page.inside_excluded(el):
            return el
    return None


@dataclass(frozen=True)
class Body:
    """The article's text as the page types it (paragraphs separated by a blank line),
    the elements holding it in document order (one, or the parts of a text cut into
    several blocks; none when only trafilatura found it), and the layer that found it
    (None: no text)."""

    text: str = ""
    parts: list[etree._Element] = field(default_factory=list)
    layer: str | None = None


def find_body(
    page: ArticlePage, anchor: etree._Element | None, title: str | None
) -> Body:
    """The first layer that finds a body long enough: the profile's selector, the page's
    declared `articleBody`, the best-scoring container (short items scored again with
    sentence-long paragraphs), trafilatura."""
    for selector in page.profile.selectors.body:
        for el in select(page.doc, selector):
            text = _body_text(page, [el], anchor, title)
            if len(text.clean) >= MIN_BODY_CHARS:
                return Body(text.typed, [el], PROFILE)
    declared = _declared_body(page)
    if declared is not None:
        text = _body_text(page, [declared], anchor, title)
        if text.clean:
            return Body(text.typed, [declared], STRUCTURE)
    minimum = QUALIFYING_CHARS
    scores = _score_containers(page, minimum)
    if not scores:  # a short news item: a sentence or two
        minimum = SHORT_CHARS
        scores = _score_containers(page, minimum)
    if scores:
        parts = _body_parts(page, max(scores, key=scores.__getitem__), anchor, title)
        text = _body_text(page, parts, anchor, title)
        if len(text.clean) >= min(MIN_BODY_CHARS, minimum):
            return Body(text.typed, parts, STRUCTURE)
    text = trafilatura_body(page, title)
    return Body(text, [], TRAFILATURA) if text else Body()


def _signature(el: etree._Element) -> tuple[str, str] | None:
    """What makes blocks of one kind recognisable: the tag and its classes. A bare
    `<div>` says nothing; a bare `<section>` or `<article>` does."""
    classes = " ".join(sorted((el.get("class") or "").split()))
    if not classes and tag(el) not in ("section", "article"):
        return None
    return tag(el), classes


def _body_parts(
    page: ArticlePage, best: etree._Element, anchor: etree._Element | None, title: str | None
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
    page: ArticlePage, best: etree._Element, title: str | None
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
    page: ArticlePage, best: etree._Element, anchor: etree._Element | None, title: str | None
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


def _has_own_text(page: ArticlePage, el: etree._Element, title: str | None) -> bool:
    """A block with a sentence of article text in it: not a heading, a menu or a teaser."""
    return any(
        len(p.text) >= SHORT_CHARS and p.link_density < 0.5 and tag(p.owner) not in HEADINGS
        and (p.text.endswith(SENTENCE_ENDS) or p.text.startswith(SENTENCE_STARTS))
        and not _is_boilerplate_paragraph(page, p, title)
        for p in paragraphs(el, page.skip)
    )


MAX_TRAILING_CHARS = 200


def _trailing_lines(
    page: ArticlePage, last: etree._Element, title: str | None
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
            or _is_boilerplate_paragraph(page, p, title) or is_byline(p.text)
            for p in found_paragraphs
        ):
            break
        found.append(el)
    return found


@dataclass(frozen=True)
class _Text:
    """A body twice: as the page types it (what a crawl hands to the cleaning pipelines)
    and as those pipelines will leave it (what the layers are judged on)."""

    typed: str
    clean: str


def _body_text(
    page: ArticlePage, parts: list[etree._Element], anchor: etree._Element | None, title: str | None
) -> _Text:
    """The text of `parts`: their paragraphs from the title on, without bylines above it
    or inside it, the structure's boilerplate, or a heading left dangling at the end."""
    kept: list[Paragraph] = []
    lines: list[Paragraph] = []  # those of `kept` the boilerplate pipeline will keep
    anchor_pos = page.order.get(anchor, -1) if anchor is not None else -1
    for container in parts:
        for p in paragraphs(container, page.skip):
            if page.order.get(p.at if p.at is not None else p.owner, 0) < anchor_pos:
                continue  # the article never starts before its own title
            if not lines and is_byline(p.text):
                continue  # "Press service · 10 July 2020" above the text, not in it
            if _in_byline(p.owner, container) or _is_structural_boilerplate(page, p):
                continue  # who wrote it (its date is still read); links not text
            kept.append(p)
            if not _is_boilerplate_line(page, p, title):
                lines.append(p)
    while lines and tag(lines[-1].owner) in HEADINGS:
        dangling = lines.pop()  # a heading that ends the text heads a list removed
        kept = [p for p in kept if p is not dangling]
    return _Text(join_paragraphs([p.raw for p in kept]), join_paragraphs([p.text for p in lines]))


# Author lines: not the article's text, but a date may stand in them, so they are left
# out of the body only (not excluded from the page).
BYLINE_WORDS = frozenset("byline bylines author authors attribution".split())


def _in_byline(el: etree._Element, container: etree._Element) -> bool:
    """Whether `el` sits in a byline block inside `container` (the container itself may be
    called anything)."""
    for node in (el, *ancestors(el)):
        if node is container:
            return False
        if class_words(node) & BYLINE_WORDS:
            return True
    return False


def _is_boilerplate_paragraph(page: ArticlePage, p: Paragraph, title: str | None) -> bool:
    """A paragraph that is not the article's text whatever block holds it: a profile
    phrase, a date or title line, an attachment's link, a teaser, a line of navigation."""
    return _is_boilerplate_line(page, p, title) or _is_structural_boilerplate(page, p)


def _is_boilerplate_line(page: ArticlePage, p: Paragraph, title: str | None) -> bool:
    """A navigation phrase, furniture, a date line, the title (with its date): the lines
    the boilerplate pipeline drops (`crawler.extract.lines`), by the same rule."""
    phrases, furniture = profile_lines(page.profile)
    return is_boilerplate_line(p.text, title, phrases, furniture)


def _is_structural_boilerplate(page: ArticlePage, p: Paragraph) -> bool:
    """What only the page's links tell: an attachment's line, a teaser, navigation."""
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


def trafilatura_body(page: ArticlePage, title: str | None) -> str:
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


def _html_without_boilerplate(page: ArticlePage) -> str:
    """The page minus what structure already knows is not the article."""
    clean = pruned_copy(page.doc, page.excluded)
    return etree.tostring(clean, encoding="unicode", method="html")
