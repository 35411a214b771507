"""The site profile's CSS selectors, matched on the parsed page.

Profile selectors have one shape (`div.news-detail h1`): those are matched in Python
from the few elements of the last step's tag upwards; anything else goes to cssselect,
compiled once per crawl.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector


@lru_cache(maxsize=256)
def _css(selector: str) -> CSSSelector:
    """A profile selector compiled to XPath once, not on every page (`el.cssselect` does)."""
    return CSSSelector(selector, translator="html")


def select(doc: etree._Element, selector: str) -> list[etree._Element]:
    """The elements of `doc` that `selector` matches, in document order, as
    `CSSSelector(selector)(doc)` gives them."""
    steps = _simple_selector(selector)
    if steps is None:
        return _css(selector)(doc)
    *outer, (name, classes) = steps
    return [
        el for el in doc.iter(name)
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
