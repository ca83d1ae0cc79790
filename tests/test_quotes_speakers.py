"""Speakers of quotes, one class of hard case at a time, on sentences written for these tests."""

from __future__ import annotations

import pytest

from communique.actors import find_actors
from communique.nlp import load_pipeline
from communique.quotes import find_quotes


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def speaker_of(nlp, text: str, containing: str) -> str | None:
    """The resolved name (else the words) of the speaker of the one quote holding ``containing``."""
    doc = nlp(text)
    found = [q for q in find_quotes(doc, find_actors(doc)) if containing in q.text]
    if len(found) > 1:  # a quoted fragment and the reported clause around it: the fragment
        found = [q for q in found if q.kind != "indirect"]
    assert len(found) == 1, [(q.kind, q.text) for q in found]
    sp = found[0].speaker
    return None if sp is None else sp.name or sp.text


def test_role_noun_named_earlier(nlp):
    text = (
        "Anna Lindqvist, Sweden's foreign minister, arrived in Riga on Monday. "
        "“We came to listen,” the minister said."
    )
    assert speaker_of(nlp, text, "came to listen") == "Anna Lindqvist"


def test_surname_alone_and_a_misspelt_surname(nlp):
    text = (
        "The U.N. envoy, Tomas Halvorsen, spoke to the council on Friday. "
        "“The ceasefire is holding,” Halvorsen said. "
        "“Both sides must keep their word,” Halvorson said."
    )
    assert speaker_of(nlp, text, "ceasefire is holding") == "Tomas Halvorsen"
    assert speaker_of(nlp, text, "keep their word") == "Tomas Halvorsen"


def test_pronoun_after_another_persons_quote(nlp):
    text = (
        "“The plan is dead,” said Senator Mark Olsen. "
        "Governor Laura Briggs disagreed at a news conference in the capital. "
        "“We will pass it next month,” she said."
    )
    assert speaker_of(nlp, text, "plan is dead") == "Mark Olsen"
    assert speaker_of(nlp, text, "pass it next month") == "Laura Briggs"


def test_inverted_attribution_after_a_long_quote(nlp):
    text = (
        "Officials in the capital were cautious. “We have seen convoys moving toward the border for three "
        "days, and nobody has told us why they are there or when they will leave,” said a senior "
        "official, who asked not to be named because he was not authorized to speak to reporters."
    )
    assert speaker_of(nlp, text, "convoys moving") == "a senior official"


def test_speaker_described_first_and_named_after_the_quote(nlp):
    text = (
        "Tomas Vik, the head of the Nordic Red Cross, visited the camp on Tuesday.\n\n"
        "The aid worker Anna Berg, who runs the clinic there, spoke to reporters.\n\n"
        "The head of the Red Cross told the council that the camp had run out of “clean water and "
        "medicine.” “We cannot wait another week,” Vik said."
    )
    assert speaker_of(nlp, text, "clean water and medicine") == "Tomas Vik"


def test_continuation_of_a_quote_in_the_next_paragraph(nlp):
    text = (
        "“The harvest failed in the north,” said Farah Osman, a regional governor. “Families are leaving.\n\n"
        "“We need help before the rains come.”"
    )
    assert speaker_of(nlp, text, "before the rains") == "Farah Osman"


def test_a_group_of_speakers(nlp):
    text = (
        "President Ana Duarte met Prime Minister Jonas Berg in Lisbon on Monday. "
        "“We agreed to open the border,” the two leaders said in a statement."
    )
    assert speaker_of(nlp, text, "open the border") == "Ana Duarte and Jonas Berg"


def test_two_people_joined_as_subject_speak_together(nlp):
    text = (
        "Ana Duarte and Jonas Berg, who lead the two parties, spoke after the vote. "
        "Both Ms. Duarte and Mr. Berg said the coalition would hold."
    )
    assert speaker_of(nlp, text, "coalition would hold") == "Ana Duarte and Jonas Berg"


def test_speaker_named_only_after_the_quote(nlp):
    text = (
        "Aid groups warned on Tuesday that the camps were running short of food.\n\n"
        "The head of the Nordic Red Cross told the council that the camp had run out of “clean water and "
        "medicine.” “We cannot wait another week,” Tomas Vik said."
    )
    assert speaker_of(nlp, text, "clean water and medicine") == "Tomas Vik"


def test_pronoun_continues_a_speaker_described_not_named(nlp):
    text = (
        "“The roads are full again,” a taxi driver complained outside Nairobi's Kenyatta Avenue. "
        "He said business had doubled since March. “I work until midnight now,” he added."
    )
    assert speaker_of(nlp, text, "work until midnight") == "a taxi driver"


def test_a_spokesman_of_no_one_named_speaks_for_the_body_spoken_of(nlp):
    text = (
        "The Health Ministry said on Monday it was reviewing the contract. "
        "A spokesman said the ministry would publish “all the documents” by Friday."
    )
    assert speaker_of(nlp, text, "all the documents") == "Health Ministry"


