"""Paging decisions on their own: incremental stops and backfill bisection."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

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
