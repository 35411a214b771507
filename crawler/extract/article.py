"""Article pages: (HTML, URL, profile) → title, date, body, with the layer that answered.

Each field is tried in layers: the site profile's own selectors; structural rules that
hold on any news page; for the body, trafilatura as the last resort. The layer that
answered is recorded, so a crawl can tell when the site's templates have changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from crawler.extract.body import find_body, trafilatura_body
from crawler.extract.layers import HTMLDATE, PROFILE, STRUCTURE, TRAFILATURA
from crawler.extract.media import article_region, attachments, images, own_html
from crawler.extract.published import find_published, htmldate_date
from crawler.extract.structure import prepare_page, structural_exclusions
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
    """All fields of an article page. Pure: no network, no Scrapy."""
    page = prepare_page(html, url, profile)
    title = find_title(page)
    page.excluded |= structural_exclusions(page, title.anchor)
    body = find_body(page, title.anchor, title.text)
    published = find_published(page, title.anchor, title.text)
    fields = ArticleFields(
        title=title.text,
        date_raw=published.raw,
        date_source=published.source,
        body=body.text,
        layers={
            name: layer
            for name, layer in (
                ("title", title.layer), ("body", body.layer), ("date", published.layer)
            )
            if layer is not None
        },
    )
    if body.parts:
        region = article_region(body.parts, title.anchor)
        fields.images = images(page, region)
        fields.attachments = attachments(page, region)
        fields.body_html = "\n".join(own_html(page, part, title.anchor) for part in body.parts)
    fields.not_found = _looks_not_found(fields, profile)
    return fields


def _looks_not_found(fields: ArticleFields, profile: SiteProfile) -> bool:
    """A soft 404: status 200, but the page says it has no such article."""
    phrases = {comparable(p) for p in profile.not_found_phrases}
    title = comparable(fields.title or "")
    if title in phrases or any(p and p in title for p in phrases):
        return True
    return not fields.body and not fields.title


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
    page = prepare_page(html, url, profile)
    page.excluded = structural_exclusions(page, None)
    report["date"][HTMLDATE] = htmldate_date(page)
    report["body"][TRAFILATURA] = trafilatura_body(page, chosen.title) or None
    report["chosen"] = {name: chosen.layers.get(name) for name in ("title", "date", "body")}
    return report
