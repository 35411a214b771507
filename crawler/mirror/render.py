"""HTML rendering of the mirror in five deliberately different page layouts.

The crawler must extract the same clean text from every layout, so each template varies the
markup (classes, date formats, pagination, paragraph structure) while the visible text of the
article body stays identical to ``MirrorArticle.body`` after whitespace normalisation.
"""

from __future__ import annotations

import html
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from .dataset import MirrorArticle, load_corpus

TEMPLATES = (
    "bitrix", "modern", "legacy", "cards", "portal", "spa", "flat", "gov", "wp", "agency", "tilda",
)  # fmt: skip
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


# --------------------------------------------------------------------------- text helpers


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


# --------------------------------------------------------------------------- templates


class _Template:
    """Shared page skeleton; subclasses provide the layout-specific fragments."""

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


class BitrixTemplate(_Template):
    """Bitrix 'news' component defaults: news-detail / news-list / modern-page-navigation."""

    def body_open(self) -> str:
        return '<body>\n<div id="panel"></div>\n<div class="wrapper">\n'

    def header(self) -> str:
        items = "".join(
            f'<li class="top-menu__item"><a href="{h}">{esc(t)}</a></li>'
            for h, t in self.menu_items()
        )
        return (
            '<header class="header">\n<div class="header__logo"><a href="/">'
            f'<img src="/bitrix/templates/odkb/images/logo.png" alt="{attr(self.lab["site"])}">'
            f'</a></div>\n<nav class="top-menu"><ul>{items}</ul></nav>\n'
            f'<div class="header__lang"><a href="{attr(self.site.alternate_url)}">'
            f"{esc(self.lab['switch'])}</a></div>\n"
            '<form class="header__search" action="/search/"><input type="text" name="q">'
            f'<input type="submit" value="{attr(self.lab["search"])}"></form>\n</header>\n'
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        rows = "".join(
            f'<div class="last-news__item">\n<div class="last-news__date">{dotted(a.published)}'
            f'</div>\n<a class="last-news__link" href="{a.path}">{esc(a.lead)}</a>\n</div>\n'
            for a in items
        )
        return f'<div class="last-news">\n{rows}</div>\n'

    def breadcrumbs(self, trail: list) -> str:
        parts = [
            f'<a href="{h}" title="{attr(t)}">{esc(t)}</a>' if h else f"<span>{esc(t)}</span>"
            for h, t in trail
        ]
        return f'<div class="bx-breadcrumb">{" / ".join(parts)}</div>\n'

    def footer(self) -> str:
        return (
            '</div>\n<footer class="footer">\n'
            f'<div class="footer__copy">{esc(self.lab["copyright"])}</div>\n'
            f'<div class="footer__address">{esc(self.lab["address"])}</div>\n'
            f"{COUNTER_SCRIPT}\n</footer>\n</body>\n</html>\n"
        )

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        paras = paragraph_html(article)
        blocks = []
        for i, para in enumerate(paras):
            indent = "\n\t" if key_of(article.slug, i, "indent") % 2 else ""
            blocks.append(f"<p>{indent}{para}{indent and chr(10)}</p>\n")
            if i == 0 and key_of(article.slug, "empty") % 2:
                blocks.append("<p>&nbsp;</p>\n")
            if i == 1:
                blocks.append(inline_script(article))
        images = "".join(
            f'<img class="detail_picture" src="{src}" alt="{attr(cap)}" title="{attr(cap)}">\n'
            f'<div class="news-detail__caption">{esc(cap)}</div>\n'
            for src, cap in article.images
        )
        files = "".join(
            f'<div class="news-detail__file"><a href="{h}">{esc(t)}</a></div>\n'
            for h, t in article.attachments
        )
        nav = "".join(f'<p><a href="{h}">{esc(t)}</a></p>\n' for h, t in self.nav_links(article))
        main = (
            f'<h1 class="page-title">{esc(article.title)}</h1>\n<div class="news-detail">\n'
            f'<div class="news-detail__title">{esc(article.title)} '
            f'<span class="news-date-time">{dotted(article.published)}</span></div>\n'
            f'{images}<div class="news-detail__text" id="news-text">\n{"".join(blocks)}</div>\n'
            f'{files}<div style="clear:both"></div>\n<div class="news-detail__back">\n{nav}</div>\n'
            "</div>\n"
        )
        crumbs = self.crumbs(article.section, article.title)
        return self.page(article.title, main, latest, crumbs)

    def listing(
        self,
        heading: str,
        section: str | None,
        items: Sequence[MirrorArticle],
        page: int,
        pages: int,
        latest: Sequence[MirrorArticle],
    ) -> str:
        rows = "".join(
            f'<p class="news-item" id="bx_3218110189_{key_of(a.slug) % 100000}">\n'
            f'<span class="news-date-time">{dotted(a.published)}</span>&nbsp;&nbsp;'
            f'<a href="{a.path}"><b>{esc(a.title)}</b></a><br>\n{esc(a.lead)}\n</p>\n'
            for a in items
        )
        pager = self.pager(section, page, pages) if section else ""
        main = (
            f'<h1 class="page-title">{esc(heading)}</h1>\n'
            f'<div class="news-list">\n{rows}{pager}</div>\n'
        )
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, section: str, page: int, pages: int) -> str:
        """Bitrix 'modern' pagination template."""
        lab = self.lab
        out = [f'<span class="modern-page-title">{esc(lab["pages"])}</span>']
        if page > 1:
            out.append(
                f'<a class="modern-page-previous" href="{page_href(section, page - 1)}">'
                f"{esc(lab['prev'])}</a>"
            )
        for num in page_window(page, pages):
            if num is None:
                out.append('<span class="modern-page-dots">...</span>')
            elif num == page:
                out.append(f'<span class="modern-page-current">{num}</span>')
            else:
                out.append(f'<a href="{page_href(section, num)}">{num}</a>')
        if page < pages:
            out.append(
                f'<a class="modern-page-next" href="{page_href(section, page + 1)}">'
                f"{esc(lab['next'])}</a>"
                f'<a class="modern-page-last" href="{page_href(section, pages)}">'
                f"{esc(lab['last'])}</a>"
            )
        return f'<div class="modern-page-navigation">\n{chr(10).join(out)}\n</div>\n'


class ModernTemplate(_Template):
    """HTML5 redesign: main/article/header/time, figure, share bar, rel=next pagination."""

    def body_open(self) -> str:
        return '<body class="page">\n'

    def header(self) -> str:
        items = "".join(
            f'<a class="site-nav__link" href="{h}">{esc(t)}</a>' for h, t in self.menu_items()
        )
        return (
            '<header class="site-header">\n<a class="site-header__brand" href="/">'
            f'{esc(self.lab["org"])}</a>\n<nav class="site-nav">{items}</nav>\n'
            f'<a class="site-header__switch" hreflang="{"ru" if self.site.lang == "en" else "en"}"'
            f' href="{attr(self.site.alternate_url)}">{esc(self.lab["switch"])}</a>\n</header>\n'
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        cards = "".join(
            f'<li class="ticker__card"><time datetime="{a.published.isoformat()}">'
            f"{dotted(a.published)}</time>\n"
            f'<a class="ticker__text" href="{a.path}">{esc(a.lead)}</a></li>\n'
            for a in items
        )
        return (
            f'<aside class="ticker" aria-label="{attr(self.lab["latest"])}">\n'
            f"<ul>\n{cards}</ul>\n</aside>\n"
        )

    def breadcrumbs(self, trail: list) -> str:
        items = "".join(
            f'<li class="crumbs__item"><a href="{h}">{esc(t)}</a></li>'
            if h
            else f'<li class="crumbs__item" aria-current="page">{esc(t)}</li>'
            for h, t in trail
        )
        return f'<nav aria-label="breadcrumb"><ol class="crumbs">{items}</ol></nav>\n'

    def footer(self) -> str:
        return (
            '<footer class="site-footer">\n'
            f'<p class="site-footer__copy">{esc(self.lab["copyright"])}</p>\n'
            f"<address>{esc(self.lab['address'])}</address>\n{COUNTER_SCRIPT}\n"
            '<script src="/local/templates/main/js/app.bundle.js" defer></script>\n'
            "</footer>\n</body>\n</html>\n"
        )

    def share(self, article: MirrorArticle) -> str:
        """Social share buttons pointing at the real site's URL, as production does."""
        url = REAL_HOSTS[article.lang] + article.path
        return (
            f'<div class="share">{esc(self.lab["share"])} '
            f'<a href="https://www.facebook.com/sharer/sharer.php?u={url}" target="_blank">'
            "Facebook</a> "
            f'<a href="https://t.me/share/url?url={url}" target="_blank">Telegram</a> '
            f'<a href="https://vk.com/share.php?url={url}" target="_blank">VK</a> '
            '<a href="#" onclick="window.print(); return false;">'
            f"{esc(self.lab['print'])}</a></div>\n"
        )

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        blocks = []
        for i, para in enumerate(paragraph_html(article)):
            blocks.append(f"<p>{para}</p>\n")
            if i == 1 and key_of(article.slug, "empty") % 2:
                blocks.append("<p>&nbsp;</p>\n")
            if i == 0:
                blocks.append(inline_script(article))
        figures = "".join(
            f'<figure class="story__figure"><img src="{src}" alt="{attr(cap)}" loading="lazy">'
            f"<figcaption>{esc(cap)}</figcaption></figure>\n"
            for src, cap in article.images
        )
        files = "".join(
            f'<li><a href="{h}" download>{esc(t)}</a></li>' for h, t in article.attachments
        )
        if files:
            files = (
                f'<section class="story__files"><h2>{esc(self.lab["files"])}</h2>'
                f"<ul>{files}</ul></section>\n"
            )
        nav = " ".join(
            f'<a class="story__back" href="{h}">{esc(t)}</a>' for h, t in self.nav_links(article)
        )
        main = (
            '<main class="layout">\n<article class="story">\n<header class="story__header">\n'
            f'<h1 class="story__title">{esc(article.title)}</h1>\n'
            f'<time class="story__date" datetime="{article.published.isoformat()}">'
            f"{long_date(article.published, article.lang)}</time>\n</header>\n"
            f"{self.share(article)}{figures}"
            f'<div class="story__body">\n{"".join(blocks)}</div>\n{files}'
            f'<footer class="story__footer">{nav}</footer>\n</article>\n</main>\n'
        )
        return self.page(article.title, main, latest, self.crumbs(article.section, article.title))

    def listing(
        self,
        heading: str,
        section: str | None,
        items: Sequence[MirrorArticle],
        page: int,
        pages: int,
        latest: Sequence[MirrorArticle],
    ) -> str:
        rows = "".join(
            f'<li class="feed__item"><a class="feed__link" href="{a.path}">{esc(a.title)}</a>\n'
            f'<time datetime="{a.published.isoformat()}">{long_date(a.published, a.lang)}</time>\n'
            f'<p class="feed__lead">{esc(a.lead)}</p></li>\n'
            for a in items
        )
        pager = self.pager(section, page, pages) if section else ""
        main = (
            f'<main class="layout">\n<h1 class="layout__title">{esc(heading)}</h1>\n'
            f'<ul class="feed">\n{rows}</ul>\n{pager}</main>\n'
        )
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, section: str, page: int, pages: int) -> str:
        """rel=prev/next pagination."""
        out = []
        if page > 1:
            out.append(
                f'<a rel="prev" href="{page_href(section, page - 1)}">← {esc(self.lab["prev"])}</a>'
            )
        for num in page_window(page, pages):
            if num is None:
                out.append('<span class="pagination__gap">…</span>')
            elif num == page:
                out.append(f'<span class="pagination__current" aria-current="page">{num}</span>')
            else:
                out.append(
                    f'<a class="pagination__link" href="{page_href(section, num)}">{num}</a>'
                )
        if page < pages:
            out.append(
                f'<a rel="next" href="{page_href(section, page + 1)}">{esc(self.lab["next"])} →</a>'
            )
        label = attr(self.lab["pages"])
        return f'<nav class="pagination" aria-label="{label}">\n{chr(10).join(out)}\n</nav>\n'


