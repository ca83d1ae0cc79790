"""The scoring rules of shared/eval/FORMAT.md, pinned with hand-made gold and predictions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique import cli
from communique import evaluate as ev
from communique.model import Analysis, Article

SHARED = Path(__file__).resolve().parents[2] / "shared"

SENTENCE = "Norway's foreign minister met her Chilean counterpart in Oslo on Monday."
FRAGMENT = "met her Chilean counterpart"


def side(country=None, sector=None, name=None, group=None):
    return {"country": country, "sector": sector, "name": name, "group": group, "text": name}


def gold_event(sentence=FRAGMENT, plover=("CONSULT",), source=None, target=None, **extra):
    event = {
        "id": extra.pop("id", "E"),
        "sentence": sentence,
        "source": source if source is not None else {"country": "NOR", "sector": "GOV", "name": None},
        "target": target,
        "plover": list(plover),
        "cameo": extra.pop("cameo", ["040"]),
        "status": extra.pop("status", "occurred"),
        "date": extra.pop("date", None),
        "required": extra.pop("required", True),
        "symmetric": extra.pop("symmetric", False),
    }
    event.update(extra)
    return event


def predicted_event(
    evidence=SENTENCE, plover="CONSULT", source="default", target=None, status="occurred", **extra
):
    return {
        "evidence": {"text": evidence, "start": 0, "end": len(evidence)},
        "source": side("NOR", "GOV", "Anna Berg") if source == "default" else source,
        "target": target,
        "plover": plover,
        "cameo": extra.pop("cameo", "040"),
        "status": status,
        "date": extra.pop("date", None),
        **extra,
    }


def events(gold, predicted):
    scores, _ = ev.score_events(gold, predicted)
    return scores


# ------------------------------------------------------------------------------------------- event rule 1


def test_gold_sentence_inside_evidence_matches_with_case_and_white_space_folded():
    assert ev.evidence_covers("Norway's foreign minister MET  her\nChilean counterpart in Oslo.", FRAGMENT)
    assert not ev.evidence_covers("Norway's foreign minister met the Chilean counterpart.", FRAGMENT)


def test_evidence_inside_gold_counts_only_for_whole_sentence_gold_and_twenty_characters():
    inside = "met her Chilean counterpart in Oslo"  # 35 characters, inside SENTENCE
    assert ev.evidence_covers(inside, SENTENCE)
    assert not ev.evidence_covers("counterpart in Oslo", SENTENCE)  # 19 characters: too short
    assert ev.evidence_covers("foreign minister met", SENTENCE)  # 20 characters: enough
    assert ev.evidence_covers(" counterpart  in Oslo on", SENTENCE)  # folded: 22 characters
    fragment_gold = "Norway's foreign minister met her Chilean counterpart in Oslo"  # no final stop
    assert not ev.evidence_covers(inside, fragment_gold)


def test_whole_sentence_may_end_with_closing_quote_or_bracket():
    assert ev.is_whole_sentence("He said: “We will meet again.”  ")
    assert ev.is_whole_sentence("The talks ended (as planned.)")
    assert ev.is_whole_sentence("Will they meet?")
    assert not ev.is_whole_sentence("The talks ended, as planned")
    assert not ev.is_whole_sentence("the “talks”")


# ------------------------------------------------------------------------------------------- rules 2 and 3


def test_plover_must_be_one_of_the_gold_types():
    gold = [gold_event(plover=["CONSULT", "AGREE"])]
    assert events(gold, [predicted_event(plover="AGREE")]).relaxed.matched == 1
    assert events(gold, [predicted_event(plover="COOPERATE")]).relaxed.matched == 0


def test_source_country_must_agree_and_null_gold_target_matches_anything():
    gold = [gold_event(target=None)]
    assert events(gold, [predicted_event(target=None)]).relaxed.matched == 1
    assert events(gold, [predicted_event(target=side("CHL", "GOV"))]).relaxed.matched == 1
    assert events(gold, [predicted_event(source=side("CHL", "GOV"))]).relaxed.matched == 0
    assert events(gold, [predicted_event(source=None)]).relaxed.matched == 0


def test_named_gold_target_needs_a_predicted_target_of_that_country():
    gold = [gold_event(target={"country": "CHL", "sector": None, "name": None})]
    assert events(gold, [predicted_event(target=side("CHL", "MIL"))]).strict.matched == 1
    assert events(gold, [predicted_event(target=None)]).relaxed.matched == 0
    assert events(gold, [predicted_event(target=side(None, "GOV"))]).relaxed.matched == 0


def test_region_codes_compare_as_codes():
    gold = [
        gold_event(
            sentence="Western leaders criticised Minsk",
            plover=["ACCUSE"],
            source={"country": "WST", "sector": "GOV", "name": None},
        )
    ]
    text = "Western leaders criticised Minsk for the crackdown."
    assert events(gold, [predicted_event(text, "ACCUSE", side("WST", "GOV"))]).strict.matched == 1
    assert events(gold, [predicted_event(text, "ACCUSE", side("EUR", "GOV"))]).relaxed.matched == 0
    assert events(gold, [predicted_event(text, "ACCUSE", side(None, "GOV"))]).relaxed.matched == 0


IGO_SENTENCE = "The United Nations envoy urged both sides to return to talks."


def igo_gold():
    return [
        gold_event(
            sentence=IGO_SENTENCE,
            plover=["REQUEST"],
            source={"country": None, "sector": "IGO", "name": "United Nations"},
        )
    ]


def test_igo_name_may_be_in_the_predicted_name_or_group():
    as_group = side(None, "IGO", "Maria Lind", group="United Nations")
    as_name = side(None, "IGO", "the United Nations Security Council")
    assert events(igo_gold(), [predicted_event(IGO_SENTENCE, "REQUEST", as_group)]).relaxed.matched == 1
    assert events(igo_gold(), [predicted_event(IGO_SENTENCE, "REQUEST", as_name)]).relaxed.matched == 1


def test_igo_needs_sector_igo_and_the_whole_name_in_order_even_when_relaxed():
    for wrong in (
        side(None, "GOV", "United Nations"),  # not sector IGO
        side(None, "IGO", "Nations United"),  # words out of order
        side(None, "IGO", "United"),  # part of the name
        side(None, "IGO", "Maria Lind", group="UNICEF"),  # another body
        side("USA", "IGO", "UnitedNations"),  # not the same words
    ):
        assert events(igo_gold(), [predicted_event(IGO_SENTENCE, "REQUEST", wrong)]).relaxed.matched == 0, (
            wrong
        )


def test_strict_also_needs_the_gold_sector_and_relaxed_does_not():
    gold = [gold_event(source={"country": "NOR", "sector": "GOV", "name": None})]
    military = predicted_event(source=side("NOR", "MIL"))
    scores = events(gold, [military])
    assert (scores.relaxed.matched, scores.strict.matched) == (1, 0)
    assert (scores.relaxed.predicted, scores.strict.predicted) == (1, 1)
    unknown = [gold_event(source={"country": "NOR", "sector": None, "name": None})]
    assert events(unknown, [military]).strict.matched == 1


def test_symmetric_gold_accepts_swapped_source_and_target():
    norway, chile = (
        {"country": "NOR", "sector": "GOV", "name": None},
        {"country": "CHL", "sector": "GOV", "name": None},
    )
    swapped = predicted_event(source=side("CHL", "GOV"), target=side("NOR", "GOV"))
    assert events([gold_event(source=norway, target=chile, symmetric=True)], [swapped]).strict.matched == 1
    assert events([gold_event(source=norway, target=chile, symmetric=False)], [swapped]).relaxed.matched == 0


# ------------------------------------------------------------------------------------------- rule 4, status


@pytest.mark.parametrize("gold_status", ["negated", "alleged", "hypothetical"])
def test_occurred_never_matches_negated_alleged_or_hypothetical(gold_status):
    gold = [gold_event(status=gold_status)]
    scores = events(gold, [predicted_event(status="occurred")])
    assert scores.relaxed.matched == 0
    assert scores.relaxed.predicted == 1  # a false positive
    assert events(gold, [predicted_event(status=gold_status)]).relaxed.matched == 1


def test_other_status_differences_match_and_cost_status_accuracy():
    gold = [gold_event(status="occurred", id="A"), gold_event(status="negated", id="B")]
    scores = events(gold, [predicted_event(status="expected"), predicted_event(status="hypothetical")])
    assert scores.relaxed.matched == 2
    assert (scores.status.hits, scores.status.total) == (0, 2)


def test_negated_as_occurred_counts_each_prediction_once():
    gold = [
        gold_event(status="negated", id="A"),
        gold_event(status="negated", id="B"),
        gold_event(status="alleged", id="C"),
    ]
    harmful = predicted_event(status="occurred")
    scores = events(gold, [harmful, dict(harmful), predicted_event(status="negated")])
    assert scores.negated_as_occurred == 2
    assert events([gold_event(status="alleged")], [harmful]).negated_as_occurred == 0
    # rules 1-3 must hold: a different type is not this harm
    assert (
        events([gold_event(status="negated")], [predicted_event(plover="ASSAULT")]).negated_as_occurred == 0
    )


# ------------------------------------------------------------------------------------------- matching


def test_matching_is_one_to_one():
    scores = events([gold_event()], [predicted_event(), predicted_event()])
    assert (scores.relaxed.matched, scores.relaxed.predicted, scores.relaxed.gold) == (1, 2, 1)
    assert scores.relaxed.precision == 0.5 and scores.relaxed.recall == 1.0


def test_matching_is_greedy_in_output_order_to_the_first_gold():
    anyone = gold_event(id="any", target=None)
    chile = gold_event(id="chl", target={"country": "CHL", "sector": None, "name": None})
    to_chile = predicted_event(target=side("CHL", "GOV"))
    # the first prediction takes the first gold it matches, leaving the second prediction nothing
    assert ev.match_first(
        [to_chile, predicted_event(target=None)],
        [anyone, chile],
        lambda p, g: ev.event_matches(p, g, strict=False),
    ) == [0, None]
    assert events([anyone, chile], [predicted_event(target=None), to_chile]).relaxed.matched == 2


def test_predictions_without_plover_are_not_scored():
    scores = events(
        [gold_event()],
        [predicted_event(plover=None), predicted_event(plover=None, evidence="Unrelated words here.")],
    )
    assert (scores.relaxed.predicted, scores.relaxed.matched) == (0, 0)
    assert scores.relaxed.precision is None


def test_optional_gold_is_set_aside_never_a_miss_nor_a_false_positive():
    gold = [gold_event(id="opt", required=False, plover=["SUPPORT"]), gold_event(id="req")]
    scores, misses = ev.score_events(
        gold, [predicted_event(plover="SUPPORT"), predicted_event(plover="ASSAULT")]
    )
    assert scores.relaxed.set_aside == 1
    assert (scores.relaxed.matched, scores.relaxed.predicted, scores.relaxed.gold) == (0, 1, 1)
    assert [(m.kind, m.detail.split(":")[0]) for m in misses if m.kind == "missed"] == [("missed", "req")]
    assert len([m for m in misses if m.kind == "false positive"]) == 1
    only_optional = events([gold_event(required=False)], [predicted_event()])
    assert (only_optional.relaxed.predicted, only_optional.relaxed.gold, only_optional.relaxed.f1) == (
        0,
        0,
        None,
    )


def test_date_status_and_cameo_root_are_scored_over_predictions_matched_to_required_gold():
    gold = [
        gold_event(id="A", date="2023-02", cameo=["042", "036"]),
        gold_event(id="B", date=None, cameo=["040"]),
        gold_event(id="C", required=False, date="2023-02-27"),
    ]
    predicted = [
        predicted_event(
            date={"value": "2023-02-27", "granularity": "day"}, cameo="036"
        ),  # A: date right, root 03
        predicted_event(date=None, cameo="036"),  # B: no gold date; root 03 is not 04
        predicted_event(
            date={"value": "2023-03-01", "granularity": "day"}, cameo="040"
        ),  # C: optional, not counted
    ]
    scores = events(gold, predicted)
    assert (scores.date.hits, scores.date.total) == (1, 1)
    assert (scores.cameo_root.hits, scores.cameo_root.total) == (1, 2)
    assert (scores.status.hits, scores.status.total) == (2, 2)
    wrong_date = events(
        [gold_event(date="2023-02")], [predicted_event(date={"value": "2023-03-01", "granularity": "day"})]
    )
    assert (wrong_date.date.hits, wrong_date.date.total) == (0, 1)
    no_status = events([gold_event(status=None)], [predicted_event(status="expected")])
    assert (no_status.relaxed.matched, no_status.status.total) == (1, 0)


def test_precision_recall_f1():
    m = ev.PRF(matched=3, predicted=4, gold=6)
    assert m.precision == 0.75 and m.recall == 0.5 and m.f1 == pytest.approx(0.6)
    assert ev.PRF(matched=0, predicted=2, gold=3).f1 == 0.0
    assert ev.PRF(matched=0, predicted=0, gold=3).precision is None
    assert ev.PRF(matched=0, predicted=0, gold=3).f1 == 0.0


# ------------------------------------------------------------------------------------------- quotes


def gold_quote(text, speaker="Anna Berg", kind="direct", required=True):
    return {
        "text": text,
        "speaker": speaker,
        "speaker_country": None,
        "speaker_sector": None,
        "kind": kind,
        "required": required,
    }


def predicted_quote(text, name="Anna Berg", speaker_text="she", kind="direct"):
    speaker = (
        None
        if name is None and speaker_text is None
        else {"name": name, "text": speaker_text, "country": None, "sector": None}
    )
    return {"text": text, "kind": kind, "speaker": speaker}


def quotes(gold, predicted, not_quotes=()):
    scores, _ = ev.score_quotes(gold, predicted, not_quotes)
    return scores


def test_dice_overlap_of_word_multisets():
    assert ev.dice(["a", "b", "b"], ["b", "b", "c"]) == pytest.approx(2 * 2 / 6)
    assert ev.words("“We’ll see,” she said.") == ["we", "ll", "see", "she", "said"]
    assert ev.dice([], []) == 0.0


def test_quote_matches_at_dice_half_and_not_below():
    gold = [gold_quote("alpha beta gamma delta")]
    assert quotes(gold, [predicted_quote("alpha beta one two")]).all_kinds.match.matched == 1  # 2*2/8 = 0.5
    assert quotes(gold, [predicted_quote("alpha beta one two three")]).all_kinds.match.matched == 0  # 4/9


def test_quote_takes_the_highest_dice_and_the_earlier_gold_on_ties():
    gold = [
        gold_quote("we will talk", speaker="Earlier"),
        gold_quote("we will talk", speaker="Later"),
        gold_quote("we will talk again soon", speaker="Best"),
    ]
    assert ev.match_quotes([ev.words("we will talk again soon")], [ev.words(g["text"]) for g in gold]) == [2]
    assert ev.match_quotes(
        [ev.words("we will talk"), ev.words("we will talk")], [ev.words(g["text"]) for g in gold]
    ) == [0, 1]


def test_quote_matching_is_one_to_one_and_curly_marks_fold():
    gold = [gold_quote("We’re not leaving Oslo")]
    scores = quotes(
        gold, [predicted_quote("We're not leaving Oslo"), predicted_quote("We're not leaving Oslo")]
    )
    assert (scores.all_kinds.match.matched, scores.all_kinds.match.predicted) == (1, 2)


def test_optional_gold_quote_is_set_aside():
    gold = [gold_quote("the talks went well", kind="indirect", required=False), gold_quote("we are ready")]
    scores, misses = ev.score_quotes(gold, [predicted_quote("the talks went well", kind="indirect")])
    assert (
        scores.all_kinds.match.set_aside,
        scores.all_kinds.match.predicted,
        scores.all_kinds.match.gold,
    ) == (1, 0, 1)
    assert [m.text for m in misses] == ["we are ready"]


@pytest.mark.parametrize(
    ("name", "text", "gold", "right"),
    [
        ("Anna Berg", "she", "Anna Berg", True),
        ("Anna Berg, the foreign minister", None, "Anna Berg", True),  # contains the gold
        (None, "Berg", "Foreign Minister Anna Berg", True),  # contained in the gold
        ("Ms. A. Berg", None, "Anna Berg", True),  # last words agree
        ("Jonas Dahl", "he", "Anna Berg", False),
        ("Jonas Dahl", None, "Anna Berg; Jonas Dahl", True),  # any ';' alternative will do
        ("Jonas Dahl", None, "Anna Berg;Dahl", True),
        ("Ms. Berg", None, "Anna Berg; Jonas Dahl", True),  # last word of the first alternative
        ("the ministry", "the spokesman", "the foreign ministry spokesman", True),  # last word
        ("the ministry", None, "Anna Berg", False),
        (None, None, "Anna Berg", False),  # no speaker
        ("", "", "Anna Berg", False),
    ],
)
def test_speaker_rules(name, text, gold, right):
    speaker = None if name is None and text is None else {"name": name, "text": text}
    assert ev.speaker_right(speaker, gold) is right


def test_speaker_accuracy_counts_predictions_matched_to_required_gold():
    gold = [
        gold_quote("we are ready to talk", speaker="Anna Berg"),
        gold_quote("no comment today", speaker="Jonas Dahl"),
        gold_quote("perhaps later", required=False),
    ]
    predicted = [
        predicted_quote("we are ready to talk", name="Anna Berg"),
        predicted_quote("no comment today", name=None, speaker_text=None),
        predicted_quote("perhaps later", name="Nobody"),
        predicted_quote("something else entirely", name="Anna Berg"),
    ]
    scores, misses = ev.score_quotes(gold, predicted)
    assert (scores.all_kinds.speaker.hits, scores.all_kinds.speaker.total) == (1, 2)
    assert sorted(m.kind for m in misses) == ["false positive", "wrong speaker"]


def test_not_quotes_counted_when_a_predicted_quote_of_any_kind_matches_at_dice_080():
    not_quotes = ["ironclad friendship", "The Northern Partnership: A New Era", "red line"]
    predicted = [
        predicted_quote("ironclad friendship", kind="indirect"),  # Dice 1.0
        predicted_quote("The Northern Partnership A New", kind="direct"),  # 2*5/11 = 0.91
        predicted_quote("a red line", kind="mixed"),  # 2*2/5 = 0.8
    ]
    assert quotes([], predicted, not_quotes).not_quotes == ev.Ratio(3, 3)
    assert quotes(
        [], [predicted_quote("the red line of the north", kind="mixed")], not_quotes
    ).not_quotes == ev.Ratio(0, 3)


def test_direct_and_mixed_scores_filter_both_gold_and_predictions():
    gold = [
        gold_quote("we are ready", kind="direct"),
        gold_quote("ready to talk", kind="mixed"),
        gold_quote("the talks would resume", kind="indirect"),
    ]
    predicted = [
        predicted_quote("we are ready", kind="direct"),
        predicted_quote("ready to talk", kind="indirect"),  # matches in all kinds only
        predicted_quote(
            "the talks would resume", kind="mixed"
        ),  # its gold is indirect: a false positive here
    ]
    scores = quotes(gold, predicted)
    assert (
        scores.all_kinds.match.matched,
        scores.all_kinds.match.predicted,
        scores.all_kinds.match.gold,
    ) == (3, 3, 3)
    assert (
        scores.direct_mixed.match.matched,
        scores.direct_mixed.match.predicted,
        scores.direct_mixed.match.gold,
    ) == (1, 2, 2)


def test_each_kind_is_also_scored_alone_with_its_speaker_accuracy():
    gold = [
        gold_quote("we are ready", kind="direct"),
        gold_quote("ready to talk", kind="mixed"),
        gold_quote("the talks would resume", kind="indirect", speaker="Jonas Dahl"),
    ]
    predicted = [
        predicted_quote("we are ready", kind="direct"),
        predicted_quote("ready to talk", kind="indirect"),  # wrong kind: in neither mixed nor indirect
        predicted_quote("the talks would resume", kind="indirect"),  # speaker Anna Berg is wrong
    ]
    scores = quotes(gold, predicted)
    counts = {
        kind: (
            getattr(scores, kind).match.matched,
            getattr(scores, kind).match.predicted,
            getattr(scores, kind).match.gold,
        )
        for kind in ("direct", "mixed", "indirect")
    }
    assert counts == {"direct": (1, 1, 1), "mixed": (0, 0, 1), "indirect": (1, 2, 1)}
    assert (scores.indirect.speaker.hits, scores.indirect.speaker.total) == (0, 1)
    assert set(scores.to_dict()) >= {"all_kinds", "direct_mixed", "direct", "mixed", "indirect"}


# ------------------------------------------------------------------------------------------- actors


def test_actor_matches_first_predicted_actor_by_folded_name_or_mention():
    gold = [
        {
            "name": "Anna Berg",
            "mentions": ["Anna Berg", "Ms. Berg"],
            "country": "NOR",
            "sector": "GOV",
            "kind": "person",
        },
        {
            "name": "Jonas Dahl",
            "mentions": ["Jonas Dahl"],
            "country": "CHL",
            "sector": None,
            "kind": "person",
        },
        {
            "name": "the Arctic Council",
            "mentions": ["the Arctic Council"],
            "country": None,
            "sector": "IGO",
            "kind": "igo",
        },
    ]
    predicted = [
        {
            "name": "Berg",
            "country": "SWE",
            "sector": "GOV",
            "mentions": [{"text": "MS BERG", "start": 0, "end": 7}],
        },
        {"name": "Anna Berg", "country": "NOR", "sector": "GOV", "mentions": []},
        {"name": "JONAS DAHL.", "country": "CHL", "sector": "BUS", "mentions": []},
        {
            "name": "Arctic Council",
            "country": None,
            "sector": "IGO",
            "mentions": [],
        },  # not the gold mention's words
    ]
    scores, misses = ev.score_actors(gold, predicted)
    assert scores.recall == ev.Ratio(2, 3)
    assert scores.country == ev.Ratio(1, 2)  # first match is the Swedish "Berg"; Dahl's gold sector is null
    assert scores.sector == ev.Ratio(1, 1)
    kinds = sorted(m.kind for m in misses)
    assert kinds == ["false positive", "false positive", "missed", "wrong country"]


# ------------------------------------------------------------------------------------------- body


BODY_GOLD = {
    "id": "b",
    "text": "...",
    "body_must_exclude": ["Share this story"],
    "credits": ["Lena Holm contributed reporting from Oslo."],
}


@pytest.mark.parametrize(
    ("body", "credits", "passed"),
    [
        ("The ministers met.", ["Lena Holm contributed reporting from Oslo."], True),
        ("The ministers met.", ["LENA HOLM contributed reporting from Oslo"], True),  # credits compare folded
        (
            "The ministers met.",
            ["Reporting by", "Lena Holm contributed", "reporting from Oslo."],
            True,
        ),  # joined
        ("The ministers met. Share this story", ["Lena Holm contributed reporting from Oslo."], False),
        (
            "The ministers met. share this story",
            ["Lena Holm contributed reporting from Oslo."],
            True,
        ),  # raw, case-sensitive
        ("The ministers met.", [], False),
        (
            "The ministers met.\nLena Holm contributed  reporting from Oslo.",
            ["Lena Holm contributed reporting from Oslo."],
            False,
        ),
    ],
)
def test_body_cleaning(body, credits, passed):
    assert ev.body_passes(BODY_GOLD, {"body": body, "credits": credits})[0] is passed


# ------------------------------------------------------------------------------------------- documents, pairing


def gold_document(doc_id, **sections):
    return {"id": doc_id, "title": "T", "published": "2024-05-06", "text": SENTENCE, **sections}


def prediction(doc_id, **parts):
    return {
        "article": {"id": doc_id, "body": SENTENCE, "credits": []},
        "actors": [],
        "events": [],
        "quotes": [],
        **parts,
    }


def test_pairing_by_id_else_by_order():
    golds = [gold_document("one"), gold_document("two"), gold_document("three")]
    by_id = [prediction("three"), prediction("one"), prediction("two")]
    assert [p["article"]["id"] for p in ev.pair(golds, by_id)] == ["one", "two", "three"]
    by_order = [prediction("x1"), prediction("x2")]
    assert [p and p["article"]["id"] for p in ev.pair(golds, by_order)] == ["x1", "x2", None]
    # a prediction carrying another gold document's id is not taken by position
    assert [p and p["article"]["id"] for p in ev.pair(golds[:2], [prediction("two"), prediction("y")])] == [
        None,
        "two",
    ]


def test_sections_the_gold_does_not_annotate_are_not_scored():
    gold = gold_document("q", quotes=[gold_quote("we are ready")])
    predicted = prediction(
        "q",
        events=[predicted_event()],
        actors=[{"name": "Anna Berg", "mentions": []}],
        quotes=[predicted_quote("we are ready")],
    )
    scores = ev.score_document(gold, predicted)
    assert scores.events.documents == 0 and scores.events.relaxed.predicted == 0
    assert scores.actors.recall.total == 0 and scores.body.total == 0
    assert scores.quotes.all_kinds.match.matched == 1
    annotated_empty = ev.score_document(
        gold_document("e", events=[]), prediction("e", events=[predicted_event()])
    )
    assert annotated_empty.events.relaxed.predicted == 1


def test_totals_are_micro_averaged():
    golds = [
        gold_document("a", events=[gold_event()]),
        gold_document("b", events=[gold_event(), gold_event(plover=["AID"])]),
    ]
    predictions = [
        prediction("a", events=[predicted_event()]),
        prediction("b", events=[predicted_event(plover="AID"), predicted_event(plover="SANCTION")]),
    ]
    grand = ev.total(ev.score_documents(golds, predictions))
    assert (
        grand.documents,
        grand.events.relaxed.matched,
        grand.events.relaxed.predicted,
        grand.events.relaxed.gold,
    ) == (2, 2, 3, 3)


# ------------------------------------------------------------------------------------------- the command


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def gold_file(tmp_path):
    return write_jsonl(
        tmp_path / "mine.gold.jsonl",
        [
            gold_document(
                "d1",
                events=[gold_event(), gold_event(status="negated", plover=["AID"])],
                quotes=[gold_quote("we are ready")],
            ),
            gold_document("d2", events=[gold_event(plover=["AGREE"])], quotes=[]),
        ],
    )


def test_command_scores_saved_predictions_as_json(gold_file, tmp_path, capsys):
    predictions = write_jsonl(
        tmp_path / "out.jsonl",
        [
            prediction("d2", events=[predicted_event(plover="AGREE")]),
            prediction(
                "d1",
                events=[predicted_event(), predicted_event(plover="AID", status="occurred")],
                quotes=[predicted_quote("we are ready")],
            ),
        ],
    )
    code = cli.main(["evaluate", str(gold_file), "--predictions", str(predictions), "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    relaxed = data["files"][0]["events"]["relaxed"]
    assert (relaxed["matched"], relaxed["predicted"], relaxed["gold"]) == (2, 3, 3)
    assert relaxed["precision"] == pytest.approx(2 / 3)
    assert data["files"][0]["events"]["negated_as_occurred"] == 1
    assert data["total"]["quotes"]["all_kinds"]["speaker_accuracy"] == {"value": 1.0, "hits": 1, "total": 1}
    assert [d["id"] for d in data["files"][0]["per_document"]] == ["d1", "d2"]


def test_command_prints_a_table_and_misses(gold_file, tmp_path, capsys):
    predictions = write_jsonl(
        tmp_path / "out.jsonl",
        [prediction("d1", events=[predicted_event(plover="SANCTION", evidence="Norway imposed sanctions.")])],
    )
    code = cli.main(["evaluate", str(gold_file), "--predictions", str(predictions), "--show-misses"])
    out = capsys.readouterr().out
    assert code == 0
    assert "events relaxed" in out and "quotes direct+mixed" in out
    assert "| events | missed |" in out and FRAGMENT in out
    assert "| events | false positive |" in out and "Norway imposed sanctions." in out
    assert "| quotes | missed |" in out


def test_command_reports_a_bad_gold_line_and_scores_the_other_files(gold_file, tmp_path, capsys):
    bad = tmp_path / "bad.gold.jsonl"
    bad.write_text(json.dumps(gold_document("ok")) + "\n{not json\n", encoding="utf-8")
    predictions = write_jsonl(tmp_path / "out.json", [])
    predictions.write_text("[]", encoding="utf-8")
    code = cli.main(["evaluate", str(bad), str(gold_file), "--predictions", str(predictions)])
    captured = capsys.readouterr()
    assert code == 1
    assert f"{bad}:2: not JSON" in captured.err
    assert str(gold_file) in captured.out and str(bad) not in captured.out


def test_command_runs_the_extractor_on_text_and_metadata_only(gold_file, monkeypatch, capsys):
    from communique import pipeline

    seen = []

    def fake_analyze_many(articles):
        for article in articles:
            seen.append(article)
            yield Analysis(article=article)

    monkeypatch.setattr(pipeline, "analyze_many", fake_analyze_many)
    assert cli.main(["evaluate", str(gold_file), "--json"]) == 0
    assert [(a.id, a.title, a.published) for a in seen] == [
        ("d1", "T", "2024-05-06"),
        ("d2", "T", "2024-05-06"),
    ]
    assert all(isinstance(a, Article) and SENTENCE in a.body for a in seen)
    assert json.loads(capsys.readouterr().out)["total"]["events"]["relaxed"]["gold"] == 3


def test_command_goes_on_when_the_extractor_fails_on_one_article(gold_file, monkeypatch, capsys):
    from communique import pipeline

    def failing_batch(articles):
        raise RuntimeError("batch broke")
        yield  # pragma: no cover

    def analyze_one(article):
        if article.id == "d1":
            raise ValueError("cannot parse")
        return Analysis(article=article)

    monkeypatch.setattr(pipeline, "analyze_many", failing_batch)
    monkeypatch.setattr(pipeline, "analyze", analyze_one)
    assert cli.main(["evaluate", str(gold_file)]) == 1
    captured = capsys.readouterr()
    assert f"{gold_file}:1: extractor failed: ValueError: cannot parse" in captured.err
    assert "events relaxed" in captured.out


def test_gold_sentences_that_locate_no_single_place_are_warned_about(tmp_path, capsys):
    gold = gold_document(
        "w", events=[gold_event(id="E1", sentence="met in Bergen"), gold_event(id="E2", sentence="in")]
    )
    path = write_jsonl(tmp_path / "w.gold.jsonl", [gold])
    predictions = write_jsonl(tmp_path / "out.jsonl", [prediction("w")])
    assert cli.main(["evaluate", str(path), "--predictions", str(predictions)]) == 0
    err = capsys.readouterr().err
    assert f"{path}:1: event E1: its sentence is not in the text" in err
    assert "event E2: its sentence occurs 2 times in the text" in err


@pytest.mark.skipif(not (SHARED / "eval" / "seed.gold.jsonl").exists(), reason="needs ../shared/eval")
def test_command_evaluates_the_seed_gold(capsys):
    assert cli.main(["evaluate", str(SHARED / "eval" / "seed.gold.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "seed.gold.jsonl: 1 document" in out
    assert "events relaxed" in out and "actors: recall" in out and "body cleaning passed" in out


def test_a_null_gold_country_is_not_known_and_accepts_any_predicted_country():
    gold = [gold_event(target={"country": None, "sector": "OPP", "name": None})]
    assert events(gold, [predicted_event(target=side("CHL", "OPP"))]).strict.matched == 1
    assert events(gold, [predicted_event(target=side(None, "OPP"))]).strict.matched == 1
    assert events(gold, [predicted_event(target=side("CHL", "GOV"))]).relaxed.matched == 1
    assert events(gold, [predicted_event(target=side("CHL", "GOV"))]).strict.matched == 0
    assert events(gold, [predicted_event(target=None)]).relaxed.matched == 0


def test_by_class_counts_recall_per_type_and_misses_by_cause():
    gold = [
        gold_event(id="E1"),
        gold_event(id="E2", plover=["ACCUSE"]),
        gold_event(id="E3", plover=["REQUEST"], target={"country": "CHL", "sector": None, "name": None}),
        gold_event(id="E4", sentence="not in any evidence", plover=["AID"]),
        gold_event(id="E5", plover=["REJECT"], status="negated"),
    ]
    predicted = [
        predicted_event(),  # E1 matched
        predicted_event(plover="SANCTION"),  # E2: only another type there
        predicted_event(plover="REQUEST", target=side("PER", "GOV")),  # E3: right type, wrong target
        predicted_event(plover="REJECT"),  # E5: occurred for a negated event
    ]
    scores = events(gold, predicted)
    assert scores.by_type["CONSULT"] == ev.Ratio(1, 1) and scores.by_type["AID"] == ev.Ratio(0, 1)
    assert scores.miss_causes == {
        "wrong type": 1,
        "wrong target": 1,
        "no event in the sentence": 1,
        "wrong status": 1,
    }
    assert "miss_causes" in scores.to_dict() and (scores + scores).miss_causes["wrong type"] == 2
