"""The "joomla" layout of the mirror."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from crawler.mirror.dataset import MirrorArticle, load_corpus
from crawler.mirror.templates.base import (
    COUNTER_SCRIPT,
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

JOOMLA_LABELS = {
    "en": {
        "details": "Details", "category": "Category:", "published": "Published:",
        "hits": "Hits:", "prev": "‹ Prev", "next": "Next ›", "latest": "Latest News",
        "read_more": "Read more ...", "start": "Start", "prev_page": "Prev",
        "next_page": "Next", "end": "End", "page_of": "Page {page} of {pages}",
    },
    "ru": {
        "details": "Подробности", "category": "Категория:", "published": "Опубликовано:",
        "hits": "Просмотров:", "prev": "Назад", "next": "Вперёд",
        "latest": "Последние новости", "read_more": "Подробнее ...", "start": "В начало",
        "prev_page": "Назад", "next_page": "Вперёд", "end": "В конец",
        "page_of": "Страница {page} из {pages}",
    },
}  # fmt: skip


class JoomlaTemplate(_Template):
    """A Joomla 3 (Protostar-like) site: item-page with schema.org microdata.

    The site name is the page's only <h1> (in the header); the article title is an
    <h2 itemprop="headline"> inside div.page-header; dl.article-info carries category,
    published <time> and hits. A right-hand module position ('Latest News', no dates)
    comes BEFORE the article in the source; a pager links neighbouring articles.
    """

    def __init__(self, site: SiteInfo) -> None:
        super().__init__(site)
        self.jl = JOOMLA_LABELS[site.lang]

    def j_date(self, day: date) -> str:
        """'10 July 2020' / '10 июля 2020'."""
        months = load_corpus()["months"]
        names = months["ru_gen"] if self.site.lang == "ru" else months["en"]
        return f"{day.day} {names[day.month - 1]} {day.year}"

    def stamp(self, article: MirrorArticle) -> str:
        """ISO 8601 datetime with a stable made-up time of day, Moscow offset."""
        key = key_of(article.slug, "joomla")
        day = article.published.isoformat()
        return f"{day}T{8 + key % 10:02d}:{(key >> 4) % 60:02d}:00+03:00"

    def page(self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list) -> str:
        """Header, then the right module position, then the component, then the footer."""
        return (
            self.head(title)
            + self.body_open()
            + self.header()
            + '<div class="row-fluid">\n<div id="aside" class="span3">\n'
            + self.latest(latest)
            + '</div>\n<main id="content" role="main" class="span9">\n'
            + self.breadcrumbs(crumbs)
            + main
            + "</main>\n</div>\n"
            + self.footer()
        )

    def body_open(self) -> str:
        return '<body class="site com_content view-article">\n<div class="body">\n'

    def header(self) -> str:
        items = "".join(
            f'<li class="item"><a href="{h}">{esc(t)}</a></li>' for h, t in self.menu_items()
        )
        return (
            '<header class="header" role="banner">\n<div class="header-inner clearfix">\n'
            f'<a class="brand pull-left" href="/"><h1>{esc(self.lab["site"])}</h1></a>\n'
            f'<div class="site-description">{esc(self.lab["org"])}</div>\n</div>\n'
            f'<nav class="navigation" role="navigation"><ul class="nav menu">{items}</ul></nav>\n'
            f'<div class="mod-languages"><a href="{attr(self.site.alternate_url)}">'
            f"{esc(self.lab['switch'])}</a></div>\n</header>\n"
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        rows = "".join(
            f'<li itemscope itemtype="https://schema.org/Article"><a href="{a.path}" '
            f'itemprop="url"><span itemprop="name">{esc(teaser(a))}</span></a></li>\n'
            for a in items[:3]
        )
        return (
            f'<div class="moduletable"><h3>{esc(self.jl["latest"])}</h3>\n'
            f'<ul class="latestnews">\n{rows}</ul>\n</div>\n'
        )

    def breadcrumbs(self, trail: list) -> str:
        parts = []
        for href, label in trail:
            if href:
                parts.append(f'<li><a href="{href}" class="pathway">{esc(label)}</a></li>')
            else:
                parts.append(f'<li class="active"><span>{esc(label)}</span></li>')
        return f'<ul class="breadcrumb">{"".join(parts)}</ul>\n'

    def footer(self) -> str:
        return (
            '<footer class="footer" role="contentinfo">\n<hr>\n'
            f'<p class="pull-right"><a href="#top" id="back-top">{esc(self.lab["home"])}</a></p>\n'
            f"<p>{esc(self.lab['copyright'])} {esc(self.lab['address'])}</p>\n</footer>\n"
            '</div>\n<script src="/media/jui/js/jquery.min.js"></script>\n'
            f"{COUNTER_SCRIPT}\n</body>\n</html>\n"
        )

    def neighbours(
        self, article: MirrorArticle, latest: Sequence[MirrorArticle]
    ) -> tuple[MirrorArticle | None, MirrorArticle | None]:
        """(previous = newer, next = older) among ``latest``, or its first two entries."""
        paths = [a.path for a in latest]
        if article.path in paths:
            i = paths.index(article.path)
            return (latest[i - 1] if i else None, latest[i + 1] if i + 1 < len(latest) else None)
        return (latest[0] if latest else None, latest[1] if len(latest) > 1 else None)

    def pagenav(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        prev, nxt = self.neighbours(article, latest)
        parts = [
            f'<li class="{cls}"><a href="{a.path}" rel="{rel}">{esc(self.jl[rel])}</a></li>'
            for a, cls, rel in ((prev, "previous", "prev"), (nxt, "next", "next"))
            if a is not None
        ]
        if not parts:
            return ""
        return f'<ul class="pager pagenav">{"".join(parts)}</ul>\n'

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        jl = self.jl
        blocks = [
            f'<p><img src="{src}" alt="{attr(cap)}" class="pull-left"></p>\n'
            for src, cap in article.images
        ]
        blocks += [f"<p>{para}</p>\n" for para in paragraph_html(article)]
        blocks += [
            f'<p><a href="{href}">{esc(label)}</a></p>\n' for href, label in article.attachments
        ]
        hits = 100 + key_of(article.slug, "hits") % 5000
        section_name = SECTION_TITLES[article.section][self.site.lang]
        info = (
            '<dl class="article-info muted">'
            f'<dt class="article-info-term">{esc(jl["details"])}</dt>'
            f'<dd class="category-name">{esc(jl["category"])} '
            f'<a href="/news/{article.section}/">{esc(section_name)}</a></dd>'
            '<dd class="published"><span class="icon-calendar"></span>'
            f'<time datetime="{self.stamp(article)}" itemprop="datePublished">'
            f"{esc(jl['published'])} {self.j_date(article.published)}</time></dd>"
            f'<dd class="hits"><meta itemprop="interactionCount" content="UserPageVisits:{hits}">'
            f"{esc(jl['hits'])} {hits}</dd></dl>\n"
        )
        main = (
            '<div class="item-page" itemscope itemtype="https://schema.org/Article">\n'
            f'<meta itemprop="inLanguage" content="{self.site.lang}">\n'
            f'<div class="page-header"><h2 itemprop="headline">{esc(article.title)}</h2></div>\n'
            f"{info}"
            f'<div itemprop="articleBody">\n{"".join(blocks)}</div>\n'
            f"{self.pagenav(article, latest)}</div>\n"
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
        jl = self.jl
        posts = "".join(
            '<div class="items-row"><div class="item">'
            f'<div class="page-header"><h2><a href="{a.path}">{esc(a.title)}</a></h2></div>'
            '<dl class="article-info"><dd class="published">'
            f'<time datetime="{self.stamp(a)}">{esc(jl["published"])} '
            f"{self.j_date(a.published)}</time></dd></dl>"
            + lead_block(a, "<p>{}</p>")
            + f'<p class="readmore"><a class="btn" href="{a.path}">{esc(jl["read_more"])}</a></p>'
            "</div></div>\n"
            for a in items
        )
        pager = self.pager(section, page, pages) if section else ""
        main = (
            f'<div class="blog">\n<div class="page-header"><h2>{esc(heading)}</h2></div>\n'
            f"{posts}{pager}</div>\n"
        )
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, section: str, page: int, pages: int) -> str:
        """Joomla pagination: '?PAGEN_1=n' for every page, page 1 included."""
        jl = self.jl
        base = f"/news/{section}/?PAGEN_1="

        def link(num: int, label: str) -> str:
            return f'<li><a href="{base}{num}">{esc(label)}</a></li>'

        out = []
        if page > 1:
            out += [link(1, jl["start"]), link(page - 1, jl["prev_page"])]
        for num in page_window(page, pages):
            if num is None:
                out.append('<li class="disabled"><span>…</span></li>')
            elif num == page:
                out.append(f'<li class="active"><span>{num}</span></li>')
            else:
                out.append(link(num, str(num)))
        if page < pages:
            out += [link(page + 1, jl["next_page"]), link(pages, jl["end"])]
        counter = jl["page_of"].format(page=page, pages=pages)
        return (
            f'<div class="pagination"><ul>{"".join(out)}</ul>'
            f'<p class="counter">{esc(counter)}</p></div>\n'
        )

    def news_index(self, latest: Sequence[MirrorArticle]) -> str:
        links = "".join(
            f'<li><a href="/news/{s}/">{esc(SECTION_TITLES[s][self.site.lang])}</a></li>\n'
            for s in SECTIONS
        )
        main = (
            f'<div class="categories-list"><div class="page-header"><h2>{esc(self.lab["news"])}'
            f"</h2></div>\n<ul>\n{links}</ul>\n</div>\n"
        )
        return self.page(self.lab["news"], main, latest, self.crumbs(None, None))
