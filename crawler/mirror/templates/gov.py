"""The "gov" layout of the mirror."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from urllib.parse import quote

from crawler.mirror.dataset import MirrorArticle
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
    long_date,
    page_window,
    paragraph_html,
    teaser,
)

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
            f'<div class="gp-last__t">{esc(teaser(a))}</div></div>\n'
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
                + lead_block(a, '<div class="gp-item__lead">{}</div>')
                + "</div>\n"
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

