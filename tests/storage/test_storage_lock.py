"""DatabaseLock: one writer per database, and no stale locks after a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipelines.storage.lock import DatabaseLock, DatabaseLocked
from tests.support.socket_guard import child_env

HOLDER = textwrap.dedent(
    """
    import time
    from pipelines.storage.lock import DatabaseLock
    lock = DatabaseLock({db!r}).acquire()
    print("locked", flush=True)
    time.sleep(60)
    """
)


def _holder(db: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER.format(db=str(db))],
        stdout=subprocess.PIPE, text=True, env=child_env(),
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_second_process_gets_database_locked_naming_pid(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    proc = _holder(db)
    try:
        with pytest.raises(DatabaseLocked) as info:
            DatabaseLock(db).acquire()
        assert info.value.pid == proc.pid
        assert str(proc.pid) in str(info.value)
    finally:
        proc.kill()
        proc.wait()


def test_lock_of_killed_process_does_not_block(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    proc = _holder(db)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with DatabaseLock(db) as lock:
        assert lock.held
        assert lock.path.read_text().strip() == str(os.getpid())
    assert not lock.held


def test_same_process_second_lock_fails_and_release_allows_again(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    first = DatabaseLock(db).acquire()
    with pytest.raises(DatabaseLocked):
        DatabaseLock(db).acquire()
    first.release()
    DatabaseLock(db).acquire().release()
