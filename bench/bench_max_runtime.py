"""Benchmark: does `newscrawl crawl --max-runtime 30` end the run by 30 s?

A 400-article English mirror on 127.0.0.1, crawled with the product's politeness settings
(1 s delay, AutoThrottle, two requests per host: a full crawl takes minutes), three times.
Printed per run and as the median: the exit status (7 expected), the seconds from the
command's start to the process's exit, the seconds between the spider's opening and its
close (Scrapy's `elapsed_time_seconds`), the CLOSESPIDER_TIMEOUT the crawl was given, and
the rows stored. No asserts; the tests check what a run does, this measures when.

    .venv/bin/python bench/bench_max_runtime.py [--seconds 30] [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.mirror import MirrorServer, build_dataset  # noqa: E402

SECTIONS = {"news_odkb": 200, "smi": 200}


def one_run(site: MirrorServer, seconds: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "news.db"
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "crawler.cli", "crawl", "--full", "--lang", "en",
             "--base-url", f"en={site.base_url}", "--db", str(db),
             "--max-runtime", str(seconds), "--log-level", "INFO"],
            cwd=tmp, capture_output=True, text=True, timeout=seconds + 120,
        )
        wall = time.monotonic() - started
        with sqlite3.connect(db) as conn:
            stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    spider = re.search(r"'elapsed_time_seconds': ([0-9.]+)", done.stderr)
    given = re.search(r"'CLOSESPIDER_TIMEOUT': ([0-9.]+)", done.stderr)
    return {
        "exit": done.returncode, "wall": wall, "spider": float(spider.group(1)) if spider
        else float("nan"), "given": float(given.group(1)) if given else float("nan"),
        "rows": stored,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    site = MirrorServer(build_dataset(SECTIONS), "en").start()
    try:
        runs = []
        for index in range(args.repeat):
            run = one_run(site, args.seconds)
            runs.append(run)
            print(f"run {index + 1}: exit {run['exit']}, process {run['wall']:.1f} s, spider "
                  f"open to closed {run['spider']:.1f} s (given {run['given']:.1f} s), "
                  f"{run['rows']} rows", flush=True)
    finally:
        site.stop()
    walls = [run["wall"] for run in runs]
    statuses = {run["exit"] for run in runs}
    met = max(walls) <= args.seconds and statuses == {7}
    print(f"--max-runtime {args.seconds:g}: process exit after {statistics.median(walls):.1f} s "
          f"median ({min(walls):.1f}-{max(walls):.1f}), exit statuses {sorted(statuses)}; "
          f"target: exit 7 by {args.seconds:g} s: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
