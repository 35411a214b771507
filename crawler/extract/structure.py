"""One article page as the field layers read it: parsed once, and what structure knows
about it (links and lists of other news, captions, boilerplate)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from crawler.extract.boilerplate import boilerplate_elements, is_boilerplate
from crawler.extract.captions import image_captions
from crawler.extract.dom import parse
from crawler.extract.layout import Texts
from crawler.extract.links import article_path_pattern, other_article_links
from crawler.extract.newslists import news_lists
from crawler.extract.urls import canonical_path, canonical_url, host_aliases
from crawler.sites import SiteProfile


@dataclass
class ArticlePage:
    """The parsed page and what structure says about it, shared by the field layers."""

    doc: etree._Element
    url: str
    profile: SiteProfile
    html: str
    texts: Texts
    excluded: set[etree._Element] = field(default_factory=set)
    captions: set[etree._Element] = field(default_factory=set)
    order: dict[etree._Element, int] = field(default_factory=dict)
    listing_paths: set[str] = field(default_factory=set)
    _hidden: set[etree._Element] | None = None
    deferred: set[etree._Element] = field(default_factory=set)
    total_text: int = 0
    other_articles: set[etree._Element] = field(default_factory=set)  # links to other news
    lists: set[etree._Element] = field(default_factory=set)  # lists of other news
    _listed: set[etree._Element] | None = None
    _verdicts: dict[etree._Element, bool] = field(default_factory=dict)

    def skip(self, el: etree._Element) -> bool:
        return el in self.excluded or (el in self.deferred and self._deferred_verdict(el))

    def _deferred_verdict(self, el: etree._Element) -> bool:
        """Boilerplate inside boilerplate, judged only when text is read from inside its
        ancestor (see boilerplate.boilerplate_elements)."""
        if el not in self._verdicts:
            self._verdicts[el] = is_boilerplate(el, self.total_text, self.texts)
        return self._verdicts[el]

    def not_media(self, el: etree._Element) -> bool:
        """Excluded, and not as an image's caption: images inside are not the article's."""
        return el not in self.captions and self.skip(el)

    def inside_excluded(self, el: etree._Element) -> bool:
        """`is_inside(el, self.excluded)` with one set lookup instead of a walk up the
        tree; `excluded` is complete before the first question and never changes after."""
        if self._hidden is None:
            self._hidden = set()
            for top in self.excluded:
                self._hidden.update(top.iter())
        return el in self._hidden

    def inside_lists(self, el: etree._Element) -> bool:
        """Whether `el` is in a list of other news (`lists` is complete once asked)."""
        if self._listed is None:
            self._listed = {e for top in self.lists for e in top.iter()}
        return el in self._listed


def prepare_page(html: str, url: str, profile: SiteProfile) -> ArticlePage:
    doc = parse(html)
    path = canonical_path(urlsplit(url).path)
    prefixes = {"/"}
    parts = [p for p in path.split("/") if p]
    for i in range(1, len(parts)):
        prefixes.add("/" + "/".join(parts[:i]) + "/")
    for section in profile.sections:
        prefixes.add(profile.listing_path.format(section=section))
    texts = Texts(doc)
    return ArticlePage(
        doc=doc, url=url, profile=profile, html=html, order=texts.order,
        listing_paths=prefixes, texts=texts,
    )


def structural_exclusions(page: ArticlePage, anchor: etree._Element | None) -> set[etree._Element]:
    pattern = article_path_pattern(page.profile.article_path)
    aliases = host_aliases(page.profile.base_url)
    links = other_article_links(page.doc, page.url, pattern, canonical_url(page.url), aliases)
    page.other_articles = {a for a, _ in links}
    lists = news_lists(page.texts, links, anchor)
    page.lists = set(lists)
    total = len(page.texts(page.doc))
    page.captions = image_captions(page.doc, page.texts)
    page.total_text = total
    marked, page.deferred = boilerplate_elements(page.texts, anchor, total)
    return set(lists) | marked | page.captions
