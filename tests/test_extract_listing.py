"""Listing extraction: every listed article with its date and lead, and the pages."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.extract.dates import parse_date, readings
from crawler.extract.listing import extract_listing
from crawler.sites import get_profile

FIXTURES = Path(__file__).parent / "fixtures" / "listings"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))


@pytest.mark.parametrize("name", PAGES)
def test_listing_gives_each_article_with_date_and_lead(name: str) -> None:
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    page = extract_listing(html, expected["url"], get_profile(expected["lang"]))
    listed = [e for e in page.entries if e.section == "news_odkb"]
    wanted = {e["path"]: e for e in expected["entries"]}
    got = {urlsplit(e.url).path: e for e in listed if urlsplit(e.url).path in wanted}
    assert list(got) == [e["path"] for e in expected["entries"]]  # all of them, in order
    for path, entry in got.items():
        # An ambiguous 04/08/2022 has two readings; the dates pipeline keeps the one the
        # article page confirms.
        assert date.fromisoformat(wanted[path]["published"]) in readings(entry.date_raw)
        assert entry.lead == wanted[path]["lead"]
    assert 3 in page.pages  # the next page is linked (page 1 carries no parameter)


LI_DATE_AFTER = """<ul class="list">
<li><a href="/news/smi/a/">First title</a> <span>10.07.2020</span><div>Lead one.</div></li>
<li><a href="/news/smi/b/?utm_source=x#top">Second title</a> <span>9 July 2020</span>
<div>Lead two.</div></li></ul><div class="pages"><a href="?PAGEN_1=2">Next »</a></div>"""

TABLE_ROWS = """<table><tr><td>10.07.2020</td><td><a href="/news/smi/a/index.php">First</a>
<br>Lead one.</td></tr><tr><td>09.07.2020</td><td><a href="/news/smi/b">Second</a><br>Lead two.
</td></tr></table><a href="/news/smi/?PAGEN_1=2">2</a> <a href="https://other.example/news/smi/c/">x</a>"""


CARDS = """<div class="cards"><a class="card" href="/news/smi/a/"><span>10.07.2020</span>
<h3>First</h3><p>Lead one.</p></a><a class="card" href="/news/smi/b/"><span>9 July 2020</span>
<h3>Second</h3><p>Lead two.</p></a></div><ul class="pager"><li><a href="?PAGEN_1=2">2</a></li>
</ul>"""

HEADINGS = """<section><article><h2><a href="/news/smi/a/">First</a></h2><p>Lead one.</p>
<time datetime="2020-07-10">10 July 2020</time></article><article><h2><a href="/news/smi/b/">
Second</a></h2><p>Lead two.</p><time datetime="2020-07-09">9 July 2020</time></article>
</section><a href="/news/smi/?PAGEN_1=2">Next</a>"""


@pytest.mark.parametrize(
    "markup", [LI_DATE_AFTER, TABLE_ROWS, CARDS, HEADINGS],
    ids=["li-date-after", "table", "linked-cards", "headings-time"],
)
def test_unseen_listing_markup(markup: str) -> None:
    page = extract_listing(
        f"<html><body>{markup}</body></html>", "https://en.odkb-csto.org/news/smi/",
        get_profile("en"),
    )
    assert [e.url for e in page.entries] == [
        "https://en.odkb-csto.org/news/smi/a/", "https://en.odkb-csto.org/news/smi/b/",
    ]  # canonical URLs; the link off the site is not listed
    assert [str(parse_date(e.date_raw)) for e in page.entries] == ["2020-07-10", "2020-07-09"]
    assert [e.lead for e in page.entries] == ["Lead one.", "Lead two."]
    assert page.pages == [2]


def test_links_to_the_live_host_are_moved_onto_the_mirror() -> None:
    markup = """<div><p><span>10.07.2020</span> <a href="https://en.odkb-csto.org/news/smi/a/">A</a>
    Lead one.</p><p><span>09.07.2020</span> <a href="https://evil.example/news/smi/b/">B</a>
    Lead two.</p></div><a href="https://en.odkb-csto.org/news/smi/?PAGEN_1=2">2</a>"""
    page = extract_listing(
        f"<html><body>{markup}</body></html>", "http://127.0.0.1:8000/news/smi/",
        get_profile("en"),
    )
    assert [e.url for e in page.entries] == ["http://127.0.0.1:8000/news/smi/a/"]
    assert page.pages == [2]


def test_articles_are_fetched_at_the_address_the_listing_links_to() -> None:
    page = extract_listing(
        f"<html><body>{TABLE_ROWS}</body></html>", "https://en.odkb-csto.org/news/smi/",
        get_profile("en"),
    )
    assert [e.link for e in page.entries] == [
        "https://en.odkb-csto.org/news/smi/a/index.php", "https://en.odkb-csto.org/news/smi/b",
    ]


def test_items_grouped_under_a_day_heading_take_its_date() -> None:
    markup = """<div class="list"><div class="day">10 July 2020</div>
    <div class="it"><span>14:35</span> <a href="/news/smi/a/">First</a><div>Lead one.</div></div>
    <div class="it"><span>09:10</span> <a href="/news/smi/b/">Second</a><div>Lead two.</div></div>
    <div class="day">9 July 2020</div>
    <div class="it"><span>18:00</span> <a href="/news/smi/c/">Third</a><div>Lead 3.</div></div>
    </div>"""
    page = extract_listing(
        f"<html><body>{markup}</body></html>", "https://en.odkb-csto.org/news/smi/",
        get_profile("en"),
    )
    dates = [str(parse_date(e.date_raw)) for e in page.entries]
    assert dates == ["2020-07-10", "2020-07-10", "2020-07-09"]
    assert [e.lead for e in page.entries] == ["Lead one.", "Lead two.", "Lead 3."]


def test_a_link_around_a_title_block_is_the_title_not_the_lead() -> None:
    markup = """<div class="feed"><div class="post"><a href="/news/smi/a/"><div>A rather long
    title of the first article in the feed</div></a><div>Short lead.</div><div>10.07.2020</div>
    </div><div class="post"><a href="/news/smi/b/"><div>Second title</div></a><div>Lead two.
    </div><div>09.07.2020</div></div></div>"""
    page = extract_listing(
        f"<html><body>{markup}</body></html>", "https://en.odkb-csto.org/news/smi/",
        get_profile("en"),
    )
    assert [e.lead for e in page.entries] == ["Short lead.", "Lead two."]
