"""Fixtures of the fault tests: a small mirror per test, and its database path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from crawler.mirror import MirrorServer
from tests.support.fault_crawls import small_dataset


@pytest.fixture
def site(mirror_factory: Callable[..., MirrorServer]) -> MirrorServer:
    """The English mirror with eight articles, on a free loopback port."""
    return mirror_factory("en", articles=list(small_dataset()))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "out" / "news.db"
