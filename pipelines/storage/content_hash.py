"""The fingerprint of an article's content: when it changes, a new version is recorded."""

from __future__ import annotations

import hashlib


def content_hash(title: str | None, published: str | None, body: str | None) -> str:
    """sha256 over the fields whose change makes a new article version."""
    joined = "\x1f".join((title or "", published or "", body or ""))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()
