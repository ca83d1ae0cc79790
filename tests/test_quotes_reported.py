"""Reported speech through nouns and documents, on sentences written for these tests."""

from __future__ import annotations

import pytest

from communique.actors import find_actors
from communique.nlp import load_pipeline
from communique.quotes import find_quotes


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def reported(nlp, text: str) -> list[tuple[str, str | None]]:
    doc = nlp(text)
    return [
        (q.text, q.speaker.text if q.speaker else None)
        for q in find_quotes(doc, find_actors(doc))
        if q.kind == "indirect"
    ]


def test_a_report_named_by_its_publisher_reports_its_clause(nlp):
    text = "A Guardian report that the mine had been sold to a Chinese firm angered the unions."
    assert reported(nlp, text) == [("that the mine had been sold to a Chinese firm", "Guardian")]


def test_a_poll_that_opens_the_sentence_says_the_rest_of_it(nlp):
    found = reported(nlp, "In the latest Gallup poll, the governor leads her rival by six points.")
    assert found == [("the governor leads her rival by six points", "the latest Gallup poll")]


def test_in_a_statement_with_a_cue_of_its_own_is_reported_once(nlp):
    found = reported(nlp, "In a statement, the ministry said the talks had failed.")
    assert found == [("the talks had failed", "the ministry")]


def test_a_place_or_time_after_in_is_no_source(nlp):
    assert reported(nlp, "In the capital, protesters blocked the main road for a third day.") == []


def test_a_that_clause_after_a_time_phrase_is_what_was_reported(nlp):
    found = reported(nlp, "The Daily Courier reported at the time that the director had resigned.")
    assert found == [("that the director had resigned", "The Daily Courier")]


def test_what_someone_stresses_or_charges_others_with_is_reported(nlp):
    assert reported(nlp, "The mayor is stressing the need to repair the city's bridges.") == [
        ("the need to repair the city's bridges", "The mayor")
    ]
    assert reported(nlp, "Prosecutors in April charged two developers with defrauding investors.") == [
        ("two developers with defrauding investors", "Prosecutors")
    ]


def test_what_an_event_highlights_is_no_ones_words(nlp):
    text = "The summit came after a year of talks, highlighting the region's hopes for a trade deal."
    assert reported(nlp, text) == []


def test_a_request_not_to_be_named_is_not_what_the_source_said(nlp):
    text = (
        "“The border will stay closed,” said a customs officer, who asked not to be named. "
        "A second officer declined to be identified and said the trucks had been turned back."
    )
    assert reported(nlp, text) == [("the trucks had been turned back", "A second officer")]
    text = "“We left at night,” said Amal, who asked that her last name not be used."
    assert reported(nlp, text) == []
    # a demand that something be used is what was demanded
    text = "The governor demanded that the funds be used to rebuild the schools."
    assert reported(nlp, text) == [("that the funds be used to rebuild the schools", "The governor")]
