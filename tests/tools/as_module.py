"""Run a tool of tests/tools as the module it is, so that it imports the suite's helpers
(`tests.support`) the way the suite does, without editing sys.path.

`python tests/tools/rows_dump.py ARGS` becomes `python -m tests.tools.rows_dump ARGS` with
the repository root on PYTHONPATH (as pytest's `pythonpath` option puts it on the suite's
path); from the repository root, `python -m tests.tools.rows_dump ARGS` is the same.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parents[2]


def rerun(tool: str) -> NoReturn:
    """Replace this process with the tool `tool` (its __file__) run as a module."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    module = f"tests.tools.{Path(tool).stem}"
    os.execve(sys.executable, [sys.executable, "-m", module, *sys.argv[1:]], env)