def test_an_office_of_several_words_named_earlier(nlp):
    text = (
        "Prime Minister Lena Sorensen met Finance Minister Erik Dahl on Monday to discuss the budget. "
        "“We will not raise taxes this year,” the prime minister said."
    )
    assert speaker_of(nlp, text, "raise taxes") == "Lena Sorensen"


def test_a_titled_name_the_recognizer_takes_for_a_body_is_a_person(nlp):
    text = (
        "President Ana Duarte met Chancellor Olaf Scholz in Lisbon on Monday. "
        "“Europe must stand together,” Duarte said. Scholz agreed.\n\n"
        "“We have no other choice,” he said."
    )
    assert speaker_of(nlp, text, "no other choice") == "Olaf Scholz"


def test_a_cue_the_parser_joined_to_the_reported_clause_is_the_speakers(nlp):
    text = (
        "The ministry spokesman, Karl Weber, told reporters the accusations were “completely untrue” and "
        "called them “a smear campaign.”"
    )
    assert speaker_of(nlp, text, "smear campaign") == "Karl Weber"


def test_a_pronoun_continues_a_relative_described_as_speaker(nlp):
    text = (
        "“The water came at night,” said Ramon Ortiz, a farmer who lost his house in the flood. "
        "His sister agreed. “We had no warning,” she said. "
        "His son agreed too. “Nobody told us to leave,” she said."
    )
    assert speaker_of(nlp, text, "no warning") == "His sister"
    assert speaker_of(nlp, text, "Nobody told us") != "His son"  # "she" is not the son


def test_a_document_speaks_for_whoever_released_it(nlp):
    text = "The report, released on Tuesday by the Nordic Refugee Council, warned of “a lost generation.”"
    assert speaker_of(nlp, text, "lost generation") == "Nordic Refugee Council"


def test_a_statement_or_occasion_speaks_for_who_issued_it_or_spoke_there(nlp):
    text = (
        "The Nordic Council issued a statement calling the vote “a grave mistake.” "
        "Tomas Vik, its president, spoke at a news conference announcing that the council would meet "
        "“as soon as possible.”"
    )
    assert speaker_of(nlp, text, "grave mistake") == "Nordic Council"
    assert speaker_of(nlp, text, "as soon as possible") == "Tomas Vik"


def test_the_one_made_to_speak_says_it(nlp):
    text = (
        "Senator Elena Ruiz pressed the bank's chief executive, John Hale, to admit that no manager had "
        "been “held to account.”"
    )
    assert speaker_of(nlp, text, "held to account") == "John Hale"


def test_a_speech_someone_delivered_speaks_for_them(nlp):
    text = (
        "The tax would end “short-term thinking,” according to a speech Senator Elena Ruiz delivered in July."
    )
    assert speaker_of(nlp, text, "short-term thinking") == "Elena Ruiz"


def test_a_person_named_by_another_word_for_their_office(nlp):
    text = (
        "Foreign Minister Ana Duarte met her Chilean counterpart in Lisbon on Monday. "
        "“Our relations have never been better,” the top diplomat said."
    )
    assert speaker_of(nlp, text, "never been better") == "Ana Duarte"
    other = (
        "President Ana Duarte met the foreign minister of Chile in Lisbon on Monday. "
        "“Our relations have never been better,” the minister said."
    )
    assert speaker_of(nlp, other, "never been better") != "Ana Duarte"


def test_he_after_a_sentence_about_a_thing_is_the_person_it_names(nlp):
    text = (
        "“We will not negotiate,” said Prime Minister Ana Duarte.\n\n"
        "The remarks drew sharp criticism from opposition leader Tomas Vik.\n\n"
        "“This government has no plan,” he said."
    )
    assert speaker_of(nlp, text, "no plan") == "Tomas Vik"
    text = (
        "“The economy is growing,” Finance Minister Lena Sorensen told parliament.\n\n"
        "Her speech came as the central bank raised interest rates.\n\n"
        "“We expect inflation to fall,” she added."
    )
    assert speaker_of(nlp, text, "inflation to fall") == "Lena Sorensen"


def test_a_name_after_a_comma_the_parser_joined_as_conjunct_is_the_speaker(nlp):
    text = "“We are running out of time,” said one of the organizers, Jane Doe, a teacher from the north."
    assert speaker_of(nlp, text, "running out of time") == "Jane Doe"


def test_those_were_the_words_of_the_person_named_after_the_quote(nlp):
    text = (
        "“The war has destroyed everything we built.” Those were the words of Ahmed Karimi, a shopkeeper "
        "in Kabul, who lost his store in the blast."
    )
    assert speaker_of(nlp, text, "destroyed everything") == "Ahmed Karimi"


def test_he_does_not_continue_what_a_clause_reports(nlp):
    text = (
        "The minister told reporters the offensive was going to plan.\n\n"
        "“We are moving forward step by step,” he said."
    )
    assert speaker_of(nlp, text, "step by step") != "the offensive"
