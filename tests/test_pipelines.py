"""The cleaning pipelines, each on its own, with a stub crawler for stats."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector

from crawler.items import ArticleItem
from pipelines.boilerplate import BoilerplatePipeline
from pipelines.chain import PipelineChain
from pipelines.dates import DatesPipeline
from pipelines.text import TextPipeline
from pipelines.validation import ValidationPipeline

TITLE = "CSTO exercise “Interaction-2023” ended in Brest"


@pytest.fixture
def crawler() -> SimpleNamespace:
    from scrapy.settings import Settings

    stub = SimpleNamespace(settings=Settings())
    stub.stats = MemoryStatsCollector(stub)
    return stub


def item(**fields: object) -> ArticleItem:
    base = {"url": "https://en.odkb-csto.org/news/smi/x/", "lang": "en", "title": TITLE,
            "date_raw": "10.07.2020", "body": "A paragraph of the article.", "flags": []}
    return ArticleItem(**{**base, **fields})


def test_text_normalises_paragraphs(crawler: SimpleNamespace) -> None:
    raw = "  First\u00a0line,\n continued\tthere.\n\n\n\n Second  \u2009one.\x07 \ud800 \n"
    out = TextPipeline(crawler).process_item(item(body=raw, title="A\u00a0 title "))
    assert out["body"] == "First line, continued there.\n\nSecond one."
    assert out["title"] == "A title"


def test_text_uses_nfc(crawler: SimpleNamespace) -> None:
    decomposed = "Й"  # И + combining breve
    out = TextPipeline(crawler).process_item(item(body=decomposed))
    assert out["body"] == "\u0419"


def test_text_flags_replacement_characters(crawler: SimpleNamespace) -> None:
    out = TextPipeline(crawler).process_item(item(body="Bad \ufffd decoding"))
    assert "replacement_char" in out["flags"]
    assert crawler.stats.get_value("text/replacement_char") == 1


def test_boilerplate_drops_whole_navigation_lines_only(crawler: SimpleNamespace) -> None:
    body = "\n\n".join([
        TITLE, f"{TITLE} 10.07.2020", "The parties agreed to go back to the negotiating table.",
        "Go back", "Back to the section", "Back to the all news", "10.07.2020",
    ])
    out = BoilerplatePipeline(crawler).process_item(item(body=body))
    assert out["body"] == "The parties agreed to go back to the negotiating table."


def test_boilerplate_russian_phrases(crawler: SimpleNamespace) -> None:
    body = "Стороны решили вернуться назад к переговорам.\n\nНазад\n\nВернуться в раздел"
    out = BoilerplatePipeline(crawler).process_item(item(lang="ru", body=body))
    assert out["body"] == "Стороны решили вернуться назад к переговорам."


def test_boilerplate_drops_view_counters_but_not_sentences_about_views(
    crawler: SimpleNamespace,
) -> None:
    body = "The ministers exchanged views: 3 proposals were adopted.\n\nViews: 1 234"
    out = BoilerplatePipeline(crawler).process_item(item(body=body))
    assert out["body"] == "The ministers exchanged views: 3 proposals were adopted."
    body = "Стороны обсудили просмотров 5 документов.\n\nПросмотров: 907"
    out = BoilerplatePipeline(crawler).process_item(item(lang="ru", body=body))
    assert out["body"] == "Стороны обсудили просмотров 5 документов."


def test_boilerplate_drops_tags_and_photo_credits_but_keeps_the_source_line(
    crawler: SimpleNamespace,
) -> None:
    """"Source: …" ends the article's own text (issue 11); tags and credits are furniture."""
    body = ("Text of the article.\n\nSource: the «Military Review» journal\n\n"
            "Photo: CSTO press service\n\nTags: CSTO, exercise")
    out = BoilerplatePipeline(crawler).process_item(item(body=body))
    assert out["body"] == "Text of the article.\n\nSource: the «Military Review» journal"
    body = "Текст статьи.\n\nИсточник: газета «Красная звезда»\n\nФото: пресс-служба ОДКБ"
    out = BoilerplatePipeline(crawler).process_item(item(lang="ru", body=body))
    assert out["body"] == "Текст статьи.\n\nИсточник: газета «Красная звезда»"


