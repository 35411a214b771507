"""Paging decisions on their own: incremental stops, backfill bisection and walk."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from crawler.extract.listing import ListingEntry, ListingPage
from crawler.spiders.backfill import Backfill
from crawler.spiders.paging import BackfillSearch, PageView, incremental_next


def test_incremental_one_page_of_new_articles_costs_two_listing_pages() -> None:
    go_on, stale = incremental_next(fresh=10, known=5, stale=None, extra_pages=1)
    assert go_on
    assert incremental_next(fresh=10, known=10, stale=stale, extra_pages=1) == (False, 2)


def test_incremental_keeps_paging_through_pages_of_only_new_articles() -> None:
    assert incremental_next(fresh=10, known=0, stale=None, extra_pages=0) == (True, None)
    assert incremental_next(fresh=10, known=3, stale=None, extra_pages=0)[0] is False


def test_incremental_late_insertion_on_an_extra_page_extends_paging() -> None:
    go_on, stale = incremental_next(fresh=10, known=10, stale=None, extra_pages=1)
    assert go_on
    go_on, stale = incremental_next(fresh=10, known=9, stale=stale, extra_pages=1)
    assert go_on and stale == 1


def test_incremental_stops_on_a_clamped_page() -> None:
    assert incremental_next(fresh=0, known=0, stale=None, extra_pages=5)[0] is False


def site(pages: int, per_page: int = 10) -> dict[int, PageView]:
    """A listing of `pages` pages, one article a day, newest first."""
    newest = date(2023, 12, 31)
    views = {}
    for page in range(1, pages + 1):
        days = [newest - timedelta(days=(page - 1) * per_page + i) for i in range(per_page)]
        urls = tuple(f"/a/{d}" for d in days)
        links = tuple(n for n in {1, pages, page - 1, page + 1} if 1 < n <= pages and n != page)
        views[page] = PageView(page, urls, tuple(days), links)
    return views


def serve(views: dict[int, PageView], until: date) -> tuple[int | None, int]:
    """Run the search as the spider does, with Bitrix clamping; (result, probes)."""
    last = max(views)
    search, probe, probes = BackfillSearch(until), 1, 0
    while probe is not None:
        shown = views[min(probe, last)]
        search.record(PageView(probe, shown.urls, shown.dates, shown.links))
        probes += 1
        probe = search.next_probe()
    return search.result, probes


@pytest.mark.parametrize("target", [1, 2, 7, 150, 299, 300])
def test_backfill_search_finds_the_first_covering_page_in_log_probes(target: int) -> None:
    views = site(300)
    until = views[target].newest
    assert until is not None
    result, probes = serve(views, until)
    assert result == target
    assert probes <= 2 + math.ceil(math.log2(300))


def test_backfill_search_without_pager_links_gallops_and_detects_the_clamp() -> None:
    views = {n: PageView(n, v.urls, v.dates) for n, v in site(37).items()}
    assert serve(views, views[30].newest)[0] == 30  # type: ignore[arg-type]
    assert serve(views, date(2000, 1, 1)) == (None, 8)  # 1, 2, 4, ..., 64 clamped to 37


def test_backfill_search_range_newer_than_everything_starts_on_page_one() -> None:
    assert serve(site(20), date(2030, 1, 1)) == (1, 1)


def _entry(n: int, day: date | None) -> ListingEntry:
    return ListingEntry(
        url=f"https://en.odkb-csto.org/news/news_odkb/a{n}/", section="news_odkb",
        slug=f"a{n}", title=f"Article {n}", date_raw=day.strftime("%d.%m.%Y") if day else None,
        lead=None,
    )


def test_backfill_walks_from_the_covering_page_and_requests_only_the_range() -> None:
    """Twenty articles, one a day from 31 Dec 2023 back, four a page (five pages; the site
    clamps past the last), page 1's two newest shown on every page as "latest news", a9
    without a date. 20 to 25 December is a6 to a11: a9 is skipped, the rest requested."""
    newest = date(2023, 12, 31)
    own = {
        page: [_entry(n, None if n == 9 else newest - timedelta(days=n))
               for n in range((page - 1) * 4, page * 4)]
        for page in range(1, 6)
    }

    def listing(page: int) -> ListingPage:
        shown = own[min(page, 5)] + (own[1][:2] if page > 1 else [])
        return ListingPage(shown, [1, 2, 3, 4, 5])

    backfill = Backfill(date(2023, 12, 20), date(2023, 12, 25), ("en",))
    fetched, page = [], backfill.start("news_odkb")
    while page is not None:
        fetched.append(page)
        page = backfill.probed("news_odkb", page, listing(page))
    assert backfill.first_page("news_odkb") == 2  # a4..a7: a6 is the first on or before 25th
    assert backfill.pages_left is None  # no page walked yet
    requested, undated, page = [], [], backfill.first_page("news_odkb")
    while page is not None:
        walk = backfill.walk("news_odkb", page)
        if walk is None:  # not fetched by a probe: the spider fetches it, then walks it
            fetched.append(page)
            backfill.take_page("news_odkb", page, listing(page))
            continue
        requested += [e.slug for e in walk.in_range]
        undated += [e.slug for e in walk.undated]
        page = walk.next_page
    assert sorted(requested) == ["a10", "a11", "a6", "a7", "a8"]
    assert undated == ["a9"]
    assert backfill.pages_left == 0  # page 4 reached past the 20th
    assert len(fetched) == len(set(fetched))  # no page fetched twice
