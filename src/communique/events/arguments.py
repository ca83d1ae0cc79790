"""Arguments: the source and target actors of a predicate."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from spacy.tokens import Token

from .. import gazetteer, ontology
from ..actors import PERSON, PLACE
from ..model import ActorRef
from .lexicon import Sense
from .status import _is_condition
from .words import (
    ANTECEDENT_DEPS,
    CARRYING,
    CHARGES,
    CIVILIAN_PLACES,
    CLAIMS,
    DOCUMENTS,
    EQUIPMENT,
    FIRST_PERSON,
    GENERIC_DEEDS,
    GROUP_WORDS,
    HOSTED,
    HOSTING,
    LEGAL_CHARGES,
    NUMBER_WORDS,
    OBJECT_PRONOUNS,
    QUANTITY_WORDS,
    RELATION_NOUNS,
    RELATIONAL_PEOPLE,
    RELATIVE_PRONOUNS,
    REPORTING_VERBS,
    SIDE_WORDS,
    SITES,
)


def _speech_setting(noun: Token, lemma) -> Token | None:
    """ "Macron told Putin in a phone call", "said during talks with Zelensky", "said after a meeting with
    Biden": the verb of saying whose words the meeting is the setting of; the speaker took part in it."""
    prep = noun.head
    if (
        noun.dep_ != "pobj"
        or prep.lower_ not in ("in", "during", "after", "at", "on")
        or prep.head.pos_ != "VERB"
    ):
        return None
    verb = prep.head
    return (
        verb
        if lemma(verb) in REPORTING_VERBS and not any(c.dep_ == "auxpass" for c in verb.children)
        else None
    )


def _agentless_passive(trigger: Token, passive: bool = False) -> bool:
    """ "were killed", "had been freed": a passive (or one the caller knows of) that does not say by whom."""
    deps = {c.dep_ for c in trigger.children}
    return (passive or bool(deps & {"auxpass", "nsubjpass"})) and "agent" not in deps


def _group_size(token: Token) -> int | None:
    """How many actors "the two countries", "both sides", "the trio", "the pair" stand for."""
    lemma = token.lemma_.lower()
    if lemma in ("trio", "pair", "duo") and any(c.lower_ in ("the", "this") for c in token.children):
        return {"trio": 3, "pair": 2, "duo": 2}[lemma]
    if lemma in GROUP_WORDS:
        for c in token.children:
            if c.lower_ in NUMBER_WORDS and c.dep_ in ("nummod", "det", "amod", "predet", "quantmod"):
                return NUMBER_WORDS[c.lower_]
    return None


def _claimed_deed(noun: Token) -> Token | None:
    """The verb of "X claimed responsibility for the attack" when ``noun`` is the attack."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for":
        return None
    claim = prep.head
    if claim.lemma_.lower() in CLAIMS and claim.dep_ == "dobj":
        return claim.head
    return None


def _rejects_charges(trigger: Token) -> bool:
    """ "He rejects the charges", "authorities rejected those claims": a rejection whose object is a charge."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in CHARGES for c in trigger.children)


def _compounds(token: Token) -> list[Token]:
    """Noun modifiers before a noun and before its compounds: "the EU sanctions package" -> EU, sanctions."""
    out = []
    for c in token.lefts:
        if c.dep_ in ("compound", "nmod", "amod"):
            out += [c, *_compounds(c)]
    return out


