"""Quotes and their speakers, on sentences written for these tests."""

from __future__ import annotations

import pytest

from communique.actors import find_actors
from communique.nlp import load_pipeline
from communique.quotes import find_quotes, quote_segments


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def quotes_of(nlp, text: str):
    doc = nlp(text)
    return find_quotes(doc, find_actors(doc))


def one(quotes, kind: str | None = None, containing: str = ""):
    found = [q for q in quotes if (kind is None or q.kind == kind) and containing in q.text]
    assert len(found) == 1, [(q.kind, q.text) for q in quotes]
    return found[0]


def speaker(q) -> tuple[str | None, str | None]:
    return (q.speaker.name, q.speaker.text) if q.speaker else (None, None)


# ---------------------------------------------------------------------------------------------- marks


def test_segments_straight_curly_and_double_apostrophes():
    text = "He said “one thing,” then \"another\" and ''a third.''"
    found = [text[s.start : s.end] for s in quote_segments(text)]
    assert found == ["one thing,", "another", "a third."]


def test_segments_keep_single_marks_inside():
    text = "“They call it a ‘little war,’ but it is not,” he said."
    (seg,) = quote_segments(text)
    assert text[seg.start : seg.end] == "They call it a ‘little war,’ but it is not,"


def test_segments_run_over_paragraphs():
    text = "“The first paragraph ends here.\n\n“The second one goes on,” she said."
    first, second = quote_segments(text)
    assert first.close is None and not first.continues
    assert second.continues and second.close is not None


# ---------------------------------------------------------------------------------------------- direct


def test_direct_curly_with_speaker_after(nlp):
    text = "Maria Kovacs, the Interior Ministry spokeswoman, spoke on Monday. “We will not give up,” Ms. Kovacs said."
    q = one(quotes_of(nlp, text), "direct")
    assert q.text == "We will not give up"
    assert speaker(q) == ("Maria Kovacs", "Ms. Kovacs")
    assert q.cue.text == "said"


def test_direct_straight_marks_inverted_speaker(nlp):
    text = '"The plan is dead. Nobody will sign it," said Peter Novak, a senior fellow at the institute.'
    q = one(quotes_of(nlp, text), "direct")
    assert q.text == "The plan is dead. Nobody will sign it"
    assert speaker(q)[0] == "Peter Novak"


def test_direct_after_colon(nlp):
    text = "The president told reporters: “Our borders are closed to nobody.”"
    q = one(quotes_of(nlp, text), "direct")
    assert q.text == "Our borders are closed to nobody"
    assert speaker(q)[1] == "The president"


def test_direct_over_two_paragraphs(nlp):
    text = (
        "Anna Berg, the mayor, spoke at length.\n\n"
        "“The river rose faster than anyone expected. We lost the bridge.\n\n"
        "“Now we rebuild,” Ms. Berg said."
    )
    q = one(quotes_of(nlp, text), "direct")
    assert "We lost the bridge" in q.text and "Now we rebuild" in q.text
    assert speaker(q)[0] == "Anna Berg"


def test_quote_split_by_its_attribution_is_two_quotes_of_one_speaker(nlp):
    text = "Tomas Rey is the port director. “We will fight,” Mr. Rey said, “and we will win.”"
    quotes = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert [q.text for q in quotes] == ["We will fight", "and we will win"]
    assert [speaker(q)[0] for q in quotes] == ["Tomas Rey", "Tomas Rey"]


def test_quote_after_attributed_sentence_is_another_quote_of_that_speaker(nlp):
    text = "“The talks failed,” said Omar Haddad, the chief negotiator. “We will try again in May.”"
    quotes = [q for q in quotes_of(nlp, text) if q.kind == "direct"]
    assert [q.text for q in quotes] == ["The talks failed", "We will try again in May"]
    assert [speaker(q)[0] for q in quotes] == ["Omar Haddad", "Omar Haddad"]


def test_attribution_sentence_that_goes_on_does_not_join_the_next_quote(nlp):
    text = "“Are we winning?” she asked, but he was asleep, and the anchor went on about “a historic night.”"
    quotes = quotes_of(nlp, text)
    assert not any("winning" in q.text and "historic" in q.text for q in quotes)
    assert any(q.text == "Are we winning?" for q in quotes)


