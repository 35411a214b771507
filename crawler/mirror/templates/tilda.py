"""The "tilda" layout of the mirror."""

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
)

TILDA_LABELS = {
    "en": {"other": "Other news", "back": "Back to news", "next": "→"},
    "ru": {"other": "Другие новости", "back": "Назад к новостям", "next": "→"},
}  # fmt: skip


TILDA_PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="


class TildaTemplate(_Template):
    """A website-constructor page (Tilda-like): every block is a <div class="t-rec"> record
    nested in t-container / t-col; no <h1>/<h2> and no og:title, the title is a
    <div field="title">; the date record comes before the title record.

    The whole body is ONE field="text" div whose paragraphs are separated by <br /><br />
    (no <p>); bold is <strong> or <span style="font-weight: 600;">, links carry an inline
    colour. The lazy-loaded picture (data-original, a 1px GIF in src) and its caption follow
    the text record. "Other news" cards hold the three newest articles; listings are a t-feed
    with plain "?PAGEN_1=n" links.
    """

    def __init__(self, site: SiteInfo) -> None:
        super().__init__(site)
        self.tl = TILDA_LABELS[site.lang]
        self._rec = 0

    def head(self, title: str) -> str:
        """<title> is just the title; no og:title."""
        return (
            f'<!DOCTYPE html>\n<html lang="{self.site.lang}">\n<head>\n'
            f'<meta charset="{self.site.charset}">\n'
            f"<title>{attr(title or self.lab['org'])}</title>\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
            '<link rel="stylesheet" href="/css/tilda-grid-3.0.min.css" type="text/css">\n'
            '<link rel="stylesheet" href="/css/tilda-blocks-page1.min.css" type="text/css">\n'
            '<script src="/js/tilda-scripts-3.0.min.js"></script>\n'
            "</head>\n"
        )

    def record(self, inner: str, kind: int, col: int = 8) -> str:
        """One t-rec record: t-container > t-col > inner."""
        self._rec += 1
        rec_id = 100000 + key_of(self.site.lang, kind, self._rec) % 900000
        return (
            f'<div id="rec{rec_id}" class="t-rec t-rec_pt_30 t-rec_pb_30" '
            f'data-record-type="{kind}">\n<div class="t-container">\n'
            f'<div class="t-col t-col_{col} t-prefix_{(12 - col) // 2}">\n'
            f"{inner}</div>\n</div>\n</div>\n"
        )

    def page(self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list) -> str:
        """Menu record, the page's records, footer record; no separate latest block."""
        return self.head(title) + self.body_open() + self.header() + main + self.footer()

    def body_open(self) -> str:
        return (
            '<body class="t-body" style="margin:0;">\n'
            '<div id="allrecords" class="t-records" data-tilda-project-id="2417">\n'
        )

    def header(self) -> str:
        links = "".join(
            f'<a class="t-menu__link-item" href="{h}">{esc(t)}</a>\n' for h, t in self.menu_items()
        )
        links += (
            f'<a class="t-menu__link-item" href="{attr(self.site.alternate_url)}">'
            f"{esc(self.lab['switch'])}</a>\n"
        )
        return self.record(f'<div class="t-menu">\n{links}</div>\n', 456, 12)

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        """The 'Other news' record of cards."""
        cards = "".join(
            f'<div class="t-card"><a href="{a.path}">'
            f'<div class="t-card__title">{esc(a.title)}</div>'
            f'<div class="t-card__descr">{dotted(a.published)}</div></a></div>\n'
            for a in items
        )
        return self.record(
            f'<div class="t-title t-title_xs">{esc(self.tl["other"])}</div>\n'
            f'<div class="t-cards">\n{cards}</div>\n',
            777,
            12,
        )

    def breadcrumbs(self, trail: list) -> str:
        return ""

    def footer(self) -> str:
        inner = (
            f'<div class="t-text t-text_xs">{esc(self.lab["address"])}<br />'
            f"{esc(self.lab['copyright'])}</div>\n"
        )
        return self.record(inner, 420, 12) + f"</div>\n{COUNTER_SCRIPT}\n</body>\n</html>\n"

    def text_html(self, article: MirrorArticle) -> str:
        """Every paragraph in one div, joined with <br /><br />; Tilda's inline styles."""
        paras = [
            p.replace("<b>", '<span style="font-weight: 600;">')
            .replace("</b>", "</span>")
            .replace("<a href=", '<a style="color:#ff8562 !important;" href=')
            .replace("<br>", "<br />")
            for p in paragraph_html(article)
        ]
        return f'<div class="t-text t-text_md" field="text">{"<br /><br />".join(paras)}</div>\n'

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        records = [
            self.record(
                f'<div class="t-descr t-descr_xs" field="descr">{dotted(article.published)}'
                "</div>\n",
                60,
            ),
            self.record(
                f'<div class="t-title t-title_xl" field="title">{esc(article.title)}</div>\n', 30
            ),
            self.record(self.text_html(article), 106),
        ]
        for src, cap in article.images:
            records.append(
                f'<div class="t-rec"><img class="t-img" data-original="{src}" '
                f'src="{TILDA_PIXEL}"><div class="t-text t-text_xs" field="imgtext">'
                f"{esc(cap)}</div></div>\n"
            )
        if article.attachments:
            files = "".join(
                f'<a class="t-file" href="{h}">{esc(t)}</a><br />\n' for h, t in article.attachments
            )
            records.append(
                self.record(
                    f'<div class="t-text t-text_sm">{esc(self.lab["files"])}<br />\n{files}'
                    "</div>\n",
                    107,
                )
            )
        records.append(self.latest(latest))
        records.append(
            self.record(
                f'<a href="/news/{article.section}/" class="t-btn"><table><tr><td>'
                f"{esc(self.tl['back'])}</td></tr></table></a>\n",
                191,
            )
        )
        main = "".join(records)
        return self.page(article.title, main, latest, [])

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
            f'<div class="t-feed__post"><a href="{a.path}" class="t-feed__link">'
            f'<div class="t-feed__title">{esc(a.title)}</div></a>'
            + lead_block(a, '<div class="t-feed__descr">{}</div>')
            + f'<div class="t-feed__date">{dotted(a.published)}</div></div>\n'
            for a in items
        )
        pager = self.pager(page, pages) if section else ""
        main = self.record(
            f'<div class="t-title t-title_lg" field="title">{esc(heading)}</div>\n', 30
        ) + self.record(f'<div class="t-feed">\n{posts}</div>\n{pager}', 930, 12)
        return self.page(heading, main, latest, [])

    def pager(self, page: int, pages: int) -> str:
        """Plain '?PAGEN_1=n' links, the current page as <span>, then an arrow."""
        out = []
        for num in page_window(page, pages):
            if num is None:
                out.append("<span>…</span>")
            elif num == page:
                out.append(f"<span>{num}</span>")
            else:
                out.append(f'<a href="?PAGEN_1={num}">{num}</a>')
        if page < pages:
            out.append(f'<a href="?PAGEN_1={page + 1}">{self.tl["next"]}</a>')
        return f'<div class="t-feed__pages">{" ".join(out)}</div>\n'

    def not_found(self, latest: Sequence[MirrorArticle]) -> str:
        main = self.record(
            f'<div class="t-title t-title_xl">{esc(self.lab["not_found"])}</div>\n'
            f'<div class="t-text t-text_md">{esc(self.lab["not_found_text"])}</div>\n',
            30,
        )
        return self.page(self.lab["not_found"], main, latest, [])

    def news_index(self, latest: Sequence[MirrorArticle]) -> str:
        links = "".join(
            f'<a href="/news/{s}/">{esc(SECTION_TITLES[s][self.site.lang])}</a><br />\n'
            for s in SECTIONS
        )
        main = self.record(
            f'<div class="t-title t-title_xl">{esc(self.lab["news"])}</div>\n'
            f'<div class="t-text t-text_md">\n{links}</div>\n',
            30,
        )
        return self.page(self.lab["news"], main, latest, [])

