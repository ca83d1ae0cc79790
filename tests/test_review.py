"""Review: people's corrections kept apart from the extraction, applied on request, exported as gold."""

from __future__ import annotations

import json

import pytest

from communique import cli
from communique.store import Store
from store_corpus import corpus


@pytest.fixture
def db(tmp_path) -> Store:
    store = Store(tmp_path / "corpus.db")
    store.add(corpus())
    yield store
    store.close()


def by_id(rows) -> dict:
    return {r["id"]: r for r in rows}


def test_a_correction_never_changes_the_extraction_and_applies_only_when_asked(db):
    before = db.get_analysis("a1")
    db.add_correction(
        "event",
        2,
        verdict="corrected",
        reviewer="Ana",
        cameo="120",
        status="alleged",
        target={"name": "Russia", "country": "rus"},
        now="2024-01-02T03:04:05+00:00",
    )
    db.add_correction("event", 3, verdict="wrong", reviewer="Ben", note="China is not the source")
    assert db.get_analysis("a1") == before
    machine = by_id(db.events())
    assert (machine[2]["cameo"], machine[2]["status"], machine[2]["target_country"]) == (
        "112",
        "occurred",
        "CHN",
    )
    assert 3 in machine
    reviewed = by_id(db.events(reviewed=True))
    assert (reviewed[2]["cameo"], reviewed[2]["plover"], reviewed[2]["status"]) == (
        "120",
        "REJECT",
        "alleged",
    )
    assert (reviewed[2]["target"], reviewed[2]["target_country"], reviewed[2]["target_code"]) == (
        "Russia",
        "RUS",
        "RUS",
    )
    assert 3 not in reviewed  # marked wrong
    assert len(reviewed) == len(machine) - 1
    # the filters see the corrected values
    assert [r["id"] for r in db.events(plover="REJECT", reviewed=True)] == [2, 9]
    assert db.count_events(plover="REJECT") == 1 and db.count_events(plover="REJECT", reviewed=True) == 2
    history = db.corrections("a1")
    assert [(c["item_id"], c["verdict"], c["reviewer"]) for c in history] == [
        (2, "corrected", "Ana"),
        (3, "wrong", "Ben"),
    ]
    assert history[0]["created_at"] == "2024-01-02T03:04:05+00:00"


def test_the_latest_correction_of_an_item_wins_and_earlier_ones_stay(db):
    db.add_correction("event", 1, verdict="wrong", reviewer="Ana")
    db.add_correction("event", 1, verdict="right", reviewer="Ben")
    assert 1 in by_id(db.events(reviewed=True))
    assert [c["verdict"] for c in db.corrections("a1")] == ["wrong", "right"]


def test_a_quote_speaker_correction(db):
    db.add_correction(
        "quote",
        1,
        verdict="corrected",
        reviewer="Ana",
        speaker={"name": "Wang Wenbin", "country": "CHN", "sector": "GOV"},
    )
    (quote,) = db.quotes(search="both ways", reviewed=True)
    assert (quote["speaker"], quote["speaker_code"]) == ("Wang Wenbin", "CHNGOV")
    assert db.quotes(search="both ways")[0]["speaker"] == "Ned Price"


@pytest.mark.parametrize(
    "item, item_id, options, message",
    [
        ("event", 1, {"verdict": "maybe"}, "verdict must be one of"),
        ("event", 1, {"verdict": "right", "reviewer": "  "}, "reviewer"),
        ("event", 1, {"verdict": "corrected"}, "at least one corrected field"),
        ("event", 1, {"verdict": "right", "status": "negated"}, "takes no corrected fields"),
        ("event", 1, {"verdict": "corrected", "cameo": "999"}, "not a CAMEO event code"),
        ("event", 1, {"verdict": "corrected", "status": "done"}, "status must be one of"),
        ("event", 1, {"verdict": "corrected", "source": {"country": "United States"}}, "three letters"),
        ("quote", 1, {"verdict": "corrected", "status": "negated"}, "speaker only"),
        ("event", 1, {"verdict": "corrected", "speaker": {"name": "X"}}, "has no speaker"),
        ("thing", 1, {"verdict": "right"}, "item must be"),
    ],
)
def test_bad_corrections_are_refused_with_a_clear_message(db, item, item_id, options, message):
    with pytest.raises(ValueError, match=message):
        db.add_correction(item, item_id, **{"reviewer": "Ana", **options})
    assert db.counts()["corrections"] == 0


def test_a_correction_of_something_that_is_not_there(db):
    with pytest.raises(LookupError, match="no event with id 999"):
        db.add_correction("event", 999, verdict="right", reviewer="Ana")
    with pytest.raises(LookupError, match="in article a2"):
        db.add_correction("event", 1, verdict="right", reviewer="Ana", article_id="a2")


