"""Actors: a person's sector and country from their title, the body they serve, and what the text says of them."""

from __future__ import annotations

import pytest

from communique import actors
from communique.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def placed(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:
    index = actors.find_actors(nlp(text), published="2024-05-01")
    return {a.name: (a.country, a.sector) for a in index.actors}


def test_abbreviated_titles_give_the_office(nlp):
    found = placed(
        nlp,
        "Sen. Ellen Marsh of Ohio questioned the bank's chief. Democratic Rep. Carl Hobbs said the bill was "
        "flawed. Gov. Ruth Alder signed it anyway, and Gen. Paul Dorsey said troops were ready.",
    )
    assert found["Ellen Marsh"] == ("USA", "LEG")
    assert found["Carl Hobbs"] == ("USA", "LEG")
    assert found["Ruth Alder"][1] == "GOV"
    assert found["Paul Dorsey"][1] == "MIL"


def test_a_plural_title_is_each_of_the_names_it_heads(nlp):
    found = placed(nlp, "Sens. Tom Rudd and Nora Beck asked the regulator to act on Thursday.")
    assert found["Tom Rudd"] == ("USA", "LEG")
    assert found["Nora Beck"] == ("USA", "LEG")


def test_party_and_state_in_brackets_mark_a_us_lawmaker(nlp):
    found = placed(nlp, "Hank Doyle (R-Texas) said the agreement would not pass the chamber.")
    assert found["Hank Doyle"] == ("USA", "LEG")


def test_a_later_sentence_saying_what_someone_is_gives_their_body(nlp):
    text = (
        "Kenya's parliament removed the deputy president on Tuesday. Joseph Kamau said he was not surprised. "
        "Kamau is a senior lecturer in political science at the University of Nairobi."
    )
    assert placed(nlp, text)["Joseph Kamau"] == ("KEN", "EDU")


def test_founding_or_working_for_a_body_gives_its_sector(nlp):
    text = (
        "Japan is short of housing for new arrivals. Hiroshi Tanaka founded Sakura Holdings in 2015 to renovate "
        "empty houses. Yumi Sato works for Amnesty International in Tokyo."
    )
    found = placed(nlp, text)
    assert found["Hiroshi Tanaka"][1] == "BUS"
    assert found["Yumi Sato"][1] == "NGO"


def test_a_relatives_titles_are_not_the_persons(nlp):
    text = "Antonio Mendes Tavares, a descendant of the last kings of Kaabu, said the songs must be kept."
    found = placed(nlp, text)
    assert found["Antonio Mendes Tavares"][1] != "GOV"
