"""The record of an attribution (a cue, its speaker, what it reports) and the parse tests cues share."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}


PLURAL_PRONOUNS = {"they", "we"}


_SUBJECTS = ("nsubj", "csubj")


# an attribution that is a modifier of another verb shares that verb's subject ("..., adding that ...")
_SHARES_SUBJECT = ("advcl", "xcomp", "conj", "pcomp")


_PHRASE_DEPS = ("compound", "flat", "nummod", "nmod", "prep", "case", "poss")  # what a speaker's name keeps


_CONTENT_DEPS = ("dobj", "oprd", "xcomp", "ccomp", "attr", "acomp", "dative")


@dataclass
class Attribution:
    """A cue, who it names as the source, and the token range of what it reports (if any)."""

    cue: Token
    cue_end: int  # token index after the cue words ("according to", "pointed out")
    speaker: Token | None
    content: tuple[int, int] | None  # token range, end exclusive
    quoted: list[int] = field(default_factory=list)  # indices of the segments it reports as fragments
    via: str = (
        ""  # how the content was found: clause, infinitive, object, preposition, parenthetical, according
    )


@dataclass
class _Quotation:
    segments: list[int]  # segment indices
    cue: Attribution | None = None
    continued: bool = False  # speaker taken from the previous quotation


def _finite_clause(token: Token) -> bool:
    """A clause with a tensed verb or introduced by "that"."""
    return (
        token.tag_ in ("VBD", "VBZ", "VBP", "MD")
        or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in token.children)
        or any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in token.children)
    )


def _reported_clause(token: Token) -> bool:
    """A finite clause with its own subject, introduced by nothing or by a question word."""
    marks = [c.lower_ for c in token.children if c.dep_ == "mark"]
    if marks and marks[0] not in ("whether", "if", "how", "why", "what", "when", "where", "who"):
        return False
    finite = token.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in token.children
    )
    return finite and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


def _puts_it(token: Token) -> bool:
    """The idiom of saying "put it" ("as she put it", "he put it this way")."""
    doc = token.doc
    return token.lemma_.lower() == "put" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "it"


def _passive(token: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in token.children)


def _is_infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
