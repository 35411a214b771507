"""The "bitrix" layout of the mirror."""

from __future__ import annotations

from collections.abc import Sequence

from crawler.mirror.dataset import MirrorArticle
from crawler.mirror.templates.base import (
    COUNTER_SCRIPT,
    _Template,
    attr,
    dotted,
    esc,
    inline_script,
    key_of,
    lead_block,
    page_href,
    page_window,
    paragraph_html,
    teaser,
)


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
            f'</div>\n<a class="last-news__link" href="{a.path}">{esc(teaser(a))}</a>\n</div>\n'
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
            f'<a href="{a.path}"><b>{esc(a.title)}</b></a>'
            + lead_block(a, "<br>\n{}")
            + "\n</p>\n"
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

