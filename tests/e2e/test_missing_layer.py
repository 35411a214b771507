"""A crawl on an installation where an extraction layer cannot be imported says so at its
start (issue 11: "never lose a layer silently") and ends with exit status 1, and still
stores what the other layers read.

The broken installation is the one a plain install with an old pip used to give: jusText,
under trafilatura, failing to import `lxml.html.clean`. A package of that name placed first
on the crawl's path raises the same ImportError.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.support.crawl import ROOT, crawl_command, rows
from tests.support.socket_guard import child_env

BROKEN = (
    'raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")\n'
)


def test_a_layer_that_cannot_be_imported_is_an_error_at_the_crawls_start(
    tmp_path: Path, mirror_factory, dataset
) -> None:
    broken = tmp_path / "site"
    (broken / "trafilatura").mkdir(parents=True)
    (broken / "trafilatura" / "__init__.py").write_text(BROKEN, encoding="utf-8")
    env = child_env()
    env["PYTHONPATH"] = os.pathsep.join([str(broken), env["PYTHONPATH"]])
    server = mirror_factory("en", "bitrix", articles=dataset[:8])
    db = tmp_path / "news.db"
    done = subprocess.run(
        crawl_command(server.base_url, db, sections="news_odkb"),
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )
    errors = [line for line in done.stderr.splitlines() if "] ERROR:" in line]
    assert errors, done.stderr[-3000:]
    assert "Extraction layer trafilatura is not available (ImportError: lxml.html.clean" \
        in errors[0]
    assert not [line for line in errors if "htmldate" in line]
    assert "'health/layers_missing': 1," in done.stderr
    opened = done.stderr.index("Spider opened")
    assert done.stderr.index("Extraction layer trafilatura") < opened + 2000  # at the start
    assert done.returncode == 1  # finished with errors: a scheduled job sees it
    stored = rows(db)  # a degradation, not a stop: the profile's layer reads every page
    assert len(stored) == 8 and all(row["body"] for row in stored)