def _is_nonfinite(verb: Token) -> bool:
    """An infinitive or participle clause ("to use", "crush", "highlighting"), which takes its subject from above."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and verb.tag_ not in ("VB",):
        return False
    return verb.tag_ in ("VB", "VBG", "VBN") or any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _country_anaphor(token: Token) -> bool:
    """ "the island", "the kingdom", "the country": a bare definite noun that stands for a country."""
    return (
        token.lemma_.lower() in ("island", "kingdom", "country", "republic")
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and not any(
            c.dep_ in ("amod", "compound", "poss", "prep", "nummod", "relcl", "acl") for c in token.children
        )
    )


def _as_country(ref: ActorRef) -> ActorRef:
    """A place as a target stands for its country ("arrived in Beijing" -> CHN)."""
    if ref.kind != PLACE or not ref.country:
        return ref
    return ActorRef(
        name=ref.name, text=ref.text, country=ref.country, sector=None, code=ref.country, kind=ref.kind,
        actor_id=ref.actor_id, start=ref.start, end=ref.end,
    )  # fmt: skip


def _entry_ref(entry: gazetteer.Entry, token: Token) -> ActorRef:
    """The actor a gazetteer entry names inside a word ("U.S.-Ukraine talks", "a Qatar-hosted meeting")."""
    state = entry.kind == gazetteer.COUNTRY
    sector = "GOV" if state else entry.sector
    code = entry.code if entry.code and not state else (entry.country or "") + (sector or "")
    return ActorRef(name=entry.name, text=token.text, country=entry.country, sector=sector, code=code,
                    kind=entry.kind, start=token.idx, end=token.idx + len(token.text))  # fmt: skip


def _same(a: ActorRef, b: ActorRef) -> bool:
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    return (
        a.kind != PERSON
        and b.kind != PERSON
        and a.country is not None
        and a.country == b.country
        and a.sector == b.sector
    )


def _key(ref: ActorRef | None) -> tuple:
    if ref is None:
        return (None,)
    return (ref.actor_id or ref.name, ref.country)


def _relation_noun(trigger: Token) -> str | None:
    """The relation a predicate is about: "agreed to diplomatic ties", "ties were upgraded"."""
    for c in trigger.children:
        heads = (
            [c]
            if c.dep_ in ("dobj", "nsubjpass")
            else [g for g in c.children if g.dep_ == "pobj"]
            if c.dep_ == "prep"
            else []
        )
        for h in heads:
            if h.lemma_.lower() in RELATION_NOUNS:
                return h.lemma_.lower()
    return None


class Arguments:
    """Sources and targets: the actors a predicate's subject, objects, possessor and phrases stand for."""

    def _subject_tokens(self, verb: Token, depth: int = 0, raising: bool = False) -> list[Token]:
        """The tokens that act as the subject of ``verb``, passed down from a governing verb if need be."""
        if depth > 6:
            return []
        # "Sudan's paramilitary(nsubj) Rapid Support Forces(nsubj) attacked": of two subjects, the noun
        children = sorted(verb.children, key=lambda c: c.dep_ == "nsubj" and c.pos_ == "ADJ")
        # "Egypt and Qatar are mediating": the parser may hang the subject on the auxiliary
        children += [g for c in verb.children if c.dep_ in ("aux", "auxpass") for g in c.children]
        for c in children:
            # a governing passive passes its subject down: "X is expected to meet"
            if c.dep_ in ("nsubj", "csubj") or (raising and c.dep_ == "nsubjpass"):
                if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return [verb.head]
                return [c]
            if c.dep_ == "agent":
                return [g for g in c.children if g.dep_ == "pobj"]
        # "Azerbaijan massed troops": the small parser sometimes takes a sentence-initial name for an adverb
        names = [c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i < verb.i]
        if names and names[0].is_sent_start:
            return names[:1]
        head = verb.head
        if head.i == verb.i:
            return []
        if (
            (verb.dep_ == "advcl" or verb.dep_ == "ccomp" and head.pos_ in ("NOUN", "PROPN"))
            and head.dep_ == "ROOT"
            and head.is_sent_start
            and self.index.actor_of(head) is not None
        ):
            return [head]  # "Trump at first imposed tariffs": the tagger took the name for the main verb
        if verb.dep_ == "advcl" and not _is_nonfinite(verb):
            return []  # "as protesters were killed", "after X left": a clause with its own subject
        if verb.dep_ in ("xcomp", "ccomp", "advcl", "acomp") or (verb.dep_ == "pcomp" and head.pos_ == "ADP"):
            governor = head.head if verb.dep_ == "pcomp" else head
            object_controls = self.lex.lemma(governor) in self.lex.object_control or (
                verb.dep_ == "pcomp" and head.lower_ in ("of", "for", "into", "from")
            )
            if object_controls and verb.dep_ != "advcl":
                if governor.lemma_.lower() in CLAIMS and governor.dep_ == "dobj":
                    # "took credit for attacking": who claims the deed did it
                    return self._subject_tokens(governor.head, depth + 1)
                if governor.pos_ in ("NOUN", "PROPN"):
                    return [governor]  # "praised ECOWAS for activating": the preposition hangs on the noun
                obj = [c for c in governor.children if c.dep_ in ("dobj", "dative")]
                if obj and all(o.lemma_.lower() in CLAIMS for o in obj):
                    # "the BLA took credit for attacking", the "for" hung on the verb
                    return self._subject_tokens(governor, depth + 1)
                if obj:
                    return obj
            return self._subject_tokens(governor, depth + 1, raising=verb.dep_ == "xcomp")
        if verb.dep_ == "conj" or verb.dep_ == "acomp" and head.pos_ in ("AUX", "VERB"):
            return self._subject_tokens(head, depth + 1)  # "it is ready to accept": the one who is ready
        if verb.dep_ == "relcl":
            return [head]
        if (
            verb.dep_ == "acl"
            and head.pos_ in ("NOUN", "PROPN")
            and (verb.tag_ == "VBG" or verb.tag_ == "VBN" and any(c.dep_ == "dobj" for c in verb.children))
        ):
            return [head]  # "rebels fighting the president": the rebels fight; "airstrikes killed 30 people"
        if verb.dep_ == "acl" and head.pos_ == "NOUN":
            # "plans to help Russia": the plan's owner acts
            owner = [c for c in head.children if c.dep_ == "poss"]
            if owner:
                return owner
            if head.head.pos_ == "VERB":
                return self._subject_tokens(head.head, depth + 1)
        return []

    def _verb_sources(self, verb: Token, passive: bool) -> list[ActorRef]:
        if passive:
            # "demonstrators were killed": only a "by" phrase names who did it
            agents = [g for c in verb.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                      for g in c.children if g.dep_ in ("pobj", "pcomp")]  # fmt: skip
            if not agents:
                # "was threatened with the suspension of visa-free travel by the EU": the parser may hang the
                # "by" phrase on the last noun of the verb's own phrase
                nouns = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "over", "for")
                         for g in c.children if g.dep_ == "pobj"]  # fmt: skip
                nouns += [g for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj"]  # fmt: skip
                agents = [g for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ == "by"
                          for g in c.children if g.dep_ == "pobj"]  # fmt: skip
            return [r for t in agents for r in self._refs(t, agent=True) or self._doer(t)]
        return [
            r
            for t in self._subject_tokens(verb)
            for r in self._refs(t, agent=True) or self._doer(t) or self._author(t)
        ]

    def _author(self, document: Token) -> list[ActorRef]:
        """ "A report by Amnesty International accused ...", "China's new regulation bans ...", "the Council
        adopted a resolution ... The resolution calls on ...": a document acts for whoever issued it."""
        if document.lemma_.lower() not in DOCUMENTS:
            return []
        owner = self._owner(document, places=False)
        if owner is not None:
            return [owner]
        if not any(d.lower_ in ("the", "this", "that") for d in document.children):
            return []
        for t in reversed(self.doc[self._sentences_back(document, 3) : document.i]):
            if t.lemma_ == document.lemma_ and t.dep_ == "dobj":  # "adopted a resolution", "filed a lawsuit"
                return [r for s in self._subject_tokens(t.head) for r in self._refs(s, agent=True)]
        return []

    def _armed_they(self, verb: Token) -> list[ActorRef]:
        """ "... moments with the Baloch Liberation Army. 'They shot and killed people'": "they" who use force,
        when no subject before names them, are the armed group or force last named (two sentences back)."""
        if not any(t.lower_ in ("they", "them") for t in self._subject_tokens(verb)):
            return []
        armed = self._armed_named(range(verb.i - 1, self._sentences_back(verb, 2) - 1, -1), ("REB", "MIL"))
        return [armed] if armed is not None else []

    def _sentences_back(self, token: Token, n: int) -> int:
        """The first token of the sentence ``n`` sentences before the token's."""
        sents = self.index._sentences()
        return sents[max(0, self.index._sentence_index(token) - n)].start

    def _armed_named(self, positions, sectors, skip: Iterable[ActorRef] = ()) -> ActorRef | None:
        """The armed force or group (of ``sectors``) named at the first of the token ``positions`` that has
        one, and is not one of ``skip`` nor of their country and sector."""
        for i in positions:
            actor = self.index.actor_of(self.doc[i])
            if actor is None or actor.sector not in sectors or actor.kind not in ("organization", "group"):
                continue
            ref = self.index.ref(self.doc[i], agent=True)
            if ref is not None and not any(
                _same(ref, t) or (ref.country, ref.sector) == (t.country, t.sector) for t in skip
            ):
                return ref
        return None

    def _doer(self, thing: Token) -> list[ActorRef]:
        """ "The attack, carried out by Islamic State fighters, killed nine soldiers": who did the act that acts."""
        if thing.pos_ not in ("NOUN", "VERB") or thing.lemma_.lower() not in self.lex.nouns:
            return []
        ref = self._owner(thing, places=False)
        return [ref] if ref is not None else []

    def _noun_sources(
        self, noun: Token, how: str, light_verbs: frozenset[str] | None = None
    ) -> list[ActorRef]:
        if how == "poss":
            return [r for c in noun.children if c.dep_ == "poss" for r in self._refs(c, agent=True)]
        if how == "by":
            by = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
            after = noun.right_edge.i + 1
            if (
                not by
                and after < len(self.doc)
                and self.doc[after].lower_ == "by"
                and self.doc[after].dep_ == "prep"
            ):
                # "trips to Beijing by X": the parser often hangs the "by" phrase on the verb
                by = [self.doc[after]]
            if not by:
                # "the expulsion of two diplomats by Norway": or on the noun's "of" object
                by = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj" for p in g.children if p.dep_ == "prep" and p.lower_ == "by"]  # fmt: skip
            return [r for c in by for g in c.children if g.dep_ == "pobj" for r in self._refs(g, agent=True)]
        if how in ("compound", "amod"):
            return [r for c in noun.children if c.dep_ == how and c.i < noun.i
                    for r in [self._modifier_ref(c)] if r is not None]  # fmt: skip
        if how in ("between", "from", "of"):
            return [r for c in noun.children if c.dep_ == "prep" and c.lower_ == how
                    for g in c.children if g.dep_ == "pobj" for r in self._refs(g, agent=True)]  # fmt: skip
        if how == "light":
            head = noun.head
            if (
                noun.dep_ == "pobj"
                and head.head.dep_ == "dobj"
                and (head.lower_ == "of" or (head.lower_ == "in" and head.head.pos_ == "NUM"))
            ):
                # "led eight hours of talks", "held a round of talks", "announced $500 million in aid"
                noun, head = head.head, head.head.head
            if noun.dep_ == "dobj" and self.lex.lemma(head) in self.lex.light_verbs | (
                light_verbs or frozenset()
            ):
                return [r for t in self._subject_tokens(head) for r in self._refs(t, agent=True)]
            if (
                noun.dep_ == "pobj"
                and head.lower_ == "in"
                and (
                    self.lex.lemma(head.head) in ("participate", "engage")
                    or (head.head.lemma_ == "take" and any(c.lower_ == "part" for c in head.head.children))
                )
            ):
                # "took part in talks", "participated in the summit"
                return [r for t in self._subject_tokens(head.head) for r in self._refs(t, agent=True)]
            if noun.dep_ == "nsubjpass" and self.lex.lemma(head) in self.lex.light_verbs:
                # "joint patrols were held by China and Russia"
                return [r for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                        for r in self._refs(g, agent=True)]  # fmt: skip
            speech = _speech_setting(noun, self.lex.lemma)
            if speech is not None:
                return [r for t in self._subject_tokens(speech) for r in self._refs(t, agent=True)]
            # "the joint exercises held by Egypt and Saudi Arabia": a light verb's reduced relative; but
            # "talks between X and Y, hosted by Z" name their parties, and Z is a third
            held = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
                    and self.lex.lemma(c) in self.lex.light_verbs | (light_verbs or frozenset())]  # fmt: skip
            if held and not any(c.dep_ == "prep" and c.lower_ == "between" for c in noun.children):
                return [r for c in held[0].children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                        for r in self._refs(g, agent=True)]  # fmt: skip
            claimed = _claimed_deed(noun)
            if claimed is not None:
                return [r for t in self._subject_tokens(claimed) for r in self._refs(t, agent=True)]
        return []

    def _doer_of(self, deed: Token, sources: list[ActorRef]) -> ActorRef | None:
        """Who did the act a bare event noun names ("the attack"), by the latest event of its CAMEO root
        coded before it; never the one who speaks of it."""
        if not any(
            d.dep_ == "det" and d.lower_ in ("the", "this", "that", "these", "those") for d in deed.children
        ):
            return None  # "an attack", "attacks" in general: no particular deed
        lemma = deed.lemma_.lower()
        roots = {s.cameo[:2] for s in self.lex.nouns.get(lemma, [])}
        if lemma in GENERIC_DEEDS:
            # "Washington denounced the move": whatever was last done, but a statement is no move
            doer = next(
                (src for i, code, src, _ in reversed(self.deeds)
                 if i < deed.i and code[:2] != "01" and not any(_same(src, s) for s in sources)),
                None,
            )  # fmt: skip
        else:
            doer = next(
                (src for i, code, src, _ in reversed(self.deeds) if i < deed.i and code[:2] in roots), None
            )
        if doer is None or any(_same(doer, s) for s in sources):
            return None
        return doer

    def _accuser_of(self, accused: ActorRef) -> ActorRef | None:
        """Who accused this actor earlier in the article: by the same actor, else by its country ("the United
        States accused China ... Beijing denied the accusations")."""
        if _key(accused) in self.accusers:
            return self.accusers[_key(accused)]
        # "lawmakers impeached him ... he denied all the charges": whoever last acted against them
        against = next(
            (src for _, code, src, tgt in reversed(self.deeds)
             if tgt is not None and code[:2] in ("11", "16", "17") and _same(tgt, accused)),
            None,
        )  # fmt: skip
        if against is not None:
            return against
        if accused.kind == PERSON or not accused.country:
            return None
        return next(
            (a for (_, country), a in reversed(self.accusers.items()) if country == accused.country), None
        )

    def _hyphenated(self, noun: Token) -> list[ActorRef]:
        """ "U.S.-Ukraine talks", "the Israel-Hamas war": the two sides a hyphenated modifier names."""
        g = gazetteer.load()
        for c in noun.lefts:
            if c.dep_ in ("compound", "amod", "nmod") and "-" in c.text.strip("-"):
                parts = c.text.split("-")
                entries = [g.names.get(p) for p in parts]
                if len(parts) == 2 and all(e is not None and e.country for e in entries):
                    return [_entry_ref(e, c) for e in entries]
        return []

    def _host(self, noun: Token) -> ActorRef | None:
        """Who hosts or organizes a gathering: "a Qatar-hosted meeting", "a U.N.-organized conference",
        "talks, which were hosted by Turkey"."""
        for c in noun.children:
            if c.dep_ in ("amod", "compound") and "-" in c.text.strip("-"):
                name, _, verb = c.text.rpartition("-")
                entry = gazetteer.load().names.get(name)
                if entry is not None and (entry.country or entry.kind == "igo") and verb.lower() in HOSTED:
                    return _entry_ref(entry, c)
            if c.dep_ in ("amod", "acl", "relcl") and c.pos_ == "VERB" and self.lex.lemma(c) in HOSTING:
                named = [g for g in c.children if g.dep_ in ("npadvmod", "compound")]
                named += [g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
                refs = [r for g in named for r in self._refs(g, agent=True)]
                if refs:
                    return refs[0]
        return None

    def _modifier_ref(self, token: Token) -> ActorRef | None:
        """An actor named by a modifier: "Western sanctions", "U.S. aid", "the tribunal's ruling"."""
        ref = self.index.ref(token, agent=True)
        if ref is not None:
            return ref
        return self.index.adjective_ref(token) or self.index.role_ref(token)

    def _targets(
        self, token: Token, sense: Sense, passive: bool, sources: list[ActorRef] = ()
    ) -> tuple[list[ActorRef] | None, ActorRef | None]:
        """The targets per the sense's order of places; None when the sense needs one and has none."""
        place = None
        for where in sense.target:
            tokens: list[Token] = []
            if where == "claimed":
                # "Washington alleges the insurgent group has not lived up to its commitment": whom the
                # claim is about is the subject of what is claimed (the doer, for a passive)
                clauses = [c for c in token.children if c.dep_ == "ccomp"]
                # "called for the Taliban to lift the ban": a for-clause's subject
                clauses += [c for c in token.children if c.dep_ == "advcl"
                            and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)]  # fmt: skip
                tokens = [
                    g
                    for c in clauses
                    for g in c.children
                    if g.dep_ == "nsubj" and g.lower_ not in FIRST_PERSON
                ]
                tokens += [
                    p
                    for c in clauses
                    for a in c.children
                    if a.dep_ == "agent"
                    for p in a.children
                    if p.dep_ == "pobj"
                ]
            elif where == "xobj":
                # "threatened to attack Israel", "agreed to resume talks with the EU": whom the act concerns
                # "Serbia's refusal to recognize Kosovo": a noun's infinitive too
                acts = [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "acl") and _is_nonfinite(c)]
                # "agreed to send tanks to Ukraine": what is sent is no party
                tokens = [g for c in acts for g in c.children if g.dep_ in ("dobj", "dative")
                          and g.lemma_.lower() not in EQUIPMENT]  # fmt: skip
                # "promising to help the Philippines modernize its coast guard": whom the act lets act
                tokens += [g for c in acts for d in c.children if d.dep_ in ("ccomp", "xcomp") and _is_nonfinite(d)
                           for g in d.children if g.dep_ == "nsubj"]  # fmt: skip
                tokens += [g for c in acts for h in [c, *[d for d in c.children if d.dep_ == "dobj"]]
                           for p in h.children if p.dep_ == "prep" and p.lower_ in ("with", "to", "on", "between", "against", "into", "near")
                           for g in p.children if g.dep_ == "pobj"]  # fmt: skip
            elif where == "condition":
                # "warned it would take resolute measures if the Philippines continued": whom the condition
                # is about is whom the warning is aimed at
                clauses = [token, *(c for c in token.children if c.dep_ in ("ccomp", "xcomp"))]
                conds = [a for c in clauses for a in c.children if a.dep_ == "advcl" and _is_condition(a)]
                tokens = [g for a in conds for g in a.children if g.dep_ in ("nsubj", "nsubjpass")]
            elif where == "adversary":
                # "Tehran vowed to retaliate": against whoever it last fought or was coerced by
                foe = self._adversary(sources[0], token) if sources else None
                if foe is not None:
                    return [foe], None
                continue
            elif where in ("dobj", "dative", "nsubjpass", "poss", "compound"):
                if where == "dobj" and passive:
                    # the object of an active verb is the subject of its passive: "Kenya was praised by
                    # the AU"; "the journalists detained by police"
                    where = "nsubjpass"
                    if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
                        tokens = [token.head]
                if not tokens:
                    tokens = [
                        c
                        for c in token.children
                        if c.dep_ == where and (where != "compound" or c.i < token.i)
                    ]
                    if where == "dobj" and len(tokens) > 1:
                        # "designated the group a terrorist organization": the indefinite one is what
                        # the object is called, not a second object
                        tokens = [
                            t for t in tokens if not any(d.lower_ in ("a", "an") for d in t.children)
                        ] or tokens
                if (
                    where == "dobj"
                    and not tokens
                    and token.dep_ == "amod"
                    and token.tag_ in ("VBD", "VBN")
                    and any(c.dep_ == "nsubj" for c in token.children)
                ):
                    # "the army bombed positions" parsed as "bombed positions" with a subject: a slip
                    tokens = [token.head]
                if where == "dobj" and not tokens:
                    # "allowed Russia to use ...", "helped him crush ...": the complement's subject
                    tokens = [g for c in token.children if c.dep_ in ("ccomp", "xcomp") and _is_nonfinite(c)
                              for g in c.children if g.dep_ == "nsubj"]  # fmt: skip
            else:
                # "imposed sanctions on X", "maintain relations with X": the preposition may hang on the object
                # "lifted most of its sanctions on Syria": a quantity's "of" phrase holds the object
                objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")
                           and (c.pos_ == "NOUN" or any(p.dep_ == "prep" and p.lower_ == "of" for p in c.children))]  # fmt: skip
                objects += [g for p in token.children if p.dep_ == "prep" and p.lower_ == "with"
                            for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]  # fmt: skip
                if token.pos_ == "NOUN" and (sense.object is not None or sense.cameo.startswith("13")):
                    # "the lifting of sanctions on Iran", "warnings of retaliation against Israel": a noun's
                    # object is its "of" phrase
                    objects += [g for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                                for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]  # fmt: skip
                # "a package of military aid for Israel": the preposition may hang on the object's noun
                objects += [g for o in objects for p in o.children if p.dep_ == "prep" and p.lower_ in ("of", "in")
                            for g in p.children if g.dep_ == "pobj"]  # fmt: skip
                holders = [token, *objects]
                # "pulled its troops out of Niger": the "of" phrase hangs on "out"
                holders += [
                    c for c in token.children if c.lower_ == "out" and c.dep_ in ("prep", "prt", "advmod")
                ]
                if token.pos_ != "VERB" and token.dep_ == "dobj" and token.head.pos_ == "VERB":
                    holders.append(token.head)  # "kept new tariffs in place on Mexico": on the verb
                # the parser labels some "to" phrases dative ("paid tribute to Abe")
                tokens = [g for h in holders for c in h.children if c.dep_ in ("prep", "dative") and c.lower_ == where
                          for g in c.children if g.dep_ == "pobj"]  # fmt: skip
            if not tokens:
                continue
            refs = [r for t in tokens for r in self._refs(t)]
            if not refs and sources and any(t.lemma_.lower() in CHARGES for t in tokens):
                # "rejected Guyana's claim": whose it is, said with it
                refs = [r for t in tokens for c in t.children if c.dep_ == "poss" for r in self._refs(c)]
            if not refs and sources and any(t.lemma_.lower() in CHARGES for t in tokens):
                # "Berisha rejected the allegations": those who made them, if the article says who
                accuser = self._accuser_of(sources[0])
                legal = any(t.lemma_.lower() in LEGAL_CHARGES for t in tokens)
                if accuser is None and legal and sources[0].kind == PERSON and sources[0].country:
                    # "he rejects the charges": criminal charges are laid by his country's state
                    accuser = self.index.country_ref(sources[0].country, token)
                if accuser is None:
                    return [], None  # a rejection of charges stands without knowing who laid them
                refs = [accuser]
            if not refs and ontology.quad_class(sense.cameo) == 4:
                refs = [r for t in tokens for r in [self._civilians(t)] if r is not None]
            if not refs and not sense.actor_target:
                # whose a thing is; but "the United States' partners" are not the United States
                refs = [
                    r
                    for t in tokens
                    if t.lemma_.lower() not in RELATIONAL_PEOPLE
                    for r in [self._owner(t, skip=sources, doer_first=ontology.quad_class(sense.cameo) == 3)]
                    if r
                ]
            if not refs and not sense.actor_target:
                # "welcomed the agreement between Armenia and Azerbaijan": both its parties
                refs = [r for t in tokens for c in t.children if c.dep_ == "prep" and c.lower_ == "between"
                        for g in c.children if g.dep_ == "pobj" for r in self._refs(g) if not any(_same(r, s) for s in sources)]  # fmt: skip
            if not refs and ontology.quad_class(sense.cameo) == 3:
                # "condemning the attack", "denounced the arrests": whoever the article said did it
                refs = [r for t in tokens for r in [self._doer_of(t, sources)] if r is not None][:1]
            if ontology.quad_class(sense.cameo) == 4:
                # a curfew "in Yangon" by the junta, a raid on a town at home: its people are the target
                home = {s.country for s in sources if s.country}
                refs = [
                    self._people_of(r) if r.kind in (PLACE, "country") and r.country in home else r
                    for r in refs
                ]
            if refs:
                if sense.target_kinds is not None and not any(
                    (r.kind or "") in sense.target_kinds for r in refs
                ):
                    return None, None
                if sense.place:
                    place = next((r for r in refs if r.kind in (PLACE,)), None)
                    refs = [_as_country(r) for r in refs]
                return refs, place
        if sense.cameo.startswith("04") and token.pos_ == "NOUN":
            # "attended a U.N.-organized meeting": who hosts a meeting meets its guests
            host = self._host(token)
            if host is not None and not any(_same(host, s) for s in sources):
                return [host], None
        if sense.default_target == "GOV" and sources and sources[0].country:
            # protesters with no target named protest against their own government
            c = sources[0].country
            return [
                ActorRef(
                    name=f"{c} government", text="", country=c, sector="GOV", code=c + "GOV", kind="group"
                )
            ], None
        if sense.default_target == "FOCUS" and sources:
            # "the envoy called for an end to the violence": a request concerns the country the
            # sentence names, else the one the article is about, if it is not the requester's own
            own = {r.country for r in sources}
            named = [
                r
                for t in token.sent
                for r in [self.index.ref(t)]
                if r is not None and r.kind in ("country", "place")
            ]
            country = next((r.country for r in named if r.country not in own), None)
            country = country or (self.index.focus_country if self.index.focus_country not in own else None)
            if country:
                return [self.index.country_ref(country, token)], None
        if sense.actor_target or sense.target_kinds is not None:
            return None, None
        return [], None

    def _owner(
        self,
        thing: Token,
        depth: int = 0,
        skip: Iterable[ActorRef] = (),
        places: bool = True,
        doer_first: bool = False,
    ) -> ActorRef | None:
        """Whose a thing is, or whom it concerns: "Mr. Lukashenko's visit" -> Lukashenko; "the brutality of
        the military" -> the military; "$20 billion worth of U.S. exports" -> USA; "exports from 35
        countries" -> those; "the announcement that Ukraine had agreed" -> Ukraine."""
        if depth > 3:
            return None
        skip = list(skip)

        def fresh(ref: ActorRef | None) -> bool:
            # "Venezuela moved troops to its border with Guyana": not Venezuela's own
            return ref is not None and not any(_same(ref, s) for s in skip)

        children = list(thing.children)
        preps = {c.lower_: [g for g in c.children if g.dep_ == "pobj"] for c in children if c.dep_ == "prep"}
        # condemning "the killing of protesters by the police" condemns the police
        order: list[tuple[str, Token]] = [("pobj", g) for g in preps.get("by", [])] if doer_first else []
        order += [("mod", c) for c in children if c.dep_ == "poss"]
        order += [("pobj", g) for p in ("of", "by", "from") for g in preps.get(p, [])]
        # an organisation named before a noun is its framework, not its owner ("WTO dispute consultations")
        order += [("mod", c) for c in children if c.dep_ in ("compound", "amod", "nmod") and c.i < thing.i]
        order += [
            ("pobj", g) for p in ("with", "against", "on", "for", "to", "into") for g in preps.get(p, [])
        ]
        order += [("igo", c) for c in _compounds(thing) if c.dep_ in ("compound", "nmod")]
        if places:  # "a bombing in Quetta" concerns Quetta, but Quetta did not bomb
            order += [("pobj", g) for g in preps.get("in", [])]
        for how, c in order:
            if how in ("mod", "igo"):
                ref = self._modifier_ref(c)
                if fresh(ref) and (how == "igo" or c.dep_ == "poss" or ref.kind != "igo"):
                    return ref
                continue
            refs = [r for r in self._refs(c) if fresh(r)]
            if refs:
                return refs[0]
            deeper = self._owner(c, depth + 1, skip)
            if deeper is not None:
                return deeper
        for c in children:
            if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ == "VERB":
                subjects = [
                    g
                    for g in c.children
                    if g.dep_ in ("nsubj", "nsubjpass")
                    and g.lower_ not in RELATIVE_PRONOUNS
                    and c.dep_ != "relcl"
                ]  # a relative clause says who did something to the thing only through its agent
                subjects = [
                    g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"
                ] or subjects
                refs = [r for g in subjects for r in self._refs(g) if fresh(r)]
                if refs:
                    return refs[0]
            elif c.dep_ == "conj":
                deeper = self._owner(c, depth + 1, skip)
                if deeper is not None:
                    return deeper
        return None

    def _people_of(self, place: ActorRef) -> ActorRef:
        """Violence at home against a town is against its people; against the country, against someone in it."""
        sector = "CVL" if place.kind == PLACE else None
        return ActorRef(
            name=f"people of {place.name}", text=place.text, country=place.country, sector=sector,
            code=(place.country or "") + (sector or ""), kind="group", start=place.start, end=place.end,
        )  # fmt: skip

    def _civilians(self, token: Token) -> ActorRef | None:
        """ "Imposed martial law on six townships", "occupied hospitals": the people of a place; "attacked an
        airbase deep inside Russia": the country of a site."""
        lemma = token.lemma_.lower()
        if lemma not in CIVILIAN_PLACES and lemma not in SITES:
            return None
        # "a bus carrying Pakistani soldiers": whom it carried
        carried = [r for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in CARRYING
                   for o in c.children if o.dep_ == "dobj" for r in self._refs(o)]  # fmt: skip
        if carried:
            return carried[0]
        # whose it is ("a Philippine vessel", "Ukraine's power plants"), else the place the phrase or its
        # clause names ("a market in Omdurman", "deep inside Russia")
        own = [r for c in token.children if c.dep_ in ("amod", "poss", "compound", "nmod")
               for r in [self.index.adjective_ref(c) or self.index.ref(c)] if r is not None and r.country and r.kind != PERSON]  # fmt: skip
        clause = token.head if token.head.pos_ in ("VERB", "AUX") else token
        # not the places of a clause describing it ("a convoy for a mining company operated by China")
        described = {t.i for c in token.children if c.dep_ in ("acl", "relcl") for t in c.subtree}
        places = own or [r for t in (*token.subtree, *clause.subtree) if t.i not in described
                         for r in [self.index.ref(t)] if r is not None and r.country and r.kind in ("country", "place")]  # fmt: skip
        country = places[0].country if places else self.index.focus_country
        if country is None:
            return None
        # "a military vehicle", "a police station": of the force the modifier names
        roles = gazetteer.load().roles
        sector = next((roles[(c.lemma_.lower(),)] for c in token.children if c.dep_ in ("amod", "compound")
                       and roles.get((c.lemma_.lower(),)) in ("MIL", "COP")), None)  # fmt: skip
        sector = sector or ("CVL" if lemma in CIVILIAN_PLACES else None)
        return ActorRef(
            name=f"{country} {token.text}", text=token.text, country=country, sector=sector,
            code=country + (sector or ""), kind="group", start=token.idx, end=token.idx + len(token.text),
        )  # fmt: skip

    def _speaker(self, token: Token) -> ActorRef | None:
        """Who "I", "we", "my" or "our" is: the speaker of the quotation the word is in."""
        if token.lower_ not in FIRST_PERSON:
            return None
        for start, end, speaker in self.voices:
            if start <= token.idx < end:
                return dataclasses.replace(
                    speaker, text=token.text, start=token.idx, end=token.idx + len(token.text)
                )
        return None

    def _object_antecedent(self, token: Token) -> ActorRef | None:
        """ "Police arrested three activists and beat them", "the rebels captured 20 soldiers and later
        executed them": an object pronoun is not its clause's subject (that would be "themselves"), but the
        latest other actor of its number before it, in its sentence or the one before."""
        verb = token.head.head if token.dep_ == "pobj" else token.head
        subjects = [r for t in self._subject_tokens(verb) for r in self.index.refs(t, agent=True)]
        if not subjects:
            return None
        plural = token.lower_ == "them"
        start = token.sent.start
        start = token.doc[start - 1].sent.start if start > 0 else start
        for t in reversed(token.doc[start : token.i]):
            if t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in ANTECEDENT_DEPS:
                continue
            if plural != (t.tag_ in ("NNS", "NNPS") or t.lemma_.lower() in ("police", "military", "army")):
                continue
            refs = [r for r in self.index.refs(t) or [self.index.role_ref(t)] if r is not None]
            refs = [
                r for r in refs if (r.kind == PERSON) != plural and not any(_same(r, s) for s in subjects)
            ]
            if refs:
                return refs[0]
        return None

    def _refs(self, token: Token, *, agent: bool = False) -> list[ActorRef]:
        """Actors of a noun phrase, coordinated ones and "such as" examples expanded, "the two countries" paired."""
        speaker = self._speaker(token)
        if speaker is not None:
            return [speaker]
        if token.lower_ in OBJECT_PRONOUNS and token.dep_ in ("dobj", "dative", "pobj"):
            found = self._object_antecedent(token)
            if found is not None:
                return [found]
        examples = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("as", "including")
                    and (c.lower_ == "including" or any(x.lower_ == "such" for x in c.lefts) or c.nbor(-1).lower_ == "such")
                    for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        size = _group_size(token)
        if size:
            group = self._group_of(token, size)
            if group:
                return group
        listed = [a for a in token.children if a.dep_ == "appos"]
        if listed and self.index.ref(token) is None:
            # "its biggest trading partners — Mexico, Canada and China": the names say who
            refs = [r for a in listed for r in self.index.refs(a, agent=agent)]
            if refs:
                return refs
        if token.lemma_.lower() in QUANTITY_WORDS:
            # "thousands of Georgians", "dozens of protesters": the people counted
            counted = [
                g
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if counted:
                return self._refs(counted[0], agent=agent)
        refs = self.index.refs(token, agent=agent)
        if not refs and _country_anaphor(token):
            # "China sent warships around Taiwan, threatening to blockade the island": the country last named
            named = next((r.country for t in reversed(token.doc[: token.i]) for r in [self.index.ref(t)]
                          if r is not None and r.kind in (PLACE, "country") and r.country), None)  # fmt: skip
            if named:
                return [self.index.country_ref(named, token)]
        if not refs and token.lemma_.lower() in ("neighbor", "neighbour") and token.tag_ == "NN":
            # "Ethiopia accused its neighbor of arming rebels": the story's other main country
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            whose = self.index.ref(owner) if owner is not None else None
            if whose is not None and whose.country:
                other = next((c for c in self.index.country_ranking(self.title) if c != whose.country), None)
                if other is not None:
                    return [self.index.country_ref(other, token)]
        several = self._several_countries(token, refs)
        if several:
            return several
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is not None and refs and refs[0].country is None and refs[0].kind == "group":
            whose = self.index.ref(owner)  # "Trump and his Cabinet"
            if whose is not None and whose.country:
                refs[0].country, refs[0].code = whose.country, whose.country + (refs[0].sector or "")
        resolved = {r.start for r in refs}
        for t in [token, *(c for c in token.conjuncts if c.i > token.i)]:
            if t.idx not in resolved and self.index.ref(t) is None:
                role = self.index.role_ref(t, agent=agent)  # "an armed group", "the tribunal"
                if role is not None:
                    refs.append(role)
        for e in examples:
            # "35 countries, including the EU bloc": the named example
            named = self.index.refs(e, agent=agent) or [
                r for c in e.children if c.dep_ == "compound" for r in [self.index.ref(c, agent=agent)] if r
            ]
            refs = [r for r in refs if r.kind == PERSON or r.country] + named
            refs = [r for r in refs if r.text != token.text] or refs
        return refs

    def _several_countries(self, token: Token, refs: list[ActorRef]) -> list[ActorRef]:
        """ "Russian and Chinese warships", "negotiators from Russia and Ukraine": one actor per country."""
        if len(refs) > 1 or (refs and refs[0].kind not in ("group", None)):
            return []
        sector = refs[0].sector if refs else None
        countries: list[ActorRef] = []
        mods = [c for c in token.children if c.dep_ == "amod" and c.i < token.i]
        mods += [
            g
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in ("from", "of")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for m in mods:
            for x in [m, *m.conjuncts]:
                r = self.index.adjective_ref(x) or self.index.ref(x)
                if r is not None and r.country and r.kind in ("country", "place", "region"):
                    countries.append(r)
        if len({r.country for r in countries}) < 2:
            return []
        return [
            ActorRef(name=f"{r.name} {token.text}", text=token.text, country=r.country, sector=sector,
                     code=(r.country or "") + (sector or ""), kind="group", start=token.idx, end=token.idx + len(token.text))
            for r in countries
        ]  # fmt: skip

    def _group_of(self, token: Token, size: int) -> list[ActorRef]:
        """ "The two countries", "the three nations", "the trio": the last group of that many countries the
        text coordinated ("Burkina Faso, Mali and Niger", "the China-Russia relationship"), else the
        article's main countries."""
        doc, index = self.doc, self.index
        if size == 2 and token.lemma_.lower() in SIDE_WORDS:
            sides = next(
                ([src, tgt] for i, code, src, tgt in reversed(self.deeds)
                 if i < token.i and tgt is not None and tgt.kind not in ("country", "place")
                 and ontology.quad_class(code) in (3, 4)),
                None,
            )  # fmt: skip
            if sides:
                return sides
        for t in reversed(doc[max(0, token.sent.start - 300) : token.i]):
            if t.i not in index.token_actor or t.dep_ == "conj":
                continue
            if t.dep_ == "compound" and t.head.i in index.token_actor:
                members = [t, t.head]
            elif t.conjuncts:
                members = [t, *t.conjuncts]
            else:
                continue
            refs = [
                r
                for m in sorted(members, key=lambda x: x.i)
                for r in [index.ref(m, agent=True)]
                if r is not None
            ]
            countries = {r.country for r in refs if r.country and r.kind != PERSON}
            if len(refs) == size and len(countries) == size:
                return refs
        ranked = index.country_ranking(self.title)
        if size == 2 and len(ranked) >= size:
            # "the two countries" of a story about two: its two main countries (three or more is a guess)
            return [index.country_ref(c, token) for c in ranked[:size]]
        return []

    def _implied_state(self, trigger: Token, cameo: str, targets: list[ActorRef]) -> list[ActorRef]:
        """ "He was arrested in July", "they are barred from travel": an agentless passive of an act only a
        state does is the act of the state where it happens (the place its clause names, else the
        dateline's, else the target's country, else the article's)."""
        if not any(cameo.startswith(prefix) for prefix in self.lex.state_acts):
            return []
        # "the journalists detained in March"
        reduced = (
            trigger.dep_ == "acl"
            and trigger.tag_ == "VBN"
            and not any(c.dep_ == "dobj" for c in trigger.children)
        )
        if not _agentless_passive(trigger, reduced):
            return []
        country = None
        for t in trigger.subtree:
            a = self.index.actor_of(t)
            if (
                a is not None
                and a.kind in (PLACE, "country")
                and a.country
                and t.head.lower_ in ("in", "at", "from")
            ):
                country = a.country
                break
        if country is None and self.dateline_place is not None:
            country = self.dateline_place.country
        if country is None:
            country = next((r.country for r in targets if r.country and r.kind != "igo"), None)
        country = country or self.index.focus_country
        if country is None:
            return []
        ref = self.index.country_ref(country, trigger)
        return [dataclasses.replace(ref, name=f"{ref.name} authorities", text="", start=None, end=None)]

    def _implied_attacker(self, trigger, cameo: str, targets: list[ActorRef]) -> list[ActorRef]:
        """ "At least eight demonstrators were killed on Friday": an agentless passive of violence is by
        whoever the article last told using force, if not against themselves."""
        if cameo[:2] not in ("18", "19", "20") or not _agentless_passive(trigger):
            return []
        for i, code, src, _ in reversed(self.deeds):
            if (
                i < trigger.i
                and code[:2] in ("17", "18", "19", "20")
                and not any(_same(src, t) for t in targets)
            ):
                return [src]
        # else the armed force or group named last, within the sentence and the three before it
        positions = range(trigger.sent.end - 1, self._sentences_back(trigger, 3) - 1, -1)
        armed = self._armed_named(positions, ("REB", "MIL", "COP"), skip=targets)
        return [armed] if armed is not None else []

    def _implied_captor(self, trigger, cameo: str, targets: list[ActorRef]) -> list[ActorRef]:
        """ "Close to 200 passengers had been freed", "the ban was lifted": an agentless passive that undoes
        a coercive act (a release, an easing) is by whoever did that act to the same side."""
        if not cameo.startswith("08") or not _agentless_passive(trigger):
            return []
        return self._captor_of(trigger, targets)

    def _captor_of(self, trigger, targets: list[ActorRef]) -> list[ActorRef]:
        """Whoever sanctioned, coerced or attacked one of the targets before the trigger."""
        for i, code, src, tgt in reversed(self.deeds):
            if (
                i < trigger.i
                and code[:2] in ("16", "17", "18")
                and tgt is not None
                and any(_same(tgt, t) for t in targets)
            ):
                return [src]
        return []