def test_next_paragraph_in_other_marks_does_not_continue_the_quote(nlp):
    text = '"The crowd sang “Home! Home!”\n\n“We are home,” Ms. Lund said.'
    first, *rest = quote_segments(text)
    assert not rest[-1].continues
    q = one(quotes_of(nlp, text), containing="We are home")
    assert q.text == "We are home"


def test_quote_within_quote_stays_inside(nlp):
    text = "“They call it a ‘little war,’ but it is not,” said Lena Ortiz, a historian."
    quotes = quotes_of(nlp, text)
    q = one(quotes, "direct")
    assert "‘little war,’" in q.text
    assert not any(x.text.strip("‘’,") == "little war" for x in quotes)


@pytest.mark.parametrize(
    ("text", "words", "who"),
    [
        ("As Ana Ortiz, a historian, once put it, “The past is never quite past.”", "The past", "Ana Ortiz"),
        ("Mr. Lund made the following comment: “The dam will hold.”", "The dam will hold", "Mr. Lund"),
        ("Said Ellis: “I doubt the plan will survive the winter.”", "I doubt", "Ellis"),
        ("Dana Reyes said she recalled thinking, “Nobody in this room sees me.”", "Nobody", "she"),
    ],
)
def test_lead_ins_that_name_the_speaker(nlp, text, words, who):
    q = one(quotes_of(nlp, text), "direct")
    assert q.text.startswith(words)
    assert speaker(q)[1] == who


# ---------------------------------------------------------------------------------------------- speakers


@pytest.mark.parametrize(
    ("text", "quoted", "who"),
    [
        # a role noun that points back to the person introduced in that role
        (
            "Harbor Mayor Elin Varga said the market would stay open. Traders were unhappy. "
            "“We will go slowly,” said the mayor.",
            "We will go slowly",
            "Elin Varga",
        ),
        (
            "Chile's foreign minister, Rosa Pinto, arrived in Lima on Monday. “We came to listen,” the minister said.",
            "We came to listen",
            "Rosa Pinto",
        ),
        # a surname alone
        (
            "Anton Brask, a chef, has cooked for years. “It is tender,” said Brask.",
            "It is tender",
            "Anton Brask",
        ),
        # a pronoun after another person's quote: the person the sentence before introduced
        (
            "“We will not leave,” said Maria Lopez, a farmer. Her neighbor, Jorge Ruiz, disagreed. "
            "“It is over,” he said.",
            "It is over",
            "Jorge Ruiz",
        ),
        # a pronoun after a sentence the parser left without a subject: the person that sentence names
        (
            "Minister Ana Moreau said the port would close. Like Moreau, Daniel Kessler, head of the National "
            "Harbor Council, stressed the safety issue in an interview. “We lost a whole year,” he said.",
            "We lost a whole year",
            "Daniel Kessler",
        ),
        # a quoted sentence with no cue, in the next paragraph: the speaker before it goes on
        (
            "“We have done our part,” Tomas Rey said.\n\n“Now it is their turn to act.”",
            "their turn",
            "Tomas Rey",
        ),
    ],
)
def test_speaker_classes(nlp, text, quoted, who):
    q = one(quotes_of(nlp, text), None, quoted)
    assert speaker(q)[0] == who


