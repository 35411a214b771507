"""The fingerprint of an article's content: when it changes, a new version is recorded."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from pipelines.storage.tables import VERSIONED_COLUMNS


def content_hash(content: Mapping[str, Any]) -> str:
    """sha256 over the versioned columns (title, published, body: tables.py), in their
    declared order, joined by U+001F; a missing or empty value counts as ""."""
    joined = "\x1f".join(content.get(name) or "" for name in VERSIONED_COLUMNS)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()
