"""Mutation check: does the suite catch deliberate bugs? `python tests/tools/mutation_check.py`

Each mutant below is one small, plausible bug: an exact snippet of a product file and
what replaces it. The script copies the project to a temporary folder, runs the union
of the mutants' tests there once unmutated (they must pass), then for each mutant in
turn applies it to the copy, runs the tests named for it, and puts the file back. A
mutant is *killed* when one of those tests fails, *survived* when all pass. The kill
rate is killed / (killed + survived); a snippet that is no longer in its file (the code
was changed since the mutant was written) is reported as "snippet not found" and left
out of the rate, never a crash: update the snippet, or drop the mutant.

The first five are the table of issue 14. A mutant the crawl cannot notice by
construction says so in `note` (printed for a survivor); a survivor without one is a
hole in the suite.

    python tests/tools/mutation_check.py              # all mutants
    python tests/tools/mutation_check.py --list       # names and files only
    python tests/tools/mutation_check.py --only NAME [--only NAME ...]

It never touches the working tree: the copy is deleted at the end. Exit status 0 when
every mutant was killed or survived with a note, 1 otherwise (2 for a failing baseline).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[2]
COPIED = (
    "crawler", "pipelines", "tests", "pyproject.toml", "scrapy.cfg", "docs", "README.md",
)
TIMEOUT = 900  # seconds for one mutant's tests; only a hang reaches it

E2E = "tests/e2e/test_crawl.py::"
E2E_TYPED = [
    E2E + "test_every_mirror_article_is_stored_once_and_exactly[en-typed]",
    E2E + "test_every_mirror_article_is_stored_once_and_exactly[ru-typed]",
    E2E + "test_seed_article_title_date_and_six_paragraphs[typed]",
]
PIPELINE_UNITS = ["tests/test_pipelines.py"]
RUN_TIME = "tests/faults/test_run_time.py::"
DATE_CUES = "tests/test_extract_date_cues.py"
EXTRACTION_MASKS = (
    "the title comes from a heading or meta tag and the summary from a listing line that "
    "extraction reads already clean (crawler/extract/titles.py, listing.py), so no crawl "
    "can tell; killed by the pipeline unit tests"
)


@dataclass(frozen=True)
class Mutant:
    """One deliberate bug: `old` (exact, once in `path`) becomes `new`."""

    name: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]
    note: str = ""  # why some of `tests` (e.g. the crawl) cannot catch it


MUTANTS = (
    # --- the table of issue 14 -----------------------------------------------------------
    Mutant(
        "store: an unchanged article no longer advances last_seen",
        "pipelines/storage/store.py",
        '"UPDATE articles SET last_seen = ?, status = \'live\', gone_since = NULL"\n'
        '                " WHERE url = ?",\n                (now, url),',
        '"UPDATE articles SET status = \'live\', gone_since = NULL"\n'
        '                " WHERE url = ?",\n                (url,),',
        ("tests/storage/test_storage_store.py",
         E2E + "test_second_crawl_changes_nothing_but_last_seen_which_advances"),
    ),
    Mutant(
        "export: body dropped from the export columns",
        "pipelines/storage/tables.py",
        'versioned=True, before_change="Body text before the change.", searchable=True,',
        'versioned=True, before_change="Body text before the change.", searchable=True,'
        " exported=False,",
        ("tests/storage/test_storage_commands.py",),
    ),
    Mutant(
        'boilerplate pipeline: keeps "Go back"',
        "pipelines/boilerplate.py",
        'strip_boilerplate(before, item.get("title"), phrases, furniture)',
        'strip_boilerplate(before, item.get("title"), phrases - {"go back"}, furniture)',
        (*PIPELINE_UNITS, *E2E_TYPED),
    ),
    Mutant(
        "text pipeline: stops collapsing white space in the body",
        "pipelines/text.py",
        'item["body"] = clean_body(str(item["body"]))',
        'item["body"] = str(item["body"])',
        (*PIPELINE_UNITS, *E2E_TYPED),
    ),
    Mutant(
        "dates: slash dates read month first whenever valid",
        "crawler/extract/dates.py",
        "    if day_first is None or (\n        weekday is not None",
        "    if day_first is None or month_first is not None or (\n        weekday is not None",
        ("tests/test_dates.py", *E2E_TYPED),
    ),
    # --- more in pipelines/ ----------------------------------------------------------------
    Mutant(
        "text pipeline: stops collapsing white space in title and summary",
        "pipelines/text.py",
        "item[name] = clean_line(str(item[name])) or None",
        "item[name] = str(item[name]) or None",
        PIPELINE_UNITS,
        note=EXTRACTION_MASKS,
    ),
    Mutant(
        "text pipeline: U+FFFD no longer flagged",
        "pipelines/text.py",
        '            item["flags"] = [*(item.get("flags") or []), "replacement_char"]\n',
        "            pass\n",
        PIPELINE_UNITS,
    ),
    Mutant(
        "dates pipeline: the listing date no longer backs up a missing article date",
        "pipelines/dates.py",
        '            item["published"] = listing.isoformat()\n',
        '            item["published"] = None\n',
        PIPELINE_UNITS,
    ),
    Mutant(
        "dates pipeline: the listing date wins over the article's",
        "pipelines/dates.py",
        'article = parse_date(item.get("date_raw"), languages)',
        'article = parse_date(item.get("listing_date_raw") or item.get("date_raw"), languages)',
        PIPELINE_UNITS,
    ),
    Mutant(
        "dates pipeline: a disagreeing listing date is not flagged",
        "pipelines/dates.py",
        "        if article and listing and article != listing:",
        "        if False:",
        PIPELINE_UNITS,
    ),
    Mutant(
        "dates pipeline: an ambiguous listing date agreeing with the article is a mismatch",
        "pipelines/dates.py",
        "            listing = article  # 07/10/2020",
        "            pass  # 07/10/2020",
        (*PIPELINE_UNITS, E2E + "test_listing_date_is_kept_and_agrees_on_every_template[drupal]"),
    ),
    Mutant(
        "validation: an item without a title is stored",
        "pipelines/validation.py",
        '    if not item.get("title"):\n        return "missing title"',
        '    if False:\n        return "missing title"',
        (*PIPELINE_UNITS, "tests/storage/test_storage_pipeline.py"),
    ),
    Mutant(
        "validation: the title length cap is ten times too high",
        "pipelines/validation.py",
        'if len(item["title"]) > MAX_TITLE_CHARS:',
        'if len(item["title"]) > 10 * MAX_TITLE_CHARS:',
        PIPELINE_UNITS,
    ),
    Mutant(
        "storage: a changed article keeps no earlier version",
        "pipelines/storage/store.py",
        "                self.db.execute(_SAVE_VERSION, values)\n",
        "",
        ("tests/storage/test_storage_store.py",),
    ),
    Mutant(
        "storage: an unchanged gone article seen again stays gone",
        "pipelines/storage/store.py",
        "\"UPDATE articles SET last_seen = ?, status = 'live', gone_since = NULL\"",
        '"UPDATE articles SET last_seen = ?"',
        ("tests/storage/test_storage_store.py",),
    ),
    Mutant(
        "storage: content_hash ignores the body",
        "pipelines/storage/content_hash.py",
        'content.get(name) or "" for name in VERSIONED_COLUMNS)',
        'content.get(name) or "" for name in VERSIONED_COLUMNS if name != "body")',
        ("tests/storage/test_storage_store.py",),
    ),
    Mutant(
        "storage: word_count counts paragraphs",
        "pipelines/storage/words.py",
        "return len(body.split()) if body else 0",
        'return len(body.split("\\n\\n")) if body else 0',
        ("tests/storage/test_storage_store.py", "tests/storage/test_storage_commands.py"),
    ),
    Mutant(
        "storage: a dropped item's reason is lost",
        "pipelines/storage/pipeline.py",
        'reason = str(exception) if exception is not None else "dropped"',
        'reason = "dropped"',
        ("tests/storage/test_storage_pipeline.py",),
    ),
    Mutant(
        "search: any word matches instead of every word",
        "pipelines/storage/search.py",
        '    return " AND ".join(clauses)',
        '    return " OR ".join(clauses)',
        ("tests/storage/test_storage_search.py",),
    ),
    # --- more in crawler/extract/dates.py --------------------------------------------------
    Mutant(
        "dates: the end of a range is taken as a date",
        "crawler/extract/dates.py",
        "            if _RANGE_BEFORE.search(text[max(0, start - 12) : start]):",
        "            if False:",
        ("tests/test_dates.py",),
    ),
    Mutant(
        "dates: two-digit years are read as 19yy",
        "crawler/extract/dates.py",
        'year = int(parts["year"]) if parts.get("year") else 2000 + int(parts["yy"])',
        'year = int(parts["year"]) if parts.get("year") else 1900 + int(parts["yy"])',
        ("tests/test_dates.py",),
    ),
    Mutant(
        "dates: the weekday no longer settles an ambiguous slash date",
        "crawler/extract/dates.py",
        "        weekday is not None and month_first is not None",
        "        False and month_first is not None",
        ("tests/test_dates.py", *PIPELINE_UNITS),
    ),
    Mutant(
        "dates: any year is valid",
        "crawler/extract/dates.py",
        "    return value if MIN_YEAR <= year <= latest else None",
        "    return value",
        ("tests/test_dates.py",),
    ),
    Mutant(
        "dates: 'мая' read as June",
        "crawler/extract/dates.py",
        '("june", "jun", "июнь", "июня", "июн"),',
        '("june", "jun", "июнь", "июня", "июн", "мая"),',
        ("tests/test_dates.py",),
    ),
    Mutant(
        "dates: a sentence with a date counts as a date line",
        "crawler/extract/dates.py",
        '    return matches[0] if len(rest.strip(" \\t\\n|,.:;-–—()[]/")) <= 12 else None',
        '    return matches[0] if len(rest.strip(" \\t\\n|,.:;-–—()[]/")) <= 60 else None',
        ("tests/test_dates.py",),
    ),
    Mutant(
        "dates: an ambiguous slash date has only its day-first reading",
        "crawler/extract/dates.py",
        "        for day, month in ((first, second), (second, first)):",
        "        for day, month in ((first, second),):",
        ("tests/test_dates.py", *PIPELINE_UNITS),
    ),
    Mutant(
        "dates: dateparser reads month first",
        "crawler/extract/dates.py",
        '"DATE_ORDER": "DMY",',
        '"DATE_ORDER": "MDY",',
        ("tests/test_dates.py",),
    ),
    # --- which date is the article's (crawler/extract/published.py, datecues.py) -------
    Mutant(
        "dates: htmldate may answer with a modification date",
        "crawler/extract/published.py",
        "    return None if day in _not_publication_days(page) else found",
        "    return found",
        (DATE_CUES,),
    ),
    Mutant(
        "dates: JSON-LD listing several stories gives the first story's date",
        "crawler/extract/datecues.py",
        "    return len({value[:10] for _, value in dates}) > 1",
        "    return False",
        (DATE_CUES,),
    ),
    Mutant(
        "dates pipeline: htmldate's guess outranks the listing's date",
        "pipelines/dates.py",
        'WEAKER_THAN_LISTING = frozenset({"htmldate"})',
        "WEAKER_THAN_LISTING: frozenset[str] = frozenset()",
        (DATE_CUES,),
    ),
    Mutant(
        "dates: a date in another article's card is taken",
        "crawler/extract/published.py",
        "            if not _dates_another_article(page, el, anchor)\n        ]\n        readable",
        "        ]\n        readable",
        ("tests/test_extract_trust.py",
         E2E + "test_article_page_without_a_date_takes_the_listing_date[en]"),
    ),
    # --- a run that cannot hang (tests time nothing: a kept wait outlives a deadline) --
    Mutant(
        "run end: a shutdown no longer ends retry waits and fetches",
        "crawler/run/run_end.py",
        "        if engine is None or not engine.running:\n            return True\n",
        "",
        (RUN_TIME + "test_sigterm_during_a_long_retry_after_wait_ends_the_run_at_once",),
    ),
    Mutant(
        "run end: the run-time deadline never passes",
        "crawler/run/run_end.py",
        "        return self.deadline is not None and time.monotonic() >= self.deadline",
        "        return False",
        (RUN_TIME + "test_max_runtime_cuts_a_long_retry_after_wait_short",
         RUN_TIME + "test_at_the_deadline_a_request_queued_behind_the_delay_is_not_fetched"),
    ),
    Mutant(
        "download handler: fetches after the run has ended",
        "crawler/download_handlers/run_aware_http.py",
        "        if self.run_end():\n",
        "        if False:\n",
        (RUN_TIME + "test_at_the_deadline_a_request_queued_behind_the_delay_is_not_fetched",),
    ),
    Mutant(
        "settings: requests queued eight deep behind the politeness delay",
        "crawler/settings.py",
        "CONCURRENT_REQUESTS = 2  #",
        "CONCURRENT_REQUESTS = 8  #",
        (RUN_TIME + "test_at_the_deadline_a_request_queued_behind_the_delay_is_not_fetched",),
    ),
    Mutant(
        "run: --max-runtime is ignored",
        "crawler/run/crawl_process.py",
        "        deadline = start + max_runtime - shutdown_reserve(settings)",
        "        deadline = None",
        (RUN_TIME + "test_max_runtime_ends_a_long_crawl_of_both_languages_with_status_7",),
    ),
    Mutant(
        "run: --max-runtime keeps no time for the shutdown, so the process outlives it",
        "crawler/run/crawl_process.py",
        "        deadline = start + max_runtime - shutdown_reserve(settings)",
        "        deadline = start + max_runtime",
        (RUN_TIME + "test_max_runtime_ends_a_long_crawl_of_both_languages_with_status_7",
         RUN_TIME + "test_the_shutdown_reserve_is_the_queued_delays_and_the_close"),
    ),
    Mutant(
        "run: newscrawl crawl starts the next language after a SIGTERM",
        "crawler/run/crawl_process.py",
        "        if index >= len(runs) or (crawlers and _finish_reason(crawlers[-1]) in STOPPING):",
        "        if index >= len(runs):",
        (RUN_TIME + "test_sigterm_ends_a_newscrawl_crawl_of_both_languages_and_starts_no_other",),
    ),
)


@dataclass
class Outcome:
    mutant: Mutant
    status: str  # killed, survived, snippet not found, error
    failed: list[str]
    seconds: float
    detail: str = ""


def copy_project(target: Path) -> None:
    """The files the tests need, without caches, databases or the virtualenv."""
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.db", "*.db-*")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, target / name)


def run_tests(copy: Path, tests: tuple[str, ...] | list[str]) -> tuple[int, list[str], str]:
    """pytest on the copy: exit status, the failed tests' ids, the output's tail."""
    env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    results = copy / "mutant-results.xml"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header",
               f"--junitxml={results}", "-o", "junit_family=xunit1", *tests]
    results.unlink(missing_ok=True)
    try:
        done = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True,
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return -1, [], f"timed out after {TIMEOUT} s"
    return done.returncode, failed_tests(results), (done.stdout + done.stderr)[-1500:]


def failed_tests(results: Path) -> list[str]:
    """Ids (file::name[params]) of the tests that failed or errored, from pytest's JUnit
    XML (its one-line summaries cut ids whose parameters hold " - ")."""
    if not results.exists():
        return []
    failed = []
    for case in ElementTree.parse(results).iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(f"{case.get('file')}::{case.get('name')}")
    return failed


def try_mutant(copy: Path, mutant: Mutant) -> Outcome:
    path = copy / mutant.path
    started = time.monotonic()
    if not path.exists():
        return Outcome(mutant, "snippet not found", [], 0.0, f"{mutant.path} does not exist")
    original = path.read_text(encoding="utf-8")
    count = original.count(mutant.old)
    if count != 1:
        where = "not in" if count == 0 else f"{count} times in"
        return Outcome(mutant, "snippet not found", [], 0.0, f"the snippet is {where} the file")
    path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
    try:
        status, failed, tail = run_tests(copy, mutant.tests)
    finally:
        path.write_text(original, encoding="utf-8")
    seconds = time.monotonic() - started
    if status == 1 and failed:
        return Outcome(mutant, "killed", failed, seconds)
    if status == 0:
        return Outcome(mutant, "survived", [], seconds)
    return Outcome(mutant, "error", failed, seconds, f"pytest exit {status}:\n{tail}")


def report(outcomes: list[Outcome]) -> int:
    """Print one block per mutant and the kill rate; the exit status of the script."""
    print()
    for outcome in outcomes:
        m = outcome.mutant
        print(f"[{outcome.status.upper()}] {m.name}  ({m.path}, {outcome.seconds:.0f} s)")
        for test in outcome.failed:
            print(f"    failed: {test}")
        if outcome.status == "survived":
            print(f"    why: {m.note or 'NOT EXPLAINED: a hole in the suite'}")
        elif outcome.status == "killed" and m.note:
            print(f"    note: {m.note}")
        if outcome.detail:
            print("    " + outcome.detail.replace("\n", "\n    "))
    counted = [o for o in outcomes if o.status in ("killed", "survived")]
    killed = sum(o.status == "killed" for o in outcomes)
    missing = sum(o.status == "snippet not found" for o in outcomes)
    errors = sum(o.status == "error" for o in outcomes)
    rate = 100 * killed / len(counted) if counted else 0.0
    print(f"\nkilled {killed} of {len(counted)} mutants run: kill rate {rate:.0f} %"
          f"; snippet not found: {missing}; errors: {errors}")
    unexplained = [o for o in outcomes if o.status == "survived" and not o.mutant.note]
    return 1 if unexplained or missing or errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run the mutants whose name contains NAME (repeatable)")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTANTS if not args.only or any(o in m.name for o in args.only)]
    if args.list or not chosen:
        for m in chosen or MUTANTS:
            print(f"{m.name}  ({m.path})")
        return 0 if chosen else 2
    with tempfile.TemporaryDirectory(prefix="newscrawl-mutants-") as tmp:
        copy = Path(tmp)
        copy_project(copy)
        baseline = sorted({t for m in chosen for t in m.tests})
        print(f"baseline: {len(baseline)} test selections on the unmutated copy ...", flush=True)
        status, failed, tail = run_tests(copy, baseline)
        if status != 0:
            print(f"the baseline fails (pytest exit {status}): {failed}\n{tail}")
            return 2
        outcomes = []
        for number, mutant in enumerate(chosen, start=1):
            print(f"{number}/{len(chosen)} {mutant.name} ...", flush=True)
            outcomes.append(try_mutant(copy, mutant))
        return report(outcomes)


if __name__ == "__main__":
    sys.exit(main())
