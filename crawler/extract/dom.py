"""The parsed page and the few questions every extraction rule asks of an element.

Parsing, removing a subtree, an element's tag, class words, ancestors and text: small
helpers with no opinion about what a page holds, so that every other module of
extraction reads the same tree the same way.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from copy import deepcopy
from functools import lru_cache

from lxml import etree

from crawler.extract.text import clean_line

DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
             "button", "select", "input", "textarea")
# C0 controls other than whitespace: never text in HTML, and lxml refuses them in strings.
_CONTROL_BYTES = bytes(range(0x09)) + b"\x0b" + bytes(range(0x0E, 0x20))
_FORM_FEED_TO_SPACE = bytes.maketrans(b"\x0c", b" ")
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


def pruned_copy(
    root: etree._Element, unwanted: Container[etree._Element]
) -> etree._Element:
    """A copy of `root` without the elements of `unwanted` below it (each removed as
    `drop_tree` removes it), so that the page's own tree stays as parsed for every
    other reader.

    Matched by document order, not by XPath: a tag name like `a<b` or `A{` (broken
    markup) makes an element's path an invalid or different XPath expression."""
    positions = {i for i, el in enumerate(root.iter()) if el in unwanted}
    pruned = deepcopy(root)
    for el in [el for i, el in enumerate(pruned.iter()) if i in positions]:
        if el.getparent() is not None:  # the copy's root stays
            drop_tree(el)
    return pruned


def tag(el: etree._Element) -> str:
    """The lower-case tag name; "" for a comment or other non-element, so callers need
    not ask first."""
    return el.tag.lower() if isinstance(el.tag, str) else ""


def class_words(el: etree._Element) -> set[str]:
    """Words of the class and id attributes, split on `-` and `_` as template authors do."""
    return set(attribute_words(el.get("class", ""), el.get("id", "")))


def attribute_words(class_attr: str, id_attr: str) -> frozenset[str]:
    """`class_words` from the attribute values themselves, for callers that key a cache
    on them."""
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
    """An element's text as one clean line, read afresh: for a one-off question;
    `layout.Texts` answers the same for a page read many times."""
    return clean_line(" ".join(el.itertext()))


def ancestors(el: etree._Element) -> Iterable[etree._Element]:
    """The elements above `el`, nearest first."""
    parent = el.getparent()
    while parent is not None:
        yield parent
        parent = parent.getparent()
