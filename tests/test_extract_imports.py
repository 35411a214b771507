"""Extraction stays pure and its modules form no cycle, read from the source itself.

`crawler/extract` is the lowest layer with `crawler/sites`: a page's HTML and URL in,
fields out. An import of Scrapy, a pipeline, storage or a spider would tie the page
to a crawl; a cycle between two of its modules would mean neither holds one concern.
"""

from __future__ import annotations

import ast
from pathlib import Path

EXTRACT = Path(__file__).resolve().parents[1] / "crawler" / "extract"
PROJECT = ("crawler", "pipelines")
ALLOWED_PROJECT = ("crawler.extract", "crawler.sites")
FORBIDDEN_THIRD_PARTY = ("scrapy", "twisted", "sqlite3", "sqlite_utils")


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "crawler.extract":  # `from crawler.extract import layers`
                found |= {f"crawler.extract.{alias.name}" for alias in node.names}
            else:
                found.add(node.module)
    return found


MODULES = {
    f"crawler.extract.{path.stem}": imports_of(path)
    for path in sorted(EXTRACT.glob("*.py"))
    if path.stem != "__init__"
}


def test_extraction_imports_no_crawl_machinery_nor_a_layer_above() -> None:
    wrong = {
        module: sorted(
            name for name in names
            if name.split(".")[0] in FORBIDDEN_THIRD_PARTY
            or (name.split(".")[0] in PROJECT and not name.startswith(ALLOWED_PROJECT))
        )
        for module, names in MODULES.items()
    }
    assert {m: names for m, names in wrong.items() if names} == {}


def test_extraction_modules_import_each_other_without_a_cycle() -> None:
    graph = {m: {n for n in names if n in MODULES} for m, names in MODULES.items()}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, f"import cycle: {' -> '.join((*path, module))}"
        if module in done:
            return
        for name in sorted(graph[module]):
            visit(name, (*path, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())
    assert len(done) == len(MODULES) >= 20  # every module was read, the split is there
