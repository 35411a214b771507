"""The "modern" layout of the mirror."""

from __future__ import annotations

from collections.abc import Sequence

from crawler.mirror.dataset import MirrorArticle
from crawler.mirror.templates.base import (
    COUNTER_SCRIPT,
    REAL_HOSTS,
    _Template,
    attr,
    dotted,
    esc,
    inline_script,
    key_of,
    lead_block,
    long_date,
    page_href,
    page_window,
    paragraph_html,
    teaser,
)


class ModernTemplate(_Template):
    """HTML5 redesign: main/article/header/time, figure, share bar, rel=next pagination."""

    def body_open(self) -> str:
        return '<body class="page">\n'

    def header(self) -> str:
        items = "".join(
            f'<a class="site-nav__link" href="{h}">{esc(t)}</a>' for h, t in self.menu_items()
        )
        return (
            '<header class="site-header">\n<a class="site-header__brand" href="/">'
            f'{esc(self.lab["org"])}</a>\n<nav class="site-nav">{items}</nav>\n'
            f'<a class="site-header__switch" hreflang="{"ru" if self.site.lang == "en" else "en"}"'
            f' href="{attr(self.site.alternate_url)}">{esc(self.lab["switch"])}</a>\n</header>\n'
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        cards = "".join(
            f'<li class="ticker__card"><time datetime="{a.published.isoformat()}">'
            f"{dotted(a.published)}</time>\n"
            f'<a class="ticker__text" href="{a.path}">{esc(teaser(a))}</a></li>\n'
            for a in items
        )
        return (
            f'<aside class="ticker" aria-label="{attr(self.lab["latest"])}">\n'
            f"<ul>\n{cards}</ul>\n</aside>\n"
        )

    def breadcrumbs(self, trail: list) -> str:
        items = "".join(
            f'<li class="crumbs__item"><a href="{h}">{esc(t)}</a></li>'
            if h
            else f'<li class="crumbs__item" aria-current="page">{esc(t)}</li>'
            for h, t in trail
        )
        return f'<nav aria-label="breadcrumb"><ol class="crumbs">{items}</ol></nav>\n'

    def footer(self) -> str:
        return (
            '<footer class="site-footer">\n'
            f'<p class="site-footer__copy">{esc(self.lab["copyright"])}</p>\n'
            f"<address>{esc(self.lab['address'])}</address>\n{COUNTER_SCRIPT}\n"
            '<script src="/local/templates/main/js/app.bundle.js" defer></script>\n'
            "</footer>\n</body>\n</html>\n"
        )

    def share(self, article: MirrorArticle) -> str:
        """Social share buttons pointing at the real site's URL, as production does."""
        url = REAL_HOSTS[article.lang] + article.path
        return (
            f'<div class="share">{esc(self.lab["share"])} '
            f'<a href="https://www.facebook.com/sharer/sharer.php?u={url}" target="_blank">'
            "Facebook</a> "
            f'<a href="https://t.me/share/url?url={url}" target="_blank">Telegram</a> '
            f'<a href="https://vk.com/share.php?url={url}" target="_blank">VK</a> '
            '<a href="#" onclick="window.print(); return false;">'
            f"{esc(self.lab['print'])}</a></div>\n"
        )

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        blocks = []
        for i, para in enumerate(paragraph_html(article)):
            blocks.append(f"<p>{para}</p>\n")
            if i == 1 and key_of(article.slug, "empty") % 2:
                blocks.append("<p>&nbsp;</p>\n")
            if i == 0:
                blocks.append(inline_script(article))
        figures = "".join(
            f'<figure class="story__figure"><img src="{src}" alt="{attr(cap)}" loading="lazy">'
            f"<figcaption>{esc(cap)}</figcaption></figure>\n"
            for src, cap in article.images
        )
        files = "".join(
            f'<li><a href="{h}" download>{esc(t)}</a></li>' for h, t in article.attachments
        )
        if files:
            files = (
                f'<section class="story__files"><h2>{esc(self.lab["files"])}</h2>'
                f"<ul>{files}</ul></section>\n"
            )
        nav = " ".join(
            f'<a class="story__back" href="{h}">{esc(t)}</a>' for h, t in self.nav_links(article)
        )
        main = (
            '<main class="layout">\n<article class="story">\n<header class="story__header">\n'
            f'<h1 class="story__title">{esc(article.title)}</h1>\n'
            f'<time class="story__date" datetime="{article.published.isoformat()}">'
            f"{long_date(article.published, article.lang)}</time>\n</header>\n"
            f"{self.share(article)}{figures}"
            f'<div class="story__body">\n{"".join(blocks)}</div>\n{files}'
            f'<footer class="story__footer">{nav}</footer>\n</article>\n</main>\n'
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
            f'<li class="feed__item"><a class="feed__link" href="{a.path}">{esc(a.title)}</a>\n'
            f'<time datetime="{a.published.isoformat()}">{long_date(a.published, a.lang)}</time>\n'
            + lead_block(a, '<p class="feed__lead">{}</p>')
            + "</li>\n"
            for a in items
        )
        pager = self.pager(section, page, pages) if section else ""
        main = (
            f'<main class="layout">\n<h1 class="layout__title">{esc(heading)}</h1>\n'
            f'<ul class="feed">\n{rows}</ul>\n{pager}</main>\n'
        )
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, section: str, page: int, pages: int) -> str:
        """rel=prev/next pagination."""
        out = []
        if page > 1:
            out.append(
                f'<a rel="prev" href="{page_href(section, page - 1)}">← {esc(self.lab["prev"])}</a>'
            )
        for num in page_window(page, pages):
            if num is None:
                out.append('<span class="pagination__gap">…</span>')
            elif num == page:
                out.append(f'<span class="pagination__current" aria-current="page">{num}</span>')
            else:
                out.append(
                    f'<a class="pagination__link" href="{page_href(section, num)}">{num}</a>'
                )
        if page < pages:
            out.append(
                f'<a rel="next" href="{page_href(section, page + 1)}">{esc(self.lab["next"])} →</a>'
            )
        label = attr(self.lab["pages"])
        return f'<nav class="pagination" aria-label="{label}">\n{chr(10).join(out)}\n</nav>\n'

