"""The optional extraction layers (trafilatura for the body, htmldate for the date) and
whether they can run here.

Both are declared dependencies, but an installation can still break them (lxml 6 moved
`lxml.html.clean` into `lxml_html_clean`, which jusText, under trafilatura, imports). A
layer that cannot be imported is never skipped in silence: `missing()` says which and
why, the crawl logs it as an error when it starts, and `newscrawl doctor` lists it.
"""

from __future__ import annotations

import importlib
from functools import cache

# The layer that answered a field, as `articles.extraction` records it.
PROFILE, STRUCTURE, TRAFILATURA, HTMLDATE = "profile", "structure", "trafilatura", "htmldate"
OPTIONAL = {
    "trafilatura": "the body's last resort on markup no other rule reads",
    "htmldate": "the date's last resort when the page shows no date the rules read",
}


@cache
def import_error(name: str) -> str | None:
    """Why layer `name` cannot be imported, or None when it can (tried once)."""
    try:
        importlib.import_module(name)
    except Exception as error:  # ImportError, or a broken dependency failing on import
        return f"{type(error).__name__}: {error}"
    return None


def available(name: str) -> bool:
    return import_error(name) is None


def missing() -> dict[str, str]:
    """Optional layers that cannot run here, with the reason."""
    return {name: why for name in OPTIONAL if (why := import_error(name)) is not None}
