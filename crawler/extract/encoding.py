"""Turn a page's bytes into text when servers lie about the charset.

Russian pages may come as windows-1251 with the charset only in a `<meta>` tag, or with
an HTTP header that names the wrong charset. Browsers survive that; so must we.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_\-]+)", re.I)
_LATIN_ONLY = {"iso8859-1", "latin-1", "cp1252", "ascii"}


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charsets(body: bytes, content_type: str | None) -> tuple[str | None, str | None]:
    """The charset named by the HTTP header and by the page's own `<meta>`."""
    header = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(body[:4096])
    return (
        _codec(header.group(1)) if header else None,
        _codec(meta.group(1).decode("ascii", "ignore")) if meta else None,
    )


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """The page as text and the codec used.

    Order: a BOM; the header charset if the bytes really are in it; the meta charset;
    UTF-8; windows-1251. A Latin-1 header that the meta contradicts is not trusted,
    because Latin-1 decodes any bytes and would silently garble Cyrillic.
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16")):
        if body.startswith(bom):
            return body[len(bom) :].decode(name, "replace"), name
    header, meta = declared_charsets(body, content_type)
    candidates = [header, meta, "utf-8", "cp1251"]
    if header in _LATIN_ONLY and meta and meta != header:
        candidates = [meta, "utf-8", header, "cp1251"]
    elif header in _LATIN_ONLY and not meta and _looks_cp1251(body):
        candidates = ["utf-8", "cp1251", header]
    for name in candidates:
        text = _decode(body, name) if name else None
        if text is not None:
            return text, name  # type: ignore[return-value]
    return body.decode("utf-8", "replace"), "utf-8"


def _decode(body: bytes, name: str) -> str | None:
    """`body` in `name`, or None when it is not in it.

    UTF-8 with a stray invalid byte or two is still UTF-8 (browsers show U+FFFD, and so
    do we; the text pipeline flags it): falling back to windows-1251 for one bad byte
    would garble every Cyrillic letter of the page.
    """
    try:
        return body.decode(name)
    except (UnicodeDecodeError, LookupError):
        if name != "utf-8":
            return None
    text = body.decode("utf-8", "replace")
    return text if text.count("\ufffd") <= max(2, len(text) // 2000) else None


def _looks_cp1251(body: bytes) -> bool:
    """Cyrillic in windows-1251 behind a Latin-1 label: most letters are high bytes
    (Western European text in Latin-1 has an accented letter here and there)."""
    high = sum(1 for b in body if b >= 0xC0)
    ascii_letters = sum(1 for b in body if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A)
    return high > 0.1 * (high + ascii_letters)
