"""HTML pages of the mirror: the layout named by the site picks the markup.

The crawler must extract the same clean text from every layout, so each template (one
module each in ``crawler/mirror/templates/``) varies the markup while the visible text of
the article body stays identical to ``MirrorArticle.body`` after whitespace normalisation.
"""

from __future__ import annotations

from collections.abc import Sequence

from crawler.mirror.dataset import MirrorArticle
from crawler.mirror.templates import TEMPLATES, get_template
from crawler.mirror.templates.base import (
    LABELS,
    PER_PAGE,
    REAL_HOSTS,
    SECTION_TITLES,
    SECTIONS,
    SiteInfo,
)

__all__ = [
    "LABELS", "PER_PAGE", "REAL_HOSTS", "SECTIONS", "SECTION_TITLES", "TEMPLATES", "SiteInfo",
    "get_template",
    "render_article", "render_listing", "render_news_index", "render_not_found",
]


def render_article(article: MirrorArticle, site: SiteInfo, latest: Sequence[MirrorArticle]) -> str:
    """Full HTML of an article page."""
    return get_template(site).article(article, latest)


def render_listing(
    section: str | None,
    items: Sequence[MirrorArticle],
    page: int,
    pages: int,
    site: SiteInfo,
    latest: Sequence[MirrorArticle],
    heading: str | None = None,
) -> str:
    """Full HTML of a listing page (a section page, or the home page when section is None)."""
    title = heading or (SECTION_TITLES[section][site.lang] if section else site.labels["news"])
    return get_template(site).listing(title, section, items, page, pages, latest)


def render_news_index(site: SiteInfo, latest: Sequence[MirrorArticle]) -> str:
    """Full HTML of /news/."""
    return get_template(site).news_index(latest)


def render_not_found(site: SiteInfo, latest: Sequence[MirrorArticle]) -> str:
    """Full HTML of the 404 page."""
    return get_template(site).not_found(latest)
