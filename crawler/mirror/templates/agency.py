"""The "agency" layout of the mirror."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from crawler.mirror.dataset import MirrorArticle
from crawler.mirror.templates.base import (
    COUNTER_SCRIPT,
    SECTION_TITLES,
    SiteInfo,
    _Template,
    attr,
    esc,
    key_of,
    lead_block,
    paragraph_html,
    teaser,
)

AGENCY_LABELS = {
    "en": {
        "top": "Top stories", "ad": "Advertisement",
        "ad_text": "Buy tickets to Minsk — 20% off this week only!", "photo": "Photo: ",
        "related": "Related",
        "comments": "Comments are closed.", "more": "Load more", "agency": "CSTO News Agency",
    },
    "ru": {
        "top": "Главное", "ad": "Реклама",
        "ad_text": "Билеты в Минск — скидка 20% только на этой неделе!", "photo": "Фото: ",
        "related": "Читайте также",
        "comments": "Комментарии закрыты.", "more": "Загрузить ещё",
        "agency": "Информагентство ОДКБ",
    },
}  # fmt: skip


class AgencyTemplate(_Template):
    """A news agency: logo and search form, a "Top stories" carousel before the article.

    Dates use two-digit years (dd.mm.yy); the kicker line "SECTION | dd.mm.yy HH:MM" is the only
    date of an article. The first paragraph is a lead block, an advertisement precedes paragraph
    2, and related links and a comments placeholder follow the text (a source line, where an
    article has one, is the article's own last paragraph). Listings are a feed
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
            f'<a href="{a.path}">{esc(teaser(a))}</a></div>\n'
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
            f"{self.text_html(article)}</div>\n"
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
            + lead_block(a, '<div class="ag-feed__lead">{}</div>')
            + "</div>\n"
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

