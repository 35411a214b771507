"""Fixtures shared by the whole suite: the mirror dataset and servers on loopback.

The suite's one convention: fixtures live in conftest.py files (never imported), helpers
in the `tests.support` package, imported as `tests.support.…`; the repository root is on
the import path through pytest's `pythonpath` option (pyproject.toml), no test edits it.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crawler.mirror import MirrorArticle, MirrorServer, build_dataset
from tests.support import socket_guard


def pytest_configure(config: pytest.Config) -> None:
    """The loopback guard, on for the whole suite and every process it starts."""
    report = Path(tempfile.mkdtemp(prefix="newscrawl-socket-guard-")) / "refused.txt"
    report.touch()
    os.environ[socket_guard.REPORT_ENV] = str(report)
    socket_guard.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    report = os.environ.pop(socket_guard.REPORT_ENV, None)
    if report:
        shutil.rmtree(Path(report).parent, ignore_errors=True)


@pytest.fixture(autouse=True)
def loopback_only() -> Iterator[None]:
    """Fails a test when it, or any process it started, tried to reach beyond
    127.0.0.1 (a refused connection in a crawl subprocess is otherwise only a reject)."""
    socket_guard.take_report()
    yield
    refused = socket_guard.take_report()
    if refused:
        pytest.fail("reached for a socket beyond loopback:\n" + refused, pytrace=False)


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


@pytest.fixture
def refusing_port() -> Iterator[int]:
    """A loopback port that refuses connections: bound by this process and never listened
    on, so no other process (another test run on this machine) can take it meanwhile, as
    it could a port that was only found free."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]
