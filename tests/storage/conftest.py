"""Shared fixtures for the storage tests: realistic items and a fresh store."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # plain `pytest` (not `python -m pytest`) from anywhere
    sys.path.insert(0, str(ROOT))

from pipelines.storage.store import ArticleStore  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "out" / "news.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[ArticleStore]:
    s = ArticleStore(db_path)
    yield s
    s.close()