class LegacyTemplate(_Template):
    """Early-2000s table layout: <font>, <br><br> paragraphs, no <h1>, no classes."""

    def page(self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list) -> str:
        return (
            self.head(title)
            + '<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0">\n'
            + '<table width="100%" border="0" cellspacing="0" cellpadding="0">\n'
            + f'<tr><td colspan="2" bgcolor="#003366">{self.header()}</td></tr>\n'
            + f'<tr><td width="220" valign="top">{self.latest(latest)}</td>\n'
            + f'<td valign="top">{self.breadcrumbs(crumbs)}{main}</td></tr>\n'
            + f'<tr><td colspan="2">{self.footer()}</td></tr>\n</table>\n'
            + f"{COUNTER_SCRIPT}\n</body>\n</html>\n"
        )

    def header(self) -> str:
        items = " | ".join(
            f'<a href="{h}"><font color="#FFFFFF">{esc(t)}</font></a>' for h, t in self.menu_items()
        )
        return (
            f'<font size="2" face="Verdana">{items} &nbsp; '
            f'<a href="{attr(self.site.alternate_url)}"><font color="#FFCC00">'
            f"{esc(self.lab['switch'])}</font></a></font>"
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        rows = "".join(
            f'<tr><td><font size="1" color="#999999">{dotted(a.published)}</font><br>\n'
            f'<a href="{a.path}"><font size="1">{esc(a.lead)}</font></a><br><br></td></tr>\n'
            for a in items
        )
        return f'<table width="100%" cellpadding="4">\n{rows}</table>'

    def breadcrumbs(self, trail: list) -> str:
        parts = [f'<a href="{h}">{esc(t)}</a>' if h else esc(t) for h, t in trail]
        return f'<font size="1">{" &raquo; ".join(parts)}</font><br><br>\n'

    def footer(self) -> str:
        return (
            f'<hr size="1"><font size="1" color="#666666">{esc(self.lab["copyright"])}<br>\n'
            f"{esc(self.lab['address'])}</font>"
        )

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        paras = paragraph_html(article)
        if len(paras) > 2:
            paras[1] = inline_script(article) + paras[1]
        text = "<br><br>\n".join(paras)
        images = "".join(
            f'<tr><td colspan="2"><img src="{src}" border="0" hspace="5" vspace="5"><br>'
            f'<font size="1"><i>{esc(cap)}</i></font></td></tr>\n'
            for src, cap in article.images
        )
        files = "".join(
            f'<tr><td colspan="2"><font size="2"><a href="{h}">{esc(t)}</a></font></td></tr>\n'
            for h, t in article.attachments
        )
        nav = "<br>\n".join(
            f'<a href="{h}"><font size="2">{esc(t)}</font></a>' for h, t in self.nav_links(article)
        )
        main = (
            '<table width="100%" border="0" cellpadding="3">\n'
            f'<tr><td colspan="2"><font size="4"><b>{esc(article.title)}</b></font></td></tr>\n'
            f'<tr><td><font size="2"><b>{esc(article.title)}</b></font></td>'
            f'<td width="90" align="right"><font size="2" color="#808080">'
            f"{dotted(article.published)}</font></td></tr>\n{images}"
            f'<tr><td colspan="2"><font size="2" face="Arial">\n{text}\n</font></td></tr>\n'
            f'{files}<tr><td colspan="2"><br>{nav}</td></tr>\n</table>\n'
        )
        return self.page(article.title, main, latest, self.crumbs(article.section, article.title))

    def listing(
        self,
        heading: str,
        section: str | None,
        items: Sequence[MirrorArticle],
        page: int,
        pages: int,
        latest: Sequence[MirrorArticle],
    ) -> str:
        rows = "".join(
            f'<tr><td width="80" valign="top"><font size="1">{dotted(a.published)}</font></td>\n'
            f'<td valign="top"><a href="{a.path}"><b>{esc(a.title)}</b></a><br>\n'
            f'<font size="2">{esc(a.lead)}</font></td></tr>\n'
            for a in items
        )
        pager = self.pager(page, pages) if section else ""
        main = (
            f'<font size="4"><b>{esc(heading)}</b></font><br><br>\n'
            f'<table width="100%" border="0" cellpadding="4">\n{rows}</table>\n{pager}'
        )
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, page: int, pages: int) -> str:
        """Plain numbered links with relative '?PAGEN_1=n' hrefs and '>>' for next."""
        out = []
        if page > 1:
            out.append(f'<a href="?PAGEN_1={page - 1}">&lt;&lt;</a>')
        for num in page_window(page, pages):
            if num is None:
                out.append("...")
            elif num == page:
                out.append(f"<b>{num}</b>")
            else:
                out.append(f'<a href="?PAGEN_1={num}">{num}</a>')
        if page < pages:
            out.append(f'<a href="?PAGEN_1={page + 1}">&gt;&gt;</a>')
        return f'<br><font size="2">{" ".join(out)}</font><br>\n'


WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CARDS_LABELS = {
    "en": {
        "published": "Published:", "read_also": "Read also", "to_section": "← Back to the section",
        "copyright": (
            "© 2009–2024 Secretariat of the Collective Security Treaty Organization. All rights "
            "reserved. Any use of materials is allowed only with a hyperlink to the source."
        ),
    },
    "ru": {
        "published": "Опубликовано:", "read_also": "Читайте также",
        "to_section": "← Вернуться в раздел",
        "copyright": (
            "© 2009–2024 Секретариат Организации Договора о коллективной безопасности. Все права "
            "защищены. Использование материалов допускается только со ссылкой на источник."
        ),
    },
}  # fmt: skip


class CardsTemplate(_Template):
    """A redesign never seen before: card grids, the title in an <h2>, the date after the body.

    The only <h1> is the logo, the <title> puts the site name first, paragraphs are <div>s,
    the image sits between the first two paragraphs and the latest news follow the article.
    """

    def __init__(self, site: SiteInfo) -> None:
        super().__init__(site)
        self.cl = CARDS_LABELS[site.lang]

    def head(self, title: str) -> str:
        full = f"{self.lab['site']} — {title}" if title else self.lab["org"]
        og = f"{title} | {self.lab['site']}" if title else self.lab["org"]
        return (
            f'<!DOCTYPE html>\n<html lang="{self.site.lang}">\n<head>\n'
            f'<meta charset="{self.site.charset}">\n<title>{attr(full)}</title>\n'
            f'<meta property="og:title" content="{attr(og)}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<link href="/local/templates/cards/dist/cards.css" rel="stylesheet">\n'
            '<script src="/bitrix/js/main/core/core.min.js"></script>\n'
            f'<script>BX.message({{"LANGUAGE_ID":"{self.site.lang}","SITE_ID":"s1"}});</script>\n'
            "</head>\n"
        )

    def page(self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list) -> str:
        """Header, then the main column, then the right column with the latest news."""
        return (
            self.head(title)
            + self.body_open()
            + self.header()
            + '<div class="shell">\n<div class="col-main">\n'
            + self.breadcrumbs(crumbs)
            + main
            + '</div>\n<div class="col-side">\n'
            + self.latest(latest)
            + "</div>\n</div>\n"
            + self.footer()
        )

    def body_open(self) -> str:
        return '<body class="cards-theme">\n'

    def header(self) -> str:
        items = "".join(
            f'<span class="menu-entry"><a href="{h}">{esc(t)}</a></span>'
            for h, t in self.menu_items()
        )
        return (
            f'<div class="topbar">\n<h1 class="brand">{esc(self.lab["site"])}</h1>\n'
            f'<div class="menu">{items}</div>\n'
            f'<a class="lang-toggle" href="{attr(self.site.alternate_url)}">'
            f"{esc(self.lab['switch'])}</a>\n</div>\n"
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        rows = "".join(
            f'<li><time>{dotted(a.published)}</time> <a href="{a.path}">{esc(a.lead)}</a></li>\n'
            for a in items
        )
        return f'<ul class="feed">\n{rows}</ul>\n'

    def breadcrumbs(self, trail: list) -> str:
        parts = [f'<a href="{h}">{esc(t)}</a>' if h else f"<i>{esc(t)}</i>" for h, t in trail]
        return f'<div class="trail">{" › ".join(parts)}</div>\n'

    def footer(self) -> str:
        return (
            '<div class="bottom">\n'
            f'<p class="legal">{esc(self.cl["copyright"])}</p>\n'
            f'<p class="where">{esc(self.lab["address"])}</p>\n{COUNTER_SCRIPT}\n'
            "</div>\n</body>\n</html>\n"
        )

    def published(self, day: date) -> str:
        """'Friday, 10 July 2020' or '10 июля 2020 г.' (no weekday in Russian)."""
        text = long_date(day, self.site.lang)
        if self.site.lang == "en":
            text = f"{WEEKDAYS_EN[day.weekday()]}, {text}"
        return f"{self.cl['published']} {text}"

    def short_date(self, day: date) -> str:
        """Listing date: '10 July 2020' / '10 июля 2020' (no 'г.')."""
        return long_date(day, self.site.lang).removesuffix(" г.")

    def share(self, article: MirrorArticle) -> str:
        url = REAL_HOSTS[article.lang] + article.path
        return (
            f'<div class="sharing"><span>{esc(self.lab["share"])}</span> '
            f'<a href="https://vk.com/share.php?url={url}" rel="nofollow">VK</a> '
            f'<a href="https://t.me/share/url?url={url}" rel="nofollow">Telegram</a></div>\n'
        )

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        pics = "".join(
            f'<div class="pic"><img src="{src}" alt="{attr(cap)}"><br><em>{esc(cap)}</em></div>\n'
            for src, cap in article.images
        )
        blocks = []
        paras = paragraph_html(article)
        for i, para in enumerate(paras):
            blocks.append(f'<div class="para">{para}</div>\n')
            if i == 0:
                blocks.append(pics)
            if i == 1:
                blocks.append(inline_script(article))
        docs = "".join(f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in article.attachments)
        if docs:
            docs = f'<div class="docs"><ul>{docs}</ul></div>\n'
        others = [a for a in latest if a.path != article.path][:3]
        cards = "".join(
            f'<a class="card" href="{a.path}"><span class="card-date">{dotted(a.published)}'
            f'</span><span class="card-title">{esc(a.title)}</span></a>\n'
            for a in others
        )
        main = (
            '<div class="entry">\n'
            f'<h2 class="entry-title">{esc(article.title)}</h2>\n'
            f'<div class="entry-content">\n{"".join(blocks)}</div>\n{docs}'
            f'<p class="entry-meta">{esc(self.published(article.published))}</p>\n'
            f'<div class="more">\n<h4>{esc(self.cl["read_also"])}</h4>\n{cards}</div>\n'
            f'<div class="entry-nav"><a href="/news/{article.section}/">'
            f"{esc(self.cl['to_section'])}</a></div>\n"
            f"{self.share(article)}</div>\n"
        )
        return self.page(article.title, main, latest, self.crumbs(article.section, article.title))

    def listing(
        self,
        heading: str,
        section: str | None,
        items: Sequence[MirrorArticle],
        page: int,
        pages: int,
        latest: Sequence[MirrorArticle],
    ) -> str:
        tiles = "".join(
            f'<a class="tile" href="{a.path}"><small>{self.short_date(a.published)}</small>'
            f"<h3>{esc(a.title)}</h3><div>{esc(a.lead)}</div></a>\n"
            for a in items
        )
        pager = self.pager(page, pages) if section else ""
        main = f'<h2>{esc(heading)}</h2>\n<div class="tiles">\n{tiles}</div>\n{pager}'
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, page: int, pages: int) -> str:
        """Relative '?PAGEN_1=n' links; '«' is the first page, '»' the last."""
        out = []
        if page > 1:
            out.append('<a href="?PAGEN_1=1">«</a>')
        for num in page_window(page, pages):
            if num is None:
                out.append("…")
            elif num == page:
                out.append(f"<b>{num}</b>")
            else:
                out.append(f'<a href="?PAGEN_1={num}">{num}</a>')
        if page < pages:
            out.append(f'<a href="?PAGEN_1={pages}">»</a>')
        return f'<div class="pg">{" ".join(out)}</div>\n'

    def not_found(self, latest: Sequence[MirrorArticle]) -> str:
        main = f"<h2>{esc(self.lab['not_found'])}</h2>\n<p>{esc(self.lab['not_found_text'])}</p>\n"
        return self.page(self.lab["not_found"], main, latest, self.crumbs(None, None))

    def news_index(self, latest: Sequence[MirrorArticle]) -> str:
        names = SECTION_TITLES
        links = "".join(
            f'<a class="tile" href="/news/{s}/"><h3>{esc(names[s][self.site.lang])}</h3></a>\n'
            for s in SECTIONS
        )
        main = f'<h2>{esc(self.lab["news"])}</h2>\n<div class="tiles">\n{links}</div>\n'
        return self.page(self.lab["news"], main, latest, self.crumbs(None, None))


