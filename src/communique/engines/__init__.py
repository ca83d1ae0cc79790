"""Engines map ``analyze`` over a stream of articles and give the results back in input order.

An engine is anything with ``map(articles) -> iterator of Analysis | AnalysisFailure`` (in input
order, reading its input lazily so memory stays flat) and ``close()``. ``LocalEngine`` runs in
this process (one worker) or in a pool of worker processes, each loading the spaCy pipeline once.
``engines.dask.DaskEngine`` runs on a Dask cluster (the user's scheduler, or a local cluster it starts).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Protocol

from ..model import Analysis, Article

if TYPE_CHECKING:
    from ..pipeline import Resources


@dataclass
class AnalysisFailure:
    """An article that ``analyze`` raised on; ``str()`` is the one-line message."""

    article_id: str
    source: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.source or self.article_id}: analysis failed: {self.message}"


Result = Analysis | AnalysisFailure
#: Analyzes a list of articles, returning one result per article, in order. Must be picklable
#: (a module-level function) to run in worker processes.
ChunkAnalyzer = Callable[[list[Article]], list[Result]]


class EngineError(RuntimeError):
    pass


class Engine(Protocol):
    def map(self, articles: Iterable[Article]) -> Iterator[Result]: ...

    def close(self) -> None: ...


def analyze_chunk(articles: list[Article], resources: Resources | None = None) -> list[Result]:
    """The default analyzer: the chunk parsed in one ``nlp.pipe`` call; one failing article fails only itself.

    ``resources``: the user's dictionary and lexicon (picklable, so they travel to worker processes).
    """
    from ..pipeline import analyze, analyze_many

    extra = {"resources": resources} if resources is not None else {}
    try:
        return list(analyze_many(articles, batch_size=max(1, len(articles)), **extra))
    except Exception:
        pass  # find which article failed: analyze them one by one
    results: list[Result] = []
    for article in articles:
        try:
            results.append(analyze(article, **extra))
        except Exception as exc:  # an extractor bug must not stop a corpus run
            message = " ".join(f"{type(exc).__name__}: {exc}".split())  # one line, however the error reads
            results.append(AnalysisFailure(article.id, article.source, message[:300]))
    return results


def load_pipeline() -> None:
    """Load what ``analyze`` needs once per worker, before the first article arrives."""
    from .. import nlp

    nlp.load_pipeline()


def chunked(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class LocalEngine:
    """``analyze`` on this machine: in this process (``workers=1``) or in a pool of worker processes.

    At most ``workers * 2`` chunks of ``chunk_size`` articles are in flight, so the input is read
    only as fast as it is analyzed.
    """

    def __init__(
        self,
        workers: int = 1,
        *,
        chunk_size: int = 4,
        analyzer: ChunkAnalyzer | None = None,
        warm_up: Callable[[], None] | None = None,
        start_method: str = "spawn",
        resources: Resources | None = None,
    ):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.chunk_size = chunk_size
        self.analyzer = analyzer or (
            partial(analyze_chunk, resources=resources) if resources else analyze_chunk
        )
        # Load the pipeline up front only for the default analyzer; a custom one loads what it needs.
        self.warm_up = warm_up if warm_up is not None else (load_pipeline if analyzer is None else None)
        self.start_method = start_method
        self._executor: ProcessPoolExecutor | None = None

    def map(self, articles: Iterable[Article]) -> Iterator[Result]:
        if self.workers == 1:
            for chunk in chunked(articles, self.chunk_size):
                yield from self.analyzer(chunk)
            return
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context(self.start_method),
                initializer=_start_worker,
                initargs=(os.getpid(), self.warm_up),
            )
        yield from _ordered(
            self._executor, self.analyzer, chunked(articles, self.chunk_size), self.workers * 2
        )

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def worker_peak_memory_mb() -> float:
    """The largest peak resident memory of any worker process that has ended, in MB (Linux)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _ordered(
    executor: ProcessPoolExecutor, analyzer: ChunkAnalyzer, chunks: Iterator[list[Article]], in_flight: int
) -> Iterator[Result]:
    pending: deque[Future] = deque()

    def submit() -> None:
        chunk = next(chunks, None)
        if chunk is not None:
            pending.append(executor.submit(analyzer, chunk))

    for _ in range(in_flight):
        submit()
    while pending:
        try:
            results = pending.popleft().result()
        except BrokenProcessPool as exc:
            raise EngineError(
                "a worker process died (out of memory?); what was committed is kept, rerun to finish"
            ) from exc
        submit()
        yield from results


def _start_worker(parent_pid: int, warm_up: Callable[[], None] | None) -> None:
    # A worker whose parent was killed (SIGKILL gives it no chance to stop us) exits on its own.
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    if warm_up is not None:
        warm_up()


def _exit_with_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1)
    os._exit(0)
