"""One writer per database: an exclusive ``flock`` on ``<db>.lock``.

flock is released by the kernel when the holding process dies, so a crawl that
was killed (even with SIGKILL) never leaves a stale lock behind; the pid written
into the file only serves to name the holder in the error message.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO


class DatabaseLocked(RuntimeError):
    """Another live process is writing the same database."""

    def __init__(self, lock_path: Path, pid: int | None) -> None:
        self.lock_path = lock_path
        self.pid = pid
        holder = f"process {pid}" if pid else "another process"
        super().__init__(f"database is locked by {holder} (lock file {lock_path})")


class DatabaseLock:
    """Exclusive, non-blocking lock for writing ``db_path``; use as a context manager."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(str(db_path) + ".lock")
        self._file: IO[str] | None = None

    def acquire(self) -> DatabaseLock:
        """Take the lock or raise :class:`DatabaseLocked` at once (never waits)."""
        if self._file is not None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # "a+" does not truncate: the holder's pid must survive our failed attempt.
        handle = open(self.path, "a+", encoding="ascii")  # noqa: SIM115 - held until release
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(handle)
            handle.close()
            raise DatabaseLocked(self.path, pid) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle
        return self

    def release(self) -> None:
        """Give the lock up; the file stays (removing it would race a new holder)."""
        if self._file is None:
            return
        try:
            self._file.seek(0)
            self._file.truncate()
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
        finally:
            self._file.close()
            self._file = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_pid(handle: IO[str]) -> int | None:
    """The pid the holder wrote, if readable."""
    handle.seek(0)
    text = handle.read().strip()
    return int(text) if text.isdigit() else None
