"""Real-looking pages, damaged: every fixture page and every mirror page, truncated, with
tags dropped, attributes garbled (malformed links among them) or bytes flipped, goes
through `extract_page` and `extract_listing` without an exception.

Two ways over the same damage: every page once per kind of damage (seeded, so a failure
names its page and can be replayed), and hypothesis combining up to four kinds on pages
it picks and shrinking what fails to its smallest case."""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.extract import extract_page
from crawler.extract.encoding import decode_html
from crawler.extract.listing import extract_listing
from crawler.mirror import TEMPLATES, build_dataset
from crawler.mirror.render import SiteInfo, render_article, render_listing
from crawler.sites import get_profile

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HOSTS = {"en": "https://en.odkb-csto.org", "ru": "https://odkb-csto.org"}
DAMAGE = ("truncate", "drop_tags", "garble", "flip")
GARBLED = ['href="http://[ccpa-preferences]"', 'href="http://host:port/x.pdf"',
           'src="//[::1/a.jpg"', 'class="news-detail news-date-time"', 'datetime="2024-99-99"',
           'href="javascript:"', 'href=""', 'href="%%%"', "itemprop=\"datePublished\""]
TAGS = ("div", "p", "a", "td", "tr", "h1", "span", "section")
# Twenty articles a language: every article shape of the mirror (they repeat every 20).
PER_SECTION = {"news_odkb": 20, "smi": 0}
LISTING_SIZE = 10


def damage(html: str, how: str, rng: random.Random) -> str:
    """`html` with one kind of damage, its extent drawn from `rng`."""
    if how == "truncate":
        return html[: rng.randint(0, len(html))]
    if how == "drop_tags":
        name = rng.choice(TAGS)
        return re.sub(rf"</?{name}\b[^>]*>", "", html, count=rng.randint(1, 50))
    if how == "garble":
        return re.sub(r'(?:href|src|class|datetime)="[^"]*"',
                      lambda _: rng.choice(GARBLED), html, count=rng.randint(1, 30))
    data = bytearray(html.encode("utf-8"))
    for _ in range(rng.randint(1, 20)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return data.decode("utf-8", "replace")


def assert_extracts(lang: str, html: str) -> None:
    """Both extractions run on the page and give well-formed results."""
    found = extract_page(html, HOSTS[lang] + "/news/news_odkb/some-article/", lang)
    assert isinstance(found.body, str)
    assert found.published is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", found.published)
    listing = extract_listing(html, HOSTS[lang] + "/news/news_odkb/", get_profile(lang))
    assert all(e.url.startswith(HOSTS[lang] + "/news/") for e in listing.entries)


def fixture_pages() -> list[tuple[str, str, str]]:
    """(name, language, html) of every saved fixture page."""
    return [
        (path.stem, "ru" if "_ru" in path.stem else "en", decode_html(path.read_bytes())[0])
        for path in sorted(FIXTURES.glob("*/*.html"))
    ]


@lru_cache(maxsize=2)
def articles(lang: str) -> tuple:
    return tuple(a for a in build_dataset(PER_SECTION) if a.lang == lang)


def mirror_pages(template: str, lang: str) -> list[tuple[str, str]]:
    """(name, html) of every page the mirror serves for this template and language: each
    article and each listing page."""
    site, items = SiteInfo(lang, template), articles(lang)
    found = [(a.slug, render_article(a, site, items[:3])) for a in items]
    pages = -(-len(items) // LISTING_SIZE)
    for number in range(1, pages + 1):
        chunk = items[(number - 1) * LISTING_SIZE: number * LISTING_SIZE]
        found.append((f"listing-{number}", render_listing("news_odkb", chunk, number, pages,
                                                          site, [])))
    return found


def damaged_each_way(name: str, html: str) -> list[tuple[str, str]]:
    rng = random.Random(name)  # the same damage on every run
    return [(how, damage(html, how, rng)) for how in DAMAGE]


@pytest.mark.parametrize("lang", HOSTS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_mirror_page_damaged_each_way_never_raises(template: str, lang: str) -> None:
    pages = mirror_pages(template, lang)
    assert len(pages) == len(articles(lang)) + 2
    for name, html in pages:
        for how, broken in damaged_each_way(f"{template}/{lang}/{name}", html):
            try:
                assert_extracts(lang, broken)
            except Exception as error:
                raise AssertionError(f"{template}/{lang}/{name}, {how}") from error


def test_every_fixture_page_damaged_each_way_never_raises() -> None:
    pages = fixture_pages()
    assert len(pages) == len(list(FIXTURES.glob("*/*.html"))) > 100
    for name, lang, html in pages:
        for how, broken in damaged_each_way(name, html):
            try:
                assert_extracts(lang, broken)
            except Exception as error:
                raise AssertionError(f"{name}, {how}") from error


@lru_cache(maxsize=1)
def sampled_pages() -> tuple[tuple[str, str], ...]:
    """(language, html) of every fixture page and of one article and one listing page per
    mirror template and language, for hypothesis to pick from."""
    found = [(lang, html) for _, lang, html in fixture_pages()]
    for lang in HOSTS:
        for template in TEMPLATES:
            article, *_, listing = mirror_pages(template, lang)
            found += [(lang, article[1]), (lang, listing[1])]
    return tuple(found)


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, str]:
    lang, html = draw(st.sampled_from(sampled_pages()))
    rng = draw(st.randoms())
    for how in draw(st.lists(st.sampled_from(DAMAGE), min_size=1, max_size=4)):
        html = damage(html, how, rng)
    return lang, html


@settings(max_examples=250, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(damaged())
def test_damaged_pages_never_raise(page: tuple[str, str]) -> None:
    assert_extracts(*page)
