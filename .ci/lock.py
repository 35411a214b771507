"""Merge `pip freeze` outputs of the oldest and the default CPython into constraints.txt.

A release may drop an old Python (pyarrow 26 and regex 2026.11 have no wheels for 3.10),
so one pin cannot serve every interpreter: where the two freezes differ, each pin gets an
environment marker. `make lock` runs this; usage:

    python .ci/lock.py OLDEST_FREEZE OLDEST_VERSION DEFAULT_FREEZE > constraints.txt

OLDEST_VERSION is the oldest interpreter's X.Y; its pins apply below X.(Y+1).
"""

from __future__ import annotations

import sys
from pathlib import Path

HEADER = (
    "# Versions the suite passed on (make lock; make test test-pythons test-minimums).\n"
    "# Production: pip install -c constraints.txt 'csto-newscrawl[parquet]'\n"
)


def pins(path: str) -> dict[str, str]:
    """{name: version} of a `pip freeze` file (comments, editables, the project left out)."""
    found = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        name, sep, version = line.strip().partition("==")
        if sep and not name.startswith("#") and name.lower() != "csto-newscrawl":
            found[name] = version
    return found


def merged(oldest: dict[str, str], version: str, default: dict[str, str]) -> list[str]:
    """One line per pin; a marker on each pin the two interpreters do not share."""
    major, minor = version.split(".")[:2]
    newer = f'python_version >= "{major}.{int(minor) + 1}"'
    older = f'python_version < "{major}.{int(minor) + 1}"'
    lines = []
    for name in sorted({*oldest, *default}, key=str.lower):
        old, new = oldest.get(name), default.get(name)
        if old == new:
            lines.append(f"{name}=={new}")
            continue
        if old is not None:
            lines.append(f"{name}=={old}; {older}")
        if new is not None:
            lines.append(f"{name}=={new}; {newer}")
    return lines


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    oldest_freeze, version, default_freeze = argv
    lines = merged(pins(oldest_freeze), version, pins(default_freeze))
    sys.stdout.write(HEADER + "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
