"""Which elements caption a picture: they describe the picture, not the story.

A caption is found by where it stands (the figure around an image, short italic text
right under it), since templates mark captions in many ways or not at all.
"""

from __future__ import annotations

from lxml import etree

from crawler.extract.blocks import paragraphs
from crawler.extract.dom import ancestors, class_words, tag
from crawler.extract.layout import Texts


def caption_after(
    img: etree._Element, texts: Texts
) -> etree._Element | None:
    """Short inline text right after an image (`<img><br><em>Caption</em>`), or an element
    marked as a caption after it (or after the `<picture>` or link around it)."""
    holder = img  # climb out of wrappers that hold the image alone (<picture>, <a>, <div>)
    while holder.getnext() is None and holder.getparent() is not None and (
        tag(holder.getparent()) in ("picture", "source", "a") or not texts(holder.getparent())
    ):
        holder = holder.getparent()
    sibling = holder.getnext()
    while sibling is not None and tag(sibling) == "br":
        sibling = sibling.getnext()
    inline = sibling is not None and tag(sibling) in ("em", "i", "small", "span", "font", "sub")
    if inline and 0 < len(texts(sibling)) < MAX_CAPTION_CHARS:
        return sibling
    if sibling is not None and "caption" in class_words(sibling):
        return sibling
    if sibling is not None and _is_emphasised_line(sibling, texts):
        return sibling  # <div><em>Caption</em></div> under the picture's own block
    return None


def _is_emphasised_line(el: etree._Element, texts: Texts) -> bool:
    """A short block whose whole text is set in italics or small print."""
    text = texts(el)
    if tag(el) not in ("div", "p", "center") or not 0 < len(text) < MAX_CAPTION_CHARS:
        return False
    return any(texts(e) == text for e in el.iter("em", "i", "small"))


MAX_CAPTION_CHARS = 200
FIGURE_TAGS = frozenset("div span table tbody tr td figure a center font em i small".split())


def figure_of(
    img: etree._Element, texts: Texts
) -> etree._Element | None:
    """The block that holds an image and its caption and nothing else, whatever the markup
    (`<div class="pic">`, a photo table whose next row is the caption); None when the
    image stands alone or inside running text (a `<p>` is never taken for a figure)."""
    figure = None
    for el in ancestors(img):
        if tag(el) not in FIGURE_TAGS or len(texts(el)) >= MAX_CAPTION_CHARS:
            break
        if any(True for _ in el.iter("h1", "h2", "h3", "h4", "h5", "h6", "p")):
            break  # a short article around its picture is not the picture's caption
        if len(paragraphs(el)) > 2:
            break
        figure = el
    return figure if figure is not None and texts(figure) else None


def image_captions(
    root: etree._Element, texts: Texts
) -> set[etree._Element]:
    """Figures and caption elements of every image: they describe a picture, not the story."""
    found = set()
    for img in root.iter("img"):
        caption = figure_of(img, texts)
        caption = caption if caption is not None else caption_after(img, texts)
        if caption is not None:
            found.add(caption)
    return found
