"""A backfill stopped by SIGTERM or SIGKILL, resumed with `--resume DIR` alone, ends
with exactly the rows of an uninterrupted backfill and refetches nothing stored."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest

from crawler.mirror import MirrorArticle
from tests.support.cli import article_paths, command, env, in_range, newscrawl, runs

SINCE, UNTIL = date(2016, 1, 1), date(2017, 12, 31)


def slow_articles(handler: object) -> bool:
    """Fault hook: article pages take 0.1 s, so the backfill can be stopped mid-way."""
    if handler.path.count("/") == 4 and "?" not in handler.path:  # type: ignore[attr-defined]
        time.sleep(0.1)
    return False  # the page itself is served normally


def count_rows(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=0.1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def stored_paths(db: Path, base: str) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0].removeprefix(base) for r in conn.execute("SELECT url FROM articles")}


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_interrupted_backfill_resumes_to_exact_rows(
    stop: signal.Signals, mirror_factory, decade: list[MirrorArticle], tmp_path: Path
) -> None:
    server = mirror_factory("en", articles=decade)
    server.faults["/news/"] = slow_articles
    db, job = tmp_path / "news.db", tmp_path / "job"
    proc = subprocess.Popen(
        command("backfill", "--resume", str(job), "--lang", "en", "--base-url",
                server.base_url, "--db", str(db), "--since", str(SINCE), "--until", str(UNTIL),
                "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=1"),
        cwd=tmp_path, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while count_rows(db) < 10 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(stop)
    _, stderr = proc.communicate(timeout=60)
    wanted = in_range(decade, "en", SINCE, UNTIL)
    before = stored_paths(db, server.base_url)
    assert 10 <= len(before) < len(wanted)
    interrupted = runs(db)[0]
    if stop == signal.SIGTERM:
        assert proc.returncode == 6, stderr[-2000:]
        assert interrupted["finish_reason"] == "shutdown" and interrupted["exit_status"] == 6
    else:
        assert interrupted["finished"] is None and interrupted["finish_reason"] is None

    server.faults.clear()
    server.request_log.clear()
    resumed = newscrawl("backfill", "--resume", str(job), cwd=tmp_path)

    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert stored_paths(db, server.base_url) == wanted
    assert not set(article_paths(server.request_log)) & before  # nothing stored refetched
    assert runs(db)[-1]["exit_status"] == 0
