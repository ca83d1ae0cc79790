"""Status: occurred, expected, hypothetical, negated or alleged, from the words around a predicate."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import ActorRef, TimeRef
from .words import COMPLEMENT_DEPS, CUE_DEPS, HEARSAY, MODAL_STATUS, REPORTING_VERBS, STATUS_RANK


def _is_condition(clause: Token) -> bool:
    """Whether a clause is an if- or unless-clause (by its own mark)."""
    return any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children)


def _condition(trigger: Token) -> Token | None:
    """The if-clause that governs the predicate ("if X, he will impose ..."), if any."""
    node = trigger
    for _ in range(4):
        for c in node.children:
            if c.dep_ == "advcl" and _is_condition(c):
                return c
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _describes_habit(trigger: Token) -> bool:
    """ "InterDots, a company that provides immigration services to Hong Kongers": a relative clause in
    the simple present says what someone does as a rule, which describes them; it reports no event."""
    said = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" else trigger  # "provides aid"
    verb = said
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "a group that arms and trains militias"
    if verb.dep_ != "relcl" or said.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in said.children)


def _reported_future(verb: Token) -> bool:
    """ "announced that it would cease": a past "will", reported; not a condition."""
    head = verb.head
    return verb.dep_ == "ccomp" and head.tag_ in ("VBD", "VBG", "VBN") and head.lemma_ in REPORTING_VERBS


def _after_comma_and(verb: Token) -> bool:
    doc = verb.doc
    cc = [c for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i]
    return bool(cc) and cc[-1].i > 0 and doc[cc[-1].i - 1].text == ","


def _is_present_or_future(verb: Token) -> bool:
    """ "is expected to" plans; "was expected to" reports what did or did not happen."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return not any(a.tag_ == "VBD" for a in auxes) and verb.tag_ != "VBD"


def _after(date: TimeRef | None, published: str | None) -> bool:
    """Whether a date the text gives lies after the article's date."""
    if date is None or date.from_article or not date.value or not published:
        return False
    value = date.value[:10]
    return value > published[: len(value)]


