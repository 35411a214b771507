"""The product uses public Scrapy APIs only: a private name (`_parse_robots`, `_parsers`,
`_stats`, `_create_crawler`, ...) is free to change in any release, and did: with Scrapy
2.17 `scrapy crawl csto` raised AttributeError and `newscrawl crawl` hung.

Scrapy's private names are read from the installed Scrapy itself; the product's code is
searched for them where they can only be Scrapy's: imported from scrapy, reached on
another object or through super(), or used in a class that derives from a Scrapy class.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import scrapy

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("crawler", "pipelines")


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@lru_cache(maxsize=1)
def scrapy_private_names() -> frozenset[str]:
    """Every private function, class, attribute and module-level name Scrapy defines."""
    names: set[str] = set()
    for path in Path(scrapy.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return frozenset(n for n in names if _private(n))


def _scrapy_imports(tree: ast.Module) -> set[str]:
    """Local names bound to something imported from Scrapy."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "scrapy":
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(
                (alias.asname or alias.name).split(".")[0] for alias in node.names
                if alias.name.split(".")[0] == "scrapy"
            )
    return names


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def private_uses(source: str, filename: str = "<source>") -> Iterator[str]:
    """`file:line name` for each use of a Scrapy private name in `source`."""
    tree = ast.parse(source)
    private = scrapy_private_names()
    from_scrapy = _scrapy_imports(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("scrapy"):
            for alias in node.names:
                if _private(alias.name) or any(map(_private, node.module.split("."))):
                    yield f"{filename}:{node.lineno} {node.module}.{alias.name}"
        elif isinstance(node, ast.Attribute) and node.attr in private:
            owner = node.value
            on_self = isinstance(owner, ast.Name) and owner.id in ("self", "cls")
            if not on_self:
                yield f"{filename}:{node.lineno} {ast.unparse(node)}"
        elif isinstance(node, ast.ClassDef) and any(
            _root_name(base) in from_scrapy for base in node.bases
        ):
            for inner in ast.walk(node):
                named = (
                    inner.attr if isinstance(inner, ast.Attribute)
                    else inner.name if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef)
                    else None
                )
                if named in private:
                    yield f"{filename}:{inner.lineno} {node.name}.{named}"


def test_the_check_finds_the_private_uses_it_is_for() -> None:
    source = (
        "from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware\n"
        "class Strict(RobotsTxtMiddleware):\n"
        "    async def _parse_robots(self, response, netloc, request):\n"
        "        self._stats.inc_value('x')\n"
        "        await super()._parse_robots(response, netloc, request)\n"
        "def run(process):\n"
        "    return process._create_crawler('csto')\n"
    )
    found = " ".join(private_uses(source))
    for name in ("_parse_robots", "_stats", "_create_crawler"):
        assert name in found
    assert not list(private_uses("class Own:\n    def _parse_robots(self):\n        pass\n"))


def test_the_product_uses_no_private_scrapy_name() -> None:
    assert {"_parse_robots", "_robots_error", "_parsers", "_create_crawler"} <= (
        scrapy_private_names()
    )
    found = [
        use
        for package in PRODUCT
        for path in sorted((ROOT / package).rglob("*.py"))
        for use in private_uses(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == []
