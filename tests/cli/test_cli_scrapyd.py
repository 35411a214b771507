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
from collections.abc import Iterator
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api(port: int, path: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", body, timeout=10) as resp:
        return json.loads(resp.read())


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[int]:
    """A Scrapyd bound to loopback with every directory in tmp_path."""
    port, home = free_port(), tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\n"
        f"dbs_dir = {home / 'dbs'}\nitems_dir = {home / 'items'}\npoll_interval = 0.2\n"
        "max_proc = 2\n"
    )
    proc = subprocess.Popen([str(BIN / "scrapyd")], cwd=home, env=env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                api(port, "daemonstatus.json")
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
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
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        jobs = api(scrapyd, f"listjobs.json?project={PROJECT}")
        if any(j["id"] == job for j in jobs["finished"]):
            break
        time.sleep(0.3)
    else:
        pytest.fail("the Scrapyd job did not finish")
    smi = {server.base_url + a.path for a in dataset if a.lang == "en" and a.section == "smi"}
    assert stored_urls(db) == smi
    run = runs(db)[-1]
    assert run["finish_reason"] == "finished" and run["exit_status"] == 0
    # Scrapyd's items feed: one JSON line per article, the raw page left out.
    [feed] = (tmp_path / "scrapyd" / "items" / PROJECT / "csto").glob(f"{job}.jl")
    items = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    assert sorted(item["url"] for item in items) == sorted(smi)
    assert all("page" not in item and item["title"] and item["body"] for item in items)
