"""The text of a whole page laid out once, so that any element's text is a slice of it.

Extraction asks for the text of the same blocks again and again (scoring, boilerplate
verdicts, news lists, captions); each fresh `itertext` would walk the whole subtree.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lxml import etree

from crawler.extract.text import clean_line


class Texts:
    """`text_of` for the elements of one parsed page, each worked out once.

    One walk at construction lays out the whole text of the tree the way `itertext`
    does, and notes where each element's part starts and ends: the raw text of any
    element is then a slice of it (its pieces are consecutive, joined by single spaces),
    not a walk. The same walk numbers the elements in document order (`order`).

    For the tree `dom.parse` gives, as it was when laid out: elements only (`parse`
    removes comments and processing instructions; `itertext` would pass over their text
    but keep their tails, which the walk does not know how to do), and no element added
    later. lxml keeps one proxy per node while it is referenced, so the elements held
    here stay valid keys; asking for one that was not in the tree is a `KeyError`.
    """

    def __init__(self, root: etree._Element) -> None:
        others = root.iter(etree.Comment, etree.ProcessingInstruction, etree.Entity)
        if next(others, None) is not None:
            raise ValueError("Texts lays out elements only: parse the page with dom.parse")
        self.root = root
        self._texts: dict[etree._Element, str] = {}
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._owners: list[etree._Element] = []  # elements with text of their own
        self._owned_at: list[int] = []  # where each owner's text starts in `_all`
        # Every element of the tree by its position in `root.iter()`.
        self.order: dict[etree._Element, int] = {}
        self._all = self._lay_out()

    def __call__(self, el: etree._Element) -> str:
        """`text_of(el)`: its text as one clean line."""
        text = self._texts.get(el)
        if text is None:
            text = self._texts[el] = clean_line(self.raw(el))
        return text

    def raw(self, el: etree._Element) -> str:
        """`" ".join(el.itertext())`."""
        i = self.order[el]
        return self._all[self._starts[i] : self._ends[i]]

    def raw_length(self, el: etree._Element) -> int:
        """`len(self.raw(el))`, without cutting the text out."""
        i = self.order[el]
        return self._ends[i] - self._starts[i]

    def spans(self) -> tuple[dict[etree._Element, int], list[int], list[int]]:
        """(element → position, starts, ends): `raw(el)` is `_all[starts[i]:ends[i]]`
        for `i = order[el]`, for a loop over many elements that cannot afford a call
        for each."""
        return self.order, self._starts, self._ends

    def with_match(self, pattern: re.Pattern[str]) -> list[etree._Element]:
        """The elements whose own `.text` `pattern` finds something in, in document
        order, for a pattern that never matches whitespace: one search over the laid-out
        text instead of one per element (a match then lies within one piece)."""
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

    def _lay_out(self) -> str:
        """One pass over `root.iter()` (elements only, in document order): an element's
        text comes when it opens; it closes, and its tail follows, when the walk reaches an
        element that is not inside it, known by the stack of open elements."""
        root = self.root
        pieces: list[str] = []
        append = pieces.append
        owners, owned_at = self._owners, self._owned_at
        index = self.order
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
        return " ".join(pieces)
