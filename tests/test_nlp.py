from __future__ import annotations

import pytest

from communique.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def sentences(nlp, text: str) -> list[str]:
    return [s.text for s in nlp(text).sents]


def test_a_sentence_never_runs_across_a_paragraph_break(nlp):
    assert sentences(nlp, "Talks resumed in Geneva\nThe envoy said progress was slow.") == [
        "Talks resumed in Geneva\n",
        "The envoy said progress was slow.",
    ]


def test_a_subheading_glued_to_the_next_sentence_is_split_off(nlp):
    text = "They were brought to justice. International reaction A State Department spokesperson expressed sorrow."
    assert sentences(nlp, text)[-1] == "A State Department spokesperson expressed sorrow."


def test_a_capitalised_article_inside_a_name_or_a_sentence_is_no_heading(nlp):
    assert len(sentences(nlp, "Officials met in The Hague on Monday.")) == 1
    assert len(sentences(nlp, "He read The New York Times every day.")) == 1
