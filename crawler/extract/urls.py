"""Canonical URLs: one article, one URL, whatever decorations a link carried.

Tracking parameters, Bitrix's `sphrase_id` and `clear_cache`, session ids, fragments,
`index.php` and a missing trailing slash all map to the same canonical form.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_INDEX_FILE = re.compile(r"/index\.(?:php|html?)$", re.IGNORECASE)
_SESSION_IN_PATH = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/]*", re.IGNORECASE)


def absolute(base: str, href: str) -> str:
    """`href` resolved against `base`, without surrounding whitespace."""
    return urljoin(base, href.strip())


def canonical_path(path: str) -> str:
    """`/news/x/index.php` and `/news/x` both become `/news/x/`."""
    path = _SESSION_IN_PATH.sub("", path)
    path = _INDEX_FILE.sub("/", path)
    path = re.sub(r"/{2,}", "/", path or "/")
    if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return path


def canonical_url(url: str, keep_params: tuple[str, ...] = ()) -> str:
    """Scheme and host lower-cased, fragment dropped, only `keep_params` kept in the query."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k in keep_params]
    netloc = parts.netloc.lower()
    for default in (":80", ":443"):
        if netloc.endswith(default) and parts.scheme.lower() == {":80": "http", ":443": "https"}[
            default
        ]:
            netloc = netloc[: -len(default)]
    return urlunsplit(
        (parts.scheme.lower(), netloc, canonical_path(parts.path), urlencode(query), "")
    )


def same_site(url: str, base_url: str) -> bool:
    """True when `url` is on the configured site (host and port must match)."""
    a, b = urlsplit(url), urlsplit(base_url)
    return a.scheme in ("http", "https") and a.netloc.lower() == b.netloc.lower()


def page_number(url: str, param: str = "PAGEN_1") -> int | None:
    """The listing page number a URL asks for, None when it asks for none (page 1)."""
    for key, value in parse_qsl(urlsplit(url).query):
        if re.fullmatch(r"PAGEN_\d+", key) or key == param:
            return int(value) if value.isdigit() else None
    return None


def on_origin_of(url: str, page_url: str) -> str:
    """`url`'s path and query on `page_url`'s scheme and host (a mirror of the same site)."""
    target, origin = urlsplit(url), urlsplit(page_url)
    return urlunsplit((origin.scheme, origin.netloc, target.path, target.query, ""))


def host_aliases(base_url: str) -> tuple[str, ...]:
    """The site's host with and without `www.`."""
    host = (urlsplit(base_url).hostname or "").lower().removeprefix("www.")
    return (host, "www." + host) if host else ()