PORTAL_LABELS = {
    "en": {
        "news": "News", "tags": "Tags:", "tag_list": ("CSTO", "exercise"),
        "print": "Print version", "back": "Back to the list", "pages": "Pages:",
        "next": "Next page", "prev": "Previous page", "subscribe": "Subscribe to news",
        "email": "Your e-mail", "ok": "OK", "files": "Files:",
        "copyright": (
            "© 2009–2024 Collective Security Treaty Organization. All rights reserved. "
            "Reproduction, translation or any other use of the materials of this site, in full "
            "or in part, is permitted only with the written consent of the CSTO Secretariat and "
            "with an active hyperlink to the source. The editors are not responsible for the "
            "content of external sites. Mass media registration certificate El No. FS77-00000."
        ),
    },
    "ru": {
        "news": "Новости", "tags": "Теги:", "tag_list": ("ОДКБ", "учения"),
        "print": "Версия для печати", "back": "Возврат к списку", "pages": "Страницы:",
        "next": "Следующая страница", "prev": "Предыдущая страница",
        "subscribe": "Подписаться на новости", "email": "Ваш e-mail", "ok": "ОК",
        "files": "Файлы:",
        "copyright": (
            "© 2009–2024 Организация Договора о коллективной безопасности. Все права защищены. "
            "Перепечатка, перевод или иное использование материалов сайта полностью или частично "
            "допускается только с письменного согласия Секретариата ОДКБ и при наличии активной "
            "гиперссылки на источник. Редакция не несет ответственности за содержание внешних "
            "сайтов. Свидетельство о регистрации СМИ Эл № ФС77-00000."
        ),
    },
}  # fmt: skip


class PortalTemplate(_Template):
    """An old news portal: nested layout tables, no headings at all, the title in <b>.

    The <title> reads 'TITLE :: News :: CSTO' (no og:title), the date and time sit under the
    title, the lead paragraph is bold, the last two paragraphs are bare text joined by
    <br><br> after the <p> elements, and tags, a print link and 'Back to the list' follow.
    """

    def __init__(self, site: SiteInfo) -> None:
        super().__init__(site)
        self.pl = PORTAL_LABELS[site.lang]

    def head(self, title: str) -> str:
        parts = [title, self.pl["news"], self.lab["site"]] if title else [self.lab["org"]]
        return (
            f'<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n'
            f'<html>\n<head>\n<meta http-equiv="Content-Type" '
            f'content="text/html; charset={self.site.charset}">\n'
            f"<title>{attr(' :: '.join(parts))}</title>\n"
            '<link href="/bitrix/templates/portal/styles.css" type="text/css" rel="stylesheet">\n'
            '<script type="text/javascript" src="/bitrix/js/main/core/core.min.js"></script>\n'
            "</head>\n"
        )

    def page(self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list) -> str:
        """Header row, then the sidebar (latest news, subscription), then the main cell."""
        return (
            self.head(title)
            + self.body_open()
            + '<table class="portal-frame" width="100%" border="0" cellspacing="0" cellpadding="0">'
            + f'\n<tr><td colspan="2" class="portal-top">{self.header()}</td></tr>\n'
            + '<tr><td class="portal-side" width="240" valign="top">\n'
            + self.latest(latest)
            + self.subscribe()
            + '</td>\n<td class="portal-main" valign="top">\n'
            + self.breadcrumbs(crumbs)
            + main
            + "</td></tr>\n"
            + f'<tr><td colspan="2" class="portal-bottom">{self.footer()}</td></tr>\n</table>\n'
            + f"{COUNTER_SCRIPT}\n</body>\n</html>\n"
        )

    def body_open(self) -> str:
        return '<body marginwidth="0" marginheight="0">\n'

    def header(self) -> str:
        items = " &middot; ".join(
            f'<a class="topnav" href="{h}">{esc(t)}</a>' for h, t in self.menu_items()
        )
        return (
            f'<a href="/"><img src="/bitrix/templates/portal/images/logo.gif" '
            f'alt="{attr(self.lab["org"])}" border="0"></a><br>\n'
            f'<span class="portal-menu">{items}</span> '
            f'[<a class="lang-link" href="{attr(self.site.alternate_url)}">'
            f"{esc(self.lab['switch'])}</a>]\n"
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        rows = "".join(
            f'<tr><td class="ln-date">{dotted(a.published)}</td>'
            f'<td><a href="{a.path}">{esc(a.lead)}</a></td></tr>\n'
            for a in items
        )
        return (
            f'<table class="lastnews" width="100%" cellpadding="2" cellspacing="0">\n'
            f"{rows}</table>\n"
        )

    def subscribe(self) -> str:
        """The sidebar's e-mail subscription form."""
        return (
            '<form class="subscr" action="/subscribe/" method="post">'
            f'<div class="subscr-text">{esc(self.pl["subscribe"])}</div>\n'
            f'<input type="text" name="email" size="20" value="" title="{attr(self.pl["email"])}">'
            f'<input type="submit" name="OK" value="{attr(self.pl["ok"])}"></form>\n'
        )

    def breadcrumbs(self, trail: list) -> str:
        parts = [
            f'<a class="path" href="{h}">{esc(t)}</a>' if h else f"<b>{esc(t)}</b>"
            for h, t in trail
        ]
        return f'<div class="path-line">{" :: ".join(parts)}</div>\n'

    def footer(self) -> str:
        return (
            f'<div class="copyright-text">{esc(self.pl["copyright"])}<br>\n'
            f"{esc(self.lab['address'])}</div>"
        )

    def when(self, article: MirrorArticle) -> str:
        """'10.07.2020 14:35': the date with a stable, made-up publication time."""
        key = key_of(article.slug, "time")
        return f"{dotted(article.published)} {9 + key % 10:02d}:{(key >> 4) % 60:02d}"

    def body_cell(self, article: MirrorArticle) -> str:
        """Bold lead in <p><b>, then <p>s, then the last two paragraphs as <br><br> text."""
        paras = paragraph_html(article)
        lead, rest = paras[0], paras[1:]
        tail = rest[-2:]
        middle = rest[: len(rest) - len(tail)]
        out = [f"<p><b>{lead}</b></p>\n", inline_script(article)]
        out += [f"<p>{para}</p>\n" for para in middle]
        out.append("<br><br>\n".join(tail) + "\n")
        return "".join(out)

    def tags(self) -> str:
        links = ", ".join(
            f'<a href="/search/?tags={quote(tag)}">{esc(tag)}</a>' for tag in self.pl["tag_list"]
        )
        return f'<div class="news-tags">{esc(self.pl["tags"])} {links}</div>\n'

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        photos = "".join(
            '<table class="photo" align="left" cellpadding="3"><tr><td>'
            f'<img src="{src}" alt="" border="0"></td></tr>'
            f'<tr><td class="photo-sign">{esc(cap)}</td></tr></table>\n'
            for src, cap in article.images
        )
        files = ""
        if article.attachments:
            links = "<br>\n".join(
                f'<a href="{h}" target="_blank">{esc(t)}</a>' for h, t in article.attachments
            )
            files = f'<div class="news-files">{esc(self.pl["files"])}<br>\n{links}</div>\n'
        main = (
            f'<div class="news-title"><b>{esc(article.title)}</b></div>\n'
            f'<div class="news-when">{self.when(article)}</div>\n'
            '<table width="100%" border="0" cellspacing="0" cellpadding="4"><tr>\n'
            f'<td class="news-body">\n{photos}{self.body_cell(article)}</td>\n'
            f"</tr></table>\n{files}{self.tags()}"
            f'<div class="news-links"><a href="?print=Y" rel="nofollow">'
            f"{esc(self.pl['print'])}</a><br>\n"
            f'<a href="/news/{article.section}/">&laquo; {esc(self.pl["back"])}</a></div>\n'
        )
        return self.page(article.title, main, latest, self.crumbs(article.section, article.title))

    def listing(
        self,
        heading: str,
        section: str | None,
        items: Sequence[MirrorArticle],
        page: int,
        pages: int,
        latest: Sequence[MirrorArticle],
    ) -> str:
        rows = "".join(
            f'<tr><td><a href="{a.path}">{esc(a.title)}</a> '
            f'<span class="nl-date">({dotted(a.published)})</span><br>{esc(a.lead)}</td></tr>\n'
            for a in items
        )
        pager = self.pager(section, page, pages) if section else ""
        main = (
            f'<div class="news-title"><b>{esc(heading)}</b></div>\n'
            f'<table class="newslist" width="100%" cellpadding="5" cellspacing="0">\n'
            f"{rows}</table>\n{pager}"
        )
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, section: str, page: int, pages: int) -> str:
        """'Pages: 1 | <b>2</b> | 3 | Next page' with absolute ?PAGEN_1=n links (page 1 too)."""
        base = f"/news/{section}/?PAGEN_1="
        out = []
        if page > 1:
            out.append(f'<a href="{base}{page - 1}">{esc(self.pl["prev"])}</a>')
        for num in page_window(page, pages):
            if num is None:
                out.append("...")
            elif num == page:
                out.append(f"<b>{num}</b>")
            else:
                out.append(f'<a href="{base}{num}">{num}</a>')
        if page < pages:
            out.append(f'<a href="{base}{page + 1}">{esc(self.pl["next"])}</a>')
        return f'<div class="nav-pages">{esc(self.pl["pages"])} {" | ".join(out)}</div>\n'

    def not_found(self, latest: Sequence[MirrorArticle]) -> str:
        main = (
            f'<div class="news-title"><b>{esc(self.lab["not_found"])}</b></div>\n'
            f"<p>{esc(self.lab['not_found_text'])}</p>\n"
        )
        return self.page(self.lab["not_found"], main, latest, self.crumbs(None, None))

    def news_index(self, latest: Sequence[MirrorArticle]) -> str:
        links = "<br>\n".join(
            f'<a href="/news/{s}/">{esc(SECTION_TITLES[s][self.site.lang])}</a>' for s in SECTIONS
        )
        main = f'<div class="news-title"><b>{esc(self.lab["news"])}</b></div>\n{links}\n'
        return self.page(self.lab["news"], main, latest, self.crumbs(None, None))


