"""Paragraphs as a reader sees them: where blocks and double line breaks cut the text.

Body scoring, listing leads, captions and boilerplate verdicts all count in paragraphs,
with the links in each, whatever markup the template uses for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from crawler.extract.text import clean_line

BLOCK_TAGS = frozenset(
    "p div section article main header footer aside nav ul ol li dl dt dd table thead tbody"
    " tfoot tr td th h1 h2 h3 h4 h5 h6 blockquote pre figure figcaption form fieldset address"
    " hr center details summary caption body html".split()
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BR = "\x00"
_PARA_SPLIT = re.compile(_BR + r"\s*" + _BR + r"[\s\x00]*")
_WHITESPACE = re.compile(r"\s+")
# Source line breaks are spaces in a paragraph, and controls are spaces to `clean_line`:
# turned so here, where the text pipeline (which deletes controls) would differ.
_LINE_BREAKS = re.compile(r"[\x00-\x08\n-\x1f\x7f-\x9f\u2028\u2029]")


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
    # The text as the page types it (runs of spaces, no-break spaces, invisible
    # characters), on one line: `text` is its clean form. The body an article page gives
    # is made of these, and the text pipeline cleans it, as it cleans any field.
    raw: str = ""

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
            joined = "".join(buf)
            pieces = _PARA_SPLIT.split(joined) if _BR in joined else [joined]
            for i, piece in enumerate(pieces):
                raw = _LINE_BREAKS.sub(" ", piece.replace(_BR, " "))
                text = clean_line(raw)
                if text:
                    count = links if len(pieces) == 1 else 0
                    own = list(hrefs) if len(pieces) == 1 or i == 0 else []
                    out.append(Paragraph(text, owner, min(count, len(text)), own, start, raw))
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
        for child in reversed(item):
            tail = child.tail
            if tail:
                push((_TEXT, tail, link))
            push((_ENTER, child, link))
        text = item.text
        if text:  # read next, before the children: `last` is still `item`
            push((_TEXT, text, link))
    flush()
    return out
