"""The throughput benchmark (benchmarks/throughput.py) runs end to end on a few articles we write."""

from __future__ import annotations

import sys
from pathlib import Path

from communique.ingest import article_from_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import throughput  # noqa: E402

TEXTS = [
    "Russia and China signed a trade agreement in Moscow on Monday.",
    'The foreign minister of Poland accused Belarus of sending migrants to the border. "This must stop," she said.',
    "Protesters marched in Nairobi on Tuesday, and the police arrested dozens of them.",
]


def test_one_round_measures_every_run_and_writes_a_table():
    articles = [article_from_text(text, published="2024-03-05") for text in TEXTS]

    report = throughput.run_benchmark(articles, workers=(1, 2), rounds=1, dask=(2,))
    text = throughput.render(report, "throughput.py --rounds 1", "three test articles")

    assert report.rounds == 1
    for kind in ("a", "b", "c"):
        for workers in (1, 2):
            row = report.rows[(kind, workers)]
            assert row.articles == 3 and row.seconds > 0 and row.peak_mb > 0
    dask = report.rows[("d", 2)]
    assert dask.articles == 3 and dask.peak_mb > 100  # the Dask workers' peaks, spaCy model included
    assert report.rows[("a", 1)].tokens == report.rows[("b", 2)].tokens > 0
    assert report.rows[("b", 1)].found["events"] >= 1
    assert "| (b) communique `analyze_many` | 1 | 3 |" in text
    assert "ingest with 2 workers over 1 worker" in text
    assert "| (d) `communique ingest --engine dask` (SQLite) | 2 | 3 |" in text


def test_each_benchmark_replaces_only_its_own_section_of_the_report(tmp_path):
    from report import write_section

    doc = tmp_path / "benchmarks.md"
    write_section(doc, "# Throughput", "# Throughput\n\nold figures\n")
    write_section(doc, "# Web load", "# Web load\n\nload figures\n")
    write_section(doc, "# Throughput", "# Throughput\n\nnew figures\n")
    assert doc.read_text() == "# Throughput\n\nnew figures\n\n# Web load\n\nload figures\n"


def test_the_sentence_benchmark_scores_type_and_actors_per_row(tmp_path, capsys):
    import sentences

    path = tmp_path / "sentences-x.tsv"
    path.write_text(
        "# a comment\n"
        "ACCUSE\tJPN\tPRK\tJapan criticized North Korea over the launch.\n"
        "ACCUSE\tJPN\tCHN\tJapan criticized North Korea over the launch.\n"
        "NONE\t-\t-\tThe weather in Tokyo was mild on Monday.\n",
        encoding="utf-8",
    )
    rows = sentences.read_rows(path)
    total, typed, right = sentences.score(rows)
    assert (total["ACCUSE"], typed["ACCUSE"], right["ACCUSE"]) == (2, 2, 1)
    assert right["NONE"] == 1
    assert sentences.main([str(path), "--half", "A"]) == 0
    assert (
        "half A: 1 event rows, type 1.000, type + actors 1.000; no event right 1/1" in capsys.readouterr().out
    )
