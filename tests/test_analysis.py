"""Merging, dyad series and the alignment network, as pure functions over rows we write."""

from __future__ import annotations

import datetime as dt

import pytest

from communique import analysis
from communique.analysis import MentionRow
from communique.model import ActorRef, Event, Span, TimeRef


def make_event(status="occurred", cameo="042", source="BLR", target="CHN", date=None) -> Event:
    return Event(
        evidence=Span("x", 0, 1),
        trigger=Span("x", 0, 1),
        source=ActorRef(source, source, source, "GOV") if source else None,
        target=ActorRef(target, target, target, "GOV") if target else None,
        cameo=cameo,
        plover="CONSULT",
        status=status,
        date=date,
    )


def test_event_date_is_its_own_day_else_the_article_date():
    assert (
        analysis.effective_date(make_event(date=TimeRef("2023-02-27", "day", "Monday")), "2023-03-01")
        == "2023-02-27"
    )
    # a month is too coarse to merge by: the article date stands in
    assert (
        analysis.effective_date(make_event(date=TimeRef("2023-02", "month", "in February")), "2023-03-01")
        == "2023-03-01"
    )
    assert analysis.effective_date(make_event(), "yesterday-ish") is None


def test_cluster_key_names_status_actors_and_cameo_root():
    assert analysis.cluster_key(make_event(cameo="0421"), "2023-03-01") == "occurred|BLR|GOV|CHN|GOV|04"
    # negated events, events without CAMEO, date or any country stand alone
    assert analysis.cluster_key(make_event(status="negated"), "2023-03-01") is None
    assert analysis.cluster_key(make_event(cameo=None), "2023-03-01") is None
    assert analysis.cluster_key(make_event(), None) is None
    assert analysis.cluster_key(make_event(source=None, target=None), "2023-03-01") is None
    # one side is enough
    assert analysis.cluster_key(make_event(target=None), "2023-03-01") == "occurred|BLR|GOV|||04"


def mentions(*dates: str) -> list[MentionRow]:
    return [MentionRow(i + 1, d, f"art{i}", f"site{i % 2}") for i, d in enumerate(dates)]


def test_clusters_span_at_most_the_window_from_their_first_mention():
    rows = mentions("2023-03-01", "2023-03-04", "2023-03-05", "2023-03-20")
    clusters = analysis.cluster_mentions("k", rows, window_days=3)
    assert [[m.event_id for m in c.mentions] for c in clusters] == [[1, 2], [3], [4]]
    first = clusters[0]
    assert (first.id, first.first_date, first.last_date, first.article_ids, first.n_sources) == (
        1,
        "2023-03-01",
        "2023-03-04",
        ["art0", "art1"],
        2,
    )


def test_clusters_do_not_depend_on_the_order_mentions_come_in():
    rows = mentions("2023-03-05", "2023-03-01", "2023-03-04", "2023-03-01")
    forward = analysis.cluster_mentions("k", rows)
    backward = analysis.cluster_mentions("k", list(reversed(rows)))
    as_ids = [[[m.event_id for m in c.mentions] for c in cs] for cs in (forward, backward)]
    assert as_ids[0] == as_ids[1] == [[2, 4, 3], [1]]


def test_periods_are_iso_weeks_and_months():
    assert analysis.period_of(dt.date(2023, 1, 1), "week") == ("2022-W52", dt.date(2022, 12, 26))
    assert analysis.period_of(dt.date(2023, 3, 15), "month") == ("2023-03", dt.date(2023, 3, 1))
    with pytest.raises(ValueError):
        analysis.period_of(dt.date(2023, 3, 15), "fortnight")


def test_dyad_series_sums_by_period_and_fills_gaps_with_zeros():
    rows = [
        {
            "date": "2023-01-05",
            "quad_class": 1,
            "goldstein": 1.9,
            "plover": "CONSULT",
            "plover_mode": "visit",
        },
        {"date": "2023-01-20", "quad_class": 4, "goldstein": -10.0, "plover": "ASSAULT", "plover_mode": None},
        {"date": "2023-03-02", "quad_class": 3, "goldstein": -2.0, "plover": "ACCUSE", "plover_mode": None},
        {"date": "2023-03-03", "quad_class": 1, "goldstein": 0.0, "plover": None, "plover_mode": None},
    ]
    series = analysis.dyad_series(rows, "month")
    assert [p["period"] for p in series] == ["2023-01", "2023-02", "2023-03"]
    january, february, march = series
    assert january["events"] == 2 and january["q1_verbal_coop"] == 1 and january["q4_material_conflict"] == 1
    assert january["goldstein"] == pytest.approx(-8.1)
    assert january["plover_score"] == pytest.approx(4.0 + -9.0)  # CONSULT visit, ASSAULT
    assert february["events"] == 0 and february["goldstein"] == 0
    assert march["events"] == 2 and march["q3_verbal_conflict"] == 1
    assert sum(p["events"] for p in series) == len(rows)


def test_dyad_series_covers_since_to_until():
    rows = [{"date": "2023-01-05", "quad_class": 1, "goldstein": 1.0, "plover": None}]
    series = analysis.dyad_series(rows, "week", since="2023-01-01", until="2023-01-20")
    assert [p["period"] for p in series] == ["2022-W52", "2023-W01", "2023-W02", "2023-W03"]
    assert [p["events"] for p in series] == [0, 1, 0, 0]
    assert analysis.dyad_series([], "month") == []


def test_alignment_network_weights_are_cooperation_minus_conflict():
    rows = [
        {"source_country": "BLR", "target_country": "CHN", "quad_class": 1},
        {"source_country": "CHN", "target_country": "BLR", "quad_class": 2},
        {"source_country": "CHN", "target_country": "RUS", "quad_class": 1},
        {"source_country": "USA", "target_country": "CHN", "quad_class": 3},
        {"source_country": "USA", "target_country": "BLR", "quad_class": 4},
        {"source_country": "USA", "target_country": "GBR", "quad_class": 1},
        {"source_country": "USA", "target_country": "USA", "quad_class": 1},  # within one country: left out
        {"source_country": "USA", "target_country": None, "quad_class": 1},
    ]
    graph = analysis.alignment_network(rows)
    assert graph["BLR"]["CHN"] == {"weight": 2, "cooperation": 2, "conflict": 0}
    assert graph["CHN"]["USA"]["weight"] == -1
    blocs = analysis.communities(graph)
    assert blocs == [["BLR", "CHN", "RUS"], ["GBR", "USA"]]
    assert graph.nodes["RUS"]["community"] == 0 and graph.nodes["GBR"]["community"] == 1
    as_json = analysis.network_json(graph)
    assert as_json["communities"] == blocs
    assert {(e["source"], e["target"]) for e in as_json["edges"]} == {
        ("BLR", "CHN"),
        ("CHN", "RUS"),
        ("CHN", "USA"),
        ("BLR", "USA"),
        ("GBR", "USA"),
    }


def test_network_without_cooperation_puts_each_country_alone():
    graph = analysis.alignment_network([{"source_country": "RUS", "target_country": "UKR", "quad_class": 4}])
    assert analysis.communities(graph) == [["RUS"], ["UKR"]]


def test_lead_paragraph_and_sources():
    assert analysis.lead_paragraph_end("First paragraph.\nSecond.") == 16
    assert analysis.lead_paragraph_end("One sentence. Another one.") == 14
    assert analysis.source_of("https://www.Example.com/a?b=1", "x") == "example.com"
    assert analysis.source_of(None, "x") == "article:x"
