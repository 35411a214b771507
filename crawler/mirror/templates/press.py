"""The "press" layout of the mirror: a regional press office's redesign."""

from __future__ import annotations

from collections.abc import Sequence

from crawler.mirror.dataset import MirrorArticle
from crawler.mirror.templates.base import (
    COUNTER_SCRIPT,
    SiteInfo,
    _Template,
    attr,
    dotted,
    esc,
    inline_script,
    key_of,
    long_date,
    page_window,
    paragraph_html,
)

PRESS_LABELS = {
    "en": {
        "office": "CSTO Press Office", "latest": "Latest news", "more": "More »",
        "photo": "Photo", "files": "Documents", "print": "Print",
        "feed": "Press releases by e-mail", "cookies": "Cookie preferences",
        "pages": "Pages:", "you_are_here": "You are here:",
    },
    "ru": {
        "office": "Пресс-центр ОДКБ", "latest": "Последние новости", "more": "Подробнее »",
        "photo": "Фото", "files": "Документы", "print": "Печать",
        "feed": "Пресс-релизы по электронной почте", "cookies": "Настройки cookie",
        "pages": "Страницы:", "you_are_here": "Вы здесь:",
    },
}  # fmt: skip

# Links whose host is a bracketed name, not an IP address: urlsplit() raises ValueError on
# them. A consent widget and a mailing-list form wrote them; browsers just ignore them.
COOKIE_LINK = "http://[ccpa-preferences]"
FEED_LINK = "https://[press-mailing-list]/subscribe/"


