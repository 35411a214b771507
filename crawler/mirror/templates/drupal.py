"""The "drupal" layout of the mirror."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

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

DRUPAL_LABELS = {
    "en": {
        "submitted": "Submitted by", "on": "on", "tags": "Tags", "recent": "Recent news",
        "tag": "CSTO", "skip": "Skip to main content", "pager": "Pagination",
        "weekdays": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    },
    "ru": {
        "submitted": "Опубликовано", "on": "", "tags": "Теги", "recent": "Последние новости",
        "tag": "ОДКБ", "skip": "Перейти к основному содержанию", "pager": "Постраничная навигация",
        "weekdays": ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"),
    },
}  # fmt: skip


class DrupalTemplate(_Template):
    """A Drupal 9 (Olivero/Bartik-like) site: regions, blocks, views and field wrappers.

    The page title <h1> sits in the content region OUTSIDE and BEFORE the <article>; the
    'Submitted by … on …' meta uses US month/day/year dates in English (dd.mm.yyyy in
    Russian); a 'Recent news' views block precedes the main content in the source.
    """

    def __init__(self, site: SiteInfo) -> None:
        super().__init__(site)
        self.dl = DRUPAL_LABELS[site.lang]

    def short_date(self, day: date) -> str:
        """'07/10/2020' (en, month first) / '10.07.2020' (ru)."""
        return dotted(day) if self.site.lang == "ru" else f"{day:%m/%d/%Y}"

    def created(self, article: MirrorArticle) -> str:
        """'Fri, 07/10/2020 - 14:35' with a stable made-up time of day."""
        key = key_of(article.slug, "drupal-time")
        day = article.published
        weekday = self.dl["weekdays"][day.weekday()]
        return f"{weekday}, {self.short_date(day)} - {8 + key % 10:02d}:{(key >> 4) % 60:02d}"

    def page(self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list) -> str:
        return (
            self.head(title)
            + self.body_open()
            + self.header()
            + '<main role="main">\n<div class="layout-content">\n'
            + self.breadcrumbs(crumbs)
            + self.latest(latest)
            + main
            + "</div>\n</main>\n"
            + self.footer()
        )

    def body_open(self) -> str:
        return (
            '<body class="path-node page-node-type-news">\n'
            f'<a href="#main-content" class="visually-hidden focusable skip-link">'
            f"{esc(self.dl['skip'])}</a>\n"
            '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>\n'
            '<div class="layout-container">\n'
        )

    def header(self) -> str:
        items = "".join(
            f'<li class="menu-item"><a href="{h}">{esc(t)}</a></li>' for h, t in self.menu_items()
        )
        return (
            '<header role="banner">\n<div class="region region-header">'
            '<div class="block block-system block-system-branding-block">'
            f'<a href="/" rel="home" class="site-logo">{esc(self.lab["site"])}</a>'
            f'<div class="site-slogan">{esc(self.lab["org"])}</div></div>'
            '<nav role="navigation" class="block block-menu navigation menu--main">'
            f'<ul class="menu">{items}</ul></nav>'
            '<div class="language-switcher-language-url block block-language">'
            f'<a href="{attr(self.site.alternate_url)}" class="language-link">'
            f"{esc(self.lab['switch'])}</a></div>\n</div>\n</header>\n"
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        rows = "".join(
            f'<div class="views-row"><span class="views-field-created">'
            f'{self.short_date(a.published)}</span> <a href="{a.path}">{esc(teaser(a))}</a></div>\n'
            for a in items[:3]
        )
        return (
            '<div class="region region-sidebar-first">\n'
            '<div class="views-element-container block block-views">'
            f'<h2>{esc(self.dl["recent"])}</h2>\n<div class="view-content">\n{rows}</div></div>\n'
            "</div>\n"
        )

    def breadcrumbs(self, trail: list) -> str:
        items = "".join(
            f'<li class="breadcrumb__item"><a href="{h}">{esc(t)}</a></li>'
            for h, t in trail
            if h is not None
        )
        return (
            '<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation">'
            f"<ol>{items}</ol></nav></div>\n"
        )

    def footer(self) -> str:
        return (
            '<footer role="contentinfo"><div class="region region-footer">'
            f'<div class="block block-system">{esc(self.lab["copyright"])}</div>'
            f'<div class="block">{esc(self.lab["address"])}</div></div></footer>\n'
            "</div>\n</div>\n"
            '<script src="/core/misc/drupal.js?v=9.5.11"></script>\n'
            f"{COUNTER_SCRIPT}\n</body>\n</html>\n"
        )

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        dl = self.dl
        images = "".join(
            '<div class="field field--name-field-image"><div class="field__item">'
            f'<img src="{src}" alt=""></div></div>'
            f'<div class="field field--name-field-image-caption field__item">{esc(cap)}</div>\n'
            for src, cap in article.images
        )
        body = "".join(f"<p>{para}</p>\n" for para in paragraph_html(article))
        files = "".join(
            '<div class="field field--name-field-files">'
            f'<span class="file file--mime-application-pdf"><a href="{href}">{esc(label)}</a>'
            f"</span> <span>({120 + key_of(href) % 900} KB)</span></div>\n"
            for href, label in article.attachments
        )
        created = f'<span class="field--name-created">{self.created(article)}</span>'
        uid = f'<span class="field--name-uid">{esc(dl["submitted"])} press</span>'
        sep = ", " if self.site.lang == "ru" else f" {esc(dl['on'])} "
        meta = f"{uid}{sep}{created}"
        tags = (
            '<div class="field field--name-field-tags field--type-entity-reference">'
            f'<div class="field__label">{esc(dl["tags"])}</div><div class="field__items">'
            f'<div class="field__item"><a href="/taxonomy/term/1">{esc(dl["tag"])}</a></div>'
            "</div></div>\n"
        )
        main = (
            '<a id="main-content" tabindex="-1"></a>\n<div class="region region-content">\n'
            '<div class="block block-core block-page-title-block">'
            '<h1 class="page-title"><span class="field field--name-title">'
            f"{esc(article.title)}</span></h1></div>\n"
            '<div class="block block-system block-system-main-block">\n'
            '<article role="article" class="node node--type-news node--view-mode-full">\n'
            f'<div class="node__meta">{meta}</div>\n'
            f'<div class="node__content">\n{images}'
            '<div class="clearfix text-formatted field field--name-body '
            f'field--type-text-with-summary field__item">\n{body}</div>\n'
            f"{files}{tags}</div>\n</article>\n</div>\n</div>\n"
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
            '<div class="views-row"><div class="views-field views-field-title">'
            f'<span class="field-content"><a href="{a.path}" hreflang="{a.lang}">'
            f"{esc(a.title)}</a></span></div>"
            '<div class="views-field views-field-created"><span class="field-content">'
            f"{self.short_date(a.published)}</span></div>"
            + lead_block(
                a, '<div class="views-field views-field-body"><div class="field-content"><p>{}</p>'
                "</div></div>"
            )
            + "</div>\n"
            for a in items
        )
        pager = self.pager(page, pages) if section else ""
        main = (
            '<a id="main-content" tabindex="-1"></a>\n<div class="region region-content">\n'
            f'<h1 class="page-title">{esc(heading)}</h1>\n'
            f'<div class="view view-news">\n<div class="view-content">\n{rows}</div>\n'
            f"{pager}</div>\n</div>\n"
        )
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, page: int, pages: int) -> str:
        """Drupal's full pager with relative '?PAGEN_1=n' hrefs (page 1 included)."""
        out = []
        if page > 1:
            out.append(
                '<li class="pager__item pager__item--previous">'
                f'<a href="?PAGEN_1={page - 1}" rel="prev">‹‹</a></li>'
            )
        for num in page_window(page, pages):
            if num is None:
                out.append('<li class="pager__item pager__item--ellipsis">…</li>')
            elif num == page:
                out.append(
                    f'<li class="pager__item is-active"><a href="?PAGEN_1={num}">{num}</a></li>'
                )
            else:
                out.append(f'<li class="pager__item"><a href="?PAGEN_1={num}">{num}</a></li>')
        if page < pages:
            out.append(
                '<li class="pager__item pager__item--next">'
                f'<a href="?PAGEN_1={page + 1}" rel="next">››</a></li>'
            )
        return (
            f'<nav class="pager" role="navigation" aria-label="{attr(self.dl["pager"])}">'
            f'<ul class="pager__items js-pager__items">{"".join(out)}</ul></nav>\n'
        )

    def news_index(self, latest: Sequence[MirrorArticle]) -> str:
        links = "".join(
            f'<li><a href="/news/{s}/">{esc(SECTION_TITLES[s][self.site.lang])}</a></li>\n'
            for s in SECTIONS
        )
        main = (
            '<div class="region region-content">\n'
            f'<h1 class="page-title">{esc(self.lab["news"])}</h1>\n<ul>\n{links}</ul>\n</div>\n'
        )
        return self.page(self.lab["news"], main, latest, self.crumbs(None, None))
