"""The text of a whole page laid out once, so that any element's text is a slice of it.

Extraction asks for the text of the same blocks again and again (scoring, boilerplate
verdicts, news lists, captions); each fresh `itertext` would walk the whole subtree.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from lxml import etree

from crawler.extract.text import clean_line


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
