"""The Dask engine: ``analyze`` over partitions of the input on a Dask cluster (``communique ingest --engine dask``)."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from ..model import Article
from . import AnalysisFailure, ChunkAnalyzer, EngineError, Result, analyze_chunk, chunked, load_pipeline

try:
    from distributed import Client, LocalCluster
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:
    raise EngineError("the Dask engine needs dask: pip install 'communique[dask]'") from None

if TYPE_CHECKING:
    from ..pipeline import Resources


class DaskEngine:
    """``analyze`` on a Dask cluster: the scheduler at ``scheduler``, or a local cluster of ``workers`` processes.

    The input is cut into partitions of ``chunk_size`` articles, at most ``workers * 2`` in flight (more
    on a bigger cluster), so the input is read only as fast as it is analyzed. A partition that fails
    (its worker died, say) is sent again up to ``retries`` times; then each of its articles comes
    back as an ``AnalysisFailure`` naming the partition, so nothing is dropped silently. Each worker
    loads the spaCy pipeline once, when it starts (a worker plugin).
    """

    def __init__(
        self,
        scheduler: str | None = None,
        *,
        workers: int = 2,
        chunk_size: int = 8,
        retries: int = 2,
        analyzer: ChunkAnalyzer | None = None,
        resources: Resources | None = None,
        memory_limit: str = "2GiB",
    ):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.scheduler = scheduler
        self.workers = workers
        self.chunk_size = chunk_size
        self.retries = retries
        self.analyzer = analyzer or (
            partial(analyze_chunk, resources=resources) if resources else analyze_chunk
        )
        self.load_pipeline = analyzer is None  # a custom analyzer loads what it needs
        self.memory_limit = memory_limit
        self._client: Any = None
        self._cluster: Any = None

    @property
    def client(self) -> Any:
        """The ``distributed.Client``, connected (and the local cluster started) on first use."""
        if self._client is None:
            if self.scheduler:
                try:
                    self._client = Client(self.scheduler, timeout=15)
                except OSError as exc:
                    raise EngineError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
            else:
                self._cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,  # spaCy is not faster with threads; one process per core
                    processes=True,
                    memory_limit=self.memory_limit,
                    dashboard_address=":0",
                    silence_logs=logging.ERROR,
                )
                self._client = Client(self._cluster)
            if self.load_pipeline:
                self._client.register_plugin(PipelineLoader(), name="communique-pipeline")
        return self._client

    def in_flight(self) -> int:
        return 2 * max(self.workers, len(self.client.scheduler_info().get("workers", {})))

    def map(self, articles: Iterable[Article]) -> Iterator[Result]:
        for chunk, outcome in self.map_partitions(self.analyzer, chunked(articles, self.chunk_size)):
            if isinstance(outcome, BaseException):
                yield from partition_failures(chunk, outcome, self.retries)
            else:
                yield from outcome

    def map_partitions(
        self, function: Callable[[list[Article]], Any], partitions: Iterable[list[Article]]
    ) -> Iterator[tuple[list[Article], Any]]:
        """``(partition, function(partition))`` in input order; the exception instead when it failed every try."""
        client = self.client
        partitions = iter(partitions)
        pending: deque[tuple[list[Article], Any]] = deque()

        def start(partition: list[Article]) -> Any:
            # The data goes to a worker apart from the task: a task's arguments would stay in the
            # scheduler's memory, which then grows with the corpus.
            [data] = client.scatter([partition], hash=False)
            return client.submit(function, data, pure=False)

        def submit() -> None:
            partition = next(partitions, None)
            if partition is not None:
                pending.append((partition, start(partition)))

        for _ in range(self.in_flight()):
            submit()
        while pending:
            partition, future = pending.popleft()
            for attempt in range(self.retries + 1):
                try:
                    outcome = future.result()
                    break
                except Exception as exc:  # an error, or a worker that died with the partition's data
                    outcome = exc
                    future.release()
                    if attempt < self.retries:
                        future = start(partition)  # retried here, so a fresh copy of its data goes too
            future.release()
            submit()
            yield partition, outcome

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def partition_failures(partition: list[Article], error: BaseException, retries: int) -> list[AnalysisFailure]:
    """One failure per article of a partition that failed ``retries + 1`` times, each naming the partition."""
    message = " ".join(f"{type(error).__name__}: {error}".split())[:300]
    first, last = partition[0], partition[-1]
    where = f"{first.source or first.id} .. {last.source or last.id}"
    return [
        AnalysisFailure(
            article.id,
            article.source,
            f"its partition of {len(partition)} articles ({where}) failed {retries + 1} times: {message}",
        )
        for article in partition
    ]


class PipelineLoader(WorkerPlugin):
    """Loads the spaCy pipeline in each Dask worker as it starts, once for the life of the worker."""

    def setup(self, worker: Any) -> None:
        load_pipeline()
