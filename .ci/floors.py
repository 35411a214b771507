"""Print pip constraints pinning every declared dependency to its floor (`name==floor`).

`make test-minimums` installs the project with these constraints into a separate
virtualenv and runs the suite, so the `>=` floors in pyproject.toml stay true.
Reads pyproject.toml with a regular expression (no tomllib on Python 3.10).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
# A quoted requirement with a floor: "name>=1.2", "name[extra]>=1.2,<2".
_FLOOR = re.compile(r'"(?P<name>[A-Za-z0-9_.-]+)(?:\[[^]"]*\])?\s*>=\s*(?P<version>[0-9][^,;"\s]*)')


def floors(text: str) -> dict[str, str]:
    """{distribution: floor version} for every requirement with a `>=` floor (the build
    system's setuptools included: it is what builds the project)."""
    return {match["name"]: match["version"] for match in _FLOOR.finditer(text)}


def main() -> int:
    pins = floors(PYPROJECT.read_text(encoding="utf-8"))
    if not pins:
        print("no floors found in pyproject.toml", file=sys.stderr)
        return 1
    for name, version in sorted(pins.items(), key=lambda pair: pair[0].lower()):
        print(f"{name}=={version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
