"""The local engine: results in input order, lazy input, failures isolated, workers that do not outlive their parent."""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communique import engines, pipeline
from communique.engines import AnalysisFailure, EngineError, LocalEngine
from communique.model import Article
from store_corpus import fake_analyze_chunk, feed_lines

TESTS = Path(__file__).parent


def articles(n: int) -> list[Article]:
    return [
        Article(line["id"], line["text"], published=line["published"], source=f"feed:{i + 1}")
        for i, line in enumerate(feed_lines(n))
    ]


def crash_on_article_3(chunk: list[Article]) -> list:
    """A worker that dies outright (as on out of memory) on one article."""
    if any(a.id == "art-003" for a in chunk):
        os._exit(1)
    return fake_analyze_chunk(chunk)


def test_results_come_back_in_input_order_whatever_the_worker_count():
    batch = articles(23)
    with (
        LocalEngine(1, analyzer=fake_analyze_chunk) as one,
        LocalEngine(2, analyzer=fake_analyze_chunk, chunk_size=3) as two,
    ):
        in_process = list(one.map(batch))
        pooled = list(two.map(batch))
    assert [a.article.id for a in pooled] == [a.id for a in batch]
    assert pooled == in_process
    assert engines.worker_peak_memory_mb() > 0


def test_input_is_read_only_as_fast_as_it_is_analyzed():
    consumed = 0

    def endless():
        nonlocal consumed
        for i in itertools.count():
            consumed += 1
            yield Article(f"id{i}", f"BLR meets CHN, take {i}.")

    with LocalEngine(2, analyzer=fake_analyze_chunk, chunk_size=4, start_method="fork") as engine:
        first = list(itertools.islice(engine.map(endless()), 5))
    assert [a.article.id for a in first] == ["id0", "id1", "id2", "id3", "id4"]
    # four chunks in flight, plus one submitted for each of the two chunks taken
    assert consumed <= (2 * 2 + 2) * 4


def test_one_failing_article_fails_alone(monkeypatch):
    def analyze(article):
        if article.id == "art-001":
            raise ValueError("a bug in some stage\n  in line 3:\n    here")
        return fake_analyze_chunk([article])[0]

    def analyze_many(batch, batch_size=16):
        for article in batch:
            yield analyze(article)

    monkeypatch.setattr(pipeline, "analyze", analyze)
    monkeypatch.setattr(pipeline, "analyze_many", analyze_many)
    results = engines.analyze_chunk(articles(3))
    assert [type(r).__name__ for r in results] == ["Analysis", "AnalysisFailure", "Analysis"]
    assert str(results[1]) == "feed:2: analysis failed: ValueError: a bug in some stage in line 3: here"
    assert isinstance(results[1], AnalysisFailure)


def test_a_dead_worker_stops_the_run_with_a_clear_error():
    engine = LocalEngine(2, analyzer=crash_on_article_3, chunk_size=1, start_method="fork")
    with engine, pytest.raises(EngineError, match="rerun"):
        list(engine.map(articles(8)))


def test_workers_must_be_positive():
    with pytest.raises(ValueError):
        LocalEngine(0)


ORPHANING = """
import sys, time
sys.path.insert(0, {tests!r})
from store_corpus import slow_fake_analyze_chunk
from communique.engines import LocalEngine
from communique.model import Article

if __name__ == "__main__":
    endless = (Article(str(i), "BLR meets CHN.") for i in range(10**9))
    with LocalEngine(2, analyzer=slow_fake_analyze_chunk, chunk_size=1) as engine:
        for result in engine.map(endless):
            print(result.article.id, flush=True)
"""


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_exit_when_their_parent_is_killed(tmp_path):
    script = tmp_path / "orphans.py"
    script.write_text(ORPHANING.format(tests=str(TESTS)), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, start_new_session=True)
    try:
        parent.stdout.readline()  # the workers are up and working
        workers = [p for p in children_of(parent.pid) if running(p)]
        assert len(workers) >= 2
        os.kill(parent.pid, signal.SIGKILL)  # the parent only: nothing tells the workers
        parent.wait()
        deadline = time.monotonic() + 10
        while any(running(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(running(p) for p in workers)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(parent.pid, signal.SIGKILL)


@pytest.mark.slow
def test_the_real_analyzer_in_worker_processes_gives_what_it_gives_in_process():
    batch = articles(6)
    in_process = [pipeline.analyze(a) for a in batch]
    with LocalEngine(2) as engine:
        assert list(engine.map(batch)) == in_process
