"""Site profiles: everything that is specific to one site, kept as data.

A spider or an extraction function never hard-codes a URL, a selector or a phrase;
it asks the profile. Adding a site means adding a profile module here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Selectors:
    """CSS selectors the site's own templates are believed to use, tried in order.

    They are the first extraction layer; when none matches, structural rules take over.
    """

    title: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    body: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteProfile:
    """One language version of a site: where its pages are and how they speak."""

    key: str
    lang: str
    base_url: str
    sections: tuple[str, ...]
    site_names: tuple[str, ...]
    listing_path: str = "/news/{section}/"
    article_path: str = "/news/{section}/{slug}/"
    page_param: str = "PAGEN_1"
    selectors: Selectors = field(default_factory=Selectors)
    navigation_phrases: tuple[str, ...] = ()
    furniture_lines: tuple[str, ...] = ()  # regexes for whole lines such as "Views: 907"
    generic_headings: tuple[str, ...] = ()
    not_found_phrases: tuple[str, ...] = ()
    dateparser_languages: tuple[str, ...] = ("en",)
    other_lang: str | None = None

    def listing_url(self, base_url: str, section: str, page: int = 1) -> str:
        """Listing page `page` of `section`; page 1 carries no parameter, as on the site."""
        url = base_url.rstrip("/") + self.listing_path.format(section=section)
        return url if page <= 1 else f"{url}?{self.page_param}={page}"


def get_profile(lang: str) -> SiteProfile:
    """The CSTO profile for `lang`; a clear error for a language the site does not have."""
    from crawler.sites.csto import PROFILES

    try:
        return PROFILES[lang]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise ValueError(f"unknown language {lang!r}: the site has {known}") from None