def test_reviewed_dyads_network_and_exports(db, tmp_path):
    # a4: Moscow attacked Kyiv (8), an occurred ASSAULT; a person says it was only alleged
    db.add_correction("event", 8, verdict="corrected", reviewer="Ana", status="alleged")
    machine = db.dyads("RUS", "UKR")
    reviewed = db.dyads("RUS", "UKR", reviewed=True)
    assert sum(p["q4_material_conflict"] for p in machine) == 1
    assert sum(p["q4_material_conflict"] for p in reviewed) == 0
    assert db.network().edges["RUS", "UKR"]["conflict"] == 2
    assert db.network(reviewed=True).edges["RUS", "UKR"]["conflict"] == 1
    exported = tmp_path / "events.jsonl"
    db.export("jsonl", exported, reviewed=True)
    rows = by_id(json.loads(line) for line in exported.read_text().splitlines())
    assert rows[8]["status"] == "alleged"
    db.export("jsonl", exported)
    assert by_id(json.loads(line) for line in exported.read_text().splitlines())[8]["status"] == "occurred"


def test_full_text_search_finds_articles_quotes_and_actors(db):
    found = db.search("china")
    assert {a["id"] for a in found["articles"]} == {"a1", "a2"}
    assert [q["id"] for q in found["quotes"]] == [1]
    assert "\x02China\x03" in found["quotes"][0]["snippet"]
    assert {a["code"] for a in found["actors"]} == {"CHN"}
    assert db.search("Lukashenko Tuesday")["articles"][0]["id"] == "a1"  # every word must match
    assert [a["id"] for a in db.search("DROP TABLE")["articles"]] == ["a5"]
    for hostile in ['"', "AND OR NOT", "*", "NEAR(", "'; --", "title:x", "^"]:
        db.search(hostile)  # the user's words are never FTS5 syntax
    assert db.search("   ") == {"articles": [], "quotes": [], "actors": []}


def test_search_without_full_text_falls_back_to_like(db, monkeypatch):
    monkeypatch.setattr(db.dialect, "full_text", False)
    found = db.search("china drones")
    assert [a["id"] for a in found["articles"]] == ["a1"]
    assert "\x02drones\x03" in found["articles"][0]["snippet"]


def test_gold_export_scores_the_coder_on_the_corrected_articles(db, tmp_path, capsys):
    path = str(db.path)
    # a1: the visit is right; the accusation really targeted Russia; the alleged supply never was reported
    db.add_correction("event", 1, verdict="right", reviewer="Ana")
    db.add_correction(
        "event", 2, verdict="corrected", reviewer="Ana", target={"name": "Russia", "country": "RUS"}
    )
    db.add_correction("event", 3, verdict="wrong", reviewer="Ben")
    db.add_correction("quote", 1, verdict="right", reviewer="Ben")
    gold = tmp_path / "mine.gold.jsonl"
    assert cli.main(["export", "--db", path, "--format", "gold", "--output", str(gold)]) == 0
    (doc,) = [json.loads(line) for line in gold.read_text().splitlines()]
    assert doc["id"] == "a1" and doc["text"] == db.get_analysis("a1").article.body
    assert doc["reviewed_by"] == ["Ana", "Ben"]
    assert [(e["plover"], e["required"]) for e in doc["events"]] == [(["CONSULT"], True), (["ACCUSE"], True)]
    assert doc["events"][1]["target"] == {"country": "RUS", "sector": None, "name": "Russia"}
    assert doc["quotes"][0]["speaker"] == "Ned Price" and doc["quotes"][0]["required"]
    # the machine's own output scored on this gold: the wrong target and the event marked wrong count
    predictions = tmp_path / "machine.jsonl"
    predictions.write_text(json.dumps(db.get_analysis("a1").to_dict()) + "\n")
    capsys.readouterr()
    assert cli.main(["evaluate", str(gold), "--predictions", str(predictions), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    events = scores["total"]["events"]["relaxed"] if "total" in scores else scores["events"]["relaxed"]
    assert events["precision"] == pytest.approx(1 / 3) and events["recall"] == pytest.approx(1 / 2)


def test_the_command_line_applies_corrections_only_with_reviewed(db, capsys):
    db.add_correction("event", 8, verdict="corrected", reviewer="Ana", status="alleged")
    path = str(db.path)
    for reviewed, status in ((False, "occurred"), (True, "alleged")):
        argv = ["events", "--db", path, "--plover", "ASSAULT", "--format", "jsonl"]
        assert cli.main(argv + (["--reviewed"] if reviewed else [])) == 0
        (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert row["status"] == status
    assert cli.main(["dyads", "RUS", "UKR", "--db", path, "--reviewed", "--format", "jsonl"]) == 0
    assert all(json.loads(line)["q4_material_conflict"] == 0 for line in capsys.readouterr().out.splitlines())


def test_serve_refuses_a_bad_port_and_a_missing_database(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_code:
        cli.main(["serve", "--port", "99999"])
    assert exit_code.value.code == 2 and "not a port number" in capsys.readouterr().err
    assert cli.main(["serve", "--db", str(tmp_path / "missing.db")]) == 1
    assert "no such database" in capsys.readouterr().err
