"""The installed project's dependencies are true: every extraction layer imports after a
plain `pip install .` with any pip, pyarrow is an extra with a clear message when it is
missing, and the constraints file and the floors agree with pyproject.toml.

`make check-install` builds a venv with Python's bundled pip and `pip install .` (it
needs the package index, so it is a make target, not a test: no test leaves loopback).
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from importlib.metadata import distributions, requires
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support.socket_guard import child_env

ROOT = Path(__file__).resolve().parents[1]
PROJECT = "csto-newscrawl"


def _requirements() -> list[Requirement]:
    """The project's requirements as installed (its metadata, not pyproject.toml)."""
    return [Requirement(text) for text in requires(PROJECT) or []]


def _unconditional() -> dict[str, Requirement]:
    return {canonicalize_name(r.name): r for r in _requirements() if r.marker is None}


def _extra(name: str) -> set[str]:
    return {
        canonicalize_name(r.name) for r in _requirements()
        if r.marker is not None and r.marker.evaluate({"extra": name})
    }


def _imported_modules() -> set[str]:
    """Top-level modules the product's code imports, the standard library's left out."""
    names: set[str] = set()
    for path in [*(ROOT / "crawler").rglob("*.py"), *(ROOT / "pipelines").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"__future__", "crawler", "pipelines"}


def _providers() -> dict[str, set[str]]:
    """{top-level module: distributions installing it}, from each distribution's
    top_level.txt or else its files (Python 3.10's `packages_distributions` reads only
    top_level.txt, which many wheels no longer ship)."""
    found: dict[str, set[str]] = {}
    for dist in distributions():
        tops = (dist.read_text("top_level.txt") or "").split() or [
            Path(str(path)).parts[0].split(".")[0]
            for path in dist.files or () if not str(path).startswith("..")
        ]
        for top in tops:
            found.setdefault(top, set()).add(canonicalize_name(dist.metadata["Name"]))
    return found


def test_every_package_the_code_imports_is_declared() -> None:
    """A package the code imports but only gets through another (lxml through
    trafilatura) disappears when that one changes its own dependencies."""
    declared = set(_unconditional()) | _extra("parquet") | _extra("datasette")
    providers = _providers()
    undeclared = {
        module: providers.get(module) for module in _imported_modules()
        if not providers.get(module, set()) & declared
    }
    assert "lxml" in _imported_modules() and "pyarrow" in _imported_modules()
    assert undeclared == {}


def test_lxml_html_clean_is_a_plain_dependency_so_old_pip_installs_it() -> None:
    # jusText asks for lxml[html_clean]; pip < 24 does not match that extra to lxml's
    # "html-clean" and installs lxml alone: `import trafilatura` then fails.
    assert "lxml-html-clean" in _unconditional()


def test_every_extraction_layer_imports_in_a_fresh_interpreter() -> None:
    code = "import trafilatura, justext, lxml.html.clean; print('ok')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=child_env())
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_pyarrow_is_only_in_the_parquet_extra() -> None:
    assert "pyarrow" not in _unconditional()
    assert "pyarrow" in _extra("parquet")
    assert "datasette" in _extra("datasette")


def test_parquet_export_without_pyarrow_says_which_extra_to_install(tmp_path: Path) -> None:
    blocker = tmp_path / "blocked" / "pyarrow"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'pyarrow'\", name='pyarrow')\n"
    )
    out = tmp_path / "a.parquet"
    env = child_env()
    env["PYTHONPATH"] = f"{blocker.parent}{os.pathsep}{env['PYTHONPATH']}"
    done = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "export", "--format", "parquet",
         "--output", str(out), "--db", str(tmp_path / "never-opened.db")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "newscrawl: error: Parquet export needs pyarrow" in done.stderr
    assert "pip install 'csto-newscrawl[parquet]'" in done.stderr
    assert not out.exists()


def _constraints() -> dict[str, str]:
    """The pins constraints.txt holds for this interpreter (markers evaluated)."""
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        pin = Requirement(line)
        if pin.marker is None or pin.marker.evaluate():
            [exact] = pin.specifier
            assert exact.operator == "==", line
            assert canonicalize_name(pin.name) not in pins, f"{pin.name} pinned twice"
            pins[canonicalize_name(pin.name)] = exact.version
    return pins


def test_constraints_pin_every_dependency_within_the_declared_range() -> None:
    pins = _constraints()
    for requirement in _requirements():
        name = canonicalize_name(requirement.name)
        if name == PROJECT:  # the test extra names the project's own extras
            continue
        assert name in pins, f"{requirement.name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {name}=={pins[name]}, outside {requirement}"
        )


def test_floor_constraints_pin_every_floor_of_the_metadata() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "floors.py")], capture_output=True, text=True,
        env=child_env(),
    )
    assert done.returncode == 0, done.stderr
    printed = dict(line.split("==") for line in done.stdout.split())
    pins = {canonicalize_name(name): version for name, version in printed.items()}
    for requirement in _requirements():
        floors = [s.version for s in requirement.specifier if s.operator == ">="]
        if canonicalize_name(requirement.name) != PROJECT:
            assert floors, f"{requirement} has no floor"
            assert pins[canonicalize_name(requirement.name)] == floors[0]
    assert re.fullmatch(r"[0-9.]+", pins["scrapy"])
