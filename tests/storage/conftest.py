"""Shared fixtures for the storage tests: realistic items and a fresh store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.storage.store import ArticleStore


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "out" / "news.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[ArticleStore]:
    s = ArticleStore(db_path)
    yield s
    s.close()
