"""DOM helpers shared by listing and article extraction: parsing, text blocks, boilerplate.

Everything here works on structure that holds on any news page, not on class names
of one template: that is what lets extraction survive markup it has never seen.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from crawler.extract.dates import date_only
from crawler.extract.text import clean_line
from crawler.extract.urls import absolute, canonical_path, canonical_url, on_origin_of, same_site

BLOCK_TAGS = frozenset(
    "p div section article main header footer aside nav ul ol li dl dt dd table thead tbody"
    " tfoot tr td th h1 h2 h3 h4 h5 h6 blockquote pre figure figcaption form fieldset address"
    " hr center details summary caption body html".split()
)
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
             "button", "select", "input", "textarea")
STRUCTURAL_BOILERPLATE_TAGS = frozenset({"nav", "footer", "aside", "form", "menu"})
BOILERPLATE_WORDS = frozenset(
    "breadcrumb breadcrumbs crumbs share sharing social likes print subscribe subscription"
    " menu nav navbar navigation footer sidebar pagination pager pagenav paging lang"
    " languages search banner banners cookie cookies related latest lastnews comments counter"
    " counters widget caption captions figcaption photo-caption ya-share2 sharer tags"
    " ad ads adv advert advertising advertisement promo sponsored".split()
)
BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
SHARE_HOSTS = re.compile(
    r"(facebook\.com|vk\.com|vkontakte|twitter\.com|x\.com|t\.me|telegram|ok\.ru|wa\.me|"
    r"whatsapp|linkedin\.com|mail\.ru/share|connect\.mail)",
    re.IGNORECASE,
)
_BR = "\x00"
# C0 controls other than whitespace: never text in HTML, and lxml refuses them in strings.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_PARA_SPLIT = re.compile(_BR + r"\s*" + _BR + r"[\s\x00]*")


def parse(html: str) -> lxml.html.HtmlElement:
    """The document tree, without comments, scripts, styles and other non-text.

    `huge_tree` lifts libxml2's nesting limit of 256, past which it silently drops the
    rest of the page (broken templates that never close a `<div>` get there); pages
    are capped by DOWNLOAD_MAXSIZE anyway. A page with no elements is an empty tree;
    control characters are dropped before parsing.
    """
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, encoding="utf-8", huge_tree=True
    )
    data = _CONTROLS.sub("", html.replace("\x0c", " ")).encode("utf-8", "replace")
    try:
        doc = lxml.html.document_fromstring(data, parser=parser)
    except etree.ParserError:  # "Document is empty": nothing but whitespace or comments
        doc = lxml.html.document_fromstring(b"<html><body></body></html>", parser=parser)
    etree.strip_elements(doc, *DROP_TAGS, with_tail=False)
    return doc


def tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def class_words(el: etree._Element) -> set[str]:
    """Words of the class and id attributes, split on `-` and `_` as template authors do."""
    raw = f"{el.get('class', '')} {el.get('id', '')}".lower()
    words = set(raw.split())
    for token in list(words):
        words.update(w for w in re.split(r"[-_]+", token) if w)
    return words


def text_of(el: etree._Element) -> str:
    return clean_line(" ".join(el.itertext()))


def ancestors(el: etree._Element) -> Iterable[etree._Element]:
    parent = el.getparent()
    while parent is not None:
        yield parent
        parent = parent.getparent()


def is_inside(el: etree._Element, group: set[etree._Element]) -> bool:
    return el in group or any(a in group for a in ancestors(el))


def is_navigation_href(href: str, page_url: str, listing_paths: set[str]) -> bool:
    """A link that leads back, to a listing, to a share service or to print."""
    href = href.strip()
    if not href or href.startswith(("javascript:", "#", "mailto:")):
        return True
    if SHARE_HOSTS.search(href) or "print=" in href.lower():
        return True
    target = absolute(page_url, href)
    path = canonical_path(urlsplit(target).path)
    return path in listing_paths or path == "/"


@dataclass
class Paragraph:
    """A text block as a reader sees it, with the element that holds it."""

    text: str
    owner: etree._Element
    link_text: int = 0
    hrefs: list[str] = field(default_factory=list)

    @property
    def link_density(self) -> float:
        return self.link_text / max(1, len(self.text))


def paragraphs(
    root: etree._Element, skip: Callable[[etree._Element], bool] = lambda el: False
) -> list[Paragraph]:
    """Split `root` into paragraphs the way a browser lays them out.

    Block elements and two consecutive `<br>` end a paragraph; a single `<br>` and
    source line breaks are just spaces. Skipped subtrees contribute nothing.
    """
    out: list[Paragraph] = []
    state = {"buf": [], "links": 0, "hrefs": [], "owner": root}

    def flush() -> None:
        raw = "".join(state["buf"])
        pieces = _PARA_SPLIT.split(raw)
        for i, piece in enumerate(pieces):
            text = clean_line(piece.replace(_BR, " "))
            if text:
                links = state["links"] if len(pieces) == 1 else 0
                hrefs = list(state["hrefs"]) if len(pieces) == 1 or i == 0 else []
                out.append(Paragraph(text, state["owner"], min(links, len(text)), hrefs))
        state["buf"], state["links"], state["hrefs"] = [], 0, []

    def add_text(text: str | None, in_link: bool) -> None:
        if text:
            text = re.sub(r"\s+", " ", text)
            state["buf"].append(text)
            if in_link:
                state["links"] += len(text.strip())

    # An explicit stack, not recursion: markup may nest deeper than Python's stack.
    stack: list[tuple[str, Any, bool]] = [("enter", root, False)]
    while stack:
        op, el, in_link = stack.pop()
        if op == "text":
            add_text(el, in_link)
            continue
        if op == "exit":  # the end of a block: its paragraph ends, the outer owner is back
            flush()
            state["owner"] = el
            continue
        name = tag(el)
        if not name or skip(el):
            continue
        if name == "br":
            state["buf"].append(_BR)
            continue
        if name in BLOCK_TAGS:
            flush()
            stack.append(("exit", state["owner"], False))
            state["owner"] = el
        link = in_link or name == "a"
        if name == "a" and el.get("href"):
            state["hrefs"].append(el.get("href"))
        add_text(el.text, link)
        for child in reversed(el):
            stack.append(("text", child.tail, link))
            stack.append(("enter", child, link))
    flush()
    return out


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
    for a in root.iter("a"):
        href = a.get("href")
        if not href or href.strip().startswith(("javascript:", "#", "mailto:")):
            continue
        target = absolute(page_url, href)
        if not same_site(target, page_url):
            if (urlsplit(target).hostname or "").lower() not in aliases:
                continue
            target = on_origin_of(target, page_url)
        url = canonical_url(target)
        if pattern.match(urlsplit(url).path):
            found.append((a, url))
    return found


def news_lists(
    root: etree._Element,
    page_url: str,
    pattern: re.Pattern[str],
    own_url: str | None = None,
    protect: etree._Element | None = None,
    aliases: tuple[str, ...] = (),
) -> list[etree._Element]:
    """Blocks that list other articles (latest news, "read also", related).

    Recognised by shape: an element whose children mostly each link to another article,
    the children mostly short, as list items are. An article's paragraphs may link to other news,
    but not most of them, and they are long.
    """
    links = [
        (a, u) for a, u in article_links(root, page_url, pattern, aliases) if u != own_url
    ]
    kids_of: dict[etree._Element, dict[etree._Element, set[str]]] = {}
    for a, url in links:
        child = a
        for parent in ancestors(a):
            kids_of.setdefault(parent, {}).setdefault(child, set()).add(url)
            child = parent
    protected = set(ancestors(protect)) | {protect} if protect is not None else set()
    found = _dated_lists(root, protected)
    for el, kids in kids_of.items():
        if tag(el) in ("html", "body") or el in protected or len(kids) < 2:
            continue
        if len(set().union(*kids.values())) < 2:
            continue
        texty = [c for c in el if isinstance(c.tag, str) and text_of(c)]
        if not texty or len(kids) / len(texty) < 0.5:
            continue
        if statistics.median(len(text_of(c)) for c in texty) > 1000:
            continue  # list items are short; an article's paragraphs run longer
        found.append(el)
    found_set = set(found)
    return [el for el in found if not any(a in found_set for a in ancestors(el))]


MAX_DATED_ITEM_CHARS = 1000


def _dated_lists(root: etree._Element, protected: set[etree._Element]) -> list[etree._Element]:
    """Lists whose items each carry a date line of their own, even without links."""
    dated: set[etree._Element] = set()
    for el in root.iter():
        if tag(el) and (el.text or "").strip() and date_only(el.text):
            dated.add(el)
    found = []
    for el in root.iter():
        if not tag(el) or tag(el) in ("html", "body") or el in protected:
            continue
        texty = [c for c in el if isinstance(c.tag, str) and text_of(c)]
        if len(texty) < 2:
            continue
        with_date = [c for c in texty if c not in dated and any(d in dated for d in c.iter())]
        if len(with_date) < 2 or len(with_date) / len(texty) < 0.5:
            continue
        # Each dated item is short: an article's meta line beside its long text is not a list.
        if max(len(text_of(c)) for c in with_date) <= MAX_DATED_ITEM_CHARS:
            found.append(el)
    return found


def caption_after(img: etree._Element) -> etree._Element | None:
    """Short inline text right after an image (`<img><br><em>Caption</em>`), or an element
    marked as a caption after it (or after the `<picture>` or link around it)."""
    holder = img  # climb out of wrappers that hold the image alone (<picture>, <a>, <div>)
    while holder.getnext() is None and holder.getparent() is not None and (
        tag(holder.getparent()) in ("picture", "source", "a") or not text_of(holder.getparent())
    ):
        holder = holder.getparent()
    sibling = holder.getnext()
    while sibling is not None and tag(sibling) == "br":
        sibling = sibling.getnext()
    inline = sibling is not None and tag(sibling) in ("em", "i", "small", "span", "font", "sub")
    if inline and 0 < len(text_of(sibling)) < MAX_CAPTION_CHARS:
        return sibling
    if sibling is not None and "caption" in class_words(sibling):
        return sibling
    return None


MAX_CAPTION_CHARS = 200
FIGURE_TAGS = frozenset("div span table tbody tr td figure a center font em i small".split())


def figure_of(img: etree._Element) -> etree._Element | None:
    """The block that holds an image and its caption and nothing else, whatever the markup
    (`<div class="pic">`, a photo table whose next row is the caption); None when the
    image stands alone or inside running text (a `<p>` is never taken for a figure)."""
    figure = None
    for el in ancestors(img):
        if tag(el) not in FIGURE_TAGS or len(text_of(el)) >= MAX_CAPTION_CHARS:
            break
        if any(True for _ in el.iter("h1", "h2", "h3", "h4", "h5", "h6", "p")):
            break  # a short article around its picture is not the picture's caption
        if len(paragraphs(el)) > 2:
            break
        figure = el
    return figure if figure is not None and text_of(figure) else None


def image_captions(root: etree._Element) -> set[etree._Element]:
    """Figures and caption elements of every image: they describe a picture, not the story."""
    found = set()
    for img in root.iter("img"):
        caption = figure_of(img)
        caption = caption if caption is not None else caption_after(img)
        if caption is not None:
            found.add(caption)
    return found


def boilerplate_elements(
    doc: etree._Element, protect: etree._Element | None, total_text: int
) -> set[etree._Element]:
    """Menus, footers, breadcrumbs, share bars, captions: recognised by tag, role or class.

    An element that holds the title, or most of the page's text, is never boilerplate:
    a wrapper called `page-with-sidebar` must not take the article with it.
    """
    found: set[etree._Element] = set()
    for el in doc.iter():
        name = tag(el)
        if not name or name in ("html", "body"):
            continue
        words = class_words(el)
        role = (el.get("role") or "").lower()
        header_without_title = name == "header" and not any(True for _ in el.iter("h1", "time"))
        if not (
            name in STRUCTURAL_BOILERPLATE_TAGS
            or name == "figcaption"
            or header_without_title
            or role in BOILERPLATE_ROLES
            or words & BOILERPLATE_WORDS
        ):
            continue
        if protect is not None and (el is protect or el in set(ancestors(protect))):
            continue
        if name not in STRUCTURAL_BOILERPLATE_TAGS and (
            len(text_of(el)) > 0.4 * total_text or _holds_prose(el)
        ):
            continue
        found.add(el)
    return found


def _holds_prose(el: etree._Element) -> bool:
    """Two or more long paragraphs of running text: an article, whatever its class says
    (menus, share bars and breadcrumbs hold none; news lists are caught by shape)."""
    long = [p for p in paragraphs(el) if len(p.text) >= 150 and p.link_density < 0.3]
    return len(long) >= 2
