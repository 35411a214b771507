"""Article pages: (HTML, URL, profile) → title, date, body, with the layer that answered.

Each field is tried in layers: the site profile's own selectors; structural rules that
hold on any news page; for the body, trafilatura as the last resort. The layer that
answered is recorded, so a crawl can tell when the site's templates have changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from crawler.extract.body import find_body, trafilatura_body
from crawler.extract.layers import HTMLDATE, PROFILE, STRUCTURE, TRAFILATURA
from crawler.extract.media import find_media
from crawler.extract.published import find_published, htmldate_date
from crawler.extract.structure import ArticlePage, ParsedPage
from crawler.extract.text import comparable
from crawler.extract.titles import find_title
from crawler.sites import Selectors, SiteProfile


@dataclass
class ArticleFields:
    """What one article page says about itself."""

    title: str | None = None
    date_raw: str | None = None
    date_source: str | None = None
    body: str = ""
    body_html: str | None = None
    images: list[dict[str, str]] = field(default_factory=list)
    attachments: list[dict[str, str]] = field(default_factory=list)
    layers: dict[str, str] = field(default_factory=dict)
    not_found: bool = False


def extract_article(html: str, url: str, profile: SiteProfile) -> ArticleFields:
    """All fields of an article page. Pure: no network, no Scrapy.

    The title comes first: the element showing it anchors the rest (the article never
    starts before it, and nothing holding it is boilerplate). Each layer reads the page
    and returns what it found; nothing here changes the page."""
    parsed = ParsedPage.parse(html, url, profile)
    title = find_title(parsed)
    page = ArticlePage.read(parsed, title.anchor)
    body = find_body(page, title.anchor, title.text)
    published = find_published(page, title.anchor, title.text)
    media = find_media(page, body.parts, title.anchor)
    found = (("title", title.layer), ("body", body.layer), ("date", published.layer))
    return ArticleFields(
        title=title.text,
        date_raw=published.raw,
        date_source=published.source,
        body=body.text,
        body_html=media.html,
        images=media.images,
        attachments=media.attachments,
        layers={name: layer for name, layer in found if layer is not None},
        not_found=_looks_not_found(title.text, body.text, profile),
    )


def _looks_not_found(title: str | None, body: str, profile: SiteProfile) -> bool:
    """A soft 404: status 200, but the page says it has no such article."""
    phrases = {comparable(p) for p in profile.not_found_phrases}
    key = comparable(title or "")
    if key in phrases or any(p and p in key for p in phrases):
        return True
    return not body and not title


def diagnose(html: str, url: str, profile: SiteProfile) -> dict[str, dict[str, str | None]]:
    """What every layer finds for every field, each tried on its own (for `doctor`)."""
    chosen = extract_article(html, url, profile)
    structural = extract_article(html, url, replace(profile, selectors=Selectors()))
    report: dict[str, dict[str, str | None]] = {}
    for name, attribute in (("title", "title"), ("date", "date_raw"), ("body", "body")):
        own = getattr(chosen, attribute) if chosen.layers.get(name) == PROFILE else None
        fallback = getattr(structural, attribute) or None
        report[name] = {
            PROFILE: own,
            STRUCTURE: fallback if structural.layers.get(name) == STRUCTURE else None,
        }
    page = ArticlePage.read(ParsedPage.parse(html, url, profile), None)
    report["date"][HTMLDATE] = htmldate_date(page)
    report["body"][TRAFILATURA] = trafilatura_body(page, chosen.title) or None
    report["chosen"] = {name: chosen.layers.get(name) for name in ("title", "date", "body")}
    return report
