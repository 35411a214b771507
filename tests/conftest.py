"""Fixtures shared by the whole suite: the mirror dataset and servers on loopback."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from crawler.mirror import MirrorArticle, MirrorServer, build_dataset  # noqa: E402


@pytest.fixture(scope="session")
def dataset() -> list[MirrorArticle]:
    return build_dataset()


@pytest.fixture
def mirror_factory(dataset: list[MirrorArticle]) -> Iterator[Callable[..., MirrorServer]]:
    """Start mirrors on free loopback ports; all are stopped after the test."""
    started: list[MirrorServer] = []

    def start(lang: str = "en", template: str = "bitrix", **kwargs: object) -> MirrorServer:
        articles = kwargs.pop("articles", None) or dataset
        server = MirrorServer(list(articles), lang, template=template, **kwargs).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def expected_rows(dataset: list[MirrorArticle], lang: str) -> dict[str, dict[str, str | None]]:
    """What a crawl must store for each mirror article, keyed by URL path; an article
    without a lead has no summary (NULL), never an empty string or a stray glyph."""
    return {
        a.path: {"title": a.title, "published": a.published.isoformat(), "body": a.body,
                 "summary": a.lead or None}
        for a in dataset if a.lang == lang
    }
