"""Dump every extraction result the project can produce offline, to compare two versions.

    python tests/tools/extraction_dump.py OUT.json            # write the dump
    python tests/tools/extraction_dump.py --compare A.json B.json
    python -m tests.tools.extraction_dump ...             # the same, from the repository root

What it covers: every article and listing page of every mirror template in both
languages, every saved fixture page (articles and listings), and a sample of the
benchmark's padded pages (bench/sitegen.py). For each article page, every field
`extract_page` returns; for each listing, every entry and the pages it links to. A
refactoring that changes no behaviour leaves the dump identical; `--compare` lists
what differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

if __name__ == "__main__" and not __package__:  # `python tests/tools/extraction_dump.py`
    import as_module  # tests/tools/as_module.py, beside this file

    as_module.rerun(__file__)

from bench import sitegen  # noqa: E402
from crawler.extract import extract_page  # noqa: E402
from crawler.extract.encoding import decode_html  # noqa: E402
from crawler.extract.listing import extract_listing  # noqa: E402
from crawler.mirror import TEMPLATES, build_dataset  # noqa: E402
from crawler.mirror.render import SiteInfo, render_article, render_listing  # noqa: E402
from crawler.sites import get_profile  # noqa: E402

HOSTS = {"en": "https://en.odkb-csto.org", "ru": "https://odkb-csto.org"}
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def article(html: str, url: str, lang: str) -> dict[str, Any]:
    return asdict(extract_page(html, url, lang))


def listing(html: str, url: str, lang: str) -> dict[str, Any]:
    page = extract_listing(html, url, get_profile(lang))
    return {"entries": [asdict(e) for e in page.entries], "pages": page.pages}


def mirror_pages() -> dict[str, Any]:
    out: dict[str, Any] = {}
    dataset = build_dataset()
    for lang, host in HOSTS.items():
        articles = [a for a in dataset if a.lang == lang]
        latest = sorted(articles, key=lambda a: a.published, reverse=True)[:3]
        for template in TEMPLATES:
            site = SiteInfo(lang, template)
            for a in articles:
                html = render_article(a, site, latest)
                out[f"mirror/{template}/{lang}{a.path}"] = article(html, host + a.path, lang)
            for section in ("news_odkb", "smi"):
                items = [a for a in articles if a.section == section]
                pages = (len(items) + 9) // 10
                for number in range(1, pages + 1):
                    html = render_listing(section, items[(number - 1) * 10 : number * 10],
                                          number, pages, site, latest)
                    url = f"{host}/news/{section}/" + (f"?PAGEN_1={number}" if number > 1 else "")
                    out[f"mirror/{template}/{lang}/listing/{section}/{number}"] = listing(
                        html, url, lang)
    return out


def fixture_pages() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind, read in (("articles", article), ("listings", listing)):
        for path in sorted((FIXTURES / kind).glob("*.html")):
            expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            html = decode_html(path.read_bytes())[0]
            out[f"fixture/{kind}/{path.stem}"] = read(html, expected["url"], expected["lang"])
    return out


def generated_pages(count: int = 60) -> dict[str, Any]:
    """The benchmark's padded pages (mega-menu, inline scripts, footer), a sample."""
    out: dict[str, Any] = {}
    sections = sitegen.by_section(sitegen.en_articles(count))
    latest = sitegen.newest(sections)
    for section, items in sections.items():
        path = f"/news/{section}/"
        html = sitegen.pad(render_listing(section, items[:10], 1, 2, sitegen.SITE, latest), path)
        out[f"generated{path}listing"] = listing(html, HOSTS["en"] + path, "en")
        for a in items:
            html = sitegen.pad(render_article(a, sitegen.SITE, latest), a.path)
            out[f"generated{a.path}"] = article(html, HOSTS["en"] + a.path, "en")
    return out


def dump() -> dict[str, Any]:
    return {**mirror_pages(), **fixture_pages(), **generated_pages()}


def compare(a: dict[str, Any], b: dict[str, Any]) -> int:
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    differ = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    print(f"{len(a)} and {len(b)} results: {len(differ)} differ, {len(only_a)} only in the "
          f"first, {len(only_b)} only in the second")
    for key in differ[:20]:
        fields = [f for f in a[key] if a[key].get(f) != b[key].get(f)]
        print(f"  {key}: {', '.join(fields)}")
    for key in (only_a + only_b)[:10]:
        print(f"  missing on one side: {key}")
    return 1 if differ or only_a or only_b else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", help="write the dump here (JSON)")
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"), help="compare two dumps")
    args = parser.parse_args()
    if args.compare:
        first, second = (json.loads(Path(p).read_text(encoding="utf-8")) for p in args.compare)
        return compare(first, second)
    if not args.out:
        parser.error("give OUT.json, or --compare A B")
    results = dump()
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, sort_keys=True, indent=0),
                              encoding="utf-8")
    print(f"{len(results)} extraction results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
