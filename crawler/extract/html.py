"""DOM helpers shared by listing and article extraction: parsing, text blocks, boilerplate.

Everything here works on structure that holds on any news page, not on class names
of one template: that is what lets extraction survive markup it has never seen.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lxml import etree

from crawler.extract.dates import MAYBE_DATE, date_only
from crawler.extract.text import clean_line
from crawler.extract.urls import (
    absolute,
    canonical_path,
    canonical_url,
    link_base,
    on_origin_of,
    same_site,
    split_url,
)

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
    " ad ads adv advert advertising advertisement promo sponsored newsletter signup"
    " overlay lightbox carousel slider swiper slideshow trending popular mostread cta donate"
    " paywall".split()
)
# Readers' comments hold prose, so "most of the text or prose" does not save them.
COMMENT_WORDS = frozenset("comment comments commentlist disqus".split())
BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
SHARE_HOSTS = re.compile(
    r"(facebook\.com|vk\.com|vkontakte|twitter\.com|x\.com|t\.me|telegram|ok\.ru|wa\.me|"
    r"whatsapp|linkedin\.com|mail\.ru/share|connect\.mail|instagram\.com|youtube\.com|"
    r"rutube\.ru|dzen\.ru)",
    re.IGNORECASE,
)
_BR = "\x00"
# C0 controls other than whitespace: never text in HTML, and lxml refuses them in strings.
_CONTROL_BYTES = bytes(range(0x09)) + b"\x0b" + bytes(range(0x0E, 0x20))
_FORM_FEED_TO_SPACE = bytes.maketrans(b"\x0c", b" ")
_PARA_SPLIT = re.compile(_BR + r"\s*" + _BR + r"[\s\x00]*")
_WHITESPACE = re.compile(r"\s+")
_WORD_SPLIT = re.compile(r"[-_]+")


def parse(html: str) -> etree._Element:
    """The document tree, without comments, scripts, styles and other non-text.

    `huge_tree` lifts libxml2's nesting limit of 256, past which it silently drops the
    rest of the page (broken templates that never close a `<div>` get there); pages
    are capped by DOWNLOAD_MAXSIZE anyway. A page with no elements is an empty tree;
    control characters are dropped before parsing (form feeds become spaces).

    lxml's plain parser, not `lxml.html`'s: that one runs a Python class lookup for each
    element the first time it is touched, and nothing here needs `HtmlElement` methods.
    Controls are dropped from the UTF-8 bytes, where they stand for themselves only
    (every byte of a multi-byte character is >= 0x80): one C pass, not a regex scan.
    """
    parser = etree.HTMLParser(
        remove_comments=True, remove_pis=True, encoding="utf-8", huge_tree=True
    )
    data = html.encode("utf-8", "replace").translate(_FORM_FEED_TO_SPACE, _CONTROL_BYTES)
    doc = etree.fromstring(data, parser)
    if doc is None:  # "Document is empty": nothing but whitespace or comments
        doc = etree.fromstring(b"<html><body></body></html>", parser)
    etree.strip_elements(doc, *DROP_TAGS, with_tail=False)
    return doc


def drop_tree(el: etree._Element) -> None:
    """`lxml.html`'s `HtmlElement.drop_tree`: remove `el` and its children; its tail
    joins the text before it."""
    parent = el.getparent()
    assert parent is not None
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def tag(el: etree._Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def class_words(el: etree._Element) -> set[str]:
    """Words of the class and id attributes, split on `-` and `_` as template authors do."""
    return set(_attribute_words(el.get("class", ""), el.get("id", "")))


def _attribute_words(class_attr: str, id_attr: str) -> frozenset[str]:
    if not class_attr and not id_attr:
        return frozenset()
    return _words_of(f"{class_attr} {id_attr}")


@lru_cache(maxsize=4096)
def _words_of(raw: str) -> frozenset[str]:
    """Templates repeat a handful of class names on every page: split each once."""
    words = set(raw.lower().split())
    for token in list(words):
        words.update(w for w in _WORD_SPLIT.split(token) if w)
    return frozenset(words)


def text_of(el: etree._Element) -> str:
    return clean_line(" ".join(el.itertext()))


class Texts:
    """`text_of` for the elements of one page, each worked out once: the layers ask for
    the same blocks again and again, and each fresh answer would walk the whole subtree.

    With a `root`, one walk lays out the whole text of the tree the way `itertext` does,
    and notes where each element's part starts and ends: the raw text of any element is
    then a slice of it (its pieces are consecutive, joined by single spaces), not a walk.
    The same walk numbers the elements in document order (`order`).
    Only for a tree that no longer changes; lxml keeps one proxy per node while it is
    referenced, so the elements held here stay valid keys.
    """

    def __init__(self, root: etree._Element | None = None) -> None:
        self._root = root
        self._texts: dict[etree._Element, str] = {}
        self._index: dict[etree._Element, int] | None = None  # None: not laid out yet
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._all = ""
        self._owners: list[etree._Element] = []  # elements with text of their own
        self._owned_at: list[int] = []  # where each owner's text starts in `_all`

    def __call__(self, el: etree._Element) -> str:
        text = self._texts.get(el)
        if text is None:
            text = self._texts[el] = clean_line(self.raw(el))
        return text

    def raw(self, el: etree._Element) -> str:
        """`" ".join(el.itertext())`."""
        i = self._layout().get(el)
        if i is None:
            return " ".join(el.itertext())
        return self._all[self._starts[i] : self._ends[i]]

    def spans(self) -> tuple[dict[etree._Element, int], list[int], list[int]]:
        """(element → position, starts, ends): `raw(el)` is `_all[starts[i]:ends[i]]`
        for `i = index[el]`; elements not laid out are not in the index."""
        return self._layout(), self._starts, self._ends

    def raw_length(self, el: etree._Element) -> int | None:
        """`len(self.raw(el))` from the layout, None when `el` is not laid out."""
        i = self._layout().get(el)
        return None if i is None else self._ends[i] - self._starts[i]

    @property
    def order(self) -> dict[etree._Element, int]:
        """Every element of the tree (comments and the like included) by its position in
        `root.iter()`."""
        self._layout()
        return self._order

    def _layout(self) -> dict[etree._Element, int]:
        """The element index, the tree laid out at the first question (empty: not walkable)."""
        return self._laid_out() if self._index is None else self._index

    def _laid_out(self) -> dict[etree._Element, int]:
        if self._walkable(self._root):
            self._index = self._lay_out()
            self._order = self._index
        else:
            self._index = {}
            root = self._root
            self._order = {} if root is None else {el: i for i, el in enumerate(root.iter())}
        return self._index

    def lays_out(self, root: etree._Element) -> bool:
        """Whether `root` is the tree laid out, every element of it numbered in `order`."""
        return root is self._root and bool(self._layout())

    @staticmethod
    def _walkable(root: etree._Element | None) -> bool:
        """`itertext` passes over comments, processing instructions and entities but keeps
        their tails: a tree with any of them is read element by element."""
        if root is None:
            return False
        others = root.iter(etree.Comment, etree.ProcessingInstruction, etree.Entity)
        return next(others, None) is None

    def with_text(self, root: etree._Element) -> Iterable[etree._Element]:
        """The elements under `root` (itself included) whose own `.text` is not None,
        known from the layout walk when `root` is the tree laid out."""
        if root is self._root and self._layout():
            return self._owners
        return (el for el in root.iter() if isinstance(el.tag, str) and el.text is not None)

    def with_match(self, root: etree._Element, pattern: re.Pattern[str]) -> list[etree._Element]:
        """The elements of `with_text(root)` whose own `.text` `pattern` finds something in,
        for a pattern that never matches whitespace: one search over the laid-out text
        instead of one per element (a match then lies within one piece)."""
        if not (root is self._root and self._layout()):
            return [el for el in self.with_text(root) if pattern.search(el.text)]
        found: list[etree._Element] = []
        owners, owned_at = self._owners, self._owned_at
        for match in pattern.finditer(self._all):
            at = match.start()
            i = bisect_right(owned_at, at) - 1
            if i < 0:
                continue
            el = owners[i]
            if at < owned_at[i] + len(el.text) and (not found or found[-1] is not el):
                found.append(el)
        return found

    def _lay_out(self) -> dict[etree._Element, int]:
        """One pass over `root.iter()` (elements only, in document order): an element's
        text comes when it opens; it closes, and its tail follows, when the walk reaches an
        element that is not inside it, known by the stack of open elements."""
        root = self._root
        assert root is not None
        pieces: list[str] = []
        append = pieces.append
        owners, owned_at = self._owners, self._owned_at
        index: dict[etree._Element, int] = {}
        starts, ends = self._starts, self._ends
        open_els: list[etree._Element] = []
        open_at: list[int] = []  # index of each open element
        pos = 0  # where the next piece starts in " ".join(pieces); each piece moves it on
        top = None
        i = -1
        for el in root.iter():
            i += 1
            index[el] = i
            parent = el.getparent()
            while top is not parent:  # `top` and its open ancestors up to `parent` end
                j = open_at.pop()
                open_els.pop()
                if pos > starts[j]:  # it has text: its part ends before the last space
                    ends[j] = pos - 1
                tail = top.tail
                if tail is not None:
                    append(tail)
                    pos += len(tail) + 1
                top = open_els[-1] if open_els else None
            open_els.append(el)
            open_at.append(i)
            top = el
            starts.append(pos)
            ends.append(pos)
            text = el.text
            if text is not None:
                append(text)
                owners.append(el)
                owned_at.append(pos)
                pos += len(text) + 1
        while open_els:  # the root's tail is not its text
            j = open_at.pop()
            el = open_els.pop()
            if pos > starts[j]:
                ends[j] = pos - 1
            if el is not root:
                tail = el.tail
                if tail is not None:
                    append(tail)
                    pos += len(tail) + 1
        self._all = " ".join(pieces)
        return index


def _raw_text(el: etree._Element, texts: Callable[[etree._Element], str]) -> str:
    return texts.raw(el) if isinstance(texts, Texts) else " ".join(el.itertext())


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
    if target is None:
        return True  # a link that cannot be parsed leads nowhere a reader could go
    path = canonical_path(split_url(target).path)
    return path in listing_paths or path == "/"


@dataclass
class Paragraph:
    """A text block as a reader sees it, with the element that holds it."""

    text: str
    owner: etree._Element
    link_text: int = 0
    hrefs: list[str] = field(default_factory=list)
    # The element entered last before the paragraph's first text: where the text stands
    # in the document (text after a title that its block's owner opened before it).
    at: etree._Element | None = None

    @property
    def link_density(self) -> float:
        return self.link_text / max(1, len(self.text))


def _keep_all(el: etree._Element) -> bool:
    return False


_ENTER, _TEXT, _EXIT = 0, 1, 2


def paragraphs(
    root: etree._Element, skip: Callable[[etree._Element], bool] = _keep_all
) -> list[Paragraph]:
    """Split `root` into paragraphs the way a browser lays them out.

    Block elements and two consecutive `<br>` end a paragraph; a single `<br>` and
    source line breaks are just spaces. Skipped subtrees contribute nothing.

    Whitespace is collapsed by `clean_line` when a paragraph ends; link text is collapsed
    as it comes only to measure it (runs of whitespace never change a split at `<br>`s,
    which allow any whitespace between them).
    """
    out: list[Paragraph] = []
    buf: list[str] = []
    hrefs: list[str] = []
    links = 0
    owner = root
    last = root  # the element entered last
    start = root  # `last` when the buffered text began

    def flush() -> None:
        nonlocal buf, hrefs, links
        if buf:
            raw = "".join(buf)
            pieces = _PARA_SPLIT.split(raw) if _BR in raw else [raw]
            for i, piece in enumerate(pieces):
                text = clean_line(piece.replace(_BR, " "))
                if text:
                    count = links if len(pieces) == 1 else 0
                    own = list(hrefs) if len(pieces) == 1 or i == 0 else []
                    out.append(Paragraph(text, owner, min(count, len(text)), own, start))
            buf = []
        links, hrefs = 0, []

    # An explicit stack, not recursion: markup may nest deeper than Python's stack.
    stack: list[tuple[int, Any, bool]] = [(_ENTER, root, False)]
    pop, push = stack.pop, stack.append
    check = skip is not _keep_all
    while stack:
        op, item, in_link = pop()
        if op == _TEXT:
            if in_link:
                item = _WHITESPACE.sub(" ", item)
                links += len(item.strip())
            if not buf:
                start = last
            buf.append(item)
            continue
        if op == _EXIT:  # the end of a block: its paragraph ends, the outer owner is back
            flush()
            owner = item
            continue
        name = item.tag
        if not isinstance(name, str) or (check and skip(item)):
            continue
        last = item
        name = name.lower()
        if name == "br":
            if not buf:
                start = item
            buf.append(_BR)
            continue
        if name in BLOCK_TAGS:
            flush()
            push((_EXIT, owner, False))
            owner = item
        link = in_link
        if name == "a":
            link = True
            href = item.get("href")
            if href:
                hrefs.append(href)
        text = item.text
        if text:
            if link:
                text = _WHITESPACE.sub(" ", text)
                links += len(text.strip())
            if not buf:
                start = item
            buf.append(text)
        for child in reversed(item):
            tail = child.tail
            if tail:
                push((_TEXT, tail, link))
            push((_ENTER, child, link))
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


def news_lists(
    root: etree._Element,
    links: list[tuple[etree._Element, str]],
    protect: etree._Element | None = None,
    texts: Callable[[etree._Element], str] = text_of,
) -> list[etree._Element]:
    """Blocks that list other articles (latest news, "read also", related), given the
    page's `other_article_links`.

    Recognised by shape: an element whose children mostly each link to another article,
    the children mostly short, as list items are. An article's paragraphs may link to other news,
    but not most of them, and they are long.
    """
    kids_of: dict[etree._Element, dict[etree._Element, set[str]]] = {}
    for a, url in links:
        child = a
        for parent in ancestors(a):
            kids_of.setdefault(parent, {}).setdefault(child, set()).add(url)
            child = parent
    protected = set(ancestors(protect)) | {protect} if protect is not None else set()
    found = _dated_lists(root, protected, texts)
    for el, kids in kids_of.items():
        if tag(el) in ("html", "body") or el in protected or len(kids) < 2:
            continue
        if len(set().union(*kids.values())) < 2:
            continue
        texty = [c for c in el if isinstance(c.tag, str) and texts(c)]
        if not texty or len(kids) / len(texty) < 0.5:
            continue
        if statistics.median(len(texts(c)) for c in texty) > 1000:
            continue  # list items are short; an article's paragraphs run longer
        found.append(el)
    found_set = set(found)
    return [el for el in found if not any(a in found_set for a in ancestors(el))]


MAX_DATED_ITEM_CHARS = 1000


def _dated_lists(
    root: etree._Element,
    protected: set[etree._Element],
    texts: Callable[[etree._Element], str] = text_of,
) -> list[etree._Element]:
    """Lists whose items each carry a date line of their own, even without links.

    Only an element with two children that hold a date line can be one, so the date
    lines are found first and only their grandparents and above are looked at: a page
    has a handful of date lines and a thousand elements.
    """
    dated: set[etree._Element] = set()
    owners = (
        texts.with_match(root, MAYBE_DATE) if isinstance(texts, Texts) else root.iter()
    )
    for el in owners:
        text = el.text
        if text and isinstance(el.tag, str) and text.strip() and date_only(text):
            dated.add(el)
    holding = _holding(dated)  # elements with a date line below them
    items_per_list: dict[etree._Element, int] = {}
    for item in holding - dated:
        parent = item.getparent()
        if parent is not None:
            items_per_list[parent] = items_per_list.get(parent, 0) + 1
    candidates = {el for el, count in items_per_list.items() if count >= 2}
    found = []
    if not candidates:
        ordered: Iterable[etree._Element] = ()
    elif isinstance(texts, Texts) and texts.lays_out(root):
        ordered = sorted(candidates, key=texts.order.__getitem__)
    else:
        ordered = root.iter()
    for el in ordered:
        if el not in candidates or tag(el) in ("html", "body") or el in protected:
            continue
        texty = [c for c in el if isinstance(c.tag, str) and _has_text(c, texts)]
        if len(texty) < 2:
            continue
        with_date = [c for c in texty if c not in dated and c in holding]
        if len(with_date) < 2 or len(with_date) / len(texty) < 0.5:
            continue
        # Each dated item is short, and the items are most of the list: an article's meta
        # line beside its long text (twice, above and below it) is not a list.
        lengths = [len(texts(c)) for c in with_date]
        if max(lengths) <= MAX_DATED_ITEM_CHARS and 2 * sum(lengths) >= sum(
            len(texts(c)) for c in texty
        ):
            found.append(el)
    return found


def _has_text(el: etree._Element, texts: Callable[[etree._Element], str]) -> bool:
    """`bool(texts(el))`, without cleaning a long text to learn it is not empty: a raw
    text whose first visible character is printable keeps it (cleaning removes only
    whitespace, controls, invisible characters and lone surrogates, none printable)."""
    if isinstance(texts, Texts):
        first = texts.raw(el).lstrip()[:1]
        if first and first.isprintable():
            return True
    return bool(texts(el))


def _holding(elements: set[etree._Element]) -> set[etree._Element]:
    """Every proper ancestor of any of `elements`."""
    above: set[etree._Element] = set()
    for el in elements:
        for parent in ancestors(el):
            if parent in above:
                break  # the rest of the way up is already in
            above.add(parent)
    return above


def caption_after(
    img: etree._Element, texts: Callable[[etree._Element], str] = text_of
) -> etree._Element | None:
    """Short inline text right after an image (`<img><br><em>Caption</em>`), or an element
    marked as a caption after it (or after the `<picture>` or link around it)."""
    holder = img  # climb out of wrappers that hold the image alone (<picture>, <a>, <div>)
    while holder.getnext() is None and holder.getparent() is not None and (
        tag(holder.getparent()) in ("picture", "source", "a") or not texts(holder.getparent())
    ):
        holder = holder.getparent()
    sibling = holder.getnext()
    while sibling is not None and tag(sibling) == "br":
        sibling = sibling.getnext()
    inline = sibling is not None and tag(sibling) in ("em", "i", "small", "span", "font", "sub")
    if inline and 0 < len(texts(sibling)) < MAX_CAPTION_CHARS:
        return sibling
    if sibling is not None and "caption" in class_words(sibling):
        return sibling
    if sibling is not None and _is_emphasised_line(sibling, texts):
        return sibling  # <div><em>Caption</em></div> under the picture's own block
    return None


def _is_emphasised_line(el: etree._Element, texts: Callable[[etree._Element], str]) -> bool:
    """A short block whose whole text is set in italics or small print."""
    text = texts(el)
    if tag(el) not in ("div", "p", "center") or not 0 < len(text) < MAX_CAPTION_CHARS:
        return False
    return any(texts(e) == text for e in el.iter("em", "i", "small"))


MAX_CAPTION_CHARS = 200
FIGURE_TAGS = frozenset("div span table tbody tr td figure a center font em i small".split())


def figure_of(
    img: etree._Element, texts: Callable[[etree._Element], str] = text_of
) -> etree._Element | None:
    """The block that holds an image and its caption and nothing else, whatever the markup
    (`<div class="pic">`, a photo table whose next row is the caption); None when the
    image stands alone or inside running text (a `<p>` is never taken for a figure)."""
    figure = None
    for el in ancestors(img):
        if tag(el) not in FIGURE_TAGS or len(texts(el)) >= MAX_CAPTION_CHARS:
            break
        if any(True for _ in el.iter("h1", "h2", "h3", "h4", "h5", "h6", "p")):
            break  # a short article around its picture is not the picture's caption
        if len(paragraphs(el)) > 2:
            break
        figure = el
    return figure if figure is not None and texts(figure) else None


def image_captions(
    root: etree._Element, texts: Callable[[etree._Element], str] = text_of
) -> set[etree._Element]:
    """Figures and caption elements of every image: they describe a picture, not the story."""
    found = set()
    for img in root.iter("img"):
        caption = figure_of(img, texts)
        caption = caption if caption is not None else caption_after(img, texts)
        if caption is not None:
            found.add(caption)
    return found


def boilerplate_elements(
    doc: etree._Element,
    protect: etree._Element | None,
    total_text: int,
    texts: Callable[[etree._Element], str] = text_of,
    deferred: set[etree._Element] | None = None,
) -> set[etree._Element]:
    """Menus, footers, breadcrumbs, share bars, captions: recognised by tag, role or class.

    An element that holds the title, or most of the page's text, is never boilerplate:
    a wrapper called `page-with-sidebar` must not take the article with it.

    With `deferred`, a marked element inside a menu, footer or aside already found is
    not judged here but put in `deferred`: its ancestor answers for it in every question
    but one (text read from inside that ancestor), and `is_boilerplate` judges it then.
    Judging the columns of a mega-menu one by one was most of the cost of a page.

    What an element's tag name, class, id and role say is worked out once per crawl
    (templates repeat them on every page), not once per element.
    """
    found: set[etree._Element] = set()
    protected = {protect, *ancestors(protect)} if protect is not None else set()
    kinds = _BOILERPLATE_KINDS
    # `_holds_article`'s first question, asked here for the many small marked elements
    # (menu items) without a call: under 52 raw characters, neither prose nor most text.
    index, starts, ends = texts.spans() if isinstance(texts, Texts) else ({}, [], [])
    small = 0.4 * total_text
    covered: set[etree._Element] = set()  # found menus, footers, asides and all under them
    for el in doc.iter(etree.Element):
        under_found = deferred is not None and el.getparent() in covered
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
            deferred.add(el)  # type: ignore[union-attr]
            continue
        if kind is not _STRUCTURAL and kind is not _COMMENTS:
            i = index.get(el)
            length = ends[i] - starts[i] if i is not None else None
            if (length is None or length >= 52 or 3 * length > small) and _holds_article(
                el, total_text, texts
            ):
                continue
        found.add(el)
        if kind is _STRUCTURAL and deferred is not None:
            covered.add(el)
    return found


def is_boilerplate(
    el: etree._Element, total_text: int, texts: Callable[[etree._Element], str] = text_of
) -> bool:
    """The verdict `boilerplate_elements` deferred for a marked element."""
    return not _holds_article(el, total_text, texts)


_NAMED_BOILERPLATE = STRUCTURAL_BOILERPLATE_TAGS | {"figcaption", "header"}
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
        words = _attribute_words(class_attr or "", id_attr or "")
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


def _holds_article(
    el: etree._Element, total_text: int, texts: Callable[[etree._Element], str]
) -> bool:
    """Most of the page's text, or prose: not boilerplate, whatever its class says.

    The raw text bounds the clean one (cleaning never lengthens ASCII, and NFC at most
    triples a character), so a menu item is never cleaned or laid out to learn it is short;
    under 52 raw characters (the layout knows how many without cutting them out) it can
    hold neither most of the page nor prose.
    """
    if isinstance(texts, Texts):
        length = texts.raw_length(el)
        if length is not None and length < 52 and 3 * length <= 0.4 * total_text:
            return False
    raw = _raw_text(el, texts)
    longest = len(raw) if raw.isascii() else 3 * len(raw)
    if longest > 0.4 * total_text and len(texts(el)) > 0.4 * total_text:
        return True
    if any(len(texts(q)) >= 30 for q in el.iter("blockquote")):
        return True  # a quoted or embedded post ("social-embed"): the article quotes it
    return _holds_prose(el, raw, texts)


def _holds_prose(
    el: etree._Element, raw: str | None = None, texts: Callable[[etree._Element], str] | None = None
) -> bool:
    """Two or more long paragraphs of running text: an article, whatever its class says
    (menus, share bars and breadcrumbs hold none; news lists are caught by shape)."""
    raw = " ".join(el.itertext()) if raw is None else raw
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


def _mostly_links(
    el: etree._Element, raw: str, texts: Callable[[etree._Element], str] | None
) -> bool:
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
        link = _raw_text(a, texts) if texts is not None else " ".join(a.itertext())
        outside -= len("".join(link.split()))
    return outside <= 60


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