class Status:
    """What a sentence says of an event: occurred, expected, hypothetical, negated or alleged."""

    def _status(self, trigger: Token) -> str:
        """occurred, expected, hypothetical, negated or alleged, from the trigger and the verbs above it."""
        status = "occurred"

        def bump(new: str) -> None:
            nonlocal status
            if STATUS_RANK[new] > STATUS_RANK[status]:
                status = new

        # on the trigger itself: negation, modals, "no sanctions", a condition, "allegedly"
        for c in trigger.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                bump("negated")
            elif c.dep_ in ("nsubj", "nsubjpass", "dobj") and _nobody(c):
                bump("negated")  # "No country has recognized the Taliban", "sent no troops"
            elif c.dep_ == "advmod" and c.lower_ in HEARSAY:
                bump("alleged")
            elif c.dep_ == "aux" and c.lower_ in MODAL_STATUS:
                bump(
                    "expected"
                    if c.lower_ == "would" and _reported_future(trigger)
                    else MODAL_STATUS[c.lower_]
                )
            elif c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                bump("hypothetical")
            elif (
                c.dep_ == "advcl"
                and _is_condition(c)
                and self.lex.lemma(trigger) not in self.lex.conditional_acts
            ):
                bump("hypothetical")  # "if Europe follows through, he will impose"; but a threat is made
        if (
            trigger.dep_ == "conj"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in trigger.children)
            and any(c.dep_ == "neg" for c in trigger.head.children)
        ):
            bump("negated")  # "did not attack or shell the town": the negation covers both
        if trigger.dep_ == "acomp" and any(c.dep_ == "neg" for c in trigger.head.children):
            bump("negated")  # "was not ready to resume talks": the copula carries the negation
        if (
            trigger.dep_ == "acl"
            and trigger.head.pos_ == "NOUN"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
            and self.lex.lemma(trigger.head) not in self.lex.status_cues
        ):
            bump("hypothetical")  # "a campaign to expel its forces": what the campaign is for, not yet done
        if trigger.dep_ == "pcomp" and trigger.head.lower_ == "without":
            bump("negated")  # "left without meeting the president"
        if trigger.dep_ == "xcomp" and any(c.lower_ == "yet" for c in trigger.head.children):
            bump("negated")  # "has yet to meet", "is yet to sign": it has not happened
        if trigger.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in trigger.children
        ):
            bump("hypothetical")
        # the verbs it is the complement of
        node = trigger
        for _ in range(8):
            head = node.head
            dep = _complement_dep(node)
            if head.i == node.i or dep not in COMPLEMENT_DEPS:
                break
            if dep == "conj" and head.dep_ == "ccomp" and _after_comma_and(node):
                # "denied that it had X, and has accused Y": the parser hangs "accused" inside the
                # that-clause; news syntax coordinates it with "denied"
                node = head.head
                continue
            lemma = self.lex.lemma(head)
            # "the EU may raise tariffs": the verb an event noun is the object of says whether it happens
            light = (
                node is trigger
                and trigger.pos_ == "NOUN"
                and dep in ("dobj", "nsubjpass")
                and head.pos_ == "VERB"
            )
            # a verb colours what it governs as its complement, not a clause that only modifies it
            cue = self.lex.status_cues.get(lemma) if dep in CUE_DEPS else None
            needs = self.lex.cue_needs.get(lemma)
            if cue and needs and not any(c.dep_ in needs or c.lower_ in needs for c in head.children):
                cue = None  # "held joint exercises" is no "held X responsible for"
            if lemma == "suppose" and dep == "xcomp":
                # "were supposed to sign": it did not happen; "is supposed to sign": it is planned
                cue = "expected" if _is_present_or_future(head) else "negated"
            if head.pos_ in ("VERB", "ADJ", "NOUN") and cue and dep != "conj":
                if lemma in ("expect", "set", "due", "schedule") and not _is_present_or_future(head):
                    cue = None
                if cue:
                    bump(cue)
            for c in head.children:
                if dep in CUE_DEPS and c.dep_ == "neg" and head.pos_ == "VERB":
                    bump("negated")
                elif (
                    dep in ("acl", "ccomp", "relcl")
                    and head.pos_ == "NOUN"
                    and c.dep_ == "det"
                    and c.lower_ == "no"
                ):
                    bump("negated")  # "there is no evidence that Iran supplied the drones", "no plan to meet"
                elif c.dep_ == "aux" and c.lower_ in MODAL_STATUS and (dep == "xcomp" or light):
                    bump(MODAL_STATUS[c.lower_])
                elif light and c.dep_ == "advcl" and _is_condition(c):
                    bump("hypothetical")  # "if talks fail, the EU may raise tariffs"
            if head.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in head.children
            ):
                bump("hypothetical")
            node = head
        return status

    def _threat(self, trigger: Token, target: ActorRef) -> bool:
        """A coercive act on a condition the target controls is a threat: "if Europe follows through, he
        will impose tariffs"; "if elected, she would cut ties" is a promise to voters, not a threat."""
        condition = _condition(trigger)
        if condition is None:
            return False
        subjects = [r for c in condition.children if c.dep_ in ("nsubj", "nsubjpass") for r in self._refs(c)]
        return any(
            r.country == target.country or (r.actor_id and r.actor_id == target.actor_id) for r in subjects
        )


def _complement_dep(node: Token) -> str:
    """ "called for the Taliban to lift the ban": a for-clause the parser hangs as an adverbial is the
    verb's complement."""
    if node.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" and m.i == node.left_edge.i
                                    for m in node.children):  # fmt: skip
        return "ccomp"
    return node.dep_


def _nobody(subject: Token) -> bool:
    """A subject that says no one did it: "no country", "nobody", "none of the members", "neither side"."""
    if subject.lower_ in ("nobody", "none", "neither", "noone", "nothing"):
        return True
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in subject.children)
