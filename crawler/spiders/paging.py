"""Which listing page to read next: incremental stops and backfill probing.

Pure decisions, no Scrapy and no network, so the rules can be tested on their own.
Listings are sorted by date, newest first, and Bitrix answers an out-of-range
``PAGEN_1`` with its last page (it clamps), which is why a probe past the end is
recognised by its content rather than trusted by its number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


def incremental_next(
    fresh: int, known: int, stale: int | None, extra_pages: int
) -> tuple[bool, int | None]:
    """Whether to read the next listing page in an incremental crawl, and its `stale` count.

    ``fresh`` entries are new to this crawl, ``known`` of them are already stored, and
    ``stale`` is None until a page reached stored articles, then the number of pages
    read since the last page that brought something new. A page entirely of new
    articles always leads on; from the first page holding a stored article on, paging
    reads ``extra_pages`` more pages past the last page that brought anything new
    (late insertions), so one page of new articles costs two listing pages, not three.
    """
    if fresh == 0:  # nothing this crawl has not seen: the end, or a clamped page
        return False, stale
    if stale is None and known == 0:
        return True, None
    past = 0 if stale is None or known < fresh else stale
    return past < extra_pages, past + 1


@dataclass(frozen=True)
class PageView:
    """One listing page as paging sees it: its own article URLs and their dates."""

    number: int
    urls: tuple[str, ...]
    dates: tuple[date, ...]  # the readable listing dates of those articles
    links: tuple[int, ...] = ()  # page numbers this page links to

    @property
    def oldest(self) -> date | None:
        return min(self.dates) if self.dates else None

    @property
    def newest(self) -> date | None:
        return max(self.dates) if self.dates else None


@dataclass
class BackfillSearch:
    """Finds the first listing page that holds an article dated on or before ``until``.

    Galloping (page 1, the highest page linked, then doubling) brackets the page, and
    bisection over ``PAGEN_1`` narrows it: about 2·log2(pages) probes instead of a walk
    from the newest page. ``covers(view)`` is monotone over page numbers, and a clamped
    page shows the last page, so it answers like the last page and bisection stays
    correct; only the gallop needs to know it has run past the end.
    """

    until: date
    low: int = 1  # highest page known to hold only articles newer than `until`
    high: int | None = None  # lowest page known to hold one dated <= until
    seen: dict[int, PageView] = field(default_factory=dict)
    past_end: bool = False  # the gallop reached the last page without finding one

    def covers(self, view: PageView) -> bool:
        """The page holds an article dated on or before `until` (undated pages do not)."""
        oldest = view.oldest
        return oldest is not None and oldest <= self.until

    def clamped(self, view: PageView) -> bool:
        """The page is not the page asked for: the site served its last page instead."""
        if not view.urls:
            return True
        if any(v.urls == view.urls for n, v in self.seen.items() if n != view.number):
            return True
        return view.number > 2 and bool(view.links) and view.number - 1 not in view.links

    def record(self, view: PageView) -> None:
        """Take one fetched page into account."""
        clamped = self.clamped(view)
        self.seen[view.number] = view
        if self.covers(view):
            self.high = view.number if self.high is None else min(self.high, view.number)
        else:
            self.low = max(self.low, view.number)
            if clamped or not view.urls:
                self.past_end = True

    def next_probe(self) -> int | None:
        """The page to fetch next, or None when `result` is known."""
        if self.high is None:
            if self.past_end:
                return None
            linked = max((n for v in self.seen.values() for n in v.links), default=0)
            return max(self.low * 2, linked) if linked <= self.low else linked
        if self.high - self.low <= 1:
            return None
        return (self.low + self.high) // 2

    @property
    def result(self) -> int | None:
        """The first covering page, or None when every article is newer than `until`."""
        if self.high is None or self.high - self.low > 1:
            return None
        return self.high
