"""The layers are one-way: every module of crawler/ and pipelines/ imports only from its
own layer or below, read from the source itself (every import, at the top of a module or
inside a function).

Lowest first, as README "How it works" draws them:

    1  crawler.sites, crawler.extract     pure: a page's HTML and URL in, fields out
    2  crawler.items                      what an article, a reject and a gone page are
    3  pipelines, pipelines.storage       cleaning, then the only SQL
    4  crawler.spiders, Scrapy components which pages to ask for; middlewares, download
       (middlewares, download handlers,   handlers, extensions, feed exporters, the run
       extensions, exporters),            machinery, the settings
       crawler.run, settings
    5  crawler.commands, crawler.cli,     the `newscrawl` CLI, the `scrapy crawl` override
       crawler.scrapy_commands

The mirror (crawler.mirror: the local site of the tests, the demo and the benchmarks)
imports layer 1 at most, and only the CLI imports it. A module in no layer fails the test
too: a new room needs a place in the drawing.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("crawler", "pipelines")
LAYERS = {
    "crawler": 1,  # the package itself: a docstring
    "crawler.sites": 1,
    "crawler.extract": 1,
    "crawler.items": 2,
    "pipelines": 3,
    "crawler.spiders": 4,
    "crawler.middlewares": 4,
    "crawler.download_handlers": 4,
    "crawler.extensions": 4,
    "crawler.exporters": 4,
    "crawler.run": 4,
    "crawler.settings": 4,
    "crawler.commands": 5,
    "crawler.scrapy_commands": 5,
    "crawler.cli": 5,
}
MIRROR = "crawler.mirror"
MIRROR_IMPORTS_AT_MOST = 1  # the layer the mirror may import from
MIRROR_IMPORTED_FROM = 5  # the only layer that may import the mirror (`newscrawl demo`)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def product_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def imports_of(source: str, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The project modules `source` (the module `module`) imports, relative imports
    resolved; `from package import name` counts as the module package.name if there is
    one."""
    found: set[str] = set()
    here = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            parent = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                child = f"{parent}.{alias.name}"
                found.add(child if child in known else parent)
    return {name for name in found if name.split(".")[0] in PACKAGES}


def layer_of(module: str) -> int | None:
    owners = [p for p in LAYERS if module == p or module.startswith(p + ".")]
    return LAYERS[max(owners, key=len)] if owners else None


def in_mirror(module: str) -> bool:
    return module == MIRROR or module.startswith(MIRROR + ".")


def violations(graph: dict[str, set[str]]) -> list[str]:
    """`module -> imported (layer a -> layer b)` for every import against the direction."""
    found = []
    for module, imported in sorted(graph.items()):
        for target in sorted(imported):
            if in_mirror(module) and in_mirror(target):
                continue
            if in_mirror(module):
                layer = layer_of(target)
                if layer is None or layer > MIRROR_IMPORTS_AT_MOST:
                    found.append(f"{module} -> {target} (the mirror -> layer {layer})")
            elif in_mirror(target):
                if layer_of(module) != MIRROR_IMPORTED_FROM:
                    found.append(f"{module} -> {target} (layer {layer_of(module)} -> the mirror)")
            elif (layer_of(target) or 0) > (layer_of(module) or 0):
                found.append(
                    f"{module} -> {target} (layer {layer_of(module)} -> {layer_of(target)})"
                )
    return found


def product_graph() -> dict[str, set[str]]:
    modules = product_modules()
    known = set(modules)
    return {
        name: imports_of(path.read_text(encoding="utf-8"), name, path.stem == "__init__", known)
        for name, path in modules.items()
    }


def test_every_module_has_a_layer() -> None:
    unplaced = [m for m in product_modules() if not in_mirror(m) and layer_of(m) is None]
    assert unplaced == []


def test_no_module_imports_a_layer_above_its_own() -> None:
    graph = product_graph()
    assert len(graph) >= 100  # every module of both packages was read
    assert violations(graph) == []


def test_the_check_finds_imports_against_the_direction() -> None:
    """The check itself, on imports written to break each rule."""
    wrong = {
        "pipelines.text": {"crawler.spiders.csto"},  # 3 -> 4
        "crawler.extract.dom": {"crawler.items"},  # 1 -> 2
        "crawler.items.kinds": {"pipelines.validation"},  # 2 -> 3
        "crawler.run.crawl_process": {"crawler.cli"},  # 4 -> 5
        "crawler.mirror.server": {"crawler.items"},  # the mirror -> 2
        "crawler.spiders.csto": {"crawler.mirror"},  # 4 -> the mirror
    }
    right = {
        "crawler.commands.demo": {"crawler.mirror", "crawler.run.crawl_process"},
        "crawler.mirror.render": {"crawler.mirror.dataset", "crawler.extract.text"},
        "pipelines.articles_only": {"crawler.items", "pipelines.validation"},
        "crawler.run.exit_codes": {"crawler.middlewares.robotstxt", "pipelines.storage"},
    }
    assert [line.split(" -> ")[0] for line in violations(wrong)] == sorted(wrong)
    assert violations(right) == []


def test_imports_are_read_everywhere_and_relative_ones_resolved() -> None:
    source = (
        "from .dataset import MirrorArticle\n"
        "from crawler.run import exit_codes\n"
        "def later():\n"
        "    import pipelines.storage.store\n"
        "    from ..items import ArticleItem\n"
    )
    known = {"crawler.mirror.dataset", "crawler.run.exit_codes", "pipelines.storage.store"}
    assert imports_of(source, "crawler.mirror.server", False, known) == {
        "crawler.mirror.dataset", "crawler.run.exit_codes", "pipelines.storage.store",
        "crawler.items",
    }


MAX_MODULE_LINES = 400  # a module a newcomer reads in one sitting


def test_no_product_module_is_over_400_lines() -> None:
    """The mirror's page templates are long HTML by nature and stay out of the count."""
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for package in PACKAGES for path in (ROOT / package).rglob("*.py")
        if "templates" not in path.relative_to(ROOT).parts
    }
    assert len(sizes) >= 100
    assert {path: n for path, n in sizes.items() if n > MAX_MODULE_LINES} == {}
