"""`newscrawl doctor URL|FILE`: what each extraction layer finds on one page.

Whoever runs the crawler against the live site sees at once whether the profile's
selectors still fit, and what the fallbacks would store instead.
"""

from __future__ import annotations

import argparse
import urllib.request
from pathlib import Path

from crawler.commands.common import fail
from crawler.extract import extract_page, layers
from crawler.extract.article import diagnose
from crawler.extract.dates import parse_date
from crawler.extract.encoding import decode_html
from crawler.extract.text import split_paragraphs
from crawler.run.exit_codes import BAD_ARGUMENTS
from crawler.sites import get_profile

NAME = "doctor"
HELP = "show what each extraction layer finds on one article page (URL or saved file)"
PREVIEW = 160


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("page", help="an article URL, or a saved HTML file")
    parser.add_argument("--lang", choices=("en", "ru"), default=None,
                        help="site profile to use (default: guessed from the URL's host)")
    parser.add_argument("--url", default=None,
                        help="the page's URL when PAGE is a file (for links and dates)")


def _load(page: str, url: str | None) -> tuple[str, str]:
    if Path(page).exists():
        html = decode_html(Path(page).read_bytes())[0]
        return html, url or "https://en.odkb-csto.org/news/news_odkb/page/"
    from scrapy.utils.project import get_project_settings

    agent = get_project_settings().get("USER_AGENT")
    request = urllib.request.Request(page, headers={"User-Agent": agent})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - a user's URL
        return decode_html(response.read(), response.headers.get("Content-Type"))[0], page


def _preview(value: str | None) -> str:
    """The start of a field on one line, paragraphs marked ¶, spaces as a reader sees them
    (a layer gives the body as the page types it)."""
    if not value:
        return "—"
    flat = " ¶ ".join(split_paragraphs(value))
    words = len(value.split())
    return (flat[:PREVIEW] + "…" if len(flat) > PREVIEW else flat) + f"  [{words} words]"


def run(args: argparse.Namespace) -> int:
    try:
        html, url = _load(args.page, args.url)
    except (OSError, ValueError) as error:
        return fail(f"cannot read {args.page}: {error}", BAD_ARGUMENTS)
    lang = args.lang or ("ru" if url.split("//")[-1].startswith("odkb-csto.org") else "en")
    profile = get_profile(lang)
    _print_layers()
    report = diagnose(html, url, profile)
    chosen = report.pop("chosen")
    for field, found in report.items():
        print(f"{field}:")
        for layer, value in found.items():
            mark = "*" if chosen.get(field) == layer else " "
            shown = _preview(value)
            if field == "date" and value:
                shown += f"  → {parse_date(value, profile.dateparser_languages) or 'UNREADABLE'}"
            print(f"  {mark} {layer:<12} {shown}")
    page = extract_page(html, url, profile)
    print(f"\nstored: title {_preview(page.title)}\n        published {page.published or '—'}"
          f" ({page.date_source or 'no date on the page: the listing date answers'})"
          f"\n        body {_preview(page.body)}")
    missing = [f for f in ("title", "date", "body") if chosen.get(f) != "profile"]
    if missing:
        print(f"\nThe profile's selectors missed: {', '.join(missing)}. "
              "Update crawler/sites/csto.py if the site changed its templates.")
    return 0


def _print_layers() -> None:
    """Which optional extraction layers can run here (a broken install shows at once)."""
    print("layers:")
    for name, job in layers.OPTIONAL.items():
        why = layers.import_error(name)
        state = "available" if why is None else f"NOT AVAILABLE ({why})"
        print(f"    {name:<12} {state}: {job}")
