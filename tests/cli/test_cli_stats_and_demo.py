"""`newscrawl stats` after a crawl, and `newscrawl demo` offline end to end."""

from __future__ import annotations

from pathlib import Path

from crawler.mirror import MirrorArticle
from tests.support.cli import newscrawl, runs


def test_stats_shows_articles_and_the_run(mirror_factory, tmp_path: Path) -> None:
    server = mirror_factory("en")
    db = tmp_path / "news.db"
    assert newscrawl("crawl", "--lang", "en", "--sections", "smi", "--base-url",
                     server.base_url, "--db", str(db), cwd=tmp_path).returncode == 0
    shown = newscrawl("stats", "--db", str(db), cwd=tmp_path)
    assert shown.returncode == 0
    assert "articles: 20" in shown.stdout
    run_line = [line for line in shown.stdout.splitlines() if "incremental" in line]
    assert len(run_line) == 1 and "finished" in run_line[0]
    assert run_line[0].split()[-1] == "0"  # the exit status column


def test_demo_crawls_both_languages_offline(
    dataset: list[MirrorArticle], tmp_path: Path
) -> None:
    db = tmp_path / "demo.db"
    done = newscrawl("demo", "--port", "0", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"articles: {len(dataset)}" in done.stdout
    assert {(r["lang"], r["exit_status"]) for r in runs(db)} == {("en", 0), ("ru", 0)}
