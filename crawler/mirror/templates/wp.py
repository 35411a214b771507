"""The "wp" layout of the mirror."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from crawler.mirror.dataset import MirrorArticle, load_corpus
from crawler.mirror.templates.base import (
    COUNTER_SCRIPT,
    REAL_HOSTS,
    SECTION_TITLES,
    SECTIONS,
    SiteInfo,
    _Template,
    attr,
    esc,
    key_of,
    lead_block,
    page_window,
    paragraph_html,
    teaser,
)

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
            f'<li><a href="{a.path}">{esc(teaser(a))}</a>'
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
            + lead_block(a, '<div class="entry-summary"><p>{}</p></div>')
            + "</article>\n"
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