FLAT_LABELS = {
    "en": {
        "views": "Views:", "back": "Back to the list", "more": "More", "prev": "Back",
        "next": "Forward",
    },
    "ru": {
        "views": "Просмотров:", "back": "Возврат к списку", "more": "Подробнее", "prev": "Назад",
        "next": "Вперед",
    },
}  # fmt: skip


class FlatTemplate(_Template):
    """Bitrix stock 'bootstrap/flat' components: bx-newsdetail / bx-newslist / bx-pagination.

    The only <h1> holds the section name above the breadcrumbs, the article title is an
    <h3 class="bx-newsdetail-title">, the latest news sit in a left column, the picture has no
    caption element (the caption is only in its alt) and the date, a view counter, a share
    block, files and 'Back to the list' follow the text.
    """

    def __init__(self, site: SiteInfo) -> None:
        super().__init__(site)
        self.fl = FLAT_LABELS[site.lang]

    def page(
        self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list,
        heading: str | None = None,
    ) -> str:  # fmt: skip
        """Header, section <h1> and breadcrumbs, then the left column and the content column."""
        return (
            self.head(title)
            + self.body_open()
            + self.header()
            + '<div class="container bx-content-section">\n'
            + f'<h1 class="bx-title">{esc(heading or title or self.lab["org"])}</h1>\n'
            + self.breadcrumbs(crumbs)
            + '<div class="row">\n<div class="col-md-3 bx-sidebar">\n'
            + self.latest(latest)
            + '</div>\n<div class="col-md-9 bx-content">\n'
            + main
            + "</div>\n</div>\n</div>\n"
            + self.footer()
        )

    def body_open(self) -> str:
        return '<body class="bx-background-image bx-theme-blue">\n<div id="panel"></div>\n'

    def header(self) -> str:
        items = "".join(
            f'<li class="bx-nav-1-lvl"><a href="{h}"><span>{esc(t)}</span></a></li>'
            for h, t in self.menu_items()
        )
        return (
            '<header class="bx-header">\n<div class="bx-logo"><a class="bx-logo-block" href="/">'
            f'<img src="/bitrix/templates/bootstrap_v4/images/logo.png" '
            f'alt="{attr(self.lab["org"])}"></a></div>\n'
            f'<nav class="bx-top-nav-container"><ul class="bx-top-nav">{items}</ul></nav>\n'
            f'<div class="bx-lang"><a href="{attr(self.site.alternate_url)}">'
            f"{esc(self.lab['switch'])}</a></div>\n</header>\n"
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        rows = "".join(
            '<div class="bx-newslist-sidebar-item">'
            f'<div class="bx-newslist-sidebar-date">{dotted(a.published)}</div>'
            f'<a href="{a.path}">{esc(a.lead)}</a></div>\n'
            for a in items
        )
        return f'<div class="bx-newslist-sidebar">\n{rows}</div>\n'

    def breadcrumbs(self, trail: list) -> str:
        items = []
        for pos, (h, t) in enumerate(trail):
            arrow = '<i class="fa fa-angle-right"></i>' if pos else ""
            if h:
                items.append(
                    f'<div class="bx-breadcrumb-item" id="bx_breadcrumb_{pos}" '
                    'itemprop="itemListElement" itemscope itemtype="http://schema.org/ListItem">'
                    f'{arrow}<a href="{h}" title="{attr(t)}" itemprop="item">'
                    f'<span itemprop="name">{esc(t)}</span></a>'
                    f'<meta itemprop="position" content="{pos + 1}"></div>'
                )
            else:
                items.append(f'<div class="bx-breadcrumb-item">{arrow}<span>{esc(t)}</span></div>')
        return (
            '<div class="bx-breadcrumb" itemprop="http://schema.org/breadcrumb" itemscope '
            f'itemtype="http://schema.org/BreadcrumbList">\n{chr(10).join(items)}\n'
            '<div style="clear:both"></div></div>\n'
        )

    def footer(self) -> str:
        return (
            '<footer class="bx-footer">\n'
            f'<div class="bx-footer-copy">{esc(self.lab["copyright"])}</div>\n'
            f'<div class="bx-footer-address">{esc(self.lab["address"])}</div>\n'
            f"{COUNTER_SCRIPT}\n"
            '<script src="/bitrix/templates/bootstrap_v4/js/bootstrap.bundle.min.js"></script>\n'
            '<script src="https://yastatic.net/share2/share.js" async></script>\n'
            "</footer>\n</body>\n</html>\n"
        )

    def views(self, article: MirrorArticle) -> int:
        """A stable, made-up view counter."""
        return 50 + key_of(article.slug, "views") % 5000

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        pics = "".join(
            f'<div class="bx-newsdetail-img"><img src="{src}" alt="{attr(cap)}"></div>\n'
            for src, cap in article.images
        )
        blocks = [pics]
        for i, para in enumerate(paragraph_html(article)):
            blocks.append(f"<p>{para}</p>\n")
            if i == 0:
                blocks.append(
                    '<script>BX.ready(function(){BX.viewImageBind("bx-newsdetail-content",{});});'
                    "</script>\n"
                )
        files = "".join(
            f'<a href="{h}" target="_blank">{esc(t)}</a><br>\n' for h, t in article.attachments
        )
        if files:
            files = f'<div class="bx-newsdetail-files">\n{files}</div>\n'
        main = (
            '<div class="bx-newsdetail">\n<div class="bx-newsdetail-block" id="bx_1878455859_'
            f'{key_of(article.slug) % 100000}">\n'
            f'<h3 class="bx-newsdetail-title">{esc(article.title)}</h3>\n'
            f'<div class="bx-newsdetail-content">\n{"".join(blocks)}</div>\n'
            f'<div class="bx-newsdetail-date"><i class="fa fa-calendar-o"></i> '
            f"{dotted(article.published)}</div>\n"
            f'<div class="bx-newsdetail-view"><i class="fa fa-eye"></i> '
            f"{esc(self.fl['views'])} {self.views(article)}</div>\n"
            '<div class="bx-newsdetail-share"><div class="ya-share2" '
            'data-services="vkontakte,telegram"></div></div>\n'
            f"{files}"
            f'<div class="bx-newsdetail-back"><a href="/news/{article.section}/">'
            f"{esc(self.fl['back'])}</a></div>\n"
            "</div>\n</div>\n"
        )
        crumbs = self.crumbs(article.section, article.title)
        heading = SECTION_TITLES[article.section][self.site.lang]
        return self.page(article.title, main, latest, crumbs, heading)

    def listing(
        self,
        heading: str,
        section: str | None,
        items: Sequence[MirrorArticle],
        page: int,
        pages: int,
        latest: Sequence[MirrorArticle],
    ) -> str:
        cards = "".join(
            '<div class="bx-newslist-container col-sm-6"><div class="bx-newslist-block">'
            f'<div class="bx-newslist-img"><a href="{a.path}">'
            f'<img src="/upload/iblock/{key_of(a.slug, "img") % 4096:03x}/'
            f'{key_of(a.slug, "pic"):08x}.jpg" alt="{attr(a.title)}" title="{attr(a.title)}">'
            "</a></div>"
            f'<h3 class="bx-newslist-title"><a href="{a.path}">{esc(a.title)}</a></h3>'
            f'<div class="bx-newslist-content">{esc(a.lead)}</div>'
            f'<div class="bx-newslist-date"><i class="fa fa-calendar-o"></i> '
            f"{dotted(a.published)}</div>"
            f'<div class="bx-newslist-more"><a class="btn" href="{a.path}">'
            f"{esc(self.fl['more'])}</a></div></div></div>\n"
            for a in items
        )
        pager = self.pager(section, page, pages) if section else ""
        main = f'<div class="bx-newslist">\n<div class="row">\n{cards}</div>\n{pager}</div>\n'
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, section: str, page: int, pages: int) -> str:
        """Bitrix 'bootstrap' pagination: absolute '?PAGEN_1=n' links, page 1 included."""
        base = f"/news/{section}/?PAGEN_1="
        prev, nxt = esc(self.fl["prev"]), esc(self.fl["next"])
        out = []
        if page > 1:
            link = f'<a href="{base}{page - 1}"><span>{prev}</span></a>'
            out.append(f'<li class="bx-pag-prev">{link}</li>')
        else:
            out.append(f'<li class="bx-pag-prev"><span>{prev}</span></li>')
        for num in page_window(page, pages):
            if num is None:
                out.append('<li class="bx-pag-dots"><span>...</span></li>')
            elif num == page:
                out.append(f'<li class="bx-active"><span>{num}</span></li>')
            else:
                out.append(f'<li class=""><a href="{base}{num}"><span>{num}</span></a></li>')
        if page < pages:
            link = f'<a href="{base}{page + 1}"><span>{nxt}</span></a>'
            out.append(f'<li class="bx-pag-next">{link}</li>')
        else:
            out.append(f'<li class="bx-pag-next"><span>{nxt}</span></li>')
        return (
            '<div class="bx-pagination">\n<div class="bx-pagination-container"><ul>'
            f"{''.join(out)}</ul></div>\n</div>\n"
        )

    def not_found(self, latest: Sequence[MirrorArticle]) -> str:
        main = f'<div class="bx-content-error"><p>{esc(self.lab["not_found_text"])}</p></div>\n'
        crumbs = self.crumbs(None, None)
        return self.page(self.lab["not_found"], main, latest, crumbs)

    def news_index(self, latest: Sequence[MirrorArticle]) -> str:
        links = "".join(
            f'<li><a href="/news/{s}/">{esc(SECTION_TITLES[s][self.site.lang])}</a></li>\n'
            for s in SECTIONS
        )
        main = f'<ul class="bx-news-sections">\n{links}</ul>\n'
        return self.page(self.lab["news"], main, latest, self.crumbs(None, None))


_CLASSES: dict[str, type[_Template]] = {
    "bitrix": BitrixTemplate,
    "modern": ModernTemplate,
    "legacy": LegacyTemplate,
    "cards": CardsTemplate,
    "portal": PortalTemplate,
    "flat": FlatTemplate,
}


def get_template(site: SiteInfo) -> _Template:
    """Instantiate the layout named by ``site.template``."""
    try:
        return _CLASSES[site.template](site)
    except KeyError:
        raise ValueError(f"unknown template {site.template!r}; choose from {TEMPLATES}") from None


SPA_LABELS = {
    "en": {"more": "More news", "copy": "Copy link", "ticker": "Latest"},
    "ru": {"more": "Ещё новости", "copy": "Скопировать ссылку", "ticker": "Последние"},
}  # fmt: skip


