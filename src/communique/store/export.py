"""Exports: tables as stored (or reviewed), GDELT rows, and writing rows as CSV, JSONL, Parquet or a table."""

from __future__ import annotations

import builtins
import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from .dialects import StoreError
from .sql import EXPORT_TABLES, column_types


class Exports:
    """The store's exports."""

    def iter_export(self, table: str = "events", *, reviewed: bool = False) -> Iterator[dict[str, Any]]:
        """Every row of a table as stored (``events``, ``quotes``, ``actors``, ``mentions``, ``clusters``, ``articles``).

        ``reviewed``: events and quotes with people's corrections applied (those marked wrong left out).
        """
        if table not in EXPORT_TABLES:
            raise ValueError(f"table must be one of {', '.join(EXPORT_TABLES)}")
        tables = {"events": self._events_table(reviewed), "quotes": self._quotes_table(reviewed)}
        for row in self._execute(f"export_{table}", **tables):
            yield dict(row)

    def iter_gdelt(self, *, reviewed: bool = False) -> Iterator[dict[str, Any]]:
        """One GDELT 2.0 event-table row per event cluster (see docs/store.md for each column)."""
        from ..gdelt import gdelt_row

        for row in self._execute("gdelt", events=self._events_table(reviewed)):
            yield gdelt_row(dict(row))

    def export(
        self,
        format: str,
        output: str | Path | IO[str] | None = None,
        *,
        table: str = "events",
        reviewed: bool = False,
    ) -> int:
        """Write a table as csv, jsonl, parquet, the GDELT-shaped event table, or gold lines; returns the row count."""
        if format == "gold":
            return write_rows(self.iter_gold(), None, "jsonl", output)
        if format == "gdelt":
            from ..gdelt import GDELT_COLUMNS

            return write_rows(self.iter_gdelt(reviewed=reviewed), GDELT_COLUMNS, "tsv", output)
        rows = self.iter_export(table, reviewed=reviewed)
        if format == "parquet":
            if output is None or not isinstance(output, (str, Path)):
                raise StoreError("parquet export needs --output FILE")
            return _write_parquet(rows, Path(output), column_types(table))
        if format not in ("csv", "jsonl"):
            raise ValueError("format must be csv, jsonl, parquet, gdelt or gold")
        return write_rows(rows, None, format, output)


def _result(rows: Iterator[dict[str, Any]], as_dataframe: bool) -> Any:
    if not as_dataframe:
        return list(rows)
    try:
        import pandas as pd
    except ImportError:
        raise StoreError("as_dataframe needs pandas: pip install 'communique[pandas]'") from None
    return pd.DataFrame.from_records(list(rows))


# ---------------------------------------------------------------- writing rows out


def write_rows(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str] | None,
    format: str,
    output: str | Path | IO[str] | None = None,
    *,
    width: int = 60,
) -> int:
    """Write rows as ``table``, ``csv``, ``tsv`` or ``jsonl`` to a file, a stream, or stdout; returns the count."""
    if output is None or not isinstance(output, (str, Path)):
        return _write_rows(rows, columns, format, output or sys.stdout, width)
    with builtins.open(output, "w", encoding="utf-8", newline="") as stream:
        return _write_rows(rows, columns, format, stream, width)


def _write_rows(
    rows: Iterable[dict[str, Any]], columns: Sequence[str] | None, format: str, out: IO[str], width: int
) -> int:
    count = 0
    if format == "jsonl":
        for row in rows:
            out.write(
                json.dumps(row if columns is None else {c: row.get(c) for c in columns}, ensure_ascii=False)
                + "\n"
            )
            count += 1
        return count
    if format == "table":
        rows = list(rows)
        columns = list(columns or (rows[0].keys() if rows else []))
        cells = [[_cell(row.get(c), width) for c in columns] for row in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
        out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
        for r in cells:
            out.write("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() + "\n")
        return len(rows)
    if format not in ("csv", "tsv"):
        raise ValueError(f"unknown format {format!r}")
    writer: Any = None
    for row in rows:
        if writer is None:
            names = list(columns or row.keys())
            dialect = "excel-tab" if format == "tsv" else "excel"
            writer = csv.DictWriter(out, names, dialect=dialect, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        count += 1
    if writer is None and columns:
        csv.writer(out, dialect="excel-tab" if format == "tsv" else "excel", lineterminator="\n").writerow(
            columns
        )
    return count


def _cell(value: Any, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _write_parquet(
    rows: Iterable[dict[str, Any]], path: Path, types: dict[str, str], batch_rows: int = 10_000
) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StoreError("parquet export needs pyarrow: pip install 'communique[parquet]'") from None
    writer = None
    count = 0
    schema = None
    try:
        for batch in _batches(rows, batch_rows):
            if schema is None:
                kinds = {"int": pa.int64(), "real": pa.float64(), "text": pa.string()}
                schema = pa.schema([pa.field(n, kinds[types.get(n, "text")]) for n in batch[0]])
                writer = pq.ParquetWriter(str(path), schema)
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))  # type: ignore[union-attr]
            count += len(batch)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:
        pq.write_table(pa.table({}), str(path))
    return count


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
