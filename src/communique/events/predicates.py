"""Candidate predicates: a verb or event noun of the lexicon whose sense fits the sentence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from .. import ontology
from ..actors import PLACE
from ..model import ActorRef
from .arguments import _same, _speech_setting
from .lexicon import Sense
from .words import NON_STATE_ARMED


@dataclass
class _Candidate:
    trigger: Token
    sense: Sense
    sources: list[ActorRef]
    targets: list[ActorRef]
    place: ActorRef | None


def _named_event(token: Token) -> bool:
    """ "held the Malabar Joint Maritime Exercise", "the Singapore Summit": an event noun capitalised in a name."""
    return (
        token.pos_ == "PROPN"
        and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")
        and any(c.dep_ == "compound" for c in token.children)
    )


def _fills(child: Token, needs: tuple[str, ...]) -> bool:
    """Whether a dependent is one a sense needs; a question ("asked whether ...") is no request."""
    if child.dep_ == "prep":
        return child.lower_ in needs
    if child.dep_ in needs:
        return not any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in child.children)
    return False


class Predicates:
    """Finding predicates: which verb or noun is an event, in which sense of the lexicon."""

    def _candidates(self, token: Token) -> Iterable[_Candidate]:
        # "the fighting", and "Fighting between X and Y intensified": a gerund that names the act
        as_noun = token.pos_ == "VERB" and (
            any(c.dep_ == "det" and c.i < token.i for c in token.children)
            or (
                token.tag_ == "VBG"
                and token.dep_ in ("nsubj", "csubj", "nsubjpass")
                and token.lemma_.lower() in self.lex.nouns
            )
        )
        # "Iran said it was ready to resume talks": a predicative adjective with a sense of its own
        predicative = token.pos_ == "ADJ" and token.dep_ == "acomp"
        if (token.pos_ == "VERB" or predicative) and not as_noun:
            senses = self.lex.verbs.get(self.lex.lemma(token))
            if senses:
                cand = self._first_fit(token, senses, self._verb_candidate)
                if cand is not None:
                    yield cand
                    return
            for c in token.children:
                sense = self.lex.adverbs.get(c.lower_) if c.dep_ in ("advmod", "prt") else None
                if sense is not None:
                    cand = self._verb_candidate(token, sense)
                    if cand is not None:
                        yield cand
                    return
        elif token.pos_ == "NOUN" or as_noun or _named_event(token):
            senses = self.lex.nouns.get(token.lemma_.lower())
            if senses:
                cand = self._first_fit(token, senses, self._noun_candidate)
                if cand is not None:
                    yield cand
                    return

    def _first_fit(self, token: Token, senses: list[Sense], candidate) -> _Candidate | None:
        """The first sense whose candidate can make an event (a source, and a target where the sense needs
        one); else the first candidate at all, whose arguments may still come from what the text said
        before ("those ties were upgraded")."""
        first = None
        for sense in senses:
            cand = candidate(token, sense)
            if cand is None:
                continue
            if cand.sources and (
                cand.targets or not sense.target or sense.target_optional or sense.symmetric
            ):
                return cand
            first = first or cand
        return first

    def _has_particles(self, token: Token, particles: tuple[str, ...]) -> bool:
        words = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "advmod", "dobj", "npadvmod")}
        # "called for the Taliban to lift the ban": the parser makes "for" the mark of the clause
        words |= {m.lower_ for c in token.children if c.dep_ in ("advcl", "ccomp", "xcomp")
                  for m in c.children if m.dep_ == "mark" and m.i == c.left_edge.i}  # fmt: skip
        return all(p in words for p in particles)

    def _verb_candidate(self, token: Token, sense: Sense) -> _Candidate | None:
        if sense.particles and not self._has_particles(token, sense.particles):
            return None
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) or _reduced_passive(token)
        if sense.passive_only and not passive:
            return None
        # "stripped 94 critics of their citizenship": the parser may hang the phrase on the object
        holders = [token, *(c for c in token.children if c.dep_ == "dobj")]
        if sense.prep and not any(
            c.dep_ == "prep" and c.lower_ == sense.prep for h in holders for c in h.children
        ):
            return None
        if sense.object is not None and not (self._object_words(token, sense) & sense.object):
            return None
        if sense.object_prep and not self._object_prep_fits(token, sense):
            return None
        if sense.complement_quad is not None and sense.complement_quad not in self._complement_quads(token):
            return None
        if sense.needs and not any(_fills(c, sense.needs) for c in token.children):
            return None
        sources = self._verb_sources(token, passive)
        if not sources and passive and sense.cameo.startswith("15"):
            # "45,000 police were deployed across France": forces put on a footing are their state's show
            sources = [r for c in token.children if c.dep_ == "nsubjpass" for r in self._refs(c)
                       if r.sector in ("MIL", "COP")]  # fmt: skip
        if not sources and not passive and ontology.quad_class(sense.cameo) == 4:
            sources = self._armed_they(token)
        if sense.subject_sectors is not None and not any(s.sector in sense.subject_sectors for s in sources):
            return None
        if sense.source_kinds is not None and not any((s.kind or "") in sense.source_kinds for s in sources):
            return None
        if sense.default_target == "GOV" and all(s.kind == "person" and s.sector == "CVL" for s in sources):
            return None  # a protest, a riot, a strike is many people's; one private person's act is none
        targets, place = self._targets(token, sense, passive, sources)
        if (
            targets
            and ontology.quad_class(sense.cameo) == 4
            and all(any(_same(s, t) for t in targets) for s in sources)
        ):
            # "villagers described the Islamic State's raid. 'They killed 12 villagers'": not the villagers
            sources = self._armed_they(token) or sources
        if targets and sense.symmetric and len(sources) >= 2:
            # "Japan and South Korea agreed to share data on North Korean launches": what two sides agree
            # on is a topic; the two are each other's party
            topics = [t for t in targets if self._topic(t, token)]
            if len(topics) == len(targets):
                targets = []
        if targets is None and sense.symmetric and len(sources) >= 2:
            targets = []  # "Duterte and Suga spoke by phone": the two subjects are the two sides
        if targets is None:
            return None
        return _Candidate(token, sense, sources, targets, place)

    def _topic(self, ref: ActorRef, trigger: Token) -> bool:
        """Whether an actor is named in a phrase of what is talked about ("on", "about", "over") under the
        trigger's complement."""
        if ref.start is None:
            return False
        span = self.doc.char_span(ref.start, ref.end, alignment_mode="expand")
        if span is None:
            return False
        node = span.root
        for _ in range(4):
            if node.dep_ == "pobj" and node.head.lower_ in ("on", "about", "over", "regarding"):
                return True
            if node.head.i == node.i or node.head.i == trigger.i:
                return False
            node = node.head
        return False

    def _noun_candidate(self, token: Token, sense: Sense) -> _Candidate | None:
        if token.dep_ == "compound":
            return None
        if sense.light_verbs is not None and not (
            self.lex.lemma(token.head) in sense.light_verbs and token.dep_ == "dobj"
        ):
            return None
        if sense.prep and not any(c.dep_ == "prep" and c.lower_ == sense.prep for c in token.children):
            return None  # "calls for a ceasefire" is no "a call with the president"
        if sense.object is not None and not (
            {g.lemma_.lower() for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj"} & sense.object
        ):  # fmt: skip
            return None  # "the easing of restrictions", not "of tensions"
        modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
        if sense.modifier is not None and not modifiers & sense.modifier:
            return None
        undergone = self._undergone(token)
        if undergone is not None:
            return undergone if undergone.sources and undergone.targets else None
        sources: list[ActorRef] = []
        for how in sense.source:
            sources = self._noun_sources(token, how, sense.light_verbs)
            if sources:
                break
        if not sources and sense.symmetric:
            sources = self._hyphenated(token)
        if not sources:
            return None  # a bare "the visit": who visited is not said here
        if sense.source_kinds is not None and not any((s.kind or "") in sense.source_kinds for s in sources):
            return None
        if sense.subject_sectors is not None and not any(s.sector in sense.subject_sectors for s in sources):
            return None
        speech = _speech_setting(token, self.lex.lemma)
        # "Macron told Putin in a phone call", "X and Y told Trump in phone conversations": whom they told
        told = (
            [r for c in speech.children if c.dep_ in ("dobj", "dative") for r in self._refs(c)]
            if speech
            else []
        )
        if sense.symmetric and len(sources) >= 2 and not told:
            return _Candidate(token, sense, sources, [], None)  # "the clash between X and Y"
        targets, place = self._targets(token, sense, passive=False, sources=sources)
        targets = targets or told
        if not targets:
            targets = self._insurgency_target(token, sense, sources)
        if not targets and sense.target_optional:
            return _Candidate(token, sense, sources, [], place)  # "Israel's mobilization of reservists"
        if not targets:
            return None  # "Mr. Lukashenko's visit" alone repeats an event told elsewhere
        return _Candidate(token, sense, sources, targets, place)

    def _insurgency_target(self, token: Token, sense: Sense, sources: list[ActorRef]) -> list[ActorRef]:
        """ "The BLA claimed responsibility for the attack on the train": violence by an armed group, with no
        victim named as an actor, is against the country where it happens (the place the sentence names,
        else the group's own country)."""
        if sense.cameo[:2] not in ("18", "19", "20") or not sources:
            return []
        if not all(s.sector in NON_STATE_ARMED for s in sources):
            return []
        places = [
            r
            for t in token.sent
            for r in [self.index.ref(t)]
            if r is not None and r.kind in (PLACE, "country") and r.country
        ]
        country = places[0].country if places else sources[0].country or self.index.focus_country
        if country is None:
            return []
        return [ActorRef(name=country, text="", country=country, sector=None, code=country, kind="group")]

    def _undergone(self, noun: Token) -> _Candidate | None:
        """ "Israel faced criticism from Turkey", "the convoy came under attack from rebels": the subject
        of a verb of undergoing is the target; the "from" or "by" phrase, on the noun or the verb, the source."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ == "under":
            verb = verb.head
            if self.lex.lemma(verb) not in ("come", "be", "fall"):
                return None
        elif noun.dep_ != "dobj" or self.lex.lemma(verb) not in self.lex.undergo_verbs:
            return None
        sense = next(iter(self.lex.nouns.get(noun.lemma_.lower(), [])), None)
        if sense is None:
            return None
        givers = [g for h in (noun, verb) for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
                  for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        sources = [r for g in givers for r in self._refs(g, agent=True)]
        subjects = self._subject_tokens(verb)
        targets = [r for t in subjects for r in self._refs(t) or [self._owner(t)] if r]
        # "the law has drawn criticism": of whoever made it; "the convoy came under attack": whom it carried
        targets = targets or [r for t in subjects for r in [self._doer_of(t, sources)] if r]
        if not targets and ontology.quad_class(sense.cameo) == 4:
            targets = [r for t in subjects for r in [self._civilians(t)] if r]
        return _Candidate(noun, sense, sources, targets, None)

    def _object_words(self, token: Token, sense: Sense) -> set[str]:
        words = set()
        # "the pact signed by Japan", "the diplomats expelled by Poland": a reduced relative's object is
        # the noun it modifies
        reduced = [token.head] if _reduced_passive(token) and token.head.i != token.i else []
        if (
            token.dep_ == "xcomp"
            and any(c.dep_ == "auxpass" for c in token.children)
            and not any(c.dep_ == "nsubjpass" for c in token.children)
        ):
            # "the agreement is expected to be signed": the governing passive's subject
            reduced = [c for c in token.head.children if c.dep_ == "nsubjpass"]
        for c in [*token.children, *reduced]:
            if (
                c.dep_ in ("dobj", "nsubjpass", "oprd")
                or c in reduced
                or (c.dep_ == "prep" and (sense.prep is None or c.lower_ == sense.prep))
            ):
                heads = [c] if c.dep_ != "prep" else [g for g in c.children if g.dep_ == "pobj"]
                heads += [g for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in ("of", "in")
                          for g in p.children if g.dep_ == "pobj"]  # fmt: skip
                for h in heads:
                    # "designated BLA a terrorist group": the parser may make the complement an apposition
                    for x in [h, *h.conjuncts, *(a for a in h.children if a.dep_ == "appos")]:
                        words.add(x.lemma_.lower())
                        words.add(x.lower_)
                        if x.ent_type_ == "MONEY" or x.lemma_.lower() in self.lex.currencies:
                            words.add("money")  # "disbursed 4.2 billion euros", "pledged $50 million"
                        compounds = [t.lower_ for t in x.lefts if t.dep_ in ("compound", "amod")]
                        if compounds:
                            words.add(" ".join([*compounds[-2:], x.lemma_.lower()]))
                            words.add(" ".join([*compounds[-1:], x.lemma_.lower()]))
        return words

    def _complement_quads(self, token: Token) -> set[int]:
        """QuadClasses of the acts a verb's infinitive complement names ("vowed to keep attacking" -> 4)."""
        quads = set()
        for c in token.children:
            if c.dep_ in ("xcomp", "ccomp"):
                for t in (c, *(g for g in c.children if g.dep_ == "xcomp")):
                    for sense in self.lex.verbs.get(self.lex.lemma(t), []):
                        quads.add(ontology.quad_class(sense.cameo))
        return quads

    def _object_prep_fits(self, token: Token, sense: Sense) -> bool:
        return any(
            c.dep_ == "prep"
            and c.lower_ == prep
            and any(g.lemma_.lower() in nouns for g in c.children if g.dep_ == "pobj")
            for prep, nouns in sense.object_prep
            for c in token.children
        )


def _reduced_passive(verb: Token) -> bool:
    """ "The journalists detained by police": a participle after a noun that is passive; but "Israeli
    airstrikes killed 30 people", parsed the same way, has an object of its own and is the main verb."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children)
