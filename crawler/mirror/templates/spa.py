"""The "spa" layout of the mirror."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from crawler.mirror.dataset import MirrorArticle
from crawler.mirror.templates.base import (
    REAL_HOSTS,
    SiteInfo,
    _Template,
    attr,
    dotted,
    esc,
    lead_block,
    long_date,
    page_window,
    paragraph_html,
    teaser,
)

SPA_LABELS = {
    "en": {"more": "More news", "copy": "Copy link", "ticker": "Latest"},
    "ru": {"more": "Ещё новости", "copy": "Скопировать ссылку", "ticker": "Последние"},
}  # fmt: skip


def _json_script(data: object) -> str:
    """JSON safe to embed in a <script> element."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


class SpaTemplate(_Template):
    """A JavaScript-framework site rendered server-side: <div id="__next">, hashed BEM classes.

    The date comes first, in a hero <span> (no <time>); the second paragraph sits in a
    <blockquote>; related cards carry their own <time datetime>; a ticker of the latest news
    lives in the header; JSON-LD and __NEXT_DATA__ repeat the title and the text in scripts.
    """

    def __init__(self, site: SiteInfo) -> None:
        super().__init__(site)
        self.sl = SPA_LABELS[site.lang]
        self._latest: Sequence[MirrorArticle] = ()

    def hero_date(self, day: date) -> str:
        """'10 July 2020' / '10 июля 2020' (no 'г.')."""
        return long_date(day, self.site.lang).removesuffix(" г.")

    def page(
        self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list,
        head_extra: str = "", next_data: object = None,
    ) -> str:  # fmt: skip
        """Everything inside <div id="__next">; __NEXT_DATA__ after it, as Next.js does."""
        self._latest = latest
        data = next_data if next_data is not None else {"props": {"pageProps": {}}}
        head = self.head(title).replace("</head>\n", f"{head_extra}</head>\n")
        return (
            head
            + self.body_open()
            + self.header()
            + self.latest(latest)
            + '<main class="c-main_x7f2">\n'
            + self.breadcrumbs(crumbs)
            + main
            + "</main>\n"
            + self.footer()
            + "</div>\n"
            + f'<script id="__NEXT_DATA__" type="application/json">{_json_script(data)}</script>\n'
            + '<script src="/_next/static/chunks/main-3f9a1c.js" defer></script>\n'
            + "</body>\n</html>\n"
        )

    def body_open(self) -> str:
        return '<body>\n<div id="__next">\n'

    def header(self) -> str:
        links = "".join(f'<a href="{h}">{esc(t)}</a>' for h, t in self.menu_items())
        ticker = "".join(
            f'<a href="{a.path}"><b>{dotted(a.published)}</b> {esc(teaser(a))}</a>\n'
            for a in self._latest
        )
        return (
            '<header class="c-header_a91e">\n'
            f'<a class="c-logo_3b0c" href="/">{esc(self.lab["site"])}</a>\n'
            f'<nav class="c-nav_5d2a">{links}</nav>\n'
            f'<a class="c-lang_0e4b" href="{attr(self.site.alternate_url)}">'
            f"{esc(self.lab['switch'])}</a>\n"
            f'<div class="c-ticker" aria-label="{attr(self.sl["ticker"])}">\n{ticker}</div>\n'
            "</header>\n"
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        return ""  # the latest news are the header's ticker

    def breadcrumbs(self, trail: list) -> str:
        items = "".join(
            f'<li><a href="{h}">{esc(t)}</a></li>' if h else f"<li><span>{esc(t)}</span></li>"
            for h, t in trail
        )
        return f'<nav class="c-crumbs_9b7d" aria-label="breadcrumbs"><ol>{items}</ol></nav>\n'

    def footer(self) -> str:
        return (
            '<footer class="c-footer_6e1d">\n'
            f'<p class="c-footer__copy">{esc(self.lab["copyright"])}</p>\n'
            f'<p class="c-footer__addr">{esc(self.lab["address"])}</p>\n</footer>\n'
        )

    def share(self, article: MirrorArticle) -> str:
        url = REAL_HOSTS[article.lang] + article.path
        return (
            '<div class="c-share" role="toolbar">\n'
            f'<a href="https://t.me/share/url?url={url}" target="_blank">Telegram</a>\n'
            f'<a href="https://vk.com/share.php?url={url}" target="_blank">VK</a>\n'
            f'<button type="button" data-url="{url}">{esc(self.sl["copy"])}</button>\n</div>\n'
        )

    def body_html(self, article: MirrorArticle) -> str:
        """<p class="c-text"> paragraphs, the 2nd in a blockquote, pictures after the 1st."""
        paras = paragraph_html(article)
        quoted = 1 if len(paras) >= 3 else -1
        pictures = "".join(
            f'<picture><source srcset="{src.rsplit(".", 1)[0]}.webp" type="image/webp">'
            f'<img src="{src}" alt=""></picture><p class="c-caption">{esc(cap)}</p>\n'
            for src, cap in article.images
        )
        blocks = []
        for i, para in enumerate(paras):
            if i == quoted:
                blocks.append(f'<blockquote class="c-quote"><p>{para}</p></blockquote>\n')
            else:
                blocks.append(f'<p class="c-text">{para}</p>\n')
            if i == 0:
                blocks.append(pictures)
        files = "".join(
            f'<li><a href="{h}" download>{esc(t)}</a></li>' for h, t in article.attachments
        )
        if files:
            blocks.append(f'<ul class="c-files">{files}</ul>\n')
        return (
            f'<div class="news-page__body" data-testid="article-body">\n{"".join(blocks)}</div>\n'
        )

    def card(self, item: MirrorArticle) -> str:
        """A related-news card."""
        return (
            f'<article class="c-card"><a href="{item.path}"><h3>{esc(item.title)}</h3></a>'
            f'<time datetime="{item.published.isoformat()}">{self.hero_date(item.published)}'
            "</time></article>\n"
        )

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        url = REAL_HOSTS[article.lang] + article.path
        ld = {
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": article.title, "datePublished": article.published.isoformat(),
            "inLanguage": article.lang, "mainEntityOfPage": url,
        }  # fmt: skip
        head_extra = f'<script type="application/ld+json">{_json_script(ld)}</script>\n'
        next_data = {
            "props": {"pageProps": {"article": {
                "title": article.title, "date": article.published.isoformat(),
                "lead": article.lead, "body": article.body, "section": article.section,
            }}},
            "page": "/news/[section]/[slug]", "buildId": "k7Qx2mZ9", "isFallback": False,
        }  # fmt: skip
        others = [a for a in latest if a.path != article.path][:3]
        cards = "".join(self.card(a) for a in others)
        main = (
            '<article class="c-article_x7f2">\n<div class="c-hero">\n'
            f'<span class="c-hero__date">{self.hero_date(article.published)}</span>\n'
            f'<h1 class="c-hero__title">{esc(article.title)}</h1>\n</div>\n'
            f"{self.body_html(article)}</article>\n"
            f'<section class="c-related">\n<h2>{esc(self.sl["more"])}</h2>\n{cards}</section>\n'
            f"{self.share(article)}"
        )
        crumbs = self.crumbs(article.section, article.title)
        return self.page(article.title, main, latest, crumbs, head_extra, next_data)

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
            f'<article class="c-card"><a href="{a.path}" class="c-card__link">'
            '<div class="c-card__img">'
            f'<img src="{a.images[0][0] if a.images else "/_next/static/media/cover.svg"}" alt="">'
            f'</div><h3 class="c-card__title">{esc(a.title)}</h3></a>'
            + lead_block(a, '<p class="c-card__lead">{}</p>')
            + f'<time class="c-card__date" datetime="{a.published.isoformat()}">'
            f"{self.hero_date(a.published)}</time></article>\n"
            for a in items
        )
        pager = self.pager(page, pages) if section else ""
        main = (
            f'<h1 class="news-page__heading">{esc(heading)}</h1>\n'
            f'<div class="news-grid">\n{cards}</div>\n{pager}'
        )
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, page: int, pages: int) -> str:
        """Relative '?PAGEN_1=n' links (page 1 too), '‹'/'›' for previous/next."""
        out = []
        if page > 1:
            out.append(f'<a href="?PAGEN_1={page - 1}" aria-label="Previous">‹</a>')
        for num in page_window(page, pages):
            if num is None:
                out.append("<span>…</span>")
            elif num == page:
                out.append(f'<a aria-current="page">{num}</a>')
            else:
                out.append(f'<a href="?PAGEN_1={num}">{num}</a>')
        if page < pages:
            out.append(f'<a href="?PAGEN_1={page + 1}" aria-label="Next">›</a>')
        return f'<nav aria-label="pagination">{"".join(out)}</nav>\n'