class PressTemplate(_Template):
    """A press office's own site: sidebar first, then the release, then a plain footer.

    The article page shows no date of its own: only the listing dates it. The sidebar's
    latest news, which precedes the release in the source, dates each item with the very
    classes of Bitrix's news.detail date (`news-detail__date`, `span.news-date-time`). The
    release text is split into sibling <section>s of two or three paragraphs; a source line
    or a press-service signature closes the last one. Listings are table rows: title and
    date, then the lead in its own row (none when there is no lead), then a "More »" row.
    The footer's cookie link, and a mailing-list link under the listing, have hosts that
    are not valid URLs.
    """

    dates_articles = False

    def __init__(self, site: SiteInfo) -> None:
        super().__init__(site)
        self.pl = PRESS_LABELS[site.lang]

    def head(self, title: str) -> str:
        """Its own stylesheet and title format ('TITLE | CSTO Press Office'), no og: tags."""
        full = f"{title} | {self.pl['office']}" if title else self.pl["office"]
        return (
            f'<!DOCTYPE html>\n<html lang="{self.site.lang}">\n<head>\n'
            f'<meta charset="{self.site.charset}">\n'
            '<meta http-equiv="X-UA-Compatible" content="IE=edge">\n'
            f"<title>{attr(full)}</title>\n"
            '<link rel="stylesheet" href="/local/press/css/press.min.css?v=3">\n'
            '<link rel="icon" href="/local/press/favicon.ico">\n</head>\n'
        )

    def page(self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list) -> str:
        """Header, then the sidebar column, then the content column, then the footer."""
        return (
            self.head(title)
            + self.body_open()
            + self.header()
            + '<div class="po-cols">\n<div class="po-side">\n'
            + self.latest(latest)
            + '</div>\n<div class="po-content">\n'
            + self.breadcrumbs(crumbs)
            + main
            + "</div>\n</div>\n"
            + self.footer()
        )

    def body_open(self) -> str:
        return '<body class="po">\n'

    def header(self) -> str:
        items = " | ".join(f'<a href="{h}">{esc(t)}</a>' for h, t in self.menu_items())
        return (
            '<div class="po-top">\n'
            f'<a class="po-top__logo" href="/">{esc(self.pl["office"])}</a>\n'
            f'<div class="po-top__menu">{items}</div>\n'
            f'<a class="po-top__lang" href="{attr(self.site.alternate_url)}">'
            f"{esc(self.lab['switch'])}</a>\n</div>\n"
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        """Each item dated like a Bitrix news.detail page: the trap for any-match selectors."""
        rows = "".join(
            '<div class="po-side__item">\n'
            f'<div class="news-detail__date"><span class="news-date-time">{dotted(a.published)}'
            f'</span></div>\n<a href="{a.path}">{esc(a.title)}</a>\n</div>\n'
            for a in items
        )
        return f'<div class="po-side__title">{esc(self.pl["latest"])}</div>\n{rows}'

    def breadcrumbs(self, trail: list) -> str:
        parts = [f'<a href="{h}">{esc(t)}</a>' if h else esc(t) for h, t in trail]
        return (
            f'<div class="po-path">{esc(self.pl["you_are_here"])} '
            f"{' &rsaquo; '.join(parts)}</div>\n"
        )

    def footer(self) -> str:
        return (
            '<div class="po-bottom">\n'
            f'<div class="po-bottom__copy">{esc(self.lab["copyright"])}</div>\n'
            f'<div class="po-bottom__addr">{esc(self.lab["address"])}</div>\n'
            f'<a class="po-bottom__cookies" href="{COOKIE_LINK}">{esc(self.pl["cookies"])}</a>\n'
            f"{COUNTER_SCRIPT}\n</div>\n</body>\n</html>\n"
        )

    def parts(self, article: MirrorArticle) -> list[list[str]]:
        """The paragraphs' HTML in groups of two or three (at least two groups), one group
        per <section>; a closing source line or signature is styled apart but stays in the
        last group."""
        paras = [f"<p>{para}</p>\n" for para in paragraph_html(article)]
        closing = [shape for shape in ("source", "signature") if shape in article.shapes]
        for offset, shape in enumerate(reversed(closing), start=1):
            css = "po-source" if shape == "source" else "po-sign"
            paras[-offset] = paras[-offset].replace("<p>", f'<p class="{css}">', 1)
        groups, start = [], 0
        while start < len(paras):
            size = 2 + key_of(article.slug, "part", start) % 2
            if start == 0:
                size = min(size, len(paras) - 1)
            groups.append(paras[start : start + size])
            start += size
        return groups

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        photos = "".join(
            f'<div class="po-photo"><img src="{src}" alt="{attr(self.pl["photo"])}">'
            f'<div class="po-photo__text">{esc(cap)}</div></div>\n'
            for src, cap in article.images
        )
        sections = []
        for i, group in enumerate(self.parts(article)):
            sections.append(f'<section class="po-part">\n{"".join(group)}</section>\n')
            if i == 0:
                sections.append(inline_script(article))
        files = ""
        if article.attachments:
            links = "".join(
                f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in article.attachments
            )
            files = (
                f'<div class="po-files"><div class="po-files__title">{esc(self.pl["files"])}'
                f"</div><ul>{links}</ul></div>\n"
            )
        nav = (
            f'<a href="javascript:history.back()">{esc(self.lab["back"])}</a> '
            f'<a href="/news/{article.section}/">{esc(self.lab["to_section"])}</a> '
            f'<a href="?print=Y" rel="nofollow">{esc(self.pl["print"])}</a>\n'
        )
        main = (
            '<div class="po-release">\n'
            f'<h1 class="po-release__title">{esc(article.title)}</h1>\n'
            f"{photos}{''.join(sections)}{files}"
            f'<div class="po-release__nav">\n{nav}</div>\n</div>\n'
        )
        return self.page(article.title, main, latest, self.crumbs(article.section, article.title))

    def list_rows(self, article: MirrorArticle) -> str:
        """Title and date, the lead (if any) in a row of its own, then a "More »" row."""
        lead = (
            f'<tr class="po-list__lead"><td colspan="2">{esc(article.lead)}</td></tr>\n'
            if article.lead
            else ""
        )
        return (
            '<tr class="po-list__head">'
            f'<td class="po-list__title"><a href="{article.path}">{esc(article.title)}</a></td>'
            f'<td class="po-list__date">{long_date(article.published, article.lang)}</td></tr>\n'
            f"{lead}"
            f'<tr class="po-list__more"><td colspan="2"><a href="{article.path}">'
            f"{esc(self.pl['more'])}</a></td></tr>\n"
        )

    def listing(
        self,
        heading: str,
        section: str | None,
        items: Sequence[MirrorArticle],
        page: int,
        pages: int,
        latest: Sequence[MirrorArticle],
    ) -> str:
        rows = "".join(self.list_rows(a) for a in items)
        pager = self.pager(page, pages) if section else ""
        main = (
            f'<h1 class="po-h1">{esc(heading)}</h1>\n'
            f'<table class="po-list" cellspacing="0" cellpadding="6">\n{rows}'
            f'<tr class="po-list__feed"><td colspan="2"><a href="{FEED_LINK}">'
            f"{esc(self.pl['feed'])}</a></td></tr>\n</table>\n{pager}"
        )
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, page: int, pages: int) -> str:
        """'Pages: ← 1 2 [3] 4 →' with relative ?PAGEN_1=n links, page 1 included."""
        out = [esc(self.pl["pages"])]
        if page > 1:
            out.append(f'<a class="po-pages__prev" href="?PAGEN_1={page - 1}">&larr;</a>')
        for num in page_window(page, pages):
            if num is None:
                out.append("&hellip;")
            elif num == page:
                out.append(f"<strong>{num}</strong>")
            else:
                out.append(f'<a href="?PAGEN_1={num}">{num}</a>')
        if page < pages:
            out.append(f'<a class="po-pages__next" href="?PAGEN_1={page + 1}">&rarr;</a>')
        return f'<div class="po-pages">{" ".join(out)}</div>\n'
