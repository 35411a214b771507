"""Article extraction against saved pages, each with its expected fields beside it.

Every page is tried twice: with the site profile, and with a profile whose selectors
all miss, as they will the day the site changes its templates. Both must give the
same fields; only the recorded layer differs.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from crawler.extract import extract_page
from crawler.extract.article import extract_article
from crawler.extract.dates import parse_date
from crawler.extract.encoding import decode_html
from crawler.sites import Selectors, get_profile

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))
SEED = Path(__file__).parent / "fixtures" / "seed" / "000_64aa9db907325c64.txt"


def load(name: str) -> tuple[str, dict]:
    html = decode_html((FIXTURES / f"{name}.html").read_bytes())[0]
    return html, json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def profile_for(expected: dict, selectors: bool):
    profile = get_profile(expected["lang"])
    return profile if selectors else replace(profile, selectors=Selectors())


@pytest.mark.parametrize("selectors", [True, False], ids=["profile", "no-selectors"])
@pytest.mark.parametrize("name", PAGES)
def test_page_gives_expected_fields(name: str, selectors: bool) -> None:
    """What the crawl would store from the page (`published` None: no date of its own,
    the listing's answers)."""
    html, expected = load(name)
    page = extract_page(html, expected["url"], profile_for(expected, selectors))
    assert page.title == expected["title"]
    assert page.published == expected["published"]
    assert page.body == expected["body"]
    assert len(page.images) == expected["images"]
    assert len(page.attachments) == expected["attachments"]
    assert not page.not_found


@pytest.mark.parametrize("name", PAGES)
def test_without_selectors_no_field_claims_the_profile(name: str) -> None:
    html, expected = load(name)
    fields = extract_article(html, expected["url"], profile_for(expected, False))
    dated = {"date"} if expected["published"] else set()  # no date of its own: no layer
    assert set(fields.layers) == {"title", "body"} | dated
    assert "profile" not in fields.layers.values()


def test_seed_article_has_its_six_paragraphs_and_nothing_else() -> None:
    """The seed page as a browser shows it: latest news on top, navigation below."""
    text = SEED.read_text(encoding="utf-8")
    html, expected = load("seed_unseen_layout")
    fields = extract_page(html, expected["url"], "en")
    paragraphs = fields.body.split("\n\n")
    assert len(paragraphs) == 6
    assert all(p in text for p in paragraphs)
    assert paragraphs[0].startswith("From July 6 to 10, the UN Counter-Terrorism Directorate")
    assert paragraphs[-1].startswith("Almost all the speakers")
    assert parse_date(fields.date_raw).isoformat() == "2020-07-10"  # not 22.04.2024
    for intruder in ("22.04.2024", "Go back", "Back to the section", "Kakha Imnadze"):
        assert intruder not in fields.body


@pytest.mark.parametrize("name", [p for p in PAGES if "media" in p])
def test_scripts_and_captions_never_reach_the_body(name: str) -> None:
    html, expected = load(name)
    fields = extract_article(html, expected["url"], get_profile(expected["lang"]))
    captions = [image["caption"] for image in fields.images]
    assert captions and all(captions)
    assert all(caption not in fields.body for caption in captions)
    assert "<script" not in fields.body and "function" not in fields.body
    assert all(i["url"].startswith("https://") for i in fields.images + fields.attachments)


def test_title_falls_back_to_og_title_then_title_tag() -> None:
    page = """<html><head><meta property="og:title" content="Summit in Minsk">
    <title>Summit in Minsk - CSTO</title></head><body><div>
    <p>10.07.2020</p><p>The summit of the Collective Security Council was held in Minsk
    with the heads of all member states taking part in the meeting.</p></div></body></html>"""
    fields = extract_article(page, "https://en.odkb-csto.org/news/smi/x/", get_profile("en"))
    assert fields.title == "Summit in Minsk"
    page = page.replace('<meta property="og:title" content="Summit in Minsk">', "")
    page = page.replace("Summit in Minsk - CSTO", "Talks on “Channel – South” - CSTO")
    fields = extract_article(page, "https://en.odkb-csto.org/news/smi/x/", get_profile("en"))
    assert fields.title == "Talks on “Channel – South”"


def test_time_element_wins_over_dates_in_the_text() -> None:
    page = """<html><body><article><h1>Exercise “Interaction-2023”</h1>
    <time datetime="2023-09-03">3 September 2023</time>
    <p>From 1 to 6 September 2023 the forces held the exercise near Brest, and on
    10.09.2023 the commanders met to sum up its results in Minsk.</p></article></body></html>"""
    fields = extract_article(page, "https://en.odkb-csto.org/news/news_odkb/x/", get_profile("en"))
    assert fields.date_raw == "2023-09-03"
    assert fields.date_source == "article:time"


def test_date_inside_a_sentence_is_never_taken() -> None:
    page = """<html><body><div><h1>Meeting of the CSTO Council</h1>
    <p>The meeting took place on 10 July 2020 in Moscow, where the ministers discussed
    the situation in the Collective Security Treaty Organization region.</p></div></body></html>"""
    fields = extract_article(page, "https://en.odkb-csto.org/news/news_odkb/x/", get_profile("en"))
    assert fields.date_raw is None


def test_soft_404_is_recognised() -> None:
    page = """<html><head><title>Page not found</title></head><body><h1>Page not found</h1>
    <p>The page you requested was not found.</p></body></html>"""
    fields = extract_article(page, "https://en.odkb-csto.org/news/smi/x/", get_profile("en"))
    assert fields.not_found


def test_date_inside_the_heading_is_not_part_of_the_title() -> None:
    page = """<html><head><meta property="og:title" content="Council met in Minsk | CSTO">
    </head><body><div><h1>Council met in Minsk <span>10.07.2020</span></h1>
    <p>The Council of Foreign Ministers of the CSTO met in Minsk to discuss the agenda of
    the coming summit and the situation on the external borders.</p></div></body></html>"""
    fields = extract_article(page, "https://en.odkb-csto.org/news/smi/x/", get_profile("en"))
    assert fields.title == "Council met in Minsk"
    assert fields.date_raw == "10.07.2020"
    page = page.replace("<span>10.07.2020</span>", "")
    page = page.replace("<h1>Council met in Minsk </h1>", "")
    fields = extract_article(page, "https://en.odkb-csto.org/news/smi/x/", get_profile("en"))
    assert fields.title == "Council met in Minsk"  # og:title without the site's name


def test_a_two_sentence_news_item_is_still_a_body() -> None:
    page = """<html><body><ul class="top"><li><a href="/">Home</a></li><li><a href="/news/">
    News</a></li></ul><div class="content"><h1>Secretary General met the ambassador</h1>
    <div>10.07.2020</div><p>The talks took place in Moscow.</p><p>They lasted two hours.</p>
    </div></body></html>"""
    fields = extract_page(page, "https://en.odkb-csto.org/news/smi/x/", "en")
    assert fields.layers["body"] == "structure"
    assert fields.body == "The talks took place in Moscow.\n\nThey lasted two hours."


def test_caption_after_a_picture_element_is_the_images_not_the_bodys() -> None:
    page = """<html><body><div><h1>Exercise ended in Brest</h1><span>10 July 2020</span>
    <div class="body"><p>The joint exercise of the collective forces ended in Brest on Friday
    afternoon.</p><picture><source srcset="/a.webp"><img src="/a.jpg" alt=""></picture>
    <p class="c-caption">Troops at the range</p><p>The commanders summed up the results and
    thanked the participants of all member states.</p></div></div></body></html>"""
    fields = extract_article(page, "https://en.odkb-csto.org/news/smi/x/", get_profile("en"))
    assert fields.images == [{"url": "https://en.odkb-csto.org/a.jpg",
                              "caption": "Troops at the range"}]
    assert "Troops" not in fields.body and fields.body.count("\n\n") == 1


def test_kicker_or_byline_gives_the_date_but_is_not_text() -> None:
    page = """<html><body><div class="top"><div><span>22.04.24</span><a href="/news/smi/a/">
    One</a></div><div><span>21.04.24</span><a href="/news/smi/b/">Two</a></div></div>
    <div class="story"><div class="k"><a href="/news/smi/">Media</a> | 10.07.20 14:35</div>
    <h1>Ministers met in Minsk</h1><div>Press service · 10 July 2020 · Minsk</div>
    <div class="ad"><span>Advertisement</span><a href="https://ads.example/">Cheap flights
    to Minsk this week only, book now!</a></div>
    <p>The ministers of foreign affairs of the member states met in Minsk on Friday.</p>
    <p>They agreed on the agenda of the autumn summit and on the next steps.</p></div>
    </body></html>"""
    fields = extract_page(page, "https://en.odkb-csto.org/news/smi/x/", "en")
    assert str(parse_date(fields.date_raw)) == "2020-07-10"
    assert fields.body.startswith("The ministers of foreign affairs")
    assert "Cheap flights" not in fields.body and "Press service" not in fields.body


def test_lazy_loaded_image_gives_its_real_address() -> None:
    page = """<html><body><div><h1>Summit in Minsk ended</h1><p>10.07.2020</p>
    <p>The summit of the Collective Security Council ended in Minsk on Friday evening.</p>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="
         data-original="/upload/iblock/a.jpg"></div></body></html>"""
    fields = extract_page(page, "https://en.odkb-csto.org/news/smi/x/", "en")
    assert [i["url"] for i in fields.images] == ["https://en.odkb-csto.org/upload/iblock/a.jpg"]
    assert fields.body.startswith("The summit")  # a short article is not its picture's caption
