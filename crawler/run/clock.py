"""How long this process has been running, for a run-time bound that counts the process's
own start (the interpreter and the imports before `main`, up to a second on a busy host)."""

from __future__ import annotations

import os
import time


def process_age() -> float:
    """Seconds since the kernel started this process; 0.0 where /proc cannot tell."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: start, in ticks
        return max(time.clock_gettime(time.CLOCK_BOOTTIME) - started, 0.0)
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0
