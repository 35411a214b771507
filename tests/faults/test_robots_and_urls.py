"""robots.txt obeyed strictly (RFC 9309), and one canonical URL per article."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import quote

from crawler.mirror import MirrorServer
from crawler.run.exit_codes import ROBOTS_UNAVAILABLE, SUCCESS
from tests.support import faults
from tests.support.crawl import rows
from tests.support.fault_crawls import (
    articles,
    assert_consistent,
    assert_stored_exactly,
    by_path,
    crawl,
    rejects,
    runs,
    stats_of,
)


def test_disallowed_article_is_never_fetched(site: MirrorServer, db: Path):
    victim = articles()[1]
    site.faults["/robots.txt"] = faults.robots_txt(f"User-agent: *\nDisallow: {victim.path}\n")
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert victim.path not in site.request_log
    assert_stored_exactly(db, [a for a in articles() if a is not victim])
    [reject] = rejects(db)
    assert reject["url"].endswith(victim.path) and "robots.txt" in reject["reason"]
    assert stats_of(result.stderr)["robotstxt/forbidden"] == 1


def test_robots_txt_5xx_means_the_site_is_not_crawled(site: MirrorServer, db: Path):
    site.faults["/robots.txt"] = faults.status(503)
    result = crawl(site.base_url, db, RETRY_TIMES=1)
    assert result.returncode == ROBOTS_UNAVAILABLE, result.stderr[-2000:]
    assert set(site.request_log) == {"/robots.txt"}  # nothing else was fetched
    assert "RFC 9309 says to crawl nothing" in result.stderr
    assert rows(db) == []
    [run] = runs(db)
    assert run["finish_reason"] == "robots_unavailable"
    assert_consistent(db)


def test_robots_txt_404_means_no_rules(site: MirrorServer, db: Path):
    site.faults["/robots.txt"] = faults.status(404)
    assert crawl(site.base_url, db).returncode == SUCCESS
    assert_stored_exactly(db, articles())


DECORATIONS = (
    "?utm_source=tg&utm_medium=social&utm_campaign=x",
    "?sphrase_id=12345",
    "?clear_cache=Y",
    "?PHPSESSID=0123456789abcdef",
    ";jsessionid=ABC123",
    "#comments",
    "index.php",
    "index.php?clear_cache=Y&utm_source=x#top",
)


def _decorated_links(html: str) -> str:
    """Every article link on the listing, once plain and once with each decoration."""
    def variants(match: re.Match[str]) -> str:
        href = match.group(1)
        extra = "".join(
            f'<a href="{href.rstrip("/") + d if d[0] == ";" else href + d}">again</a> '
            for d in DECORATIONS
        )
        bare = href.rstrip("/")
        return f'{match.group(0)} {extra}<a href="{bare}">again</a>'
    return re.sub(r'<a href="(/news/[\w-]+/[\w-]+/)">.*?</a>', variants, html)


def test_decorated_links_map_to_one_canonical_row(site: MirrorServer, db: Path):
    for section in ("news_odkb", "smi"):
        listing = f"/news/{section}/"
        site.faults[listing] = faults.rewrite(_decorated_links).only(listing)
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert_stored_exactly(db, articles())
    fetched = [p for p in site.request_log if p.startswith("/news/") and p.count("/") == 4]
    assert sorted(fetched) == sorted(a.path for a in articles())  # each once, canonical
    assert_consistent(db)


def test_links_and_redirects_off_the_site_are_never_followed(
    site: MirrorServer, mirror_factory, db: Path
):
    other = mirror_factory("en", articles=list(articles()))
    offsite = other.base_url.replace("127.0.0.1", "localhost")  # another host, on loopback
    victim = articles()[3]
    listing = "/news/news_odkb/"
    site.faults[listing] = faults.rewrite(
        lambda h: h.replace("</h1>", f'</h1><a href="{offsite}{articles()[0].path}">x</a>', 1)
    ).only(listing)
    site.faults[victim.path] = faults.redirect(offsite + victim.path)
    result = crawl(site.base_url, db)
    assert result.returncode == SUCCESS, result.stderr[-2000:]
    assert other.request_log == []
    assert victim.path not in by_path(db)
    [reject] = rejects(db)
    assert reject["url"].endswith(victim.path) and reject["reason"].startswith("not fetched")


def _escaped(path: str, lower: bool) -> str:
    """`path` with its non-ASCII letters percent-encoded, hex digits in either case."""
    encoded = quote(path)
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), encoded) if lower else encoded


def test_percent_encodings_of_a_cyrillic_path_map_to_one_row(mirror_factory, db: Path):
    """`/учения/`, `/%D1%83…/` and `/%d1%83…/` are one URL (w3lib's canonical form): crawls
    that meet the article under each spelling in turn keep one row for it."""
    cyrillic = dataclasses.replace(articles()[1], slug="учения-миротворцев")
    wanted = [cyrillic if a is articles()[1] else a for a in articles()]
    site = mirror_factory("en", articles=wanted)
    listing = f"/news/{cyrillic.section}/"
    spellings = (
        _escaped(cyrillic.path, lower=True), cyrillic.path, _escaped(cyrillic.path, lower=False)
    )
    for spelling in spellings:
        site.faults[listing] = faults.rewrite(
            lambda html, to=spelling: html.replace(f'href="{cyrillic.path}"', f'href="{to}"')
        ).only(listing)
        result = crawl(site.base_url, db)
        assert result.returncode == SUCCESS, result.stderr[-2000:]
    stored = by_path(db)
    key = _escaped(cyrillic.path, lower=False)  # escapes upper-cased, as w3lib writes them
    assert sorted(stored) == sorted(key if a is cyrillic else a.path for a in wanted)
    assert stored[key]["body"] == cyrillic.body and stored[key]["title"] == cyrillic.title
    assert rejects(db) == []
    assert_consistent(db)
