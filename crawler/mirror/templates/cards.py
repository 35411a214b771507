"""The "cards" layout of the mirror."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from crawler.mirror.dataset import MirrorArticle
from crawler.mirror.templates.base import (
    COUNTER_SCRIPT,
    REAL_HOSTS,
    SECTION_TITLES,
    SECTIONS,
    SiteInfo,
    _Template,
    attr,
    dotted,
    esc,
    inline_script,
    lead_block,
    long_date,
    page_window,
    paragraph_html,
    teaser,
)

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
            f'<li><time>{dotted(a.published)}</time> <a href="{a.path}">{esc(teaser(a))}</a></li>\n'
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
            f"<h3>{esc(a.title)}</h3>"
            + lead_block(a, "<div>{}</div>")
            + "</a>\n"
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