@pytest.mark.parametrize(
    ("text", "quoted", "who"),
    [
        # an inverted attribution after a long quote, the name followed by a relative clause
        (
            "Anton Brask runs a small kitchen near the port. “Dog meat’s texture is similar to beef. It’s tender "
            "and has distinctive flavour,” said Brask, who prefers his dog prepared as a soup with chilli.",
            "distinctive flavour",
            "Anton Brask",
        ),
        # a role noun with a possessive, then "he"
        (
            "Harbor Mayor Elin Varga said the market would stay open. Traders were unhappy. Harbor’s mayor, aware "
            "that traders need an income, cautioned that the ban should not cost the city. “We will go slowly,” "
            "he added.",
            "We will go slowly",
            "Elin Varga",
        ),
        # group speakers: the people a plural subject names
        (
            "Three senators — Ann Cole, Brad Dunn and Carl Eide — wrote to the minister. "
            "“We are deeply concerned,” they wrote.",
            "deeply concerned",
            "Ann Cole, Brad Dunn and Carl Eide",
        ),
        (
            "Xi Jinping and Vladimir Putin met in Moscow on Monday. "
            "“We agreed on the energy accord,” the two leaders said in a joint statement.",
            "energy accord",
            "Xi Jinping and Vladimir Putin",
        ),
        (
            "Eight senators led by Ann Cole and Brad Dunn urged the minister “to stop the shipments now.”",
            "stop the shipments",
            "Ann Cole and Brad Dunn",
        ),
        # a pronoun after a quote that names someone else: not the person the quoted words name
        (
            "Senator Ruth Okafor criticized the plan. “President Daniel Moreau is wrong about this,” she said.",
            "wrong about this",
            "Ruth Okafor",
        ),
        (
            "Ana Silva spoke first. “We need more doctors,” she said. Karl Berg, the hospital director, disagreed. "
            "“Ana Silva is mistaken,” he said.",
            "mistaken",
            "Karl Berg",
        ),
        # an inverted role noun with the writer's aside after it, after a long quote
        (
            "Maria Duarte, a senior official at the ministry, attended the talks. “The talks failed because "
            "neither side would give up its demands on the border,” said the official, who asked not to be named.",
            "talks failed",
            "Maria Duarte",
        ),
        (
            "Anna Kowal, a teacher in her 20s, moved to the city last year. “I love it,” said the young teacher.",
            "I love it",
            "Anna Kowal",
        ),
        # the name before the cue, cut off by a comma: the cue's object is the addressee, not the speaker
        (
            "Lawmakers praised the deal. “This is a very positive thing, and I am proud of the team,” "
            "Republican Representative Tom Baker, told VOA.",
            "very positive",
            "Tom Baker",
        ),
        # a quote after reported speech with a belief inside it: the speaker, not the belief's subject
        (
            "Maria Lopez said she hoped that including local voices in the report would show another way. "
            "“We should listen to the people who live here.”",
            "listen to the people",
            "Maria Lopez",
        ),
        # a speaker named only after the quote: the inverted name's appositive, the next sentence's subject
        (
            "“We will rebuild the bridge within a year,” said the mayor of Tulsa, Jim Carver.",
            "rebuild",
            "Jim Carver",
        ),
        (
            "“We will not back down. This is our land.” Anna Berg, the opposition leader, spoke at a rally.",
            "our land",
            "Anna Berg",
        ),
        # a speaker named only after the phrase that speaks: the appositive
        (
            "The head of the agency, Maria Duarte, called the attack “a crime against humanity.”",
            "crime against humanity",
            "Maria Duarte",
        ),
        (
            "Others had gloomier reasons for the trip. “I am trying to get home to see my mother,” confided "
            "Carla Neri, a dark-haired Italian woman.",
            "see my mother",
            "Carla Neri",
        ),
    ],
)
def test_more_speaker_classes(nlp, text, quoted, who):
    q = one(quotes_of(nlp, text), None, quoted)
    assert speaker(q)[0] == who


@pytest.mark.parametrize(
    ("text", "who"),
    [
        # quoted words inside a belief that someone reports are the reporter's words
        (
            "Minister Anna Berg told reporters the country expected the deal “to be signed within weeks.”",
            "Anna Berg",
        ),
        # a document speaks for its author
        (
            "A report by the Lakeside Times found that the program had saved “thousands of jobs in the region.”",
            "Lakeside Times",
        ),
        (
            "The Lakeside Times criticized the mayor. A Times editorial said that “most voters think the tax is unfair.”",
            "Times",
        ),
        # "quoted X as saying": X speaks, not the one who quotes
        (
            "The state news agency quoted Defense Minister Ivan Petrov as saying the drills were “purely defensive.”",
            "Ivan Petrov",
        ),
        # a fragment in a relative clause, before the cue of the main clause: a fragment, not a direct quote
        ("Anna Berg, who called the move “a grave mistake,” said Norland would respond.", "Anna Berg"),
        # quoted words inside what someone before them reports are that person's fragment, whatever follows
        (
            "Anna Berg welcomed the vaccines, which Berg described as a “gesture of friendship and solidarity,” "
            "according to the state news agency.",
            "Anna Berg",
        ),
        # a sentence that goes on after the quoted words ("..., with X saying ...") is no attribution of them
        (
            "The Kremlin dismissed the report as “fake news,” with spokesman Dmitry Peskov saying it was untrue.",
            "Kremlin",
        ),
    ],
)
def test_speaker_of_quoted_words_in_reported_speech(nlp, text, who):
    assert speaker(one(quotes_of(nlp, text), "mixed"))[0] == who


