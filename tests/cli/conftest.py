"""Fixtures for `newscrawl` tests; helpers are in tests/support/cli.py."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.mirror import MirrorArticle, build_dataset


@pytest.fixture(scope="session")
def decade() -> list[MirrorArticle]:
    """Ten years of articles: enough listing pages (30 + 15) for probing to matter."""
    return build_dataset({"news_odkb": 300, "smi": 150}, start=date(2014, 1, 1),
                         end=date(2023, 12, 31))
