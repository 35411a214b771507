"""A crawl of a site that cannot be reached ends quickly with one clear line."""

from __future__ import annotations

from pathlib import Path

from tests.support.crawl import scrapy_crawl


def test_unreachable_site_fails_fast_with_a_clear_message(
    tmp_path: Path, refusing_port: int
) -> None:
    port = refusing_port
    result = scrapy_crawl(f"http://127.0.0.1:{port}", tmp_path / "x.db", timeout=60)
    assert result.returncode == 1
    assert f"No page of http://127.0.0.1:{port} could be fetched" in result.stderr
    assert "Traceback" not in result.stderr
