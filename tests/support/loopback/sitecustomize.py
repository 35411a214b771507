"""Loaded at the start of every Python process a test starts (its PYTHONPATH holds this
folder, see tests/support/socket_guard.child_env): no socket beyond loopback."""

import importlib.util
import os
from pathlib import Path

if os.environ.get("NEWSCRAWL_TEST_SOCKET_REPORT"):
    _spec = importlib.util.spec_from_file_location(
        "_newscrawl_socket_guard", Path(__file__).resolve().parents[1] / "socket_guard.py"
    )
    _guard = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_guard)
    _guard.install()
