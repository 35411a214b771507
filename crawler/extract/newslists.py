"""Lists of other news (latest news, "read also", related, dated sidebars) on a page.

Recognised by shape, not by class: their dates and links belong to other articles, so
an article page must neither read its date from them nor take them for its text.
"""

from __future__ import annotations

import statistics

from lxml import etree

from crawler.extract.dates import MAYBE_DATE, date_only
from crawler.extract.dom import ancestors, tag
from crawler.extract.layout import Texts


def news_lists(
    texts: Texts,
    links: list[tuple[etree._Element, str]],
    protect: etree._Element | None,
) -> list[etree._Element]:
    """Blocks of the page laid out in `texts` that list other articles (latest news,
    "read also", related), given the page's `other_article_links`; never `protect` (the
    title) nor a block holding it.

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
    found = _dated_lists(texts, protected)
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


def _dated_lists(texts: Texts, protected: set[etree._Element]) -> list[etree._Element]:
    """Lists whose items each carry a date line of their own, even without links.

    Only an element with two children that hold a date line can be one, so the date
    lines are found first and only their grandparents and above are looked at: a page
    has a handful of date lines and a thousand elements.
    """
    dated: set[etree._Element] = set()
    for el in texts.with_match(MAYBE_DATE):
        text = el.text
        if text and text.strip() and date_only(text):
            dated.add(el)
    holding = _holding(dated)  # elements with a date line below them
    items_per_list: dict[etree._Element, int] = {}
    for item in holding - dated:
        parent = item.getparent()
        if parent is not None:
            items_per_list[parent] = items_per_list.get(parent, 0) + 1
    candidates = {el for el, count in items_per_list.items() if count >= 2}
    found = []
    for el in sorted(candidates, key=texts.order.__getitem__):
        if tag(el) in ("html", "body") or el in protected:
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


def _has_text(el: etree._Element, texts: Texts) -> bool:
    """`bool(texts(el))`, without cleaning a long text to learn it is not empty: a raw
    text whose first visible character is printable keeps it (cleaning removes only
    whitespace, controls, invisible characters and lone surrogates, none printable)."""
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