# ---------------------------------------------------------------------------------------------- mixed


def test_mixed_fragment_in_reported_speech(nlp):
    text = "Jane Smith, the foreign minister, warned Ruritania that it would face “serious consequences” if it went ahead."
    quotes = quotes_of(nlp, text)
    (fragment,) = [q for q in quotes if q.text == "serious consequences"]
    assert fragment.kind == "mixed"
    assert speaker(fragment)[0] == "Jane Smith"
    clause = [q for q in quotes if "if it went ahead" in q.text]
    assert clause and speaker(clause[0])[0] == "Jane Smith"
    assert clause[0].kind == "indirect"  # the reported clause around the fragment is indirect speech


def test_mixed_fragment_after_pledge(nlp):
    text = "The two leaders pledged to “deepen cooperation in every field between our armies.”"
    q = one(quotes_of(nlp, text), containing="deepen cooperation")
    assert q.kind in ("direct", "mixed")
    assert speaker(q)[1] == "The two leaders"


# ---------------------------------------------------------------------------------------------- indirect


@pytest.mark.parametrize(
    ("text", "content", "who"),
    [
        (
            "Ruritania has repeatedly denied that it supplied weapons to the rebels.",
            "it supplied weapons to the rebels",
            "Ruritania",
        ),
        (
            "The governor told reporters the vote would go ahead in June.",
            "the vote would go ahead in June",
            "The governor",
        ),
        (
            "The bridge will reopen next week, according to city officials.",
            "The bridge will reopen next week",
            "city officials",
        ),
        (
            "The factory will close in March, a union official said.",
            "The factory will close in March",
            "a union official",
        ),
        (
            "The Daily Courier reports that the mayor will resign.",
            "the mayor will resign",
            "The Daily Courier",
        ),
        (
            "The dam was built without permits, the newspaper has learned.",
            "The dam was built without permits",
            "the newspaper",
        ),
        ("She noted that prices had doubled since January.", "prices had doubled since January", "She"),
        ("He argued that the treaty was never ratified.", "the treaty was never ratified", "He"),
        (
            "The ministry acknowledged that two soldiers had been captured.",
            "two soldiers had been captured",
            "The ministry",
        ),
        (
            "The senator wrote that the law would hurt small farms.",
            "the law would hurt small farms",
            "The senator",
        ),
        # a view held: a participle of believing, a noun of believing with its holder
        (
            "The mayor is convinced that the bridge will open on time.",
            "the bridge will open on time",
            "The mayor",
        ),
        (
            "The mayor expressed confidence that the bridge would open on time.",
            "the bridge would open",
            "The mayor",
        ),
        (
            "The closure raised fears among farmers that prices would collapse.",
            "prices would collapse",
            "farmers",
        ),
        (
            "The mayor's view is that the bridge should be rebuilt.",
            "the bridge should be rebuilt",
            "The mayor's",
        ),
    ],
)
def test_indirect_speech(nlp, text, content, who):
    q = one(quotes_of(nlp, text), "indirect")
    assert content in q.text
    assert "said" not in q.text and who not in q.text
    assert speaker(q)[1] == who


@pytest.mark.parametrize(
    ("text", "content", "who"),
    [
        ("The minister mentioned the fuel shortage in her speech.", "the fuel shortage", "The minister"),
        ("Mr. Okafor noted the delays at the border.", "the delays at the border", "Mr. Okafor"),
        ("The two presidents discussed the water treaty.", "the water treaty", "The two presidents"),
        ("Recent polls show a close race in the north.", "a close race in the north", "Recent polls"),
        (
            "A study by the university found 40 cases of fraud.",
            "40 cases of fraud",
            "A study by the university",
        ),
    ],
)
def test_what_a_speech_or_record_verb_names_is_reported(nlp, text, content, who):
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text.startswith(content)
    assert speaker(q)[1] == who


def test_coordinated_infinitive_stays_whole(nlp):
    text = "The governor is promising to meet and in some cases exceed the targets."
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text == "to meet and in some cases exceed the targets"


def test_finding_or_showing_by_a_person_is_not_speech(nlp):
    text = "The rescuers found a way across the river. The guide showed them the path."
    assert quotes_of(nlp, text) == []


