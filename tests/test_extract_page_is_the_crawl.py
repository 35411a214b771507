"""`extract_page` gives what a crawl stores: the crawl hands the page's fields, as the page
types them, to the cleaning pipelines; `extract_page` applies the same rules itself.

Both are checked equal on every fixture page and on pages of every mirror template, and
the `typed` template is checked to need the pipelines (its text comes with navigation
lines and runs of spaces), so that a crawl fails when a cleaning pipeline regresses.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from crawler.extract import extract_page
from crawler.extract.article import extract_article
from crawler.extract.encoding import decode_html
from crawler.items import article_item
from crawler.mirror import TEMPLATES, build_dataset
from crawler.mirror.render import SiteInfo, render_article
from crawler.sites import get_profile
from pipelines.chain import PipelineChain

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
HOSTS = {"en": "https://en.odkb-csto.org", "ru": "https://odkb-csto.org"}


@lru_cache(maxsize=1)
def chain() -> PipelineChain:
    return PipelineChain()


def crawled(html: str, url: str, lang: str) -> tuple[dict, str | None]:
    """The item the crawl makes of the page (crawler.items.article_item, as the spider's
    workers and `reextract` call it) and its pipelines (no listing: the page alone)."""
    item = article_item(html, url, get_profile(lang), {"section": "news_odkb"})
    item, reason = chain().run(item)
    return dict(item), reason


def assert_same(html: str, url: str, lang: str) -> None:
    page = extract_page(html, url, lang)
    item, reason = crawled(html, url, lang)
    assert item["title"] == page.title
    assert item["body"] == page.body
    assert item.get("published") == page.published or reason == "missing date"


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.html")))
def test_extract_page_is_what_the_pipelines_make_of_a_fixture(name: str) -> None:
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    html = decode_html((FIXTURES / f"{name}.html").read_bytes())[0]
    assert_same(html, expected["url"], expected["lang"])


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_extract_page_is_what_the_pipelines_make_of_a_mirror_page(
    template: str, lang: str
) -> None:
    articles = [a for a in build_dataset() if a.lang == lang]
    for article in articles[::9]:  # one in nine: every shape of text on every template
        html = render_article(article, SiteInfo(lang, template), articles[:3])
        assert_same(html, HOSTS[lang] + article.path, lang)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_typed_pages_give_the_pipelines_lines_to_drop_and_spaces_to_collapse(lang: str) -> None:
    """What makes the end-to-end crawls of `typed` fail when the boilerplate or the text
    pipeline regresses: the fields reach them uncleaned."""
    articles = [a for a in build_dataset() if a.lang == lang]
    seen_navigation = seen_spaces = 0
    for article in articles[:20]:
        html = render_article(article, SiteInfo(lang, "typed"), articles[:3])
        fields = extract_article(html, HOSTS[lang] + article.path, get_profile(lang))
        lines = fields.body.split("\n\n")
        seen_navigation += any(line.strip() in ("Go back", "Назад", "Print", "Печать")
                               for line in lines)
        seen_spaces += any("  " in line or "\xa0" in line for line in lines)
        assert extract_page(html, HOSTS[lang] + article.path, lang).body == article.body
    assert seen_navigation >= 10 and seen_spaces >= 10
