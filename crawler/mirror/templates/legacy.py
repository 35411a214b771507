"""The "legacy" layout of the mirror."""

from __future__ import annotations

from collections.abc import Sequence

from crawler.mirror.dataset import MirrorArticle
from crawler.mirror.templates.base import (
    COUNTER_SCRIPT,
    _Template,
    attr,
    dotted,
    esc,
    inline_script,
    lead_block,
    page_window,
    paragraph_html,
    teaser,
)


class LegacyTemplate(_Template):
    """Early-2000s table layout: <font>, <br><br> paragraphs, no <h1>, no classes."""

    def page(self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list) -> str:
        return (
            self.head(title)
            + '<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0">\n'
            + '<table width="100%" border="0" cellspacing="0" cellpadding="0">\n'
            + f'<tr><td colspan="2" bgcolor="#003366">{self.header()}</td></tr>\n'
            + f'<tr><td width="220" valign="top">{self.latest(latest)}</td>\n'
            + f'<td valign="top">{self.breadcrumbs(crumbs)}{main}</td></tr>\n'
            + f'<tr><td colspan="2">{self.footer()}</td></tr>\n</table>\n'
            + f"{COUNTER_SCRIPT}\n</body>\n</html>\n"
        )

    def header(self) -> str:
        items = " | ".join(
            f'<a href="{h}"><font color="#FFFFFF">{esc(t)}</font></a>' for h, t in self.menu_items()
        )
        return (
            f'<font size="2" face="Verdana">{items} &nbsp; '
            f'<a href="{attr(self.site.alternate_url)}"><font color="#FFCC00">'
            f"{esc(self.lab['switch'])}</font></a></font>"
        )

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        rows = "".join(
            f'<tr><td><font size="1" color="#999999">{dotted(a.published)}</font><br>\n'
            f'<a href="{a.path}"><font size="1">{esc(teaser(a))}</font></a><br><br></td></tr>\n'
            for a in items
        )
        return f'<table width="100%" cellpadding="4">\n{rows}</table>'

    def breadcrumbs(self, trail: list) -> str:
        parts = [f'<a href="{h}">{esc(t)}</a>' if h else esc(t) for h, t in trail]
        return f'<font size="1">{" &raquo; ".join(parts)}</font><br><br>\n'

    def footer(self) -> str:
        return (
            f'<hr size="1"><font size="1" color="#666666">{esc(self.lab["copyright"])}<br>\n'
            f"{esc(self.lab['address'])}</font>"
        )

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        paras = paragraph_html(article)
        if len(paras) > 2:
            paras[1] = inline_script(article) + paras[1]
        text = "<br><br>\n".join(paras)
        images = "".join(
            f'<tr><td colspan="2"><img src="{src}" border="0" hspace="5" vspace="5"><br>'
            f'<font size="1"><i>{esc(cap)}</i></font></td></tr>\n'
            for src, cap in article.images
        )
        files = "".join(
            f'<tr><td colspan="2"><font size="2"><a href="{h}">{esc(t)}</a></font></td></tr>\n'
            for h, t in article.attachments
        )
        nav = "<br>\n".join(
            f'<a href="{h}"><font size="2">{esc(t)}</font></a>' for h, t in self.nav_links(article)
        )
        main = (
            '<table width="100%" border="0" cellpadding="3">\n'
            f'<tr><td colspan="2"><font size="4"><b>{esc(article.title)}</b></font></td></tr>\n'
            f'<tr><td><font size="2"><b>{esc(article.title)}</b></font></td>'
            f'<td width="90" align="right"><font size="2" color="#808080">'
            f"{dotted(article.published)}</font></td></tr>\n{images}"
            f'<tr><td colspan="2"><font size="2" face="Arial">\n{text}\n</font></td></tr>\n'
            f'{files}<tr><td colspan="2"><br>{nav}</td></tr>\n</table>\n'
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
            f'<tr><td width="80" valign="top"><font size="1">{dotted(a.published)}</font></td>\n'
            f'<td valign="top"><a href="{a.path}"><b>{esc(a.title)}</b></a>'
            + lead_block(a, '<br>\n<font size="2">{}</font>')
            + "</td></tr>\n"
            for a in items
        )
        pager = self.pager(page, pages) if section else ""
        main = (
            f'<font size="4"><b>{esc(heading)}</b></font><br><br>\n'
            f'<table width="100%" border="0" cellpadding="4">\n{rows}</table>\n{pager}'
        )
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, page: int, pages: int) -> str:
        """Plain numbered links with relative '?PAGEN_1=n' hrefs and '>>' for next."""
        out = []
        if page > 1:
            out.append(f'<a href="?PAGEN_1={page - 1}">&lt;&lt;</a>')
        for num in page_window(page, pages):
            if num is None:
                out.append("...")
            elif num == page:
                out.append(f"<b>{num}</b>")
            else:
                out.append(f'<a href="?PAGEN_1={num}">{num}</a>')
        if page < pages:
            out.append(f'<a href="?PAGEN_1={page + 1}">&gt;&gt;</a>')
        return f'<br><font size="2">{" ".join(out)}</font><br>\n'

