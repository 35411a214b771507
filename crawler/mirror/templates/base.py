"""What every mirror layout shares: site info, labels, text helpers and the base class."""

from __future__ import annotations

import html
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from crawler.mirror.dataset import MirrorArticle, load_corpus

SECTIONS = ("news_odkb", "smi")


PER_PAGE = 10


REAL_HOSTS = {"en": "https://en.odkb-csto.org", "ru": "https://odkb-csto.org"}


SECTION_TITLES = {
    "news_odkb": {"en": "CSTO news", "ru": "Новости ОДКБ"},
    "smi": {"en": "Media about the CSTO", "ru": "СМИ об ОДКБ"},
}


LABELS = {
    "en": {
        "site": "CSTO", "org": "Collective Security Treaty Organization", "home": "Home",
        "news": "News", "about": "About", "documents": "Documents", "contacts": "Contacts",
        "back": "Go back", "to_section": "Back to the section", "to_all": "Back to the all news",
        "pages": "Pages:", "prev": "Prev", "next": "Next", "first": "First", "last": "Last",
        "switch": "Русский", "latest": "Latest news", "share": "Share:", "print": "Print",
        "files": "Attached files", "not_found": "Page not found",
        "not_found_text": "The requested page was not found. Please use the site search.",
        "address": "Russian Federation, 101000, Moscow, Sverchkov lane, 3/2",
        "copyright": "© 2009–2024 Collective Security Treaty Organization. All rights reserved.",
        "search": "Search",
    },
    "ru": {
        "site": "ОДКБ", "org": "Организация Договора о коллективной безопасности",
        "home": "Главная", "news": "Новости", "about": "Об ОДКБ", "documents": "Документы",
        "contacts": "Контакты", "back": "Назад", "to_section": "Вернуться в раздел",
        "to_all": "Вернуться ко всем новостям", "pages": "Страницы:", "prev": "Пред.",
        "next": "След.", "first": "Начало", "last": "Конец", "switch": "English",
        "latest": "Последние новости", "share": "Поделиться:", "print": "Печать",
        "files": "Прикрепленные файлы", "not_found": "Страница не найдена",
        "not_found_text": "Запрашиваемая страница не найдена. Воспользуйтесь поиском по сайту.",
        "address": "Российская Федерация, 101000, г. Москва, Сверчков пер., д. 3/2",
        "copyright": "© 2009–2024 Организация Договора о коллективной безопасности.",
        "search": "Поиск",
    },
}  # fmt: skip


_ENTITIES = (
    ("«", "&laquo;"), ("»", "&raquo;"), ("—", "&mdash;"), ("–", "&ndash;"),
    ("“", "&#8220;"), ("”", "&#8221;"),
)  # fmt: skip


COUNTER_SCRIPT = (
    '<script type="text/javascript">(function(m,e,t,r,i,k,a){m[i]=m[i]||function(){'
    "(m[i].a=m[i].a||[]).push(arguments)};k=e.createElement(t),a=e.getElementsByTagName(t)[0],"
    "k.async=1,k.src=r,a.parentNode.insertBefore(k,a)})(window,document,'script',"
    "'https://mc.yandex.ru/metrika/tag.js','ym');ym(21538942,'init',{clickmap:true});</script>"
)


@dataclass(frozen=True)
class SiteInfo:
    """Per-server rendering settings."""

    lang: str
    template: str = "bitrix"
    charset: str = "UTF-8"
    alternate_url: str = ""

    @property
    def labels(self) -> dict[str, str]:
        """UI strings in the site's language."""
        return LABELS[self.lang]


def esc(text: str) -> str:
    """Escape like a CMS editor would: typographic characters become named/numeric entities."""
    out = html.escape(text, quote=False)
    for char, entity in _ENTITIES:
        out = out.replace(char, entity)
    return out


def attr(text: str) -> str:
    """Escape an attribute value."""
    return html.escape(text, quote=True)


def key_of(*parts: object) -> int:
    """Stable pseudo-random number (hash() is salted per process, crc32 is not)."""
    return zlib.crc32("|".join(map(str, parts)).encode())


def dotted(day: date) -> str:
    """Bitrix's default date format, dd.mm.yyyy."""
    return f"{day:%d.%m.%Y}"


def long_date(day: date, lang: str) -> str:
    """Human date: '10 July 2020' or '10 июля 2020 г.'."""
    months = load_corpus()["months"]
    if lang == "ru":
        return f"{day.day} {months['ru_gen'][day.month - 1]} {day.year} г."
    return f"{day.day} {months['en'][day.month - 1]} {day.year}"


def decorate(text: str, key: int) -> str:
    """Render one paragraph with editor typography that must vanish after normalisation.

    Adds &nbsp; after short words, an inline <b>/<strong>/<a>, and a <br> replacing one space;
    the visible text is unchanged once nbsp→space and whitespace is collapsed.
    """
    words = text.split(" ")
    if key % 7 == 0 or len(words) < 4:
        return esc(text)
    parts = [esc(w) for w in words]
    seps = [" "] * (len(words) - 1)
    for j, word in enumerate(words[:-1]):
        if len(word) <= 2 and (key >> j) % 2:
            seps[j] = "&nbsp;"
    i = key % (len(parts) - 2) + 1
    style = (key >> 3) % 3
    if style == 0:
        parts[i] = f"<b>{parts[i]}</b>"
    elif style == 1:
        parts[i] = f"<strong>{parts[i]}</strong>"
    else:
        onclick = " onclick=\"ym(21538942,'reachGoal','inline');\"" if key % 2 else ""
        parts[i] = f'<a href="/news/news_odkb/"{onclick}>{parts[i]}'
        parts[i + 1] = f"{parts[i + 1]}</a>"
    if len(words) > 12 and (key >> 5) % 2:
        seps[len(seps) // 2] = "<br>\n"
    return parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:], strict=True))


