"""The "flat" layout of the mirror."""

from __future__ import annotations

from collections.abc import Sequence

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
    key_of,
    lead_block,
    page_window,
    paragraph_html,
    teaser,
)

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
            f'<a href="{a.path}">{esc(teaser(a))}</a></div>\n'
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
            + lead_block(a, '<div class="bx-newslist-content">{}</div>')
            + f'<div class="bx-newslist-date"><i class="fa fa-calendar-o"></i> '
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

