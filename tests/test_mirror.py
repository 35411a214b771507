"""Tests of the local site mirror itself (dataset, templates, HTTP server), not of the crawler."""

from __future__ import annotations

import hashlib
import html
import http.client
import json
import re
from dataclasses import replace
from datetime import date
from ipaddress import ip_address
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from parsel import Selector

from crawler.mirror import TEMPLATES, MirrorArticle, MirrorServer, build_dataset
from crawler.mirror.dataset import load_corpus
from crawler.mirror.render import SiteInfo, render_article, render_listing
from crawler.mirror.server import MirrorRequestHandler
from crawler.sites.csto import SELECTORS

SEED_SLUG = (
    "delegatsiya-sekretariata-odkb-prinyala-uchastie-v-meropriyatiyakh-"
    "onlayn-nedeli-borby-s-terrorizmom"
)
SEED_FILE = Path(__file__).parent / "fixtures" / "seed" / "000_64aa9db907325c64.txt"
# build_dataset() as it was before the article shapes existed (commit 9e12704).
BEFORE_SHAPES = Path(__file__).parent / "fixtures" / "mirror_dataset_before_shapes.json"


def norm(text: str) -> str:
    """What a reader sees: entities decoded, nbsp as space, whitespace collapsed."""
    return re.sub(r"\s+", " ", html.unescape(text).replace("\xa0", " ")).strip()