def teaser(article: MirrorArticle) -> str:
    """Link text of a latest-news item: the lead, or the title of an article without one."""
    return article.lead or article.title


def lead_block(article: MirrorArticle, markup: str) -> str:
    """`markup` around the escaped lead ("{}" marks its place), or nothing at all for an
    article without a lead: a listing item with no lead has no empty lead element."""
    return markup.format(esc(article.lead)) if article.lead else ""


def paragraph_html(article: MirrorArticle) -> list[str]:
    """Decorated HTML of every paragraph of an article (no wrapping element)."""
    return [decorate(p, key_of(article.slug, i)) for i, p in enumerate(article.paragraphs)]


def inline_script(article: MirrorArticle) -> str:
    """Some articles carry a script inside the text container, as Bitrix widgets do."""
    if key_of(article.slug, "script") % 3:
        return ""
    return '<script>BX.ready(function(){BX.viewImageBind("news-text",{});});</script>\n'


def page_window(page: int, pages: int) -> list[int | None]:
    """Page numbers to show around the current one; None marks an ellipsis."""
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    out: list[int | None] = []
    for num in shown:
        if out and out[-1] is not None and num - out[-1] > 1:
            out.append(None)
        out.append(num)
    return out


def page_href(section: str, num: int) -> str:
    """Bitrix pagination URL; page 1 is the bare section URL."""
    base = f"/news/{section}/"
    return base if num == 1 else f"{base}?PAGEN_1={num}"


class _Template:
    """Shared page skeleton; subclasses provide the layout-specific fragments."""

    # Whether an article page shows its own date (a crawler otherwise takes the listing's).
    dates_articles = True

    def __init__(self, site: SiteInfo) -> None:
        self.site = site
        self.lab = site.labels

    def head(self, title: str) -> str:
        """<head> with charset, title, og:title and scripts, common to every layout."""
        full = f"{title} - {self.lab['site']}" if title else self.lab["org"]
        return (
            f'<!DOCTYPE html>\n<html lang="{self.site.lang}">\n<head>\n'
            f'<meta charset="{self.site.charset}">\n<title>{attr(full)}</title>\n'
            f'<meta property="og:title" content="{attr(title or self.lab["org"])}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<link href="/bitrix/cache/css/s1/odkb/template_styles.css" rel="stylesheet">\n'
            '<script src="/bitrix/js/main/core/core.min.js"></script>\n'
            f'<script>BX.message({{"LANGUAGE_ID":"{self.site.lang}","SITE_ID":"s1"}});</script>\n'
            "</head>\n"
        )

    def menu_items(self) -> list[tuple[str, str]]:
        """Top menu entries (href, label)."""
        lab = self.lab
        return [
            ("/", lab["home"]), ("/about/", lab["about"]), ("/news/", lab["news"]),
            ("/news/news_odkb/", SECTION_TITLES["news_odkb"][self.site.lang]),
            ("/news/smi/", SECTION_TITLES["smi"][self.site.lang]),
            ("/documents/", lab["documents"]), ("/contacts/", lab["contacts"]),
        ]  # fmt: skip

    def crumbs(self, section: str | None, title: str | None) -> list[tuple[str | None, str]]:
        """Breadcrumb trail (href or None for the current page, label)."""
        trail: list[tuple[str | None, str]] = [
            ("/", self.lab["home"]),
            ("/news/", self.lab["news"]),
        ]
        if section:
            trail.append((f"/news/{section}/", SECTION_TITLES[section][self.site.lang]))
        if title:
            trail.append((None, title))
        return trail

    def page(self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list) -> str:
        """Assemble a full document."""
        return (
            self.head(title)
            + self.body_open()
            + self.header()
            + self.latest(latest)
            + self.breadcrumbs(crumbs)
            + main
            + self.footer()
        )

    def nav_links(self, article: MirrorArticle) -> list[tuple[str, str]]:
        """The three links that end every article."""
        return [
            ("javascript:history.back()", self.lab["back"]),
            (f"/news/{article.section}/", self.lab["to_section"]),
            ("/news/", self.lab["to_all"]),
        ]

    def not_found(self, latest: Sequence[MirrorArticle]) -> str:
        """Bitrix-like 404 page body inside the site chrome."""
        main = f"<h1>{esc(self.lab['not_found'])}</h1>\n<p>{esc(self.lab['not_found_text'])}</p>\n"
        return self.page(self.lab["not_found"], main, latest, self.crumbs(None, None))

    def news_index(self, latest: Sequence[MirrorArticle]) -> str:
        """/news/: links to the sections."""
        links = "".join(
            f'<li><a href="/news/{s}/">{esc(SECTION_TITLES[s][self.site.lang])}</a></li>\n'
            for s in SECTIONS
        )
        main = f"<h1>{esc(self.lab['news'])}</h1>\n<ul>\n{links}</ul>\n"
        return self.page(self.lab["news"], main, latest, self.crumbs(None, None))

    # Layout-specific pieces -------------------------------------------------
    def body_open(self) -> str:
        raise NotImplementedError

    def header(self) -> str:
        raise NotImplementedError

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        raise NotImplementedError

    def breadcrumbs(self, trail: list) -> str:
        raise NotImplementedError

    def footer(self) -> str:
        raise NotImplementedError

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        raise NotImplementedError

    def listing(
        self, heading: str, section: str | None, items: Sequence[MirrorArticle],
        page: int, pages: int, latest: Sequence[MirrorArticle],
    ) -> str:  # fmt: skip
        raise NotImplementedError