def test_dates_article_date_wins_and_mismatch_is_flagged(crawler: SimpleNamespace) -> None:
    out = DatesPipeline(crawler).process_item(item(listing_date_raw="11.07.2020"))
    assert out["published"] == "2020-07-10" and out["listing_date"] == "2020-07-11"
    assert "date_mismatch" in out["flags"]
    assert crawler.stats.get_value("dates/listing_mismatch") == 1


def test_dates_an_ambiguous_listing_date_agreeing_with_the_article_is_no_mismatch(
    crawler: SimpleNamespace,
) -> None:
    out = DatesPipeline(crawler).process_item(
        item(date_raw="Fri, 07/10/2020", listing_date_raw="07/10/2020")
    )
    assert out["published"] == "2020-07-10" and out["listing_date"] == "2020-07-10"
    assert "date_mismatch" not in out["flags"]


def test_dates_fall_back_to_the_listing(crawler: SimpleNamespace) -> None:
    out = DatesPipeline(crawler).process_item(
        item(date_raw=None, date_source=None, listing_date_raw="10 июля 2020 г.", lang="ru")
    )
    assert out["published"] == "2020-07-10" and out["date_source"] == "listing"


def test_dates_never_guess(crawler: SimpleNamespace) -> None:
    out = DatesPipeline(crawler).process_item(item(date_raw="From 22 to 26 April"))
    assert out["published"] is None


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"url": None}, "missing url"),
        ({"title": ""}, "missing title"),
        ({"published": None, "date_raw": "sometime"}, "unreadable date: 'sometime'"),
        ({"published": None, "date_raw": None}, "missing date"),
        ({"body": ""}, "missing body"),
        ({"not_found": True}, "soft 404"),
        ({"title": "x" * 5000}, "title too long"),
    ],
)
def test_validation_rejects_with_reason(
    crawler: SimpleNamespace, fields: dict, reason: str
) -> None:
    candidate = item(**{"published": "2020-07-10", **fields})
    with pytest.raises(DropItem, match=reason.split(":")[0]) as raised:
        ValidationPipeline(crawler).process_item(candidate)
    assert reason.split(" (")[0] in str(raised.value)
    assert crawler.stats.get_value("validation/rejected") == 1


def test_validation_passes_complete_items(crawler: SimpleNamespace) -> None:
    complete = item(published="2020-07-10")
    assert ValidationPipeline(crawler).process_item(complete) is complete


def test_the_crawls_pipelines_clean_what_extraction_let_through() -> None:
    """The pipelines of ITEM_PIPELINES, in their order, as a crawl and `reextract` run
    them: a page that extraction let through untidy still ends as the clean row.

    The exact result written by hand, as a unit beside the crawls of the `typed` template
    (whose navigation lines and runs of white space reach these pipelines uncleaned):
    mutants "boilerplate keeps Go back", "text stops collapsing white space"."""
    raw = {
        "url": "https://en.odkb-csto.org/news/smi/x/", "lang": "en",
        "title": "  CSTO\u00a0exercise\n\t ended ", "summary": " The\u00a0 lead\n ",
        "date_raw": "10/07/2020", "listing_date_raw": "10/07/2020",
        "body": (
            "Print\n\n  The  exercise\u00a0\u00a0ended\n\tin   Brest.  \n \n\n"
            "Go back\n\n\u00a0Back to the section\u00a0\n\n"
            "Units\u202fwent\u2009home. \n\nCSTO exercise ended\n\n10/07/2020"
        ),
        "flags": [],
    }
    item, dropped = PipelineChain().run(ArticleItem(**raw))
    assert dropped is None
    assert item["title"] == "CSTO exercise ended"
    assert item["summary"] == "The lead"
    assert item["body"] == "The exercise ended in Brest.\n\nUnits went home."
    assert (item["published"], item["listing_date"]) == ("2020-07-10", "2020-07-10")
    assert item["flags"] == []
