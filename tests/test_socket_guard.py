"""The loopback guard itself: a socket beyond 127.0.0.1 is refused and reported, in the
test process, in any process a test starts, and in a crawl."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.support.crawl import rows, scrapy_crawl
from tests.support.socket_guard import NonLoopbackSocket, child_env, take_report

TEST_NET = "192.0.2.1"  # RFC 5737 documentation address: nothing answers there anyway


def test_a_connection_beyond_loopback_is_refused_and_reported() -> None:
    with socket.socket() as sock, pytest.raises(NonLoopbackSocket):
        sock.connect((TEST_NET, 80))
    assert f"connect to {TEST_NET}:80" in take_report()


def test_a_name_lookup_is_refused_and_reported() -> None:
    with pytest.raises(NonLoopbackSocket):
        socket.getaddrinfo("en.odkb-csto.org", 443)
    assert "look up 'en.odkb-csto.org'" in take_report()


def test_loopback_passes(refusing_port: int) -> None:
    with socket.socket() as sock, pytest.raises(ConnectionRefusedError):
        sock.connect(("127.0.0.1", refusing_port))  # refused by the kernel, not the guard
    assert socket.getaddrinfo("localhost", refusing_port)
    assert take_report() == ""


def test_a_process_a_test_starts_is_guarded_too() -> None:
    code = f"import socket; socket.create_connection(('{TEST_NET}', 80), timeout=5)"
    done = subprocess.run([sys.executable, "-c", code], env=child_env(), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1
    assert "NonLoopbackSocket: test socket guard" in done.stderr
    assert f"look up '{TEST_NET}'" in take_report()  # create_connection looks up first


def test_a_crawl_aimed_beyond_loopback_fetches_nothing_and_is_reported(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = scrapy_crawl(f"http://{TEST_NET}", db, timeout=60)
    assert f"look up '{TEST_NET}'" in take_report()  # refused before any packet
    assert result.returncode == 1, result.stderr[-2000:]  # as for an unreachable site
    assert f"No page of http://{TEST_NET} could be fetched" in result.stderr
    assert rows(db) == []


INNER_TESTS = f'''
import socket, subprocess, sys
from tests.support.socket_guard import child_env

def test_swallows_a_refused_connection():
    try:
        socket.create_connection(("{TEST_NET}", 80), timeout=5)
    except OSError:
        pass  # a test that hides the refusal must fail all the same

def test_starts_a_process_that_reaches_out():
    code = "import socket; socket.create_connection(('{TEST_NET}', 80), timeout=5)"
    subprocess.run([sys.executable, "-c", code], env=child_env(), capture_output=True)

def test_stays_on_loopback():
    assert socket.getaddrinfo("localhost", 80)
'''


def test_the_guard_fails_a_test_that_reached_out_even_when_it_hid_the_error(
    tmp_path: Path,
) -> None:
    """The suite's own fixture (tests/conftest.py, loaded as a plugin) in a pytest run of
    three tests: the two that reached beyond loopback fail (an error at their teardown,
    where the fixture reads the report), the one that did not passes."""
    (tmp_path / "test_inner.py").write_text(INNER_TESTS, encoding="utf-8")
    report = tmp_path / "inner.xml"  # read from JUnit XML: the console's wrapping varies
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider",
         "-q", f"--junitxml={report}", "test_inner.py"],
        cwd=tmp_path, env=child_env(), capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1, done.stdout[-3000:]
    outcomes = {case.get("name"): [(child.tag, child.get("message", "")) for child in case]
                for case in ElementTree.parse(report).iter("testcase")}
    assert set(outcomes) == {"test_swallows_a_refused_connection",
                             "test_starts_a_process_that_reaches_out",
                             "test_stays_on_loopback"}, done.stdout[-3000:]
    assert outcomes["test_stays_on_loopback"] == []
    for name in ("test_swallows_a_refused_connection", "test_starts_a_process_that_reaches_out"):
        [(tag, message)] = outcomes[name]
        assert tag == "error", (name, outcomes[name])
        assert "reached for a socket beyond loopback" in message, (name, message)
    assert take_report() == ""  # the inner run kept its own report
