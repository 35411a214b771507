"""What an article carries besides its text: its pictures with their captions, the
documents it links to, and its own HTML (pictures kept, boilerplate out)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from crawler.extract.captions import caption_after, figure_of
from crawler.extract.dom import ancestors, pruned_copy, tag, text_of
from crawler.extract.layout import Texts
from crawler.extract.links import DOCUMENT_EXTENSIONS
from crawler.extract.structure import ArticlePage
from crawler.extract.text import clean_line
from crawler.extract.urls import absolute, href_path


@dataclass(frozen=True)
class Media:
    """The article's pictures (`url`, `caption`), linked documents (`url`, `title`) and
    own HTML; empty when no element holds its text (a body only trafilatura found)."""

    images: list[dict[str, str]] = field(default_factory=list)
    attachments: list[dict[str, str]] = field(default_factory=list)
    html: str | None = None


def find_media(
    page: ArticlePage, parts: list[etree._Element], anchor: etree._Element | None
) -> Media:
    """The media of the region holding the title and the body's `parts`, and the HTML of
    the parts."""
    if not parts:
        return Media()
    region = article_region(parts, anchor)
    return Media(
        images=images(page, region),
        attachments=attachments(page, region),
        html="\n".join(own_html(page, part, anchor) for part in parts),
    )


def article_region(
    parts: list[etree._Element], anchor: etree._Element | None
) -> etree._Element:
    """The smallest element holding the title and every part of the body: where media
    belong."""
    region = parts[0]
    for el in [*parts[1:], *([anchor] if anchor is not None else [])]:
        above = {region, *ancestors(region)}
        region = next((a for a in (el, *ancestors(el)) if a in above), region)
    return region


def images(page: ArticlePage, container: etree._Element) -> list[dict[str, str]]:
    """The pictures in `container` (address, caption) outside boilerplate, captions
    excepted: a figure is excluded from the text but its picture is the article's."""
    found = []
    for img in container.iter("img"):
        if any(page.not_media(a) for a in (img, *ancestors(img))):
            continue
        src = _image_source(img)
        url = absolute(page.url, src) if src else None
        if url is None:
            continue
        found.append({"url": url, "caption": _caption(img, page.texts)})
    return found


LAZY_SOURCES = ("data-original", "data-src", "data-lazy-src", "data-lazy")


def _image_source(img: etree._Element) -> str | None:
    """The picture's real address: lazy-loading pages put a placeholder in `src`."""
    src = (img.get("src") or "").strip()
    if src and not src.startswith("data:"):
        return src
    return next((img.get(name) for name in LAZY_SOURCES if img.get(name)), None)


def _caption(img: etree._Element, texts: Texts) -> str:
    """A picture's caption: its `<figure>`'s `<figcaption>`, the figure or caption line
    around or after it, else its `alt` or `title`."""
    for parent in ancestors(img):
        if tag(parent) == "figure":
            for cap in parent.iter("figcaption"):
                return text_of(cap)
            break
    for holder in (figure_of(img, texts), caption_after(img, texts)):
        if holder is not None:
            return text_of(holder)
    return clean_line(img.get("alt") or img.get("title") or "")


def attachments(page: ArticlePage, container: etree._Element) -> list[dict[str, str]]:
    """Documents (PDF, Word, archives...) linked from `container`, each once, outside
    boilerplate: press releases attach their statements."""
    found = []
    seen: set[str] = set()
    for a in container.iter("a"):
        href = a.get("href") or ""
        if "." not in href or not DOCUMENT_EXTENSIONS.search(href_path(href)):
            continue  # asked first: the cheap question, and most links are no documents
        url = absolute(page.url, href)
        if url is None or url in seen or page.inside_excluded(a):
            continue  # a "Download" button beside the document's own link
        seen.add(url)
        found.append({"url": url, "title": text_of(a)})
    return found


def own_html(page: ArticlePage, container: etree._Element, anchor: etree._Element | None) -> str:
    """The container's HTML without the boilerplate inside it nor the title (sanitised
    later, in storage); figures stay: body_html keeps its pictures."""
    unwanted = {el for el in container.iter() if el is anchor or page.not_media(el)}
    own = pruned_copy(container, unwanted)
    return etree.tostring(own, encoding="unicode", method="html").strip()
