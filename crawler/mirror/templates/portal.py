"""The "portal" layout of the mirror."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from crawler.mirror.dataset import MirrorArticle
from crawler.mirror.templates.base import (
    COUNTER_SCRIPT,
    SECTION_TITLES,
    SECTIONS,
    SiteInfo,
    _Template,
    attr,
    dotted,
    esc,
    inline_script,
    key_of,
    lead_block,
    page_window,
    paragraph_html,
    teaser,
)

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
            f'<td><a href="{a.path}">{esc(teaser(a))}</a></td></tr>\n'
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
            f'<span class="nl-date">({dotted(a.published)})</span>'
            + lead_block(a, "<br>{}")
            + "</td></tr>\n"
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

