"""The project deployed to a Scrapyd on 127.0.0.1 crawls a mirror into SQLite.

The egg is built by `scrapyd-deploy` from a copy of the project (it writes a setup.py
next to scrapy.cfg, which must not happen in the working tree), then scheduled and
polled through Scrapyd's HTTP API.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crawler.mirror import MirrorArticle
from tests.support.cli import ROOT, env, runs, stored_urls

BIN = Path(sys.executable).parent
PROJECT = "csto_newscrawl"
pytestmark = pytest.mark.skipif(
    not (BIN / "scrapyd").exists() or not (BIN / "scrapyd-deploy").exists(),
    reason="scrapyd and scrapyd-client are not installed in this environment",
)


def api(port: int, path: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", body, timeout=10) as resp:
        return json.loads(resp.read())


def start_scrapyd(home: Path) -> tuple[subprocess.Popen, int]:
    """Scrapyd on a loopback port it is seen to have bound itself.

    Scrapyd cannot be told to take any free port (`http_port = 0` turns its HTTP server
    off), so a port found free is offered and the log must say this Scrapyd listens on
    it; if another process took the port first, Scrapyd exits with CannotListenError and
    another port is tried. Answers from someone else's server are never taken for ours.
    """
    for _ in range(5):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        proc = _scrapyd_on(home, port)
        if proc is not None:
            return proc, port
    pytest.fail("Scrapyd found no free port in five tries")


def _scrapyd_on(home: Path, port: int) -> subprocess.Popen | None:
    """Scrapyd listening on `port`, or None when the port was taken meanwhile."""
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\n"
        f"dbs_dir = {home / 'dbs'}\nitems_dir = {home / 'items'}\npoll_interval = 0.2\n"
        "max_proc = 2\n"
    )
    log = home / "scrapyd.log"
    with log.open("w") as out:
        proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, env=env(),
                                stdout=out, stderr=subprocess.STDOUT)
    listening = f"starting on {port}"  # Twisted's line once its port is bound
    wait_until(lambda: listening in log.read_text() or proc.poll() is not None, 60)
    if listening in log.read_text() and proc.poll() is None:
        return proc
    proc.wait(timeout=10)
    if "CannotListenError" not in log.read_text():
        pytest.fail("Scrapyd did not start:\n" + log.read_text()[-3000:])
    return None


def wait_until(condition: Callable[[], bool], timeout: float) -> None:
    """Poll `condition`; the deadline only stops a hang."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("timed out waiting")
        time.sleep(0.1)


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[int]:
    """A Scrapyd bound to loopback with every directory in tmp_path."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    proc, port = start_scrapyd(home)
    try:
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def deploy(port: int, tmp_path: Path) -> None:
    """`scrapyd-deploy` from a copy of the project: packages and scrapy.cfg only."""
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "data")  # mirror data is not needed
    for package in ("crawler", "pipelines"):
        shutil.copytree(ROOT / package, copy / package, ignore=ignore)
    (copy / "scrapy.cfg").write_text(
        "[settings]\ndefault = crawler.settings\n\n"
        f"[deploy]\nurl = http://127.0.0.1:{port}/\nproject = {PROJECT}\n"
    )
    done = subprocess.run([str(BIN / "scrapyd-deploy"), "--version", "r1"], cwd=copy,
                          env=env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"status": "ok"' in done.stdout + done.stderr


def test_scrapyd_runs_the_spider_into_sqlite(
    scrapyd: int, mirror_factory, dataset: list[MirrorArticle], tmp_path: Path
) -> None:
    server = mirror_factory("en")
    db = tmp_path / "news.db"
    deploy(scrapyd, tmp_path)
    assert PROJECT in api(scrapyd, "listprojects.json")["projects"]
    job = api(scrapyd, "schedule.json", [
        ("project", PROJECT), ("spider", "csto"), ("lang", "en"),
        ("base_url", server.base_url), ("sections", "smi"),
        ("setting", f"SQLITE_PATH={db}"), ("setting", "DOWNLOAD_DELAY=0"),
        ("setting", "AUTOTHROTTLE_ENABLED=False"),
    ])["jobid"]
    wait_until(lambda: any(j["id"] == job for j in
                           api(scrapyd, f"listjobs.json?project={PROJECT}")["finished"]), 180)
    smi = {server.base_url + a.path for a in dataset if a.lang == "en" and a.section == "smi"}
    assert stored_urls(db) == smi
    run = runs(db)[-1]
    assert run["finish_reason"] == "finished" and run["exit_status"] == 0
    # Scrapyd's items feed: one JSON line per article, the raw page left out.
    [feed] = (tmp_path / "scrapyd" / "items" / PROJECT / "csto").glob(f"{job}.jl")
    items = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    assert sorted(item["url"] for item in items) == sorted(smi)
    assert all("page" not in item and item["title"] and item["body"] for item in items)