def test_impersonal_it_is_no_speaker(nlp):
    text = "It is worth noting the costs of the plan. It was too early to discuss the details."
    assert quotes_of(nlp, text) == []


def test_writers_aside_on_a_cited_thing_is_left_out(nlp):
    text = "The senator cited the audit of the agency, which was published in May."
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text == "the audit of the agency"


def test_reason_after_the_reported_clause_belongs_to_it(nlp):
    text = "The mayor said the claim smacked of hypocrisy, because the council had done the same."
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text == "the claim smacked of hypocrisy, because the council had done the same"


@pytest.mark.parametrize(
    "text",
    [
        "According to the harbour master, the ferry will not sail before Monday.",
        "The ferry will not sail before Monday, according to harbour insiders.",
    ],
)
def test_according_to_at_either_end_of_the_sentence(nlp, text):
    q = one(quotes_of(nlp, text), "indirect")
    assert (
        q.text == "the ferry will not sail before Monday" or q.text == "The ferry will not sail before Monday"
    )
    assert "harbour" in speaker(q)[1]


def test_speaker_shared_with_a_passive_main_clause(nlp):
    text = "After saying that the bridge was unsafe, the engineer was dismissed by the council."
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text == "that the bridge was unsafe"
    assert speaker(q)[1] == "the engineer"


def test_clause_joined_to_the_cue_goes_on_with_the_report_unless_it_is_the_speakers_act(nlp):
    text = "The mayor said that the fire was an accident, and there was “no sign” of arson."
    clause = one(quotes_of(nlp, text), containing="accident")
    assert clause.text.endswith("of arson")
    text = "The mayor said about 20 people had applied for the post, but he refuses to name them."
    clause = one(quotes_of(nlp, text), containing="applied")
    assert clause.text == "about 20 people had applied for the post"


def test_that_clause_after_the_addressee(nlp):
    text = "In Lima last week, she told a meeting of Andean leaders that few people understood the drought."
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text == "that few people understood the drought"
    assert speaker(q)[1] == "she"


def test_as_someone_noted(nlp):
    quotes = quotes_of(nlp, "As the minister noted, the budget is tight. The harvest failed as predicted.")
    q = one(quotes, "indirect")
    assert q.text == "the budget is tight" and speaker(q)[1] == "the minister"


def test_noun_phrase_then_attribution(nlp):
    q = one(quotes_of(nlp, "A total disaster, the mayor said on Monday."), "indirect")
    assert q.text == "A total disaster" and speaker(q)[1] == "the mayor"
    assert quotes_of(nlp, "One after another, the mining companies declared bankruptcy.") == []


def test_speaker_name_swallowed_by_the_phrase_before_the_cue(nlp):
    text = "In a meeting with the editors of the Daily Courier Jones said that the tariffs would stay."
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text == "that the tariffs would stay"
    assert speaker(q)[1] is not None and "Jones" in speaker(q)[1]


def test_parenthetical_attribution(nlp):
    text = "The museum, the curator said, will open in the spring."
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text.startswith("The museum") and q.text.endswith("in the spring")
    assert speaker(q)[1] == "the curator"


def test_parenthetical_attribution_inside_a_clause_that_goes_on(nlp):
    text = "The old mill made money for decades, Ms. Dahl said, until the river changed its course."
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text == "The old mill made money for decades, Ms. Dahl said, until the river changed its course"
    assert speaker(q)[1] == "Ms. Dahl"


def test_report_goes_on_after_the_attribution(nlp):
    text = "Exports fell 10 percent, the ministry said on Monday, and imports rose sharply."
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text == "Exports fell 10 percent, the ministry said on Monday, and imports rose sharply"


@pytest.mark.parametrize(
    "text",
    [
        "The difference now, he told me on Friday, is that the station has a new owner.",
        "Though the first move went smoothly, she said, the second one would be much harder.",
    ],
)
def test_parenthetical_attribution_hung_on_a_part_of_the_sentence(nlp, text):
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text == text.rstrip(".")


def test_parenthetical_attribution_leaves_out_the_speakers_next_act(nlp):
    text = "The count was rigged, the mayor said, adding that he would appeal."
    quotes = quotes_of(nlp, text)
    assert any(q.text == "The count was rigged" for q in quotes)
    assert not any("rigged" in q.text and "appeal" in q.text for q in quotes)


# ---------------------------------------------------------------------------------------------- transcripts


