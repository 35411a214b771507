"""One article page as the field layers read it: parsed once, then what structure knows
about it (links and lists of other news, captions, boilerplate), worked out once.

Two steps, because the second needs the title: the element showing the title, and every
block holding it, is never boilerplate nor a list of other news. `ParsedPage` is what the
title layer reads; `ArticlePage` adds what structure knows, for the body, date and media
layers. Both are frozen: a layer reads them and returns what it found, and no layer
changes what another one sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
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


@dataclass(frozen=True, eq=False)
class ParsedPage:
    """The page's tree and its text laid out (`order` is `texts.order`: every element by
    document position), with where it came from; `listing_paths` are the paths a link
    back to a listing leads to (every prefix of the page's own path, the profile's
    section listings)."""

    html: str
    url: str
    profile: SiteProfile
    doc: etree._Element
    texts: Texts
    order: dict[etree._Element, int]
    listing_paths: frozenset[str]

    @classmethod
    def parse(cls, html: str, url: str, profile: SiteProfile) -> ParsedPage:
        """The page `html` fetched from `url`, parsed and laid out once for every layer."""
        doc = parse(html)
        texts = Texts(doc)
        return cls(
            html=html, url=url, profile=profile, doc=doc, texts=texts, order=texts.order,
            listing_paths=_listing_paths(url, profile),
        )


def _listing_paths(url: str, profile: SiteProfile) -> frozenset[str]:
    """Every prefix of the page's path and the profile's section listings: where a link
    "back to the list" may lead."""
    path = canonical_path(urlsplit(url).path)
    prefixes = {"/"}
    parts = [p for p in path.split("/") if p]
    for i in range(1, len(parts)):
        prefixes.add("/" + "/".join(parts[:i]) + "/")
    for section in profile.sections:
        prefixes.add(profile.listing_path.format(section=section))
    return frozenset(prefixes)


@dataclass(frozen=True, eq=False)
class ArticlePage(ParsedPage):
    """A parsed page and what structure knows about it, for the layers after the title.

    `other_articles`: links to other articles; `lists`: blocks listing other news;
    `captions`: figures and captions of pictures; `total_text`: the length of the page's
    text; `excluded`: lists, captions and the boilerplate found, none of which is the
    article's text; `deferred`: marked elements inside found menus, footers and asides,
    judged only when text is read from inside that ancestor (see
    `boilerplate.boilerplate_elements`).
    """

    other_articles: frozenset[etree._Element]
    lists: frozenset[etree._Element]
    captions: frozenset[etree._Element]
    total_text: int
    excluded: frozenset[etree._Element]
    deferred: frozenset[etree._Element]
    _verdicts: dict[etree._Element, bool] = field(
        default_factory=dict, init=False, repr=False
    )

    @classmethod
    def read(cls, page: ParsedPage, anchor: etree._Element | None) -> ArticlePage:
        """What structure knows about `page` once its title is found (`anchor`, the element
        showing it, None when none does)."""
        profile = page.profile
        pattern = article_path_pattern(profile.article_path)
        aliases = host_aliases(profile.base_url)
        links = other_article_links(page.doc, page.url, pattern, canonical_url(page.url), aliases)
        lists = news_lists(page.texts, links, anchor)
        total = len(page.texts(page.doc))
        captions = image_captions(page.doc, page.texts)
        boilerplate = boilerplate_elements(page.texts, anchor, total)
        return cls(
            **{f.name: getattr(page, f.name) for f in fields(ParsedPage)},
            other_articles=frozenset(a for a, _ in links),
            lists=frozenset(lists),
            captions=frozenset(captions),
            total_text=total,
            excluded=frozenset(lists).union(boilerplate.found, captions),
            deferred=frozenset(boilerplate.deferred),
        )

    def skip(self, el: etree._Element) -> bool:
        """Not the article's text: excluded, or a deferred element judged boilerplate."""
        return el in self.excluded or (el in self.deferred and self._deferred_verdict(el))

    def _deferred_verdict(self, el: etree._Element) -> bool:
        """Boilerplate inside boilerplate, judged once, when first asked."""
        if el not in self._verdicts:
            self._verdicts[el] = is_boilerplate(el, self.total_text, self.texts)
        return self._verdicts[el]

    def not_media(self, el: etree._Element) -> bool:
        """Excluded, and not as an image's caption: images inside are not the article's."""
        return el not in self.captions and self.skip(el)

    def inside_excluded(self, el: etree._Element) -> bool:
        """Whether `el` is excluded or inside an excluded element: one set lookup instead
        of a walk up the tree."""
        return el in self._hidden

    def inside_lists(self, el: etree._Element) -> bool:
        """Whether `el` is in a list of other news."""
        return el in self._listed

    @cached_property
    def _hidden(self) -> set[etree._Element]:
        """Every element at or under an excluded one; worked out at the first question."""
        hidden: set[etree._Element] = set()
        for top in self.excluded:
            hidden.update(top.iter())
        return hidden

    @cached_property
    def _listed(self) -> set[etree._Element]:
        """Every element at or under a list of other news; worked out at the first question."""
        return {e for top in self.lists for e in top.iter()}
