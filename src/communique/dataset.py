"""Analyses as a Parquet dataset partitioned by publication month.

``communique ingest PATH... --engine dask --out DIR`` writes one: each Dask worker writes the
analyses of its partition under ``DIR/published_month=YYYY-MM/`` (``unknown`` without a date), one
file per partition and month, named by a hash of its article ids, so a rerun rewrites the same
files instead of adding copies. A row is one article: a few columns to filter on and the whole
``Analysis`` as JSON (``analysis``), which ``read_dataset`` turns back into exactly what ``analyze``
gave. ``communique ingest DIR`` loads such a dataset into the store, idempotently.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engines import AnalysisFailure, ChunkAnalyzer, chunked
from .model import Analysis, Article

if TYPE_CHECKING:
    from .engines.dask import DaskEngine
    from .store import IngestSummary, Store

#: The file that marks a folder as a communique dataset (and not a folder of articles to read).
MARKER = "_communique_dataset.json"
FORMAT = {"format": "communique-analyses", "version": 1}
COLUMNS = ("article_id", "published", "title", "url", "source", "events", "quotes", "analysis")


def is_dataset(path: str | Path) -> bool:
    return (Path(path) / MARKER).is_file()


def month_of(published: str | None) -> str:
    """The partition of an article: its publication month ``YYYY-MM``, or ``unknown``."""
    return published[:7] if published and re.match(r"\d{4}-\d{2}", published) else "unknown"


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        from .store import StoreError

        raise StoreError("Parquet datasets need pyarrow: pip install 'communique[dask]'") from None
    return pyarrow


def write_partition(analyses: list[Analysis], out: str | Path) -> None:
    """Write analyses under ``out``, one file per publication month; each file appears whole or not at all."""
    pa = _pyarrow()
    by_month: dict[str, list[Analysis]] = {}
    for item in analyses:
        by_month.setdefault(month_of(item.article.published), []).append(item)
    for month, items in by_month.items():
        folder = Path(out) / f"published_month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256("\n".join(a.article.id for a in items).encode()).hexdigest()[:20]
        rows = {
            "article_id": [a.article.id for a in items],
            "published": [a.article.published for a in items],
            "title": [a.article.title for a in items],
            "url": [a.article.url for a in items],
            "source": [a.article.source for a in items],
            "events": [len(a.events) for a in items],
            "quotes": [len(a.quotes) for a in items],
            "analysis": [json.dumps(a.to_dict(), ensure_ascii=False) for a in items],
        }
        schema = pa.schema([(c, pa.int64() if c in ("events", "quotes") else pa.string()) for c in COLUMNS])
        target = folder / f"part-{digest}.parquet"
        partial_file = folder / f".part-{digest}.parquet.{os.getpid()}.tmp"
        pa.parquet.write_table(pa.table(rows, schema=schema), partial_file)
        os.replace(partial_file, target)  # a killed run leaves no half-written part


def analyze_to_dataset(articles: list[Article], out: str, analyzer: ChunkAnalyzer) -> list[AnalysisFailure]:
    """Analyze a partition and write it to the dataset (runs on a worker); returns its failures."""
    results = analyzer(articles)
    write_partition([r for r in results if isinstance(r, Analysis)], out)
    return [r for r in results if isinstance(r, AnalysisFailure)]


def write_dataset(
    items: Iterable[Any],
    out: str | Path,
    engine: DaskEngine,
    *,
    on_error: Callable[[str], None] | None = None,
    progress: bool = False,
) -> IngestSummary:
    """Analyze a stream of ``Article`` or input errors on a Dask cluster into the dataset at ``out``."""

    from .engines.dask import partition_failures
    from .store import ingest_progress

    _pyarrow()
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not is_dataset(out):
        from .store import StoreError

        raise StoreError(f"{out}: not empty and not a communique dataset; choose a new folder")
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(json.dumps(FORMAT) + "\n", encoding="utf-8")
    summary, bar, fail = ingest_progress(on_error, progress)

    def articles() -> Iterator[Article]:
        for item in items:
            summary.read += 1
            if isinstance(item, Article):
                yield item
            else:
                fail(str(item))
                bar.update(1)

    task = partial(analyze_to_dataset, out=str(out.resolve()), analyzer=engine.analyzer)
    try:
        for partition, outcome in engine.map_partitions(task, chunked(articles(), engine.chunk_size)):
            failures = (
                partition_failures(partition, outcome, engine.retries)
                if isinstance(outcome, BaseException)
                else outcome
            )
            for failure in failures:
                fail(str(failure))
            summary.stored += len(partition) - len(failures)
            bar.set_postfix(written=summary.stored, errors=summary.failed, refresh=False)
            bar.update(len(partition))
    finally:
        bar.close()
    return summary


def read_dataset(path: str | Path, batch_rows: int = 256) -> Iterator[Analysis]:
    """Every analysis in a dataset, month by month, read a few hundred rows at a time."""
    pa = _pyarrow()
    for file in sorted(Path(path).rglob("*.parquet")):
        parquet = pa.parquet.ParquetFile(file)
        for batch in parquet.iter_batches(batch_size=batch_rows, columns=["analysis"]):
            for text in batch.column(0).to_pylist():
                yield Analysis.from_dict(json.loads(text))


def load_dataset(store: Store, path: str | Path, *, batch_size: int = 64) -> IngestSummary:
    """Store every analysis of a dataset; one already stored (same article id) is skipped."""
    from .store import IngestSummary

    summary = IngestSummary()
    for batch in chunked(read_dataset(path), batch_size):
        summary.read += len(batch)
        added = store.add(batch)
        summary.stored += added.stored
        summary.skipped += added.skipped
    return summary