TRANSCRIPT = (
    "Governor Ann Fisk spoke to Tom Reyes of Channel 5 on Sunday. A partial transcript follows:\n\n"
    '"REYES: Will you sign the budget this week?\n\n'
    '"FISK: I will sign it when it is balanced. My opponents call it “a rescue plan.” It is not.\n\n'
    '"(CROSSTALK)\n\n'
    '"REYES: Governor, one last question.\n\n'
)


def test_transcript_turns_are_quotes_of_their_labelled_speakers(nlp):
    quotes = [q for q in quotes_of(nlp, TRANSCRIPT) if q.kind == "direct"]
    assert [q.text.split()[0] for q in quotes] == ["Will", "I", "Governor,"]
    assert [q.speaker.text for q in quotes] == ["REYES", "FISK", "REYES"]
    assert quotes[1].speaker.name == "Ann Fisk"
    assert "“a rescue plan.” It is not" in quotes[1].text  # a quote within the turn stays inside it
    assert not any("CROSSTALK" in q.text for q in quotes_of(nlp, TRANSCRIPT))


def test_block_quote_after_a_cue_and_a_colon(nlp):
    text = (
        "Governor Ann Fisk spoke on the radio on Monday.\n\nThe governor added:\n\n"
        "It is typical of the council. They never listen, and they never learn.\n\nThe show ended at noon."
    )
    q = one(quotes_of(nlp, text), containing="typical")
    assert q.text == "It is typical of the council. They never listen, and they never learn"
    assert q.kind == "indirect" and speaker(q) == ("Ann Fisk", "The governor")
    assert not any("noon" in q.text for q in quotes_of(nlp, text))


def test_transcript_turns_without_marks(nlp):
    text = (
        "Tom Reyes interviewed Senator Ann Fisk.\n\nREYES: Will you run again?\n\n"
        "FISK: I have not decided, and I will not decide this year.\n\nREYES: Thank you."
    )
    quotes = quotes_of(nlp, text)
    assert [(q.text, q.speaker.text) for q in quotes if q.speaker and q.speaker.text.isupper()] == [
        ("Will you run again?", "REYES"),
        ("I have not decided, and I will not decide this year", "FISK"),
        ("Thank you", "REYES"),
    ]


def test_a_lone_capitalised_heading_is_not_a_speaker(nlp):
    text = 'The council met on Monday.\n\n"UPDATE: The meeting was adjourned until Friday."'
    assert not any(q.speaker is not None and q.speaker.text == "UPDATE" for q in quotes_of(nlp, text))


# ---------------------------------------------------------------------------------------------- speakers


def test_pronoun_speaker_resolves_to_the_person(nlp):
    text = "Lars Holm, the Danish energy minister, arrived on Tuesday. “The pipeline is safe,” he said."
    q = one(quotes_of(nlp, text), "direct")
    assert speaker(q) == ("Lars Holm", "he")


def test_role_noun_speaker_resolves_to_the_person(nlp):
    text = (
        "Ned Carter, the State Department spokesman, spoke on Monday. Talks resumed later. "
        "“We are not there yet,” the spokesman said."
    )
    q = one(quotes_of(nlp, text), "direct")
    assert speaker(q) == ("Ned Carter", "the spokesman")


def test_publication_speaker_for_an_editorial(nlp):
    text = "“The West sees this visit through a biased lens,” read a Global Times editorial on Tuesday."
    q = one(quotes_of(nlp, text), "direct")
    assert speaker(q)[0] == "Global Times"


def test_anonymous_source_stays_anonymous(nlp):
    text = "Rosa Lindqvist met the delegation on Monday. The meeting went badly, a source said."
    q = one(quotes_of(nlp, text), "indirect")
    assert speaker(q) == (None, "a source")


def test_relative_pronoun_speaker_names_the_antecedent(nlp):
    text = "Olga Petrova, who said the ceasefire would hold, left the talks early."
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text == "the ceasefire would hold"
    assert speaker(q) == ("Olga Petrova", "who")