def _json_script(data: object) -> str:
    """JSON safe to embed in a <script> element."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


class SpaTemplate(_Template):
    """A JavaScript-framework site rendered server-side: <div id="__next">, hashed BEM classes.

    The date comes first, in a hero <span> (no <time>); the second paragraph sits in a
    <blockquote>; related cards carry their own <time datetime>; a ticker of the latest news
    lives in the header; JSON-LD and __NEXT_DATA__ repeat the title and the text in scripts.
    """

    def __init__(self, site: SiteInfo) -> None:
        super().__init__(site)
        self.sl = SPA_LABELS[site.lang]
        self._latest: Sequence[MirrorArticle] = ()

    def hero_date(self, day: date) -> str:
        """'10 July 2020' / '10 июля 2020' (no 'г.')."""
        return long_date(day, self.site.lang).removesuffix(" г.")

    def page(
        self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list,
        head_extra: str = "", next_data: object = None,
    ) -> str:  # fmt: skip
        """Everything inside <div id="__next">; __NEXT_DATA__ after it, as Next.js does."""
        self._latest = latest
        data = next_data if next_data is not None else {"props": {"pageProps": {}}}
        head = self.head(title).replace("</head>\n", f"{head_extra}</head>\n")
        return (
            head
            + self.body_open()
            + self.header()
            + self.latest(latest)
            + '<main class="c-main_x7f2">\n'
            + self.breadcrumbs(crumbs)
            + main
            + "</main>\n"
            + self.footer()
            + "</div>\n"
            + f'<script id="__NEXT_DATA__" type="application/json">{_json_script(data)}</script>\n'
            + '<script src="/_next/static/chunks/main-3f9a1c.js" defer></script>\n'
            + "</body>\n</html>\n"
        )

    def body_open(self) -> str:
        return '<body>\n<div id="__next">\n'

    def header(self) -> str:
        links = "".join(f'<a href="{h}">{esc(t)}</a>' for h, t in self.menu_items())
        ticker = "".join(
            f'<a href="{a.path}"><b>{dotted(a.published)}</b> {esc(a.lead)}</a>\n'
            for a in self._latest
        )
        return (
            '<header class="c-header_a91e">\n'
            f'<a class="c-logo_3b0c" href="/">{esc(self.lab["site"])}</a>\n'
            f'<nav class="c-nav_5d2a">{links}</nav>\n'
            f'<a class="c-lang_0e4b" href="{attr(self.site.alternate_url)}">'
            f"{esc(self.lab['switch'])}</a>\n"
            f'<div class="c-ticker" aria-label="{attr(self.sl["ticker"])}">\n{ticker}</div>\n'
            "</header>\n"
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        return ""  # the latest news are the header's ticker

    def breadcrumbs(self, trail: list) -> str:
        items = "".join(
            f'<li><a href="{h}">{esc(t)}</a></li>' if h else f"<li><span>{esc(t)}</span></li>"
            for h, t in trail
        )
        return f'<nav class="c-crumbs_9b7d" aria-label="breadcrumbs"><ol>{items}</ol></nav>\n'

    def footer(self) -> str:
        return (
            '<footer class="c-footer_6e1d">\n'
            f'<p class="c-footer__copy">{esc(self.lab["copyright"])}</p>\n'
            f'<p class="c-footer__addr">{esc(self.lab["address"])}</p>\n</footer>\n'
        )

    def share(self, article: MirrorArticle) -> str:
        url = REAL_HOSTS[article.lang] + article.path
        return (
            '<div class="c-share" role="toolbar">\n'
            f'<a href="https://t.me/share/url?url={url}" target="_blank">Telegram</a>\n'
            f'<a href="https://vk.com/share.php?url={url}" target="_blank">VK</a>\n'
            f'<button type="button" data-url="{url}">{esc(self.sl["copy"])}</button>\n</div>\n'
        )

    def body_html(self, article: MirrorArticle) -> str:
        """<p class="c-text"> paragraphs, the 2nd in a blockquote, pictures after the 1st."""
        paras = paragraph_html(article)
        quoted = 1 if len(paras) >= 3 else -1
        pictures = "".join(
            f'<picture><source srcset="{src.rsplit(".", 1)[0]}.webp" type="image/webp">'
            f'<img src="{src}" alt=""></picture><p class="c-caption">{esc(cap)}</p>\n'
            for src, cap in article.images
        )
        blocks = []
        for i, para in enumerate(paras):
            if i == quoted:
                blocks.append(f'<blockquote class="c-quote"><p>{para}</p></blockquote>\n')
            else:
                blocks.append(f'<p class="c-text">{para}</p>\n')
            if i == 0:
                blocks.append(pictures)
        files = "".join(
            f'<li><a href="{h}" download>{esc(t)}</a></li>' for h, t in article.attachments
        )
        if files:
            blocks.append(f'<ul class="c-files">{files}</ul>\n')
        return (
            f'<div class="news-page__body" data-testid="article-body">\n{"".join(blocks)}</div>\n'
        )

    def card(self, item: MirrorArticle) -> str:
        """A related-news card."""
        return (
            f'<article class="c-card"><a href="{item.path}"><h3>{esc(item.title)}</h3></a>'
            f'<time datetime="{item.published.isoformat()}">{self.hero_date(item.published)}'
            "</time></article>\n"
        )

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        url = REAL_HOSTS[article.lang] + article.path
        ld = {
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": article.title, "datePublished": article.published.isoformat(),
            "inLanguage": article.lang, "mainEntityOfPage": url,
        }  # fmt: skip
        head_extra = f'<script type="application/ld+json">{_json_script(ld)}</script>\n'
        next_data = {
            "props": {"pageProps": {"article": {
                "title": article.title, "date": article.published.isoformat(),
                "lead": article.lead, "body": article.body, "section": article.section,
            }}},
            "page": "/news/[section]/[slug]", "buildId": "k7Qx2mZ9", "isFallback": False,
        }  # fmt: skip
        others = [a for a in latest if a.path != article.path][:3]
        cards = "".join(self.card(a) for a in others)
        main = (
            '<article class="c-article_x7f2">\n<div class="c-hero">\n'
            f'<span class="c-hero__date">{self.hero_date(article.published)}</span>\n'
            f'<h1 class="c-hero__title">{esc(article.title)}</h1>\n</div>\n'
            f"{self.body_html(article)}</article>\n"
            f'<section class="c-related">\n<h2>{esc(self.sl["more"])}</h2>\n{cards}</section>\n'
            f"{self.share(article)}"
        )
        crumbs = self.crumbs(article.section, article.title)
        return self.page(article.title, main, latest, crumbs, head_extra, next_data)

    def listing(
        self,
        heading: str,
        section: str | None,
        items: Sequence[MirrorArticle],
        page: int,
        pages: int,
        latest: Sequence[MirrorArticle],
    ) -> str:
        cards = "".join(
            f'<article class="c-card"><a href="{a.path}" class="c-card__link">'
            '<div class="c-card__img">'
            f'<img src="{a.images[0][0] if a.images else "/_next/static/media/cover.svg"}" alt="">'
            f'</div><h3 class="c-card__title">{esc(a.title)}</h3></a>'
            f'<p class="c-card__lead">{esc(a.lead)}</p>'
            f'<time class="c-card__date" datetime="{a.published.isoformat()}">'
            f"{self.hero_date(a.published)}</time></article>\n"
            for a in items
        )
        pager = self.pager(page, pages) if section else ""
        main = (
            f'<h1 class="news-page__heading">{esc(heading)}</h1>\n'
            f'<div class="news-grid">\n{cards}</div>\n{pager}'
        )
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, page: int, pages: int) -> str:
        """Relative '?PAGEN_1=n' links (page 1 too), '‹'/'›' for previous/next."""
        out = []
        if page > 1:
            out.append(f'<a href="?PAGEN_1={page - 1}" aria-label="Previous">‹</a>')
        for num in page_window(page, pages):
            if num is None:
                out.append("<span>…</span>")
            elif num == page:
                out.append(f'<a aria-current="page">{num}</a>')
            else:
                out.append(f'<a href="?PAGEN_1={num}">{num}</a>')
        if page < pages:
            out.append(f'<a href="?PAGEN_1={page + 1}" aria-label="Next">›</a>')
        return f'<nav aria-label="pagination">{"".join(out)}</nav>\n'


_CLASSES["spa"] = SpaTemplate


WP_LABELS = {
    "en": {
        "posted_on": "Posted on", "by": "by", "author": "Press Service", "share": "Share this:",
        "posted_in": "Posted in", "category": "Category:", "previous": "Previous",
        "next": "Next", "recent": "Recent Posts", "download": "Download",
        "prev_page": "« Previous", "next_page": "Next »", "skip": "Skip to content",
        "menu": "Primary Menu", "post_nav": "Post navigation", "posts_nav": "Posts navigation",
    },
    "ru": {
        "posted_on": "Опубликовано", "by": "Автор:", "author": "Пресс-служба",
        "share": "Поделиться:", "posted_in": "Рубрика:", "category": "Рубрика:",
        "previous": "Предыдущая запись", "next": "Следующая запись",
        "recent": "Свежие записи", "download": "Скачать", "prev_page": "« Назад",
        "next_page": "Далее »", "skip": "Перейти к содержимому", "menu": "Основное меню",
        "post_nav": "Навигация по записям", "posts_nav": "Навигация по записям",
    },
}  # fmt: skip


class WpTemplate(_Template):
    """A WordPress theme (Underscores-like): site-header, entry-header/entry-meta, widget-area.

    The site title is a <p>, the article title an <h1 class="entry-title">; the entry meta
    holds the published <time> and then a LATER 'updated' <time>; a Jetpack share block closes
    the entry-content; post-navigation links neighbouring posts and the 'Recent Posts' widget
    sits in a sidebar after the main column.
    """

    def __init__(self, site: SiteInfo) -> None:
        super().__init__(site)
        self.wl = WP_LABELS[site.lang]

    def wp_date(self, day: date) -> str:
        """'July 10, 2020' / '10 июля 2020'."""
        months = load_corpus()["months"]
        if self.site.lang == "ru":
            return f"{day.day} {months['ru_gen'][day.month - 1]} {day.year}"
        return f"{months['en'][day.month - 1]} {day.day}, {day.year}"

    def stamp(self, article: MirrorArticle, day: date, salt: str = "time") -> str:
        """ISO 8601 datetime with a stable made-up time of day, Moscow offset."""
        key = key_of(article.slug, salt)
        return f"{day.isoformat()}T{8 + key % 10:02d}:{(key >> 4) % 60:02d}:00+03:00"

    def updated(self, article: MirrorArticle) -> date:
        """A modification date 20–919 days after publication."""
        return date.fromordinal(
            article.published.toordinal() + 20 + key_of(article.slug, "updated") % 900
        )

    def page(self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list) -> str:
        """Header, then the content area (main column, then the sidebar), then the footer."""
        return (
            self.head(title)
            + self.body_open()
            + self.header()
            + '<div id="content" class="site-content">\n<div id="primary" class="content-area">\n'
            + main
            + "</div>\n"
            + self.latest(latest)
            + "</div>\n"
            + self.footer()
        )

    def body_open(self) -> str:
        return (
            '<body class="wp-site-blocks">\n<div id="page" class="site">\n'
            f'<a class="skip-link screen-reader-text" href="#primary">{esc(self.wl["skip"])}</a>\n'
        )

    def header(self) -> str:
        items = "".join(
            f'<li class="menu-item"><a href="{h}">{esc(t)}</a></li>' for h, t in self.menu_items()
        )
        return (
            '<header id="masthead" class="site-header">\n<div class="site-branding">\n'
            f'<p class="site-title"><a href="/">{esc(self.lab["site"])}</a></p>\n'
            f'<p class="site-description">{esc(self.lab["org"])}</p>\n</div>\n'
            '<nav id="site-navigation" class="main-navigation">'
            '<button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">'
            f"{esc(self.wl['menu'])}</button>"
            f'<ul id="primary-menu" class="menu">{items}</ul></nav>\n'
            f'<div class="lang-switch"><a href="{attr(self.site.alternate_url)}">'
            f"{esc(self.lab['switch'])}</a></div>\n</header>\n"
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        rows = "".join(
            f'<li><a href="{a.path}">{esc(a.lead)}</a>'
            f'<span class="post-date">{self.wp_date(a.published)}</span></li>\n'
            for a in items[:3]
        )
        return (
            '<aside id="secondary" class="widget-area">\n'
            '<section class="widget widget_recent_entries">'
            f'<h2 class="widget-title">{esc(self.wl["recent"])}</h2>\n<ul>\n{rows}</ul>\n'
            "</section>\n</aside>\n"
        )

    def breadcrumbs(self, trail: list) -> str:
        return ""  # the theme shows no breadcrumbs

    def footer(self) -> str:
        return (
            '<footer id="colophon" class="site-footer">\n<div class="site-info">'
            f'{esc(self.lab["copyright"])}<span class="sep"> | </span>'
            f"{esc(self.lab['address'])}</div>\n</footer>\n</div>\n"
            '<script src="/wp-includes/js/wp-emoji-release.min.js" defer></script>\n'
            f"{COUNTER_SCRIPT}\n</body>\n</html>\n"
        )

    def neighbours(
        self, article: MirrorArticle, latest: Sequence[MirrorArticle]
    ) -> tuple[MirrorArticle | None, MirrorArticle | None]:
        """(previous = older, next = newer) among ``latest``, or its first two entries."""
        paths = [a.path for a in latest]
        if article.path in paths:
            i = paths.index(article.path)
            return (latest[i + 1] if i + 1 < len(latest) else None, latest[i - 1] if i else None)
        return (latest[0] if latest else None, latest[1] if len(latest) > 1 else None)

    def post_navigation(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        prev, nxt = self.neighbours(article, latest)
        parts = [
            f'<div class="nav-{cls}"><a href="{a.path}" rel="{rel}">'
            f'<span class="meta-nav">{esc(self.wl[label])}</span> '
            f'<span class="post-title">{esc(a.title)}</span></a></div>'
            for a, cls, rel, label in (
                (prev, "previous", "prev", "previous"), (nxt, "next", "next", "next"),
            )
            if a is not None
        ]  # fmt: skip
        if not parts:
            return ""
        return (
            '<nav class="navigation post-navigation" aria-label="Posts">'
            f'<h2 class="screen-reader-text">{esc(self.wl["post_nav"])}</h2>'
            f'<div class="nav-links">{"".join(parts)}</div></nav>\n'
        )

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        wl = self.wl
        figures = "".join(
            f'<figure class="wp-block-image size-large"><img src="{src}" alt="">'
            f'<figcaption class="wp-element-caption">{esc(cap)}</figcaption></figure>\n'
            for src, cap in article.images
        )
        blocks = []
        for i, para in enumerate(paragraph_html(article)):
            blocks.append(f"<p>{para}</p>\n")
            if i == 0:
                blocks.append(figures)
        for href, label in article.attachments:
            blocks.append(
                f'<div class="wp-block-file"><a href="{href}">{esc(label)}</a>'
                f'<a href="{href}" class="wp-block-file__button" download>'
                f"{esc(wl['download'])}</a></div>\n"
            )
        url = REAL_HOSTS[article.lang] + article.path
        blocks.append(
            '<div class="sharedaddy sd-sharing-enabled">'
            f'<h3 class="sd-title">{esc(wl["share"])}</h3><ul>'
            f'<li><a href="https://t.me/share/url?url={url}">Telegram</a></li></ul></div>\n'
        )
        updated = self.updated(article)
        published = self.stamp(article, article.published)
        meta = (
            f'<span class="posted-on">{esc(wl["posted_on"])} '
            f'<a href="{article.path}" rel="bookmark">'
            f'<time class="entry-date published" datetime="{published}">'
            f"{self.wp_date(article.published)}</time>"
            f'<time class="updated" datetime="{self.stamp(article, updated, "updated")}">'
            f"{self.wp_date(updated)}</time></a></span>"
            f'<span class="byline"> {esc(wl["by"])} <span class="author vcard">'
            f'<a class="url fn n" href="/author/press/">{esc(wl["author"])}</a></span></span>'
        )
        section_name = SECTION_TITLES[article.section][self.site.lang]
        main = (
            '<main id="main" class="site-main">\n'
            f'<article id="post-{key_of(article.slug) % 100000}" class="post type-post">\n'
            f'<header class="entry-header"><h1 class="entry-title">{esc(article.title)}</h1>'
            f'<div class="entry-meta">{meta}</div></header>\n'
            f'<div class="entry-content">\n{"".join(blocks)}</div>\n'
            f'<footer class="entry-footer"><span class="cat-links">{esc(wl["posted_in"])} '
            f'<a href="/news/{article.section}/" rel="category tag">{esc(section_name)}</a>'
            "</span></footer>\n</article>\n"
            f"{self.post_navigation(article, latest)}</main>\n"
        )
        return self.page(article.title, main, latest, self.crumbs(article.section, article.title))

    def listing(
        self,
        heading: str,
        section: str | None,
        items: Sequence[MirrorArticle],
        page: int,
        pages: int,
        latest: Sequence[MirrorArticle],
    ) -> str:
        posts = "".join(
            '<article class="post"><header class="entry-header"><h2 class="entry-title">'
            f'<a href="{a.path}" rel="bookmark">{esc(a.title)}</a></h2>'
            '<div class="entry-meta"><span class="posted-on">'
            f'<time class="entry-date published" datetime="{self.stamp(a, a.published)}">'
            f"{self.wp_date(a.published)}</time></span></div></header>"
            f'<div class="entry-summary"><p>{esc(a.lead)}</p></div></article>\n'
            for a in items
        )
        title = f"{self.wl['category']} {heading}" if section else heading
        pager = self.pager(section, page, pages) if section else ""
        main = (
            '<main id="main" class="site-main">\n<header class="page-header">'
            f'<h1 class="page-title">{esc(title)}</h1></header>\n{posts}{pager}</main>\n'
        )
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, section: str, page: int, pages: int) -> str:
        """paginate_links(): '?PAGEN_1=n' for every page, page 1 included."""
        base = f"/news/{section}/?PAGEN_1="
        out = []
        if page > 1:
            out.append(
                f'<a class="prev page-numbers" href="{base}{page - 1}">'
                f"{esc(self.wl['prev_page'])}</a>"
            )
        for num in page_window(page, pages):
            if num is None:
                out.append('<span class="page-numbers dots">…</span>')
            elif num == page:
                out.append(f'<span aria-current="page" class="page-numbers current">{num}</span>')
            else:
                out.append(f'<a class="page-numbers" href="{base}{num}">{num}</a>')
        if page < pages:
            out.append(
                f'<a class="next page-numbers" href="{base}{page + 1}">'
                f"{esc(self.wl['next_page'])}</a>"
            )
        return (
            '<nav class="navigation pagination" aria-label="Posts">'
            f'<h2 class="screen-reader-text">{esc(self.wl["posts_nav"])}</h2>'
            f'<div class="nav-links">{"".join(out)}</div></nav>\n'
        )

    def not_found(self, latest: Sequence[MirrorArticle]) -> str:
        main = (
            '<main id="main" class="site-main">\n<section class="error-404 not-found">'
            f'<header class="page-header"><h1 class="page-title">{esc(self.lab["not_found"])}'
            f'</h1></header>\n<div class="page-content"><p>{esc(self.lab["not_found_text"])}'
            "</p></div></section>\n</main>\n"
        )
        return self.page(self.lab["not_found"], main, latest, self.crumbs(None, None))

    def news_index(self, latest: Sequence[MirrorArticle]) -> str:
        links = "".join(
            f'<li class="cat-item"><a href="/news/{s}/">'
            f"{esc(SECTION_TITLES[s][self.site.lang])}</a></li>\n"
            for s in SECTIONS
        )
        main = (
            '<main id="main" class="site-main">\n<header class="page-header">'
            f'<h1 class="page-title">{esc(self.lab["news"])}</h1></header>\n'
            f"<ul>\n{links}</ul>\n</main>\n"
        )
        return self.page(self.lab["news"], main, latest, self.crumbs(None, None))


_CLASSES["wp"] = WpTemplate


AGENCY_LABELS = {
    "en": {
        "top": "Top stories", "ad": "Advertisement",
        "ad_text": "Buy tickets to Minsk — 20% off this week only!", "photo": "Photo: ",
        "source": "Source: CSTO press service", "related": "Related",
        "comments": "Comments are closed.", "more": "Load more", "agency": "CSTO News Agency",
    },
    "ru": {
        "top": "Главное", "ad": "Реклама",
        "ad_text": "Билеты в Минск — скидка 20% только на этой неделе!", "photo": "Фото: ",
        "source": "Источник: пресс-служба ОДКБ", "related": "Читайте также",
        "comments": "Комментарии закрыты.", "more": "Загрузить ещё",
        "agency": "Информагентство ОДКБ",
    },
}  # fmt: skip


class AgencyTemplate(_Template):
    """A news agency: logo and search form, a "Top stories" carousel before the article.

    Dates use two-digit years (dd.mm.yy); the kicker line "SECTION | dd.mm.yy HH:MM" is the only
    date of an article. The first paragraph is a lead block, an advertisement precedes paragraph
    2, and source, related links and a comments placeholder follow the text. Listings are a feed
    with a "Load more" link to the next page only.
    """

    def __init__(self, site: SiteInfo) -> None:
        super().__init__(site)
        self.al = AGENCY_LABELS[site.lang]

    @staticmethod
    def short(day: date) -> str:
        """'10.07.20'."""
        return f"{day:%d.%m.%y}"

    def stamp(self, article: MirrorArticle) -> str:
        """'10.07.20 14:35' with a stable, made-up time."""
        key = key_of(article.slug, "ag-time")
        return f"{self.short(article.published)} {8 + key % 12:02d}:{(key >> 5) % 60:02d}"

    def body_open(self) -> str:
        return '<body class="ag-body">\n'

    def header(self) -> str:
        items = "".join(f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in self.menu_items())
        search = esc(self.lab["search"])
        return (
            '<header class="ag-header">\n<a class="ag-logo" href="/">'
            f'<img src="/upload/agency/logo.svg" alt="{attr(self.al["agency"])}"></a>\n'
            '<form class="ag-search" action="/search/" method="get">'
            f'<input type="text" name="q" placeholder="{attr(self.lab["search"])}">'
            f'<button type="submit">{search}</button></form>\n'
            f'<ul class="ag-nav">{items}</ul>\n'
            f'<a class="ag-lang" href="{attr(self.site.alternate_url)}">'
            f"{esc(self.lab['switch'])}</a>\n</header>\n"
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        slides = "".join(
            f'<div class="ag-slide"><img src="/upload/agency/slide-{i + 1}.jpg" alt="">'
            f'<div class="ag-slide__meta">{self.short(a.published)}</div>'
            f'<a href="{a.path}">{esc(a.lead)}</a></div>\n'
            for i, a in enumerate(items[:3])
        )
        return (
            f'<div class="ag-top">\n<div class="ag-top__title">{esc(self.al["top"])}</div>\n'
            f"{slides}</div>\n"
        )

    def breadcrumbs(self, trail: list) -> str:
        return ""

    def footer(self) -> str:
        return (
            '<footer class="ag-footer">\n'
            f'<div class="ag-footer__name">{esc(self.al["agency"])}</div>\n'
            f'<div class="ag-footer__addr">{esc(self.lab["address"])}</div>\n'
            f'<div class="ag-footer__copy">{esc(self.lab["copyright"])}</div>\n'
            f"{COUNTER_SCRIPT}\n</footer>\n</body>\n</html>\n"
        )

    def text_html(self, article: MirrorArticle) -> str:
        """Lead paragraph, photo, the rest with an ad before paragraph 2, then the files."""
        paras = paragraph_html(article)
        out = [f'<div class="ag-lead"><p>{paras[0]}</p></div>\n']
        out += [
            f'<div class="ag-photo"><img src="{src}" alt="">'
            f'<div class="ag-photo__src">{esc(self.al["photo"] + cap)}</div></div>\n'
            for src, cap in article.images
        ]
        rest = []
        for i, para in enumerate(paras[1:], start=1):
            if i == 1:
                rest.append(
                    f'<div class="ag-ad" data-ad="inread"><span>{esc(self.al["ad"])}</span>'
                    f'<a href="https://ads.example/x">{esc(self.al["ad_text"])}</a></div>\n'
                )
            rest.append(f"<p>{para}</p>\n")
        out.append(f'<div class="ag-text">\n{"".join(rest)}</div>\n')
        if article.attachments:
            links = "".join(
                f'<a href="{href}">{esc(label)}</a>\n' for href, label in article.attachments
            )
            out.append(f'<div class="ag-docs">\n{links}</div>\n')
        return "".join(out)

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        section = SECTION_TITLES[article.section][self.site.lang]
        related = [a for a in latest if a.path != article.path][:3]
        rel = "".join(
            f'<li><a href="{a.path}">{esc(a.title)}</a> <span>{self.short(a.published)}</span>'
            "</li>\n"
            for a in related
        )
        main = (
            '<div class="ag-article">\n'
            f'<div class="ag-kicker"><a href="/news/{article.section}/">{esc(section)}</a>'
            f" | {self.stamp(article)}</div>\n"
            f'<h1 class="ag-title">{esc(article.title)}</h1>\n'
            f"{self.text_html(article)}"
            f'<div class="ag-source">{esc(self.al["source"])}</div>\n</div>\n'
            f'<div class="ag-related"><div class="ag-related__title">{esc(self.al["related"])}'
            f'</div>\n<ul class="ag-rel">\n{rel}</ul>\n</div>\n'
            f'<div id="comments" class="ag-comments">{esc(self.al["comments"])}</div>\n'
        )
        return self.page(article.title, main, latest, self.crumbs(article.section, article.title))

    def listing(
        self,
        heading: str,
        section: str | None,
        items: Sequence[MirrorArticle],
        page: int,
        pages: int,
        latest: Sequence[MirrorArticle],
    ) -> str:
        feed = "".join(
            f'<div class="ag-feed__item"><div class="ag-feed__time">{self.stamp(a)}</div>'
            f'<a class="ag-feed__title" href="{a.path}">{esc(a.title)}</a>'
            f'<div class="ag-feed__lead">{esc(a.lead)}</div></div>\n'
            for a in items
        )
        more = ""
        if section and page < pages:
            more = (
                f'<div class="ag-more"><a href="?PAGEN_1={page + 1}" class="ag-more__btn">'
                f"{esc(self.al['more'])}</a></div>\n"
            )
        main = f'<h1 class="ag-h1">{esc(heading)}</h1>\n<div class="ag-feed">\n{feed}</div>\n{more}'
        return self.page(heading, main, latest, self.crumbs(section, None))


_CLASSES["agency"] = AgencyTemplate


def render_article(article: MirrorArticle, site: SiteInfo, latest: Sequence[MirrorArticle]) -> str:
    """Full HTML of an article page."""
    return get_template(site).article(article, latest)


def render_listing(
    section: str | None,
    items: Sequence[MirrorArticle],
    page: int,
    pages: int,
    site: SiteInfo,
    latest: Sequence[MirrorArticle],
    heading: str | None = None,
) -> str:
    """Full HTML of a listing page (a section page, or the home page when section is None)."""
    title = heading or (SECTION_TITLES[section][site.lang] if section else site.labels["news"])
    return get_template(site).listing(title, section, items, page, pages, latest)


def render_news_index(site: SiteInfo, latest: Sequence[MirrorArticle]) -> str:
    """Full HTML of /news/."""
    return get_template(site).news_index(latest)


def render_not_found(site: SiteInfo, latest: Sequence[MirrorArticle]) -> str:
    """Full HTML of the 404 page."""
    return get_template(site).not_found(latest)


GOV_LABELS = {
    "en": {
        "by_day": "News by day", "latest": "Latest", "more": "Read more", "tags": "Tags:",
        "views": "Views:", "print": "Print", "back": "Back", "next": "Next",
        "impaired": "Version for the visually impaired", "share": "Share:",
        "byline": "Press Service of the CSTO Secretariat", "city": "Moscow",
        "phone": "Phone: +7 (495) 606-97-71", "tag_list": ("CSTO", "Secretariat"),
        "weekdays": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"), "year_word": "",
    },
    "ru": {
        "by_day": "Новости по дням", "latest": "Последние", "more": "Читать далее",
        "tags": "Теги:", "views": "Просмотров:", "print": "Печать", "back": "Назад",
        "next": "Далее", "impaired": "Версия для слабовидящих", "share": "Поделиться:",
        "byline": "Пресс-служба Секретариата ОДКБ", "city": "Москва",
        "phone": "Телефон: +7 (495) 606-97-71", "tag_list": ("ОДКБ", "Секретариат"),
        "weekdays": ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"), "year_word": " года",
    },
}  # fmt: skip


class GovTemplate(_Template):
    """A government portal: coat-of-arms header, left column (day calendar, latest news without
    links), right column with a schema.org NewsArticle.

    The byline carries the date and time; every body paragraph is followed by an empty
    <p>&nbsp;</p>; the picture and the files sit inside articleBody. Listings group items by
    day under a <div class="gp-day"> heading, so an item carries only its time.
    """

    def __init__(self, site: SiteInfo) -> None:
        super().__init__(site)
        self.gl = GOV_LABELS[site.lang]
        self._cal_day: date | None = None

    def day_text(self, day: date) -> str:
        """'10 July 2020' / '10 июля 2020'."""
        return long_date(day, self.site.lang).removesuffix(" г.")

    def time_of(self, article: MirrorArticle) -> str:
        """A stable, made-up publication time 'HH:MM'."""
        key = key_of(article.slug, "gp-time")
        return f"{9 + key % 10:02d}:{(key >> 4) % 60:02d}"

    def views(self, article: MirrorArticle) -> int:
        """A stable, made-up view counter."""
        return 100 + key_of(article.slug, "gp-views") % 5000

    def page(self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list) -> str:
        """Header, then the left column (calendar, latest) and the right column (main)."""
        day = self._cal_day or (latest[0].published if latest else date(2024, 4, 22))
        return (
            self.head(title)
            + self.body_open()
            + self.header()
            + '<div class="gp-layout">\n<aside class="gp-left">\n'
            + self.calendar(day)
            + self.latest(latest)
            + '</aside>\n<div class="gp-right">\n'
            + main.replace("<!--gp-crumbs-->", self.breadcrumbs(crumbs))
            + "</div>\n</div>\n"
            + self.footer()
        )

    def body_open(self) -> str:
        return '<body class="gp-body">\n'

    def header(self) -> str:
        items = "".join(
            f'<li class="gp-menu__item"><a href="{h}">{esc(t)}</a></li>'
            for h, t in self.menu_items()
        )
        return (
            '<div class="gp-header">\n<a class="gp-header__arms" href="/">'
            '<img src="/local/templates/gov/images/gerb.png" alt=""></a>\n'
            f'<div class="gp-header__name">{esc(self.lab["org"])}</div>\n'
            f'<ul class="gp-menu">{items}</ul>\n'
            f'<a class="gp-special" href="/?special_version=Y">{esc(self.gl["impaired"])}</a>\n'
            f'<a class="gp-lang" href="{attr(self.site.alternate_url)}">'
            f"{esc(self.lab['switch'])}</a>\n</div>\n"
        )

    def calendar(self, day: date) -> str:
        """A month grid of day numbers, each linking to /news/?date=YYYY-MM-DD."""
        first = day.replace(day=1)
        nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        cells = [""] * first.weekday()
        for num in range(1, (nxt - first).days + 1):
            iso = first.replace(day=num).isoformat()
            cells.append(f'<a href="/news/?date={iso}">{num}</a>')
        cells += [""] * (-len(cells) % 7)
        head = "".join(f"<th>{d}</th>" for d in self.gl["weekdays"])
        rows = "".join(
            "<tr>" + "".join(f"<td>{c}</td>" for c in cells[i : i + 7]) + "</tr>\n"
            for i in range(0, len(cells), 7)
        )
        return (
            f'<div class="gp-widget">\n<div class="gp-widget__title">{esc(self.gl["by_day"])}'
            f'</div>\n<table class="gp-cal">\n<tr>{head}</tr>\n{rows}</table>\n</div>\n'
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        rows = "".join(
            f'<div class="gp-last"><div class="gp-last__d">{self.day_text(a.published)}</div>'
            f'<div class="gp-last__t">{esc(a.lead)}</div></div>\n'
            for a in items
        )
        return (
            f'<div class="gp-widget">\n<div class="gp-widget__title">{esc(self.gl["latest"])}'
            f'</div>\n{rows}<a class="gp-more" href="/news/">{esc(self.gl["more"])}</a>\n</div>\n'
        )

    def breadcrumbs(self, trail: list) -> str:
        parts = [f'<a href="{h}">{esc(t)}</a>' if h else esc(t) for h, t in trail]
        return f'<div class="gp-crumbs">{" / ".join(parts)}</div>\n'

    def footer(self) -> str:
        return (
            '<div class="gp-footer">\n'
            f'<div class="gp-footer__addr">{esc(self.lab["address"])}</div>\n'
            f'<div class="gp-footer__phone">{esc(self.gl["phone"])}</div>\n'
            f'<div class="gp-footer__copy">{esc(self.lab["copyright"])}</div>\n'
            f"{COUNTER_SCRIPT}\n</div>\n</body>\n</html>\n"
        )

    def byline(self, article: MirrorArticle) -> str:
        when = f"{self.day_text(article.published)}{self.gl['year_word']}, {self.time_of(article)}"
        who, city = esc(self.gl["byline"]), esc(self.gl["city"])
        return f'<div class="gp-byline">{who} · {when} · {city}</div>\n'

    def body_html(self, article: MirrorArticle) -> str:
        """Paragraphs each followed by <p>&nbsp;</p>; picture after the 1st; files at the end."""
        blocks = []
        for i, para in enumerate(paragraph_html(article)):
            blocks.append(f"<p>{para}</p>\n<p>&nbsp;</p>\n")
            if i == 0:
                blocks += [
                    f'<p class="gp-img"><img src="{src}" alt=""><br><span>{esc(cap)}</span></p>\n'
                    for src, cap in article.images
                ]
        for href, label in article.attachments:
            size = 40 + key_of(href, "size") % 900
            kind = href.rsplit(".", 1)[-1].upper()
            blocks.append(f'<p><a href="{href}">{esc(label)}</a> ({kind}, {size} KB)</p>\n')
        return f'<div itemprop="articleBody">\n{"".join(blocks)}</div>\n'

    def share(self, article: MirrorArticle) -> str:
        url = REAL_HOSTS[article.lang] + article.path
        return (
            f'<div class="gp-share">{esc(self.gl["share"])} '
            f'<a href="https://vk.com/share.php?url={url}" target="_blank">VK</a> '
            f'<a href="https://t.me/share/url?url={url}" target="_blank">Telegram</a> '
            f'<a href="https://connect.ok.ru/offer?url={url}" target="_blank">OK</a></div>\n'
        )

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        tags = ", ".join(
            f'<a href="/search/?tags={quote(t)}">{esc(t)}</a>' for t in self.gl["tag_list"]
        )
        main = (
            '<div class="gp-article" itemscope itemtype="https://schema.org/NewsArticle">\n'
            f'<meta itemprop="datePublished" content="{article.published.isoformat()}">\n'
            "<!--gp-crumbs-->"
            f'<h1 itemprop="headline">{esc(article.title)}</h1>\n'
            f"{self.byline(article)}{self.body_html(article)}"
            f'<div class="gp-tags">{esc(self.gl["tags"])} {tags}</div>\n'
            f'<div class="gp-views">{esc(self.gl["views"])} {self.views(article)}</div>\n'
            f'<div class="gp-actions"><a href="?print=Y" rel="nofollow">{esc(self.gl["print"])}'
            f'</a> <a href="/news/{article.section}/">{esc(self.gl["back"])}</a></div>\n'
            f"{self.share(article)}</div>\n"
        )
        self._cal_day = article.published
        try:
            crumbs = self.crumbs(article.section, article.title)
            return self.page(article.title, main, latest, crumbs)
        finally:
            self._cal_day = None

    def listing(
        self,
        heading: str,
        section: str | None,
        items: Sequence[MirrorArticle],
        page: int,
        pages: int,
        latest: Sequence[MirrorArticle],
    ) -> str:
        out: list[str] = []
        current: date | None = None
        for a in items:
            if a.published != current:
                current = a.published
                out.append(f'<div class="gp-day">{self.day_text(current)}</div>\n')
            out.append(
                f'<div class="gp-item"><span class="gp-item__time">{self.time_of(a)}</span> '
                f'<a href="{a.path}">{esc(a.title)}</a>'
                f'<div class="gp-item__lead">{esc(a.lead)}</div></div>\n'
            )
        pager = self.pager(page, pages) if section else ""
        main = (
            f"<!--gp-crumbs--><h1>{esc(heading)}</h1>\n"
            f'<div class="gp-list">\n{"".join(out)}</div>\n{pager}'
        )
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, page: int, pages: int) -> str:
        """Relative '?PAGEN_1=n' links and 'Next'."""
        out = []
        for num in page_window(page, pages):
            if num is None:
                out.append("<span>…</span>")
            elif num == page:
                out.append(f"<b>{num}</b>")
            else:
                out.append(f'<a href="?PAGEN_1={num}">{num}</a>')
        if page < pages:
            out.append(f'<a href="?PAGEN_1={page + 1}">{esc(self.gl["next"])}</a>')
        return f'<div class="gp-pages">{" ".join(out)}</div>\n'

    def not_found(self, latest: Sequence[MirrorArticle]) -> str:
        main = (
            f"<!--gp-crumbs--><h1>{esc(self.lab['not_found'])}</h1>\n"
            f"<p>{esc(self.lab['not_found_text'])}</p>\n"
        )
        return self.page(self.lab["not_found"], main, latest, self.crumbs(None, None))

    def news_index(self, latest: Sequence[MirrorArticle]) -> str:
        links = "".join(
            f'<li><a href="/news/{s}/">{esc(SECTION_TITLES[s][self.site.lang])}</a></li>\n'
            for s in SECTIONS
        )
        main = f"<!--gp-crumbs--><h1>{esc(self.lab['news'])}</h1>\n<ul>\n{links}</ul>\n"
        return self.page(self.lab["news"], main, latest, self.crumbs(None, None))


_CLASSES["gov"] = GovTemplate


TILDA_LABELS = {
    "en": {"other": "Other news", "back": "Back to news", "next": "→"},
    "ru": {"other": "Другие новости", "back": "Назад к новостям", "next": "→"},
}  # fmt: skip
TILDA_PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="


class TildaTemplate(_Template):
    """A website-constructor page (Tilda-like): every block is a <div class="t-rec"> record
    nested in t-container / t-col; no <h1>/<h2> and no og:title, the title is a
    <div field="title">; the date record comes before the title record.

    The whole body is ONE field="text" div whose paragraphs are separated by <br /><br />
    (no <p>); bold is <strong> or <span style="font-weight: 600;">, links carry an inline
    colour. The lazy-loaded picture (data-original, a 1px GIF in src) and its caption follow
    the text record. "Other news" cards hold the three newest articles; listings are a t-feed
    with plain "?PAGEN_1=n" links.
    """

    def __init__(self, site: SiteInfo) -> None:
        super().__init__(site)
        self.tl = TILDA_LABELS[site.lang]
        self._rec = 0

    def head(self, title: str) -> str:
        """<title> is just the title; no og:title."""
        return (
            f'<!DOCTYPE html>\n<html lang="{self.site.lang}">\n<head>\n'
            f'<meta charset="{self.site.charset}">\n'
            f"<title>{attr(title or self.lab['org'])}</title>\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
            '<link rel="stylesheet" href="/css/tilda-grid-3.0.min.css" type="text/css">\n'
            '<link rel="stylesheet" href="/css/tilda-blocks-page1.min.css" type="text/css">\n'
            '<script src="/js/tilda-scripts-3.0.min.js"></script>\n'
            "</head>\n"
        )

    def record(self, inner: str, kind: int, col: int = 8) -> str:
        """One t-rec record: t-container > t-col > inner."""
        self._rec += 1
        rec_id = 100000 + key_of(self.site.lang, kind, self._rec) % 900000
        return (
            f'<div id="rec{rec_id}" class="t-rec t-rec_pt_30 t-rec_pb_30" '
            f'data-record-type="{kind}">\n<div class="t-container">\n'
            f'<div class="t-col t-col_{col} t-prefix_{(12 - col) // 2}">\n'
            f"{inner}</div>\n</div>\n</div>\n"
        )

    def page(self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list) -> str:
        """Menu record, the page's records, footer record; no separate latest block."""
        return self.head(title) + self.body_open() + self.header() + main + self.footer()

    def body_open(self) -> str:
        return (
            '<body class="t-body" style="margin:0;">\n'
            '<div id="allrecords" class="t-records" data-tilda-project-id="2417">\n'
        )

    def header(self) -> str:
        links = "".join(
            f'<a class="t-menu__link-item" href="{h}">{esc(t)}</a>\n' for h, t in self.menu_items()
        )
        links += (
            f'<a class="t-menu__link-item" href="{attr(self.site.alternate_url)}">'
            f"{esc(self.lab['switch'])}</a>\n"
        )
        return self.record(f'<div class="t-menu">\n{links}</div>\n', 456, 12)

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        """The 'Other news' record of cards."""
        cards = "".join(
            f'<div class="t-card"><a href="{a.path}">'
            f'<div class="t-card__title">{esc(a.title)}</div>'
            f'<div class="t-card__descr">{dotted(a.published)}</div></a></div>\n'
            for a in items
        )
        return self.record(
            f'<div class="t-title t-title_xs">{esc(self.tl["other"])}</div>\n'
            f'<div class="t-cards">\n{cards}</div>\n',
            777,
            12,
        )

    def breadcrumbs(self, trail: list) -> str:
        return ""

    def footer(self) -> str:
        inner = (
            f'<div class="t-text t-text_xs">{esc(self.lab["address"])}<br />'
            f"{esc(self.lab['copyright'])}</div>\n"
        )
        return self.record(inner, 420, 12) + f"</div>\n{COUNTER_SCRIPT}\n</body>\n</html>\n"

    def text_html(self, article: MirrorArticle) -> str:
        """Every paragraph in one div, joined with <br /><br />; Tilda's inline styles."""
        paras = [
            p.replace("<b>", '<span style="font-weight: 600;">')
            .replace("</b>", "</span>")
            .replace("<a href=", '<a style="color:#ff8562 !important;" href=')
            .replace("<br>", "<br />")
            for p in paragraph_html(article)
        ]
        return f'<div class="t-text t-text_md" field="text">{"<br /><br />".join(paras)}</div>\n'

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        records = [
            self.record(
                f'<div class="t-descr t-descr_xs" field="descr">{dotted(article.published)}'
                "</div>\n",
                60,
            ),
            self.record(
                f'<div class="t-title t-title_xl" field="title">{esc(article.title)}</div>\n', 30
            ),
            self.record(self.text_html(article), 106),
        ]
        for src, cap in article.images:
            records.append(
                f'<div class="t-rec"><img class="t-img" data-original="{src}" '
                f'src="{TILDA_PIXEL}"><div class="t-text t-text_xs" field="imgtext">'
                f"{esc(cap)}</div></div>\n"
            )
        if article.attachments:
            files = "".join(
                f'<a class="t-file" href="{h}">{esc(t)}</a><br />\n' for h, t in article.attachments
            )
            records.append(
                self.record(
                    f'<div class="t-text t-text_sm">{esc(self.lab["files"])}<br />\n{files}'
                    "</div>\n",
                    107,
                )
            )
        records.append(self.latest(latest))
        records.append(
            self.record(
                f'<a href="/news/{article.section}/" class="t-btn"><table><tr><td>'
                f"{esc(self.tl['back'])}</td></tr></table></a>\n",
                191,
            )
        )
        main = "".join(records)
        return self.page(article.title, main, latest, [])

    def listing(
        self,
        heading: str,
        section: str | None,
        items: Sequence[MirrorArticle],
        page: int,
        pages: int,
        latest: Sequence[MirrorArticle],
    ) -> str:
        posts = "".join(
            f'<div class="t-feed__post"><a href="{a.path}" class="t-feed__link">'
            f'<div class="t-feed__title">{esc(a.title)}</div></a>'
            f'<div class="t-feed__descr">{esc(a.lead)}</div>'
            f'<div class="t-feed__date">{dotted(a.published)}</div></div>\n'
            for a in items
        )
        pager = self.pager(page, pages) if section else ""
        main = self.record(
            f'<div class="t-title t-title_lg" field="title">{esc(heading)}</div>\n', 30
        ) + self.record(f'<div class="t-feed">\n{posts}</div>\n{pager}', 930, 12)
        return self.page(heading, main, latest, [])

    def pager(self, page: int, pages: int) -> str:
        """Plain '?PAGEN_1=n' links, the current page as <span>, then an arrow."""
        out = []
        for num in page_window(page, pages):
            if num is None:
                out.append("<span>…</span>")
            elif num == page:
                out.append(f"<span>{num}</span>")
            else:
                out.append(f'<a href="?PAGEN_1={num}">{num}</a>')
        if page < pages:
            out.append(f'<a href="?PAGEN_1={page + 1}">{self.tl["next"]}</a>')
        return f'<div class="t-feed__pages">{" ".join(out)}</div>\n'

    def not_found(self, latest: Sequence[MirrorArticle]) -> str:
        main = self.record(
            f'<div class="t-title t-title_xl">{esc(self.lab["not_found"])}</div>\n'
            f'<div class="t-text t-text_md">{esc(self.lab["not_found_text"])}</div>\n',
            30,
        )
        return self.page(self.lab["not_found"], main, latest, [])

    def news_index(self, latest: Sequence[MirrorArticle]) -> str:
        links = "".join(
            f'<a href="/news/{s}/">{esc(SECTION_TITLES[s][self.site.lang])}</a><br />\n'
            for s in SECTIONS
        )
        main = self.record(
            f'<div class="t-title t-title_xl">{esc(self.lab["news"])}</div>\n'
            f'<div class="t-text t-text_md">\n{links}</div>\n',
            30,
        )
        return self.page(self.lab["news"], main, latest, [])


_CLASSES["tilda"] = TildaTemplate
