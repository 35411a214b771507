"""The "typed" layout of the mirror: a hand-typed static site that leaves the cleaning
to the crawler.

Every other layout keeps its navigation in `javascript:` links or in blocks that
extraction drops whole, writes dates dot-separated or with a month name, and spaces
words once. This one is what the text, boilerplate and dates steps exist for:

- navigation phrases as plain text lines ("Print", "Share:", "Go back") and as plain
  links ("Back to the section", "Back to the all news") inside the text container, one
  per paragraph, above and below the article's own paragraphs;
- paragraphs, title and leads typed with runs of spaces, tabs and line breaks and with
  non-breaking spaces (`&nbsp;`, `&#160;` and the raw U+00A0 character);
- day-first slash dates (10/07/2020 is 10 July), on the article and in the listing, with
  no weekday beside them: read month first, most of them would still be valid dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from crawler.mirror.dataset import MirrorArticle
from crawler.mirror.templates.base import (
    COUNTER_SCRIPT,
    _Template,
    esc,
    key_of,
    page_href,
    page_window,
    teaser,
)

# What an editor's keyboard leaves between two words; each renders as one space.
GAPS = ("  ", " \n\t", "&nbsp;", "\u00a0", "&#160; ", " &nbsp; ", "\t", "\n   ", "&nbsp;&nbsp;")


def slashed(day: date) -> str:
    """Day first, with slashes: 10/07/2020 is 10 July 2020."""
    return f"{day:%d/%m/%Y}"


def loose(text: str, key: int) -> str:
    """`text` escaped, with about one word gap in three typed as a run of white space
    or non-breaking spaces, and white space before and after; a reader sees `text`."""
    words = text.split(" ")
    out = ["\n\t " + ("&nbsp;" if key % 2 else "") + esc(words[0])]
    for i, word in enumerate(words[1:], start=1):
        pick = key_of(key, i) % (3 * len(GAPS))
        out.append((GAPS[pick] if pick < len(GAPS) else " ") + esc(word))
    out.append(" \u00a0\n" if key % 3 else "\n")
    return "".join(out)


class TypedTemplate(_Template):
    """A static site typed by hand: <div id="text"> with <p> paragraphs (or, on a third of
    the pages, paragraphs split by <br>&nbsp;<br>), nbsp and runs of white space
    everywhere, plain-text and plain-link navigation inside the text, dates as dd/mm/yyyy."""

    def page(self, title: str, main: str, latest: Sequence[MirrorArticle], crumbs: list) -> str:
        return (
            self.head(title) + self.body_open() + self.header() + self.breadcrumbs(crumbs)
            + main + self.latest(latest) + self.footer()
        )

    def body_open(self) -> str:
        return "<body>\n"

    def header(self) -> str:
        items = " |\n".join(f'<a href="{h}">{esc(t)}</a>' for h, t in self.menu_items())
        return f'<div id="top">\n<b>{esc(self.lab["org"])}</b><br>\n{items}\n</div>\n'

    def latest(self, items: Sequence[MirrorArticle]) -> str:
        rows = "".join(
            f'<li>{slashed(a.published)} <a href="{a.path}">{esc(teaser(a))}</a></li>\n'
            for a in items
        )
        return f'<div id="latest">\n<h3>{esc(self.lab["latest"])}</h3>\n<ul>\n{rows}</ul>\n</div>\n'

    def breadcrumbs(self, trail: list) -> str:
        parts = [f'<a href="{h}">{esc(t)}</a>' if h else esc(t) for h, t in trail]
        return f'<div id="path">{" / ".join(parts)}</div>\n'

    def footer(self) -> str:
        return (
            f'<div id="bottom">{esc(self.lab["copyright"])}<br>\n{esc(self.lab["address"])}'
            f"</div>\n{COUNTER_SCRIPT}\n</body>\n</html>\n"
        )

    def article(self, article: MirrorArticle, latest: Sequence[MirrorArticle]) -> str:
        lab, key = self.lab, key_of(article.slug, "typed")
        above = [lab["print"], lab["share"]]
        below = [
            lab["back"],
            f'<a href="/news/{article.section}/">{esc(lab["to_section"])}</a>',
            f'<a href="/news/">{esc(lab["to_all"])}</a>',
        ]
        own = [loose(p, key_of(article.slug, i)) for i, p in enumerate(article.paragraphs)]
        if key % 2:
            own.insert(1, "&nbsp;\n\t")  # an empty paragraph typed between two
        lines = [*(esc(t) for t in above[: 1 + key % 2]), *own, *below]
        if key % 3:
            text = "".join(f"<p>{line}</p>\n" for line in lines)
        else:  # typed as one block: a blank line is two <br>, perhaps with a space between
            text = "<br>\n&nbsp;<br>\n".join(lines) + "\n"
        figures = "".join(
            f'<p><img src="{src}" alt=""><br><i>{esc(cap)}</i></p>\n'
            for src, cap in article.images
        )
        files = "".join(
            f'<p><a href="{h}">{esc(t)}</a></p>\n' for h, t in article.attachments
        )
        main = (
            f'<div id="main">\n<h1>{loose(article.title, key)}</h1>\n'
            f'<p class="date">{slashed(article.published)}</p>\n{figures}'
            f'<div id="text">\n{text}</div>\n{files}</div>\n'
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
            f'<div class="item">\n<span class="date">{slashed(a.published)}</span>\n'
            f'<a href="{a.path}">{loose(a.title, key_of(a.slug, "t"))}</a>\n'
            + (f"<p>{loose(a.lead, key_of(a.slug, 'lead'))}</p>\n" if a.lead else "")
            + "</div>\n"
            for a in items
        )
        pager = self.pager(section, page, pages) if section else ""
        main = f'<div id="main">\n<h1>{esc(heading)}</h1>\n{rows}{pager}</div>\n'
        return self.page(heading, main, latest, self.crumbs(section, None))

    def pager(self, section: str, page: int, pages: int) -> str:
        """Numbers only, the current one in bold."""
        out = []
        for num in page_window(page, pages):
            if num is None:
                out.append("...")
            elif num == page:
                out.append(f"<b>{num}</b>")
            else:
                out.append(f'<a href="{page_href(section, num)}">{num}</a>')
        return f'<div class="pages">{" ".join(out)}</div>\n'
