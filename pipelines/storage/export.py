"""Writing exported articles as CSV, JSON Lines or Parquet, and checking export paths."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from pipelines.storage.tables import EXPORT_COLUMNS, INTEGER_EXPORT_COLUMNS

FORMATS = ("csv", "jsonl", "parquet")


class MissingExtra(ImportError):
    """An optional dependency the asked-for output needs is not installed."""


def require_parquet() -> None:
    """Parquet needs pyarrow, an extra (about half the size of a full install)."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError as error:
        raise MissingExtra(
            f"Parquet export needs pyarrow, which is not installed ({error}); install it "
            "with: pip install 'csto-newscrawl[parquet]'"
        ) from None


class UnsafeOutputPath(ValueError):
    """An --output path that would write outside the directory the user named."""


def safe_output_path(raw: str) -> Path:
    """Resolve ``raw`` and refuse paths that leave the directory it names.

    ``..`` components are refused outright (``out/../../etc/x`` is never what an
    analyst meant), and the resolved file must stay inside the resolved parent
    directory, which also refuses a symlinked file pointing elsewhere.
    """
    named = Path(raw).expanduser()
    if ".." in named.parts:
        raise UnsafeOutputPath(f"refusing output path with '..': {raw}")
    parent = named.parent.resolve()
    resolved = named.resolve()
    if not resolved.is_relative_to(parent):
        raise UnsafeOutputPath(f"output path {raw} resolves outside {parent}")
    return resolved


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """CSV with a header row; NULL is written as an empty field."""
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        count += 1
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One JSON object per line, UTF-8 kept readable (no \\u escapes)."""
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def parquet_schema() -> Any:
    """Arrow schema of the export: text columns, word_count as int64."""
    import pyarrow as pa

    return pa.schema(
        [(c, pa.int64() if c in INTEGER_EXPORT_COLUMNS else pa.string()) for c in EXPORT_COLUMNS]
    )


def write_parquet(rows: Iterable[dict[str, Any]], path: Path, chunk: int = 5000) -> int:
    """Parquet written in row groups, so a large export never sits in memory at once."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= chunk:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