# ---------------------------------------------------------------------------------------------- not quotes


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The two countries proclaimed a “no limits” partnership last year.", "no limits"),
        ("The army fields the “Thunderbolt” rocket launcher.", "Thunderbolt"),
        ("said Dr. Ames, author of “The Long War: A Short History.”", "The Long War"),
        ("The paper ran an editorial headlined “Why the Bridge Must Fall.”", "Why the Bridge Must Fall"),
        (
            "Ties were raised to an “all-weather strategic partnership,” a label that hides strains.",
            "all-weather",
        ),
        ("The so-called “peace plan” was never published.", "peace plan"),
        ("The song “Rivers of Home” topped the charts.", "Rivers of Home"),
    ],
)
def test_names_titles_and_scare_quotes_are_not_quotes(nlp, text, words):
    assert not any(words in q.text for q in quotes_of(nlp, text))


def test_called_by_a_speaker_is_speech_but_called_as_a_name_is_not(nlp):
    spoken = quotes_of(nlp, "The minister called the proposal “a dangerous fantasy” on Friday.")
    assert any("dangerous fantasy" in q.text for q in spoken)
    named = quotes_of(nlp, "They built a rocket called “Kestrel” in the desert.")
    assert not any("Kestrel" in q.text for q in named)


# ---------------------------------------------------------------------------------------------- offsets


def test_offsets_slice_the_body_to_the_quote_text(nlp):
    text = (
        "Karl Weber, the finance minister, spoke on Friday.\n\n"
        "“Inflation will fall this year,” Mr. Weber said. He added that wages would rise.\n\n"
        "Analysts said the forecast was “optimistic at best” and the central bank disagreed, according to a report."
    )
    doc = nlp(text)
    quotes = find_quotes(doc, find_actors(doc))
    assert len(quotes) >= 4
    assert_offsets(doc, quotes)


@pytest.mark.parametrize(
    "text",
    [
        TRANSCRIPT,
        "Ann Fisk spoke on Monday.\n\nThe governor added:\n\nIt is typical of the council. They never listen.",
        "The old mill made money for decades, Ms. Dahl said, until the river changed its course.",
        "According to the harbour master, the ferry will not sail before Monday.",
        "A total disaster, the mayor said on Monday. As the minister noted, the budget is tight.",
    ],
)
def test_offsets_slice_the_body_for_every_construction(nlp, text):
    doc = nlp(text)
    quotes = find_quotes(doc, find_actors(doc))
    assert quotes
    assert_offsets(doc, quotes)


def test_quote_over_two_paragraphs_spans_its_parts_and_joins_their_words(nlp):
    text = "Tomas Rey is the port director.\n\n“We will fight.\n\n“And we will win,” Mr. Rey said."
    doc = nlp(text)
    q = one(find_quotes(doc, find_actors(doc)), "direct")
    assert doc.text[q.start : q.end] == "We will fight.\n\n“And we will win"
    assert q.text == "We will fight And we will win"


def assert_offsets(doc, quotes):
    for q in quotes:
        assert doc.text[q.start : q.end] == q.text
        if q.cue is not None:
            assert doc.text[q.cue.start : q.cue.end] == q.cue.text
        if q.speaker is not None and q.speaker.start is not None:
            assert doc.text[q.speaker.start : q.speaker.end] == q.speaker.text


@pytest.mark.parametrize("text", ["", "“”", '"""', 'a " b " c', "He said: “"])
def test_stray_and_empty_marks_give_no_quotes(nlp, text):
    assert quotes_of(nlp, text) == []


def test_inch_marks_are_not_quote_marks(nlp):
    quotes = quotes_of(nlp, '12" pipes and 3" nails, the plumber said.')
    assert [(q.kind, q.text) for q in quotes] == [("indirect", '12" pipes and 3" nails')]


def test_unclosed_quote_ends_with_its_paragraph(nlp):
    text = "“The deal is off, and nobody will sign it\n\nPrices rose in March, officials said."
    quotes = quotes_of(nlp, text)
    direct = one(quotes, "direct")
    assert direct.text == "The deal is off, and nobody will sign it"
    assert any(q.kind == "indirect" and q.text == "Prices rose in March" for q in quotes)


# ---------------------------------------------------------------------------------------------- headlines


def title_quotes_of(title: str, body: str):
    from communique.pipeline import analyze

    analysis = analyze(body, title=title)
    return [q for q in analysis.quotes if q.in_title], analysis


def test_headline_colon_names_the_speaker_of_what_follows():
    title = "Port chief: closure of the harbor 'deeply regrettable'"
    quotes, analysis = title_quotes_of(title, "Harbor master Ines Moreau spoke on Monday about the closure.")
    assert all(title[q.start : q.end] == q.text for q in quotes)  # offsets into the title
    clause = one(quotes, "indirect")
    assert clause.text.startswith("closure of the harbor") and speaker(clause)[1] == "Port chief"
    assert all(not q.in_title for q in analysis.quotes if q not in quotes)


