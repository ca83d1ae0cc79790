"""The Dask engine: the same database as the single-process run, through the store or a Parquet dataset."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

import cloudpickle  # noqa: E402 - only with dask installed
from distributed import LocalCluster  # noqa: E402

import store_corpus  # noqa: E402
from communique import cli, dataset  # noqa: E402
from communique.engines import AnalysisFailure, LocalEngine  # noqa: E402
from communique.engines.dask import DaskEngine  # noqa: E402
from communique.model import Analysis, Article  # noqa: E402
from communique.store import Store  # noqa: E402
from test_store import clusters_by_content, dump  # noqa: E402

# Workers cannot import the tests folder: the fake analyzers below travel to them by value.
cloudpickle.register_pickle_by_value(store_corpus)
cloudpickle.register_pickle_by_value(sys.modules[__name__])

#: Articles we wrote, with events of several kinds, dates in three months, and one without a date.
ARTICLES = [
    ("w1", "2024-03-05", "Russia and China signed a trade agreement on Monday."),
    ("w2", "2024-03-20", "Kenya accused Ethiopia of moving troops to the border. Ethiopia denied the claim."),
    ("w3", "2024-04-02", "The United States imposed sanctions on Belarus on Tuesday, officials said."),
    (
        "w4",
        "2024-04-02",
        "President Xi Jinping of China met Prime Minister Narendra Modi of India in Beijing.",
    ),
    ("w5", "2024-05-11", "Ukraine said Russian forces attacked the city of Kharkiv overnight."),
    ("w6", None, "Chile and Bolivia agreed to share the waters of the Silala river."),
    ("w7", "2024-05-12", "The Philippines protested to China after its ships blocked a resupply mission."),
    ("w8", "2024-05-30", "Japan will host talks with South Korea next week, the foreign ministry said."),
]


def write_feed(path: Path) -> Path:
    lines = [
        json.dumps({"id": i, "published": day, "text": text}) if day else json.dumps({"id": i, "text": text})
        for i, day, text in ARTICLES
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cluster():
    """A local Dask cluster of 2 worker processes, shared by the tests of this file."""
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0", memory_limit="2GiB") as c:
        yield c


@pytest.fixture(scope="module")
def single_process(tmp_path_factory) -> tuple[Path, Path]:
    """The feed, and the database the single-process run makes of it."""
    folder = tmp_path_factory.mktemp("single")
    feed, db = write_feed(folder / "feed.jsonl"), folder / "single.db"
    with Store(db) as store, LocalEngine(1) as engine:
        summary = store.ingest([str(feed)], engine=engine, batch_size=3)
    assert summary.stored == len(ARTICLES) and summary.failed == 0
    with Store(db) as store:
        assert store.counts()["events"] >= 5  # the corpus tests something
    return feed, db


def test_a_local_cluster_of_two_workers_stores_exactly_the_single_process_database(single_process, tmp_path):
    feed, single = single_process
    with Store(tmp_path / "dask.db") as store, DaskEngine(workers=2, chunk_size=2) as engine:
        summary = store.ingest([str(feed)], engine=engine, batch_size=3)
        assert len(engine.client.scheduler_info()["workers"]) == 2
    assert (summary.stored, summary.failed) == (len(ARTICLES), 0)
    assert dump(str(tmp_path / "dask.db")) == dump(str(single))


def test_through_parquet_and_back_gives_the_same_events(single_process, tmp_path, cluster):
    feed, single = single_process
    out = tmp_path / "dataset"
    code = cli.main(["ingest", str(feed), "--engine", "dask", "--scheduler", cluster.scheduler_address,
                     "--out", str(out)])  # fmt: skip
    assert code == 0
    months = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert months == [f"published_month={m}" for m in ("2024-03", "2024-04", "2024-05", "unknown")]
    files = sorted(out.rglob("*.parquet"))
    # a rerun rewrites the same files: no copies
    assert cli.main(["ingest", str(feed), "--engine", "dask", "--scheduler", cluster.scheduler_address,
                     "--out", str(out)]) == 0  # fmt: skip
    assert sorted(out.rglob("*.parquet")) == files

    loaded = tmp_path / "loaded.db"
    assert cli.main(["ingest", str(out), "--db", str(loaded)]) == 0
    with Store(loaded) as back, Store(single) as original:
        assert back.counts() == original.counts()
        for article_id in original.article_ids():
            assert back.get_analysis(article_id) == original.get_analysis(article_id)
        assert clusters_by_content(back) == clusters_by_content(original)
        again = dataset.load_dataset(back, out)  # idempotent
        assert (again.read, again.stored, again.skipped) == (len(ARTICLES), 0, len(ARTICLES))
        assert back.counts() == original.counts()


def fail_on_article_3(articles: list[Article]) -> list[Analysis]:
    if any(a.id == "art-003" for a in articles):
        raise MemoryError("a worker ran out of memory")
    return store_corpus.fake_analyze_chunk(articles)


def test_a_partition_that_keeps_failing_is_retried_then_reported_with_its_inputs(cluster):
    articles = [
        Article(line["id"], line["text"], published=line["published"], source=f"feed.jsonl:{n + 1}")
        for n, line in enumerate(store_corpus.feed_lines(9))
    ]
    with DaskEngine(cluster.scheduler_address, analyzer=fail_on_article_3, chunk_size=3, retries=1) as engine:
        results = list(engine.map(articles))
    assert [r.article_id if isinstance(r, AnalysisFailure) else r.article.id for r in results] == [
        a.id for a in articles
    ]
    failed = [r for r in results if isinstance(r, AnalysisFailure)]
    assert [f.article_id for f in failed] == ["art-003", "art-004", "art-005"]
    assert str(failed[0]).startswith("feed.jsonl:4: analysis failed: its partition of 3 articles")
    assert "(feed.jsonl:4 .. feed.jsonl:6) failed 2 times: MemoryError: a worker ran out of memory" in str(
        failed[0]
    )


def test_the_cli_reports_a_failed_partition_and_stores_the_rest(tmp_path, cluster, monkeypatch, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(line) + "\n" for line in store_corpus.feed_lines(9)), encoding="utf-8")
    monkeypatch.setattr("communique.engines.dask.analyze_chunk", fail_on_article_3)
    db = tmp_path / "c.db"
    code = cli.main(["ingest", str(feed), "--engine", "dask", "--scheduler", cluster.scheduler_address,
                     "--db", str(db)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    # partitions of 8 articles: the first fails, the second (art-008) is stored
    assert "read 9, stored 1, skipped 0 as already stored, failed 8" in err
    assert err.count("its partition of 8 articles") == 8 and f"{feed}:4" in err
    with Store(db) as store:
        assert store.article_ids() == ["art-008"]


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path, capsys):
    feed = write_feed(tmp_path / "feed.jsonl")
    code = cli.main(["ingest", str(feed), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9",
                     "--db", str(tmp_path / "c.db")])  # fmt: skip
    assert code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err


def test_scheduler_and_out_need_the_dask_engine(tmp_path, capsys):
    assert cli.main(["ingest", "x.jsonl", "--out", str(tmp_path / "d")]) == 2
    assert "--engine dask" in capsys.readouterr().err
