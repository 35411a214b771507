"""Real-looking pages, damaged: every fixture page and every mirror page, truncated, with
tags dropped, attributes garbled (malformed links among them) or bytes flipped, goes
through `extract_page` and `extract_listing` without an exception."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

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
GARBLED = ['href="http://[ccpa-preferences]"', 'href="http://host:port/x.pdf"',
           'src="//[::1/a.jpg"', 'class="news-detail news-date-time"', 'datetime="2024-99-99"',
           'href="javascript:"', 'href=""', 'href="%%%"', "itemprop=\"datePublished\""]


@lru_cache(maxsize=1)
def pages() -> tuple[tuple[str, str], ...]:
    """(language, html) of every saved fixture page and of one article and one listing
    page per mirror template and language."""
    found = []
    for path in sorted(FIXTURES.glob("*/*.html")):
        lang = "ru" if "_ru" in path.stem else "en"
        found.append((lang, decode_html(path.read_bytes())[0]))
    dataset = build_dataset({"news_odkb": 12, "smi": 0})
    for lang in HOSTS:
        articles = [a for a in dataset if a.lang == lang]
        for template in TEMPLATES:
            site = SiteInfo(lang, template)
            found.append((lang, render_article(articles[3], site, articles[:3])))
            found.append((lang, render_listing("news_odkb", articles[:10], 1, 2, site, [])))
    return tuple(found)


@st.composite
def damaged(draw: Any) -> tuple[str, str]:
    lang, html = draw(st.sampled_from(pages()))
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["truncate", "drop_tags", "garble", "flip"]))
        if how == "truncate":
            html = html[: draw(st.integers(0, len(html)))]
        elif how == "drop_tags":
            name = draw(st.sampled_from(["div", "p", "a", "td", "tr", "h1", "span", "section"]))
            html = re.sub(rf"</?{name}\b[^>]*>", "", html, count=draw(st.integers(1, 50)))
        elif how == "garble":
            html = re.sub(r'(?:href|src|class|datetime)="[^"]*"',
                          lambda _: draw(st.sampled_from(GARBLED)), html,
                          count=draw(st.integers(1, 30)))
        else:
            data = bytearray(html.encode("utf-8"))
            for _ in range(draw(st.integers(1, 20))):
                if data:
                    data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
            html = data.decode("utf-8", "replace")
    return lang, html


@settings(max_examples=250, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(damaged())
def test_damaged_pages_never_raise(page: tuple[str, str]) -> None:
    lang, html = page
    found = extract_page(html, HOSTS[lang] + "/news/news_odkb/some-article/", lang)
    assert isinstance(found.body, str)
    assert found.published is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", found.published)
    listing = extract_listing(html, HOSTS[lang] + "/news/news_odkb/", get_profile(lang))
    assert all(e.url.startswith(HOSTS[lang] + "/news/") for e in listing.entries)
