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


def test_the_head_of_a_body_no_word_places_is_not_a_minister_or_a_businessman(nlp):
    text = (
        "Protests spread across Kenya on Tuesday. John Mbadi, chairman of the Orange Unity Movement, said the "
        "vote was rigged. Ramon Ortiz, network director for Birdlife Spain, said birds were dying."
    )
    found = placed(nlp, text)
    assert found["John Mbadi"][1] == "NGO"
    assert found["Ramon Ortiz"] == ("ESP", "NGO")
    assert found["Birdlife Spain"] == ("ESP", "NGO")


def test_a_name_ending_in_a_country_is_a_bodys_branch_not_a_person(nlp):
    index = actors.find_actors(nlp("Officials at Birdlife Spain said the turbines kill birds."))
    assert [a.kind for a in index.actors if a.name == "Birdlife Spain"] == ["organization"]


def test_a_body_hung_on_the_name_after_the_appositive_places_the_person(nlp):
    text = (
        "Researchers studied diabetes in Burkina Faso and Kenya. Dr. Thabo Mokoena, a study co-author from the "
        "University of Pretoria in South Africa, said city life was a risk."
    )
    assert placed(nlp, text)["Thabo Mokoena"] == ("ZAF", "EDU")


def test_east_west_is_no_region(nlp):
    found = placed(nlp, "Lena Park, a fellow at the East-West Center in Honolulu, said India was wary.")
    assert found["Lena Park"][0] == "USA"


def test_a_capital_is_its_countrys_whatever_town_shares_its_name(nlp):
    found = placed(nlp, "Kremlin spokesman Dmitry Peskov said Moscow was worried about the United States.")
    assert found["Moscow"][0] == "RUS"


def test_an_armed_groups_fighters_are_of_the_group_not_an_army(nlp):
    found = placed(nlp, "The Israeli military said it struck Hamas commanders in Gaza on Friday.")
    assert found["Israeli military"] == ("ISR", "MIL")
    assert [s for (c, s) in [v for k, v in found.items() if "commanders" in k]] == ["REB"]


def test_a_body_in_a_persons_title_is_of_the_persons_country(nlp):
    text = (
        "China's Commerce Ministry vowed to retaliate against the tariffs. Beijing said China would defend its "
        "interests. House Speaker Mike Johnson praised the decision."
    )
    assert placed(nlp, text)["House"][0] == "USA"


def test_the_commander_or_leader_of_an_armed_group_is_of_the_group(nlp):
    text = (
        "Sudan's army said it retook the palace from the Rapid Support Forces. Musa Hamid Idris, the RSF "
        "commander, vowed to fight on. Taliban leader Hamid Karimullah issued a decree."
    )
    found = placed(nlp, text)
    assert found["Musa Hamid Idris"][1] == "REB"
    assert found["Hamid Karimullah"][1] == "REB"


def test_a_town_the_recognizer_takes_for_a_body_makes_no_one_an_ngo(nlp):
    text = (
        "Earlier, Imran Qadir, divisional superintendent of railways in Quetta, said 70 passengers arrived."
    )
    assert placed(nlp, text)["Imran Qadir"][1] != "NGO"


def test_a_name_after_a_kind_of_body_is_that_body(nlp):
    text = "Amal Osman, founder of the Khartoum-based think tank Nile Horizon Advisory, said the war would go on."
    index = actors.find_actors(nlp(text))
    assert [a.kind for a in index.actors if a.name == "Nile Horizon Advisory"] == ["organization"]


def test_well_known_rights_groups_and_think_tanks_are_placed(nlp):
    found = placed(
        nlp,
        "The American Civil Liberties Union sued the government in Kenya. Lim Ji-hoon of the Asan Institute "
        "for Policy Studies said Seoul would wait.",
    )
    assert found["American Civil Liberties Union"] == ("USA", "NGO")
    assert found["Lim Ji-hoon"][1] == "EDU"


def test_a_demonym_a_bodys_name_studies_is_not_its_country(nlp):
    text = (
        "North Korea fired a missile, South Korea said. Yang Min-su, president of the University of North "
        "Korean Studies in Seoul, said more tests would follow."
    )
    found = placed(nlp, text)
    assert found["University of North Korean Studies"] == ("KOR", "EDU")
    assert found["Yang Min-su"][0] == "KOR"


def test_a_partys_or_a_companys_chief_is_not_taken_for_an_ngos(nlp):
    text = (
        "Tom Rivers, chairman of the Ohio Democratic Party, said turnout was high. Wells Fargo CEO "
        "Carl Stamp apologized to customers."
    )
    found = placed(nlp, text)
    assert found["Tom Rivers"][1] != "NGO"
    assert found["Carl Stamp"][1] == "BUS"


def test_what_a_politician_calls_someone_is_no_office(nlp):
    text = "Donald Trump said on Wednesday that Barack Obama is the founder of ISIS."
    assert placed(nlp, text)["Barack Obama"][1] != "REB"
