"""Scraped article HTML made safe to show outside the site (``articles.body_html``)."""

from __future__ import annotations

import nh3


def sanitize_html(fragment: str | None, base_url: str) -> str | None:
    """Make scraped HTML safe to render: nh3's allow-list drops script/style (with
    their content), on* and style attributes and javascript: URLs; relative
    href/src are made absolute against the article URL so the fragment still
    works once it is shown outside the site."""
    if not fragment:
        return fragment
    return nh3.clean(
        fragment,
        url_relative=("rewrite_with_base", base_url),
        link_rel=None,
    )