def visible_text(page: str) -> str:
    """Crude browser view of a page: drop head/scripts, turn tags into spaces."""
    page = re.sub(r"<(head|script)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return norm(re.sub(r"<[^>]+>", " ", page))


def get(server: MirrorServer, path: str) -> tuple[int, dict[str, str], bytes]:
    """One GET without following redirects."""
    conn = http.client.HTTPConnection(*urlsplit(server.base_url).netloc.split(":"), timeout=10)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def articles() -> list[MirrorArticle]:
    return build_dataset()


@pytest.fixture(scope="module")
def seed(articles: list[MirrorArticle]) -> MirrorArticle:
    return next(a for a in articles if a.lang == "en" and a.slug == SEED_SLUG)


@pytest.fixture(params=TEMPLATES)
def en_server(request: pytest.FixtureRequest, articles: list[MirrorArticle]):
    with MirrorServer(articles, "en", request.param) as server:
        yield server


def test_seed_article_matches_seed_file(seed: MirrorArticle) -> None:
    text = SEED_FILE.read_text(encoding="utf-8")
    assert seed.body in text
    assert seed.published == date(2020, 7, 10) and seed.section == "news_odkb"


def test_seed_page_reads_like_the_seed(en_server: MirrorServer, seed: MirrorArticle) -> None:
    status, _, body = get(en_server, seed.path)
    assert status == 200
    text = visible_text(body.decode("utf-8"))
    if en_server.template == "agency":  # an advertisement sits between paragraphs 1 and 2
        assert all(norm(p) in text for p in seed.paragraphs)
    else:
        assert norm(seed.body) in text
    latest = [
        "22.04.2024 On 22 April 2024, the CSTO Secretariat hosted",
        "22.04.2024 From 22 to 26 April, this year,",
        "18.04.2024 The meeting was held in the city of Moscow",
    ]
    if en_server.template == "cards":  # the redesign: date after the body, latest news last
        expected_order = [
            seed.title, seed.paragraphs[0][:60], "Published: Friday, 10 July 2020",
            "← Back to the section", *latest,
        ]  # fmt: skip
        page_title = "<title>CSTO — " + html.escape(seed.title) + "</title>"
    elif en_server.template == "portal":  # the old portal: date and time under the title
        expected_order = [
            *latest, seed.title, "10.07.2020", seed.paragraphs[0][:60], seed.paragraphs[-1][-40:],
            "Tags: CSTO", "Print version", "Back to the list",
        ]  # fmt: skip
        page_title = "<title>" + html.escape(seed.title) + " :: News :: CSTO</title>"
    elif en_server.template == "flat":  # Bitrix bootstrap: section name as h1, date after
        expected_order = [*latest, seed.paragraphs[0][:60], "10.07.2020", "Back to the list"]
        page_title = "<title>" + html.escape(seed.title) + " - CSTO</title>"
    elif en_server.template == "gov":  # government portal: undated-link list, byline date
        expected_order = [
            "22 April 2024", "On 22 April 2024, the CSTO Secretariat hosted", seed.title,
            "10 July 2020", seed.paragraphs[0][:60],
        ]  # fmt: skip
        page_title = "<title>" + html.escape(seed.title) + " - CSTO</title>"
    elif en_server.template == "wp":  # WordPress: the article first, recent posts after
        expected_order = [
            seed.title, "July 10, 2020", seed.paragraphs[0][:60], "Recent Posts",
            "On 22 April 2024, the CSTO Secretariat hosted",
        ]  # fmt: skip
        page_title = "<title>" + html.escape(seed.title) + " - CSTO</title>"
    elif en_server.template == "agency":  # news agency: top stories, a kicker date
        expected_order = ["On 22 April 2024, the CSTO Secretariat hosted", "10.07.20", seed.title,
                          seed.paragraphs[0][:60]]
        page_title = "<title>" + html.escape(seed.title)
    elif en_server.template == "tilda":  # constructor: date record before the title
        expected_order = ["10.07.2020", seed.title, seed.paragraphs[0][:60], "Back to news"]
        page_title = "<title>" + html.escape(seed.title) + "</title>"
    elif en_server.template in ("joomla", "drupal"):  # CMS layouts: latest news first
        day = "10 July 2020" if en_server.template == "joomla" else "07/10/2020"
        expected_order = [
            "On 22 April 2024, the CSTO Secretariat hosted", seed.title, day,
            seed.paragraphs[0][:60],
        ]  # fmt: skip
        page_title = "<title>" + html.escape(seed.title) + " - CSTO</title>"
    elif en_server.template == "press":  # press office: dated sidebar titles, no own date
        expected_order = [
            "22.04.2024 Samat Ordabaev held a working meeting", "18.04.2024", seed.title,
            seed.paragraphs[0][:60], seed.paragraphs[-1][-40:], "Go back", "Back to the section",
            "Cookie preferences",
        ]  # fmt: skip
        page_title = "<title>" + html.escape(seed.title) + " | CSTO Press Office</title>"
        assert "10.07.2020" not in text and "10 July 2020" not in text
    elif en_server.template == "typed":  # typed by hand: navigation as lines of the text
        expected_order = [
            seed.title, "10/07/2020", "Print", seed.paragraphs[0][:60], seed.paragraphs[-1][-40:],
            "Go back", "Back to the section", "Back to the all news",
            *(line.replace("22.04.2024", "22/04/2024").replace("18.04.2024", "18/04/2024")
              for line in latest),
        ]  # fmt: skip
        page_title = "<title>" + html.escape(seed.title) + " - CSTO</title>"
    elif en_server.template == "spa":  # framework site: ticker first, date before the title
        expected_order = [*latest, "10 July 2020", seed.paragraphs[0][:60]]
        page_title = "<title>" + html.escape(seed.title)
    else:
        expected_order = [
            *latest, seed.title, seed.paragraphs[0][:60],
            "Go back", "Back to the section", "Back to the all news",
        ]  # fmt: skip
        page_title = "<title>" + html.escape(seed.title) + " - CSTO</title>"
    positions = [text.find(part) for part in expected_order]
    assert -1 not in positions and positions == sorted(positions)
    once = ("wp", "tilda", "agency", "drupal", "press")  # these show the title once only
    assert text.count(seed.title) >= (1 if en_server.template in once else 2)
    assert page_title in body.decode()


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_renders_every_article(template: str, articles: list[MirrorArticle]) -> None:
    latest = {lang: [a for a in articles if a.lang == lang][:3] for lang in ("en", "ru")}
    for article in articles:
        site = SiteInfo(article.lang, template)
        page = render_article(article, site, latest[article.lang])
        text = visible_text(page)
        if template in ("cards", "spa", "gov", "wp") and article.images:  # after paragraph 1
            first, rest = article.paragraphs[0], "\n\n".join(article.paragraphs[1:])
            assert f"{norm(first)} {norm(article.images[0][1])} {norm(rest)}" in text
        elif template == "agency":  # pictures and an advertisement between paragraphs
            assert all(norm(p) in text for p in article.paragraphs), (template, article.slug)
        else:
            assert norm(article.body) in text, (template, article.slug)
        for _src, caption in article.images:
            shown = norm(caption) in text or f'alt="{html.escape(caption)}"' in page
            assert shown, (template, caption)  # "flat" keeps it in alt only
        for href, _label in article.attachments:
            assert f'href="{href}"' in page


def test_templates_use_distinct_markup(articles: list[MirrorArticle]) -> None:
    article = articles[0]
    pages = {t: render_article(article, SiteInfo("en", t), articles[:3]) for t in TEMPLATES}
    assert "news-detail" in pages["bitrix"] and "news-date-time" in pages["bitrix"]
    assert "news-detail" not in pages["modern"] + pages["legacy"]
    assert '<time datetime="2024-04-22"' in pages["modern"] or "datetime=" in pages["modern"]
    assert "<h1" not in pages["legacy"] and '<font size="4"><b>' in pages["legacy"]
    ru = next(a for a in articles if a.lang == "ru" and a.slug == SEED_SLUG)
    assert "10 июля 2020 г." in render_article(ru, SiteInfo("ru", "modern"), [])
    portal = render_article(ru, SiteInfo("ru", "portal"), articles[:3])
    assert not re.search(r"<h[1-6]\b", portal) and "og:title" not in portal
    assert f'<div class="news-title"><b>{ru.title}</b></div>' in portal
    assert re.search(r'<div class="news-when">10\.07\.2020 \d\d:\d\d</div>', portal)
    assert f"<title>{ru.title} :: Новости :: ОДКБ</title>" in portal
    assert portal.index('class="lastnews"') < portal.index('class="news-body"')
    cell = portal.split('<td class="news-body">', 1)[1].split("</td>", 1)[0]
    assert cell.count("<p>") == len(ru.paragraphs) - 2 and cell.count("<br><br>") == 1
    assert cell.rstrip().endswith("2020 года.") and "<p><b>" in cell
    for label in ("Теги:", "Версия для печати", "Возврат к списку", "Подписаться на новости"):
        assert label in portal
    for other in ("bitrix", "modern", "legacy", "cards"):
        for cls in ("news-title", "news-when", "news-body", "lastnews", "photo-sign"):
            assert cls not in pages[other], (other, cls)


def listing_links(page: bytes) -> list[str]:
    return re.findall(r'href="(/news/news_odkb/[^"?]+/)"', page.decode())


def test_listing_pages_and_clamping(en_server: MirrorServer, articles: list[MirrorArticle]) -> None:
    section = [a for a in articles if a.lang == "en" and a.section == "news_odkb"]
    pages = -(-len(section) // 10)
    assert pages >= 4
    _, _, first = get(en_server, "/news/news_odkb/")
    assert section[0].path in first.decode() and "PAGEN_1=2" in first.decode()
    _, _, last = get(en_server, f"/news/news_odkb/?PAGEN_1={pages}")
    for bogus in ("999", "abc", "0"):
        status, _, body = get(en_server, f"/news/news_odkb/?PAGEN_1={bogus}")
        assert status == 200
        assert set(listing_links(body)) == set(listing_links(last))
    last_items = {a.path for a in section[(pages - 1) * 10 :]}
    assert last_items <= set(listing_links(last))


def test_languages_share_slugs_except_two_pairs(articles: list[MirrorArticle]) -> None:
    en = [a for a in articles if a.lang == "en"]
    ru = [a for a in articles if a.lang == "ru"]
    assert len(en) == len(ru) >= 60
    pairs = list(zip(en, ru, strict=True))
    assert all(e.section == r.section and e.published == r.published for e, r in pairs)
    assert sum(e.slug != r.slug for e, r in pairs) == 2
    for lang_articles in (en, ru):
        keys = [(a.section, a.slug) for a in lang_articles]
        assert len(keys) == len(set(keys))
    assert [a.published for a in en[:3]] == [
        date(2024, 4, 22),
        date(2024, 4, 22),
        date(2024, 4, 18),
    ]


def test_corpus_features(articles: list[MirrorArticle]) -> None:
    ru_bodies = [a.body for a in articles if a.lang == "ru"]
    en_bodies = [a.body for a in articles if a.lang == "en"]
    for form in ("учения ", "учений", "учениях"):
        assert sum(form in b for b in ru_bodies) >= 2, form
    assert any("agreed to go back to the negotiating table" in b for b in en_bodies)
    assert any("вернуться назад" in b for b in ru_bodies)
    assert any(re.search(r"From \d+ to \d+ [A-Z][a-z]+", b) for b in en_bodies)
    assert any(re.search(r"С \d+ по \d+ [а-я]+", b) for b in ru_bodies)
    assert any(a.images and a.attachments for a in articles)
    for a in articles:
        assert "\xa0" not in a.body and "  " not in a.body
        most = 7 if not a.shapes else 18  # a quote, an interview, a source and a signature
        assert 3 <= len(a.paragraphs) <= most or a.slug == SEED_SLUG


def test_build_dataset_scales() -> None:
    big = build_dataset({"news_odkb": 2500, "smi": 2500}, date(2014, 1, 1), date(2023, 12, 31))
    for lang in ("en", "ru"):
        for section in ("news_odkb", "smi"):
            items = [a for a in big if a.lang == lang and a.section == section]
            assert len(items) == 2500 and len({a.slug for a in items}) == 2500
            dates = [a.published for a in items]
            assert dates == sorted(dates, reverse=True)
            assert date(2014, 1, 1) <= dates[-1] and dates[0] <= date(2023, 12, 31)
    assert build_dataset() == build_dataset()


@pytest.mark.parametrize("encoding", ["cp1251-meta", "cp1251-wrong-header"])
def test_windows_1251_modes(encoding: str, articles: list[MirrorArticle]) -> None:
    ru = next(a for a in articles if a.lang == "ru" and a.slug == SEED_SLUG)
    with MirrorServer(articles, "ru", "bitrix", encoding=encoding) as server:
        status, headers, body = get(server, ru.path)
    assert status == 200
    content_type = headers["Content-Type"]
    if encoding == "cp1251-meta":
        assert content_type == "text/html"
    else:
        assert content_type == "text/html; charset=UTF-8"
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
    assert b'<meta charset="windows-1251">' in body
    text = visible_text(body.decode("cp1251"))
    assert norm(ru.body) in text and "Вернуться в раздел" in text


def test_utf8_header(articles: list[MirrorArticle]) -> None:
    with MirrorServer(articles, "ru") as server:
        _, headers, body = get(server, "/news/smi/")
    assert headers["Content-Type"] == "text/html; charset=UTF-8"
    assert "СМИ об ОДКБ" in body.decode("utf-8")


def test_publish_puts_new_article_first(articles: list[MirrorArticle]) -> None:
    fresh = replace(
        articles[0],
        slug="novaya-statya-dlya-testa",
        published=date(2024, 5, 1),
        title="Brand new article",
        lead="A brand new lead.",
    )
    with MirrorServer(articles, "en", "modern") as server:
        assert fresh.path not in get(server, "/news/news_odkb/")[2].decode()
        server.publish(fresh)
        _, _, body = get(server, "/news/news_odkb/")
        first_item = re.search(r'class="feed__link" href="([^"]+)"', body.decode())
        assert first_item and first_item.group(1) == fresh.path
        status, _, page = get(server, fresh.path)
        assert status == 200 and "A brand new lead." in visible_text(page.decode())
        assert "A brand new lead." in visible_text(get(server, "/")[2].decode())


def test_routes_and_request_log(articles: list[MirrorArticle], seed: MirrorArticle) -> None:
    with MirrorServer(articles, "en") as server:
        status, _, robots = get(server, "/robots.txt")
        assert status == 200 and b"Disallow: /search/" in robots and b"Disallow: /bitrix/" in robots
        status, headers, _ = get(server, seed.path.rstrip("/"))
        assert status == 301 and headers["Location"] == seed.path
        status, _, body = get(server, "/no/such/page/")
        assert status == 404 and "Page not found" in body.decode()
        assert get(server, "/news/news_odkb/no-such-slug/")[0] == 404
        assert get(server, "/news/")[0] == 200
        assert get(server, "/upload/docs/x.pdf")[2].startswith(b"%PDF")
        assert server.request_log[:2] == ["/robots.txt", seed.path.rstrip("/")]
        assert len(server.request_log) == 6


def test_fault_hook_runs_before_routing(articles: list[MirrorArticle]) -> None:
    with MirrorServer(articles, "en") as server:

        def teapot(handler: MirrorRequestHandler) -> bool:
            handler.send(418, b"teapot", "text/plain")
            return True

        server.faults["/news/smi/"] = teapot
        assert get(server, "/news/smi/?PAGEN_1=2")[0] == 418
        assert get(server, "/news/news_odkb/")[0] == 200


def test_listing_render_has_pagination_markers(articles: list[MirrorArticle]) -> None:
    items = [a for a in articles if a.lang == "ru"][:10]
    bitrix = render_listing("news_odkb", items, 2, 5, SiteInfo("ru", "bitrix"), items[:3])
    assert "modern-page-navigation" in bitrix and "След." in bitrix and "?PAGEN_1=3" in bitrix
    modern = render_listing("news_odkb", items, 2, 5, SiteInfo("en", "modern"), items[:3])
    assert 'rel="next" href="/news/news_odkb/?PAGEN_1=3"' in modern
    legacy = render_listing("news_odkb", items, 2, 5, SiteInfo("en", "legacy"), items[:3])
    assert '<a href="?PAGEN_1=3">&gt;&gt;</a>' in legacy
    portal = render_listing("news_odkb", items, 2, 5, SiteInfo("en", "portal"), items[:3])
    assert (
        '<div class="nav-pages">Pages: <a href="/news/news_odkb/?PAGEN_1=1">Previous page</a> | '
        '<a href="/news/news_odkb/?PAGEN_1=1">1</a> | <b>2</b> | '
        '<a href="/news/news_odkb/?PAGEN_1=3">3</a>'
    ) in portal
    assert '<a href="/news/news_odkb/?PAGEN_1=3">Next page</a></div>' in portal
    first = items[0]
    assert (
        f'<tr><td><a href="{first.path}">{html.escape(first.title, quote=False)}</a> '
        f'<span class="nl-date">({first.published:%d.%m.%Y})</span><br>'
    ) in portal


# ----------------------------------------------------------------------------- article shapes
MONTHS = {
    "en": "January February March April May June July August September October November "
          "December".split(),
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября "
          "декабря".split(),
}
DATELINE = {
    "en": re.compile(r"^[A-Z][A-Za-z -]+, (\d{1,2}) ([A-Z][a-z]+) (\d{4})\. \S"),
    "ru": re.compile(r"^[А-Я][А-Яа-я -]+, (\d{1,2}) ([а-я]+) (\d{4}) года\. \S"),
}
QUOTE_MARKS = {"en": ("“", "”"), "ru": ("«", "»")}
SOURCE = {"en": "Source: ", "ru": "Источник: "}
SIGNATURE = {
    "en": re.compile(r"^Press Service of the CSTO [A-Z][A-Za-z ]+[a-z]$"),
    "ru": re.compile(r"^Пресс-служба [А-Яа-я ]+ ОДКБ$"),
}


def shapes_seen(article: MirrorArticle) -> set[str]:
    """The shapes an article's text shows, read from the text alone."""
    paras, lang = article.paragraphs, article.lang
    seen = set()
    if not article.lead:
        seen.add("nolead")
    dateline = DATELINE[lang].match(paras[0])
    if dateline:
        day, month, year = dateline.groups()
        assert date(int(year), MONTHS[lang].index(month) + 1, int(day)) == article.published
        seen.add("dateline")
    opening, closing = QUOTE_MARKS[lang]
    if any(p.startswith(opening) and p.endswith(closing) for p in paras):
        seen.add("quote")
    answers = [i for i, p in enumerate(paras) if p.startswith("— ")]
    if answers:
        assert all(i > 0 and paras[i - 1].endswith("?") for i in answers), article.path
        seen.add("interview")
    if any(p.startswith(SOURCE[lang]) for p in paras[-2:]):
        seen.add("source")
    if SIGNATURE[lang].match(paras[-1]):
        seen.add("signature")
    return seen


def real_slugs() -> set[str]:
    """The real articles of the seed page (corpus "fixed"), which no shape may touch."""
    return {item["slug"] for item in load_corpus()["fixed"]}


def test_each_article_shape_is_on_5_to_15_percent_of_generated_articles(
    articles: list[MirrorArticle],
) -> None:
    for lang in ("en", "ru"):
        made = [a for a in articles if a.lang == lang and a.slug not in real_slugs()]
        seen = [shapes_seen(a) for a in made]
        assert [set(a.shapes) for a in made] == seen  # what the text shows is what is declared
        for shape in ("nolead", "dateline", "quote", "interview", "source", "signature"):
            share = sum(shape in s for s in seen) / len(made)
            assert 0.05 <= share <= 0.15, (lang, shape, share)
        assert sum(len(s) >= 2 for s in seen) >= 3  # a few articles combine two shapes
        assert sum(not s for s in seen) >= len(made) // 2  # most articles stay as they were


def test_both_languages_of_an_article_have_the_same_shapes(articles: list[MirrorArticle]) -> None:
    en = [a for a in articles if a.lang == "en"]
    ru = [a for a in articles if a.lang == "ru"]
    for e, r in zip(en, ru, strict=True):
        assert shapes_seen(e) == shapes_seen(r), e.path
        assert len(e.paragraphs) == len(r.paragraphs), e.path
        for pe, pr in zip(e.paragraphs, r.paragraphs, strict=True):  # same places too
            assert pe.startswith("“") == pr.startswith("«"), e.path
            assert pe.startswith("— ") == pr.startswith("— "), e.path
            assert pe.endswith("?") == pr.endswith("?"), e.path


def test_shape_texts_read_as_the_issue_describes_them(articles: list[MirrorArticle]) -> None:
    ru = [a for a in articles if a.lang == "ru" and a.shapes]
    bodies = "\n\n".join(a.body for a in ru)
    assert re.search(r"^Источник: (газета|агентство|РИА)", bodies, re.M)
    assert "\n\nПресс-служба Секретариата ОДКБ" in bodies
    assert re.search(r"^— Мы [а-я]+", bodies, re.M)
    assert re.search(r"^[А-Я][а-я-]+, \d{1,2} [а-я]+ \d{4} года\. ", bodies, re.M)
    en = "\n\n".join(a.body for a in articles if a.lang == "en" and a.shapes)
    assert re.search(r"^Source: (the «[A-Za-z ]+» newspaper|the .+ news agency)$", en, re.M)
    assert re.search(r"^“[^”]+”$", en, re.M) and re.search(r"^— We [a-z]+", en, re.M)


def test_articles_outside_the_shapes_are_as_before(articles: list[MirrorArticle]) -> None:
    """Shapes were added without touching the generator's random draws: every article keeps
    its slug, date and title, the real (fixed) articles and every unshaped article keep their
    text byte for byte, and a shaped one keeps its old paragraphs in order."""
    before = json.loads(BEFORE_SHAPES.read_text(encoding="utf-8"))["articles"]
    assert len(before) == len(articles)

    def digest(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    for old, new in zip(before, articles, strict=True):
        assert (old["lang"], old["section"], old["slug"], old["published"], old["title"]) == (
            new.lang, new.section, new.slug, new.published.isoformat(), new.title)
        now = [digest(p) for p in new.paragraphs]
        if not new.shapes:
            assert (new.lead, now) == (old["lead"], old["paragraphs"]), new.path
            continue
        assert new.lead == ("" if "nolead" in new.shapes else old["lead"]), new.path
        first = DATELINE[new.lang].sub("", new.paragraphs[0], count=1)
        if first != new.paragraphs[0]:
            first = new.paragraphs[0].split(". ", 1)[1]  # the dateline ends with ". "
        now[0] = digest(first)
        remaining = iter(now)
        assert all(h in remaining for h in old["paragraphs"]), new.path  # in order
    real = [a for a in articles if a.slug in real_slugs()]
    assert len(real) == 8 and not any(a.shapes for a in real)  # unchanged, as checked above


@pytest.mark.parametrize("template", TEMPLATES)
def test_listing_item_without_lead_has_no_lead_element(
    template: str, articles: list[MirrorArticle]
) -> None:
    bare = next(a for a in articles if a.lang == "ru" and not a.lead)
    with_lead = replace(bare, lead="Вводный абзац для проверки.")
    site = SiteInfo("ru", template)
    empty = r"<(p|div|span|font|td|li)\b[^>]*>\s*(<br>)?\s*</\1>"
    pages = {
        lead: render_listing(bare.section, [a], 1, 1, site, [a])
        for lead, a in (("no", bare), ("yes", with_lead))
    }
    assert "Вводный абзац" in visible_text(pages["yes"])
    assert bare.paragraphs[0][:40] not in visible_text(pages["no"])
    assert pages["no"].count("<") < pages["yes"].count("<")  # the element is gone, not emptied
    assert len(re.findall(empty, pages["no"])) == len(re.findall(empty, pages["yes"]))
    # In a latest-news block, an article without a lead is shown by its title.
    assert visible_text(pages["no"]).count(norm(bare.title)) >= 1
    links = re.findall(rf'<a [^>]*href="{re.escape(bare.path)}"[^>]*>(.*?)</a>', pages["no"], re.S)
    assert all(visible_text(text) or "<img" in text for text in links), template


# ----------------------------------------------------------------------------- the press layout
def press_release(page: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(page).find_class("po-release")[0]


def test_press_article_has_no_date_but_its_sidebar_dates_match_the_profile(
    articles: list[MirrorArticle],
) -> None:
    """A crawler that takes any element the profile's date selectors match stores the date
    of another (newer) article: the article page itself shows no date at all."""
    latest = [a for a in articles if a.lang == "ru"][:3]
    for article in [a for a in articles if a.lang == "ru"][3:]:
        page = render_article(article, SiteInfo("ru", "press"), latest)
        day = article.published
        outside_text = re.sub(r"<section\b.*?</section>", "", page.replace(latest_block(page), ""),
                              flags=re.S)  # the text itself may mention its day
        for form in (f"{day:%d.%m.%Y}", f"{day:%d.%m.%y}", day.isoformat(), long_date_ru(day),
                     long_date_ru(day).removesuffix(" г.")):
            assert form not in outside_text, (article.path, form)
        matched = [
            text for selector in SELECTORS.date
            for text in Selector(text=page).css(f"{selector} ::text").getall()
        ]
        assert matched, "the profile's date selectors must match the sidebar"
        assert set(matched) == {f"{a.published:%d.%m.%Y}" for a in latest}
        assert all(a.published >= day for a in latest)
        assert page.index("news-date-time") < page.index("<h1")  # the sidebar comes first


def long_date_ru(day: date) -> str:
    return f"{day.day} {MONTHS['ru'][day.month - 1]} {day.year} г."


def latest_block(page: str) -> str:
    return page.split('<div class="po-side">', 1)[1].split('<div class="po-content">', 1)[0]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_press_body_is_in_sibling_sections_of_two_or_three_paragraphs(
    lang: str, articles: list[MirrorArticle]
) -> None:
    for article in [a for a in articles if a.lang == lang]:
        release = press_release(render_article(article, SiteInfo(lang, "press"), []))
        sections = release.findall("section")
        assert len(sections) >= 2, article.path
        shown = []
        for section in sections:
            assert section.getparent() is release
            paras = section.findall("p")
            assert 1 <= len(paras) <= 3 and len(paras) == len(section)
            shown += [norm(p.text_content()) for p in paras]
        assert shown == [norm(p) for p in article.paragraphs], article.path
        assert all(len(s.findall("p")) >= 2 for s in sections[:-1])
        closing = sections[-1].findall("p")[-1]
        if "signature" in article.shapes:
            assert closing.get("class") == "po-sign" and not closing.text_content().endswith(".")
        elif "source" in article.shapes:
            assert closing.get("class") == "po-source"
            assert closing.text_content().startswith(("Source: ", "Источник: "))
        else:
            assert closing.get("class") is None


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_press_listing_is_table_rows_with_the_lead_in_a_row_of_its_own(
    lang: str, articles: list[MirrorArticle]
) -> None:
    section = [a for a in articles if a.lang == lang and a.section == "news_odkb"]
    items = section[10:20]
    assert any(not a.lead for a in items) and any(a.lead for a in items)
    page = render_listing("news_odkb", items, 2, 5, SiteInfo(lang, "press"), section[:3])
    table = lxml.html.fromstring(page).find_class("po-list")[0]
    rows = iter(table.iter("tr"))
    more = {"en": "More »", "ru": "Подробнее »"}[lang]
    for article in items:
        head = next(rows)
        link, day = head.findall("td")
        assert link.find("a").get("href") == article.path
        assert norm(link.text_content()) == norm(article.title)
        month = MONTHS[lang][article.published.month - 1]
        assert norm(day.text_content()).startswith(f"{article.published.day} {month}")
        row = next(rows)
        if article.lead:
            assert norm(row.text_content()) == norm(article.lead) and not row.findall(".//a")
            row = next(rows)
        (anchor,) = row.findall(".//a")
        assert anchor.get("href") == article.path and anchor.text_content() == more
    (feed,) = next(rows).findall(".//a")  # the mailing-list link ends the table
    assert next(rows, None) is None and malformed(feed.get("href"))
    assert '<a href="?PAGEN_1=3">3</a>' in page


def malformed(href: str) -> bool:
    """A bracketed host that is not an IP address: urlsplit() raises ValueError on it
    (Python 3.11 and later)."""
    host = re.match(r"https?://\[([^\]]+)\]", href)
    if not host:
        return False
    try:
        ip_address(host.group(1))
    except ValueError:
        return True
    return False


def test_press_pages_carry_a_malformed_link_outside_the_article(
    articles: list[MirrorArticle],
) -> None:
    with MirrorServer(articles, "en", "press") as server:
        for path in ("/", "/news/", "/news/smi/", articles[5].path, "/no/such/page/"):
            page = get(server, path)[2].decode()
            hrefs = re.findall(r'href="([^"]+)"', page)
            assert any(malformed(h) for h in hrefs), path
            if "po-release" in page:
                inside = lxml.html.tostring(press_release(page), encoding="unicode")
                assert not any(malformed(h) for h in re.findall(r'href="([^"]+)"', inside))
        listing = get(server, "/news/news_odkb/")[2].decode()
        assert sum(malformed(h) for h in re.findall(r'href="([^"]+)"', listing)) == 2
