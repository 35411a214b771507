"""`newscrawl crawl`: incremental by default, `--full` walks everything."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from crawler.mirror import MirrorArticle
from tests.support.cli import article_paths, listing_requests, newscrawl, runs, stored_urls


def site_args(server: object, db: Path) -> list[str]:
    return ["--lang", "en", "--base-url", server.base_url, "--db", str(db)]  # type: ignore[attr-defined]


def fresh(dataset: list[MirrorArticle], section: str, n: int, day: date) -> MirrorArticle:
    base = next(a for a in dataset if a.lang == "en" and a.section == section)
    return replace(base, slug=f"breaking-{section}-{n}", published=day, title=f"Breaking {n}")


def test_full_then_incremental_fetches_only_new_pages(
    mirror_factory, dataset: list[MirrorArticle], tmp_path: Path
) -> None:
    server = mirror_factory("en")
    db = tmp_path / "news.db"
    first = newscrawl("crawl", "--full", *site_args(server, db), cwd=tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    en = [a for a in dataset if a.lang == "en"]
    # --full walks everything: every article page and every listing page of each section
    assert set(article_paths(server.request_log)) == {a.path for a in en}
    for section, count in (("news_odkb", 45), ("smi", 20)):
        asked = set(listing_requests(server.request_log, section))
        pages = -(-count // 10)
        assert {f"/news/{section}/?PAGEN_1={n}" for n in range(2, pages + 1)} < asked
        assert len(asked) <= pages + 1  # at most one clamped page shows the end
    new = [fresh(dataset, "news_odkb", i, date(2025, 1, i + 1)) for i in range(3)]
    new += [fresh(dataset, "smi", i, date(2025, 2, i + 1)) for i in range(2)]
    for article in new:
        server.publish(article)
    server.request_log.clear()

    second = newscrawl("crawl", *site_args(server, db), cwd=tmp_path)

    assert second.returncode == 0, second.stderr[-2000:]
    assert sorted(article_paths(server.request_log)) == sorted(a.path for a in new)
    for section in ("news_odkb", "smi"):
        assert len(listing_requests(server.request_log, section)) <= 2
    assert len(stored_urls(db)) == len(en) + 5
    assert {server.base_url + a.path for a in new} <= stored_urls(db)
    rows = runs(db)
    assert [r["mode"] for r in rows] == ["full", "incremental"]
    assert rows[-1]["articles_new"] == 5 and rows[-1]["exit_status"] == 0


def test_incremental_reads_one_page_past_for_a_late_insertion(
    mirror_factory, dataset: list[MirrorArticle], tmp_path: Path
) -> None:
    en = [a for a in dataset if a.lang == "en" and a.section == "smi"]
    server = mirror_factory("en")
    db = tmp_path / "news.db"
    assert newscrawl("crawl", "--full", "--sections", "smi", *site_args(server, db),
                     cwd=tmp_path).returncode == 0
    late = fresh(dataset, "smi", 9, en[14].published)  # lands on listing page 2
    server.publish(late)
    server.request_log.clear()
    done = newscrawl("crawl", "--sections", "smi", *site_args(server, db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert article_paths(server.request_log) == [late.path]
    assert server.base_url + late.path in stored_urls(db)
