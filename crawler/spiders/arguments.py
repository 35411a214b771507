"""The `csto` spider's arguments, checked before any crawl starts.

`scrapy crawl csto -a ...`, `newscrawl` and the spider itself check them here, so a bad
argument is one clear message (exit status 2), never a crawl that fails later.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from crawler.sites import SiteProfile, get_profile

MODES = ("full", "incremental", "backfill")
_SECTION = re.compile(r"^[A-Za-z0-9_-]+$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SpiderArgumentError(ValueError):
    """A spider argument that cannot be used; the message says which and why."""


def parse_arguments(
    lang: str = "en", base_url: str | None = None, sections: str | None = None,
    mode: str = "full",
) -> tuple[SiteProfile, str, tuple[str, ...], str]:
    """Checked spider arguments: the profile, site root, sections and crawl mode."""
    try:
        profile = get_profile(lang)
    except ValueError as error:
        raise SpiderArgumentError(str(error)) from None
    root = (base_url or profile.base_url).rstrip("/")
    parts = urlsplit(root)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SpiderArgumentError(f"base_url must be an http(s) URL, got {base_url!r}")
    names = tuple(s.strip() for s in (sections or ",".join(profile.sections)).split(","))
    names = tuple(s for s in names if s)
    bad = [s for s in names if not _SECTION.match(s)]
    if bad or not names:
        raise SpiderArgumentError(f"sections must be comma-separated names, got {sections!r}")
    if mode not in MODES:
        raise SpiderArgumentError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    return profile, root, names, mode


def parse_range(
    mode: str = "full", since: str | None = None, until: str | None = None
) -> tuple[date | None, date | None]:
    """Checked backfill dates (YYYY-MM-DD, inclusive); only backfill takes them."""
    if mode != "backfill":
        if since or until:
            raise SpiderArgumentError("since and until are for mode=backfill only")
        return None, None
    if not since:
        raise SpiderArgumentError("mode=backfill needs since=YYYY-MM-DD")
    first = _iso_date("since", since)
    last = _iso_date("until", until) if until else date.today()
    if first > last:
        raise SpiderArgumentError(f"since ({first}) is after until ({last})")
    return first, last


def _iso_date(name: str, value: str) -> date:
    try:
        if _ISO_DATE.match(value.strip()):
            return date.fromisoformat(value.strip())
    except ValueError:
        pass
    raise SpiderArgumentError(f"{name} must be a date as YYYY-MM-DD, got {value!r}")