def test_headline_says_resolves_the_speaker_to_the_article_actor():
    title = "Rivera says the 'door is open' to new talks"
    body = "Foreign Minister Carla Rivera of Chile said on Tuesday that talks could resume in May."
    quotes, _ = title_quotes_of(title, body)
    fragment = one(quotes, "mixed")
    assert fragment.text == "door is open"
    assert speaker(fragment) == ("Carla Rivera", "Rivera")
    assert one(quotes, "indirect").text.startswith("the 'door is open' to new talks")


def test_title_case_headline_with_inverted_says():
    title = "Harbor Will Reopen Next Month, Mayor Elin Varga Says"
    body = "Mayor Elin Varga says the harbor will reopen. She says work is going well."
    quotes, _ = title_quotes_of(title, body)
    q = one(quotes, "indirect")
    assert q.text == "Harbor Will Reopen Next Month" and speaker(q)[0] == "Elin Varga"


def test_headline_labels_and_names_are_not_quotes():
    quotes, _ = title_quotes_of("The Latest: Harbor reopens", "The harbor reopened on Monday.")
    assert quotes == []
    quotes, _ = title_quotes_of("Dock workers' union wins pay rise", "The union won a pay rise on Monday.")
    assert quotes == []


def test_a_cue_the_parser_left_without_subject_has_the_name_before_it_for_speaker(nlp):
    # "In an interview with X, NAME, appositive, said ...": the parser may join the name to X
    text = (
        "In an interview with VOA, Ahmed Farouk, a Pakistani journalist, said the army “has lost patience” "
        "with the militants."
    )
    q = one(quotes_of(nlp, text), "mixed", "lost patience")
    assert speaker(q)[0] == "Ahmed Farouk"


@pytest.mark.parametrize(
    ("text", "quoted", "who"),
    [
        # a document named again: the author of the one the text spoke of
        ("The Kenyan government said in a statement that the border would reopen. The statement added that "
         "“all travelers must carry a valid passport.”", "valid passport", "Kenyan government"),
        ("“The talks were useful,” said a statement from the foreign ministry. “We are ready to help,” the "
         "statement said.", "ready to help", "ministry"),
        # a description, not a name: the person the text spoke of
        ("“Prices have doubled since January,” said Joao Pinto, who sells vegetables at the market. “The "
         "situation is very difficult,” the 45-year-old father of three said.", "very difficult", "Joao Pinto"),
    ],
)  # fmt: skip
def test_speakers_named_before_by_a_document_or_a_description(nlp, text, quoted, who):
    q = one(quotes_of(nlp, text), None, quoted)
    assert speaker(q)[0] is not None and speaker(q)[0].endswith(who)


def test_one_person_named_by_office_and_country_is_the_person_of_that_country_spoken_of(nlp):
    text = (
        "Deputy Foreign Minister Sergei Orlov of Russia spoke to reporters in Moscow. The Russian official said the "
        "talks were “a waste of time.”"
    )
    q = one(quotes_of(nlp, text), "mixed", "waste of time")
    assert speaker(q) == ("Sergei Orlov", "The Russian official")


def test_according_to_closing_a_sentence_after_a_comma_qualifies_all_of_it(nlp):
    text = (
        "Ortiz is one of at least 40 people held by the police this year and the third person held by a city "
        "patrol officer, according to a newspaper database of such arrests."
    )
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text.startswith("Ortiz is one of") and q.text.endswith("patrol officer")
    assert speaker(q)[1] == "a newspaper database of such arrests"


@pytest.mark.parametrize(
    ("text", "content", "who"),
    [
        ("Recent surveys show the mayor with a narrow lead among older voters.", "the mayor with a narrow lead",
         "Recent surveys"),
        ("The central bank pointed to rising food prices as the main cause of inflation.", "rising food prices",
         "The central bank"),
    ],
)  # fmt: skip
def test_what_a_record_shows_of_its_object_and_what_someone_points_to(nlp, text, content, who):
    q = one(quotes_of(nlp, text), "indirect")
    assert q.text.startswith(content) and speaker(q)[1] == who
