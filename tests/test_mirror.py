"""Tests of the local site mirror itself (dataset, templates, HTTP server), not of the crawler."""

from __future__ import annotations

import html
import http.client
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.mirror import TEMPLATES, MirrorArticle, MirrorServer, build_dataset
from crawler.mirror.render import SiteInfo, render_article, render_listing
from crawler.mirror.server import MirrorRequestHandler

SEED_SLUG = (
    "delegatsiya-sekretariata-odkb-prinyala-uchastie-v-meropriyatiyakh-"
    "onlayn-nedeli-borby-s-terrorizmom"
)
SEED_FILE = Path(__file__).parent / "fixtures" / "seed" / "000_64aa9db907325c64.txt"


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
    once = ("wp", "tilda", "agency", "drupal")  # these show the title once only
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
        assert 3 <= len(a.paragraphs) <= 7 or a.slug == SEED_SLUG


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
