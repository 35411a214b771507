"""Canonical URLs: one article, one URL, whatever decorations a link carried.

w3lib's `canonicalize_url` (Scrapy's own) settles what any URL may differ in: escapes
(`/учения/`, `/%D1%83…/` and `/%d1%83…/` are one URL), an IDN host (Unicode or punycode),
the case of scheme and host, the order of the query; then the site's path rules apply:
tracking parameters, Bitrix's `sphrase_id` and `clear_cache`, session ids, fragments,
default ports, `index.php` and a missing trailing slash all map to the same form.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

_INDEX_FILE = re.compile(r"/index\.(?:php|html?)$", re.IGNORECASE)
_SESSION_IN_PATH = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/]*", re.IGNORECASE)
_MULTI_SLASH = re.compile(r"/{2,}")
# Characters urlsplit deletes anywhere in a URL: "/\t/host" would become "//host".
_URL_INVISIBLE = frozenset("\t\r\n")


def absolute(base: str, href: str) -> str | None:
    """`href` resolved against `base`, without surrounding whitespace; None when `href`
    cannot be parsed (`http://[ccpa-preferences]`: a bracketed host that is no IP
    address). One such link must cost the page that link, never the page.

    A root-relative link (`/about/`) resolves the same against any page of the site, so
    it is cached by the page's origin: a menu of 150 links is joined once per crawl,
    not once per page.
    """
    href = href.strip()
    return _join(link_base(base, href), href)


def link_base(page_url: str, href: str) -> str:
    """All of `page_url` that resolving `href` depends on: the page's origin for a
    root-relative link (the same for every page of the site), else the whole URL."""
    href = href.strip()
    if href[:1] == "/" and href[1:2] != "/" and _URL_INVISIBLE.isdisjoint(href):
        origin = _origin(page_url)
        if origin is not None:
            return origin
    return page_url


@lru_cache(maxsize=8192)
def _join(base: str, href: str) -> str | None:
    try:
        joined = urljoin(base, href)
        _check_host(urlsplit(joined))
    except ValueError:
        return None
    return joined


@lru_cache(maxsize=1024)
def _origin(base: str) -> str | None:
    """`scheme://host/` of an http(s) page: all that a root-relative link keeps of it."""
    parts = split_url(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}/"


@lru_cache(maxsize=8192)
def split_url(url: str) -> SplitResult:
    """`urlsplit` with a cache sized for a page's links (the stdlib's holds 128).

    For URLs already resolved by `absolute` (or the page's own); a raw `href` goes
    through `href_path`, which cannot fail."""
    return urlsplit(url)


def href_path(href: str) -> str:
    """The path of a link as written, "" when it cannot be parsed."""
    try:
        return split_url(href.strip()).path
    except ValueError:
        return ""


@lru_cache(maxsize=8192)
def canonical_path(path: str) -> str:
    """`/news/x/index.php` and `/news/x` both become `/news/x/`."""
    path = _SESSION_IN_PATH.sub("", path)
    path = _INDEX_FILE.sub("/", path)
    path = _MULTI_SLASH.sub("/", path or "/")
    if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return path


_DEFAULT_PORTS = {"http": ":80", "https": ":443"}


@lru_cache(maxsize=8192)
def canonical_url(url: str, keep_params: tuple[str, ...] = ()) -> str:
    """The one URL of a page: w3lib's canonical form, fragment dropped, only `keep_params`
    kept in the query, no default port, the site's path rules (`canonical_path`).

    Raises ValueError for a URL that has no canonical form (`http://[not-an-address]/`).
    """
    parts = split_url(url.strip())
    _check_host(parts)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k in keep_params]
    trimmed = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
    parts = urlsplit(canonicalize_url(trimmed))
    scheme, netloc = parts.scheme.lower(), parts.netloc.lower()
    default_port = _DEFAULT_PORTS.get(scheme)
    if default_port and netloc.endswith(default_port):
        netloc = netloc[: -len(default_port)]
    return urlunsplit((scheme, netloc, canonical_path(parts.path), parts.query, ""))


def _check_host(parts: SplitResult) -> None:
    """ValueError for a host no request could reach, whatever the Python and w3lib versions
    (newer ones refuse it themselves): a bracketed host that is no IPv6 address
    (`http://[ccpa-preferences]/`), a port that is no number."""
    if "[" in parts.netloc:
        ipaddress.IPv6Address((parts.hostname or "").split("%")[0])
    parts.port  # noqa: B018 - urllib raises ValueError for a port that is no number


def same_site(url: str, base_url: str) -> bool:
    """True when `url` is on the configured site (host and port must match)."""
    a, b = split_url(url), split_url(base_url)
    return a.scheme in ("http", "https") and a.netloc.lower() == b.netloc.lower()


def page_number(url: str, param: str = "PAGEN_1") -> int | None:
    """The listing page number a URL asks for, None when it asks for none (page 1)."""
    for key, value in parse_qsl(urlsplit(url).query):
        if re.fullmatch(r"PAGEN_\d+", key) or key == param:
            return int(value) if value.isdigit() else None
    return None


def on_origin_of(url: str, page_url: str) -> str:
    """`url`'s path and query on `page_url`'s scheme and host (a mirror of the same site)."""
    target, origin = split_url(url), split_url(page_url)
    return urlunsplit((origin.scheme, origin.netloc, target.path, target.query, ""))


@lru_cache(maxsize=64)
def host_aliases(base_url: str) -> tuple[str, ...]:
    """The site's host with and without `www.`."""
    host = (urlsplit(base_url).hostname or "").lower().removeprefix("www.")
    return (host, "www." + host) if host else ()
