"""analyze() and the extract command: the record a user gets, in JSON and as a table."""

from __future__ import annotations

import json

import pytest

from communique import Analysis, analyze
from communique.cli import main

ARTICLE = """Ministers Meet in Accra

ACCRA, Ghana — Ghana's foreign minister, Ama Mensah, met her Togolese counterpart on Monday and
accused armed groups of smuggling weapons across the border.

"We will not let the border become a highway for guns," Ms. Mensah said.

Togo did not expel Ghana's ambassador, officials said.

Kofi Boateng contributed reporting.
"""


def test_the_record_has_every_field_the_scorer_reads():
    data = analyze(ARTICLE, published="2024-03-06").to_dict()
    assert {"id", "title", "published", "body", "credits"} <= set(data["article"])
    assert data["article"]["title"] == "Ministers Meet in Accra"
    assert data["article"]["credits"] == ["Kofi Boateng contributed reporting."]
    assert "contributed reporting" not in data["article"]["body"]
    for actor in data["actors"]:
        assert {"name", "country", "sector", "kind", "mentions"} <= set(actor)
    for event in data["events"]:
        assert {"evidence", "source", "target", "plover", "cameo", "status", "date"} <= set(event)
    for quote in data["quotes"]:
        assert {"text", "kind", "speaker"} <= set(quote)


def test_offsets_point_into_the_body():
    analysis = analyze(ARTICLE, published="2024-03-06")
    body = analysis.article.body
    for actor in analysis.actors:
        for m in actor.mentions:
            assert body[m.start : m.end] == m.text
    for event in analysis.events:
        assert body[event.evidence.start : event.evidence.end] == event.evidence.text
        assert body[event.trigger.start : event.trigger.end] == event.trigger.text


def test_a_denied_event_is_not_recorded_as_having_happened():
    analysis = analyze(ARTICLE, published="2024-03-06")
    expulsions = [e for e in analysis.events if e.trigger.text == "expel"]
    assert expulsions and all(e.status == "negated" for e in expulsions)


def test_the_record_round_trips_through_json():
    analysis = analyze(ARTICLE, published="2024-03-06")
    again = Analysis.from_dict(json.loads(json.dumps(analysis.to_dict())))
    assert again == analysis


def test_extract_prints_json_and_a_readable_table(tmp_path, capsys):
    path = tmp_path / "accra.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", "--published", "2024-03-06", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["article"]["published"] == "2024-03-06"
    assert main(["extract", "--format", "table", "--published", "2024-03-06", str(path)]) == 0
    table = capsys.readouterr().out
    assert "== Ministers Meet in Accra" in table
    assert "GHAGOV" in table and "Ama Mensah" in table
    assert "Quotes (" in table and "Events (" in table


def test_extract_takes_a_user_dictionary(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("Orla Quist criticized Norway on Tuesday.", encoding="utf-8")
    people = tmp_path / "people.yaml"
    people.write_text("- {name: Orla Quist, country: DNK, sector: OPP}\n", encoding="utf-8")
    assert main(["extract", "--actors", str(people), "--published", "2024-03-06", str(path)]) == 0
    event = json.loads(capsys.readouterr().out)["events"][0]
    assert (event["source"]["country"], event["source"]["sector"], event["target"]["country"]) == (
        "DNK",
        "OPP",
        "NOR",
    )


@pytest.mark.parametrize("option", ["--actors", "--lexicon"])
def test_a_missing_resource_file_is_a_usage_error(tmp_path, capsys, option):
    path = tmp_path / "a.txt"
    path.write_text("Japan criticized Korea.", encoding="utf-8")
    assert main(["extract", option, str(tmp_path / "missing.yaml"), str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("communique: error:") and "missing.yaml" in err and "\n" not in err
