"""Reported speech whose content is the event: accusations ("said Berisha was involved in corrupt acts")
and demands ("said the authorities must declare a state of emergency")."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import ActorRef, Event, Span
from .arguments import _key, _same
from .record import _event
from .words import (
    ACCUSING_SPEECH,
    ATTITUDE_PREPS,
    CHARGE_DEPS,
    FIRST_PERSON,
    OBLIGATION_MODALS,
    REPORTING_VERBS,
    REPRISALS,
    STATE_SECTORS,
)


class ReportedSpeech:
    """Reported speech that charges someone with wrongdoing or tells someone what they must do."""

    def _accusations(self) -> list[Event]:
        """ "Blinken said Berisha was involved in corrupt acts", "Putin is the aggressor": reported speech that
        charges someone with wrongdoing is an accusation by the speaker."""
        out = []
        words = self.lex.accusation_words
        for verb in self.doc:
            if verb.pos_ != "VERB" or self.lex.lemma(verb) not in ACCUSING_SPEECH:
                continue
            if any(c.dep_ == "neg" for c in verb.children):
                continue  # "did not say that X was corrupt"
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                if any(c.dep_ == "neg" for c in clause.children):
                    continue
                subject_tokens = {
                    t.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree
                }
                charged = [
                    t
                    for t in clause.subtree
                    if (t.lemma_.lower() in words or t.lower_ in words) and t.i not in subject_tokens
                ]
                targets = [r for w in charged[:1] for r in self._charged_subject(w, clause)]
                sources = [r for t in self._subject_tokens(verb) for r in self._refs(t, agent=True)]
                sources += [
                    r
                    for c in verb.children
                    if c.dep_ == "nsubj" and c.i > verb.i
                    for r in self._refs(c, agent=True)
                ]
                if not sources or not targets:
                    continue
                out += [
                    self._said("112", verb, sources[0], t, 0.6) for t in targets if not _same(sources[0], t)
                ]
        return out

    def _evaluations(self) -> list[Event]:
        """ "Kyiv called the visit a provocation", "the Taliban consider the withdrawal a good step": calling
        someone's act a name of praise or blame praises or criticizes whoever did it."""
        out = []
        for verb in self.doc:
            if verb.pos_ != "VERB" or self.lex.lemma(verb) not in self.lex.calling_verbs:
                continue
            if any(c.dep_ == "neg" for c in verb.children):
                continue
            # "consider the withdrawal a good step", parsed as a clause "the withdrawal (is) a good step"
            small = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp", "oprd") and c.pos_ == "NOUN"
                     and any(g.dep_ == "nsubj" for g in c.children)]  # fmt: skip
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            if small:
                thing = next(g for g in small[0].children if g.dep_ == "nsubj")
                called = small[:1]
            elif objects:
                thing = objects[0]
                called = [o for o in objects if o.i > thing.i]
                called += [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp")]
            else:
                continue
            called += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                       for g in c.children if g.dep_ == "pobj"]  # fmt: skip
            called += [a for a in thing.children if a.dep_ == "appos"]
            code = next((c for t in called[:1] for c in [self._evaluation(t)] if c), None)
            if code is None:
                continue
            targets = (
                self._refs(thing) or [r for r in [self._owner(thing), self._doer_of(thing, [])] if r][:1]
            )
            sources = [r for t in self._subject_tokens(verb) for r in self._refs(t, agent=True)]
            if not sources or not targets or _same(sources[0], targets[0]):
                continue
            out.append(self._said(code, verb, sources[0], targets[0], 0.6))
        return out

    def _attitudes(self) -> list[Event]:
        """ "The United States is deeply concerned about the actions of Serbia", "Japan said it was disappointed
        with South Korea's decision": an attitude one declares toward someone's act is disapproval or praise."""
        out = []
        for adj in self.doc:
            code = self.lex.attitudes.get(adj.lemma_.lower()) or self.lex.attitudes.get(adj.lower_)
            if (
                code is None
                or adj.dep_ not in ("acomp", "ROOT", "ccomp", "conj")
                or adj.pos_ not in ("ADJ", "VERB")
            ):
                continue
            if adj.pos_ == "VERB" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in adj.children):
                continue  # "alarmed by", not "it alarmed Beijing"
            head = adj.head if adj.dep_ == "acomp" else adj
            if any(c.dep_ == "neg" for c in (*adj.children, *head.children)):
                continue
            things = [g for c in adj.children if c.dep_ in ("prep", "agent") and c.lower_ in ATTITUDE_PREPS
                      for g in c.children if g.dep_ in ("pobj", "pcomp")]  # fmt: skip
            sources = [r for t in self._subject_tokens(head, raising=True) for r in self._refs(t, agent=True)]
            if not things or not sources:
                continue
            thing = things[0]
            targets = (
                self._refs(thing)
                or [
                    r
                    for r in [
                        self._owner(thing, skip=sources, doer_first=True),
                        self._doer_of(thing, sources),
                    ]
                    if r
                ][:1]
            )
            if not targets or _same(sources[0], targets[0]):
                continue
            out.append(self._said(code, adj, sources[0], targets[0], 0.5))
        return out

    def _reactions(self) -> list[Event]:
        """ "Blinken's visit to Beijing angered Moscow", "Taiwan's move infuriated China": whoever an act or an
        actor angers (or pleases) disapproves (or approves) of its doer."""
        out = []
        for verb in self.doc:
            code = self.lex.reactions.get(self.lex.lemma(verb)) if verb.pos_ == "VERB" else None
            if code is None or any(c.dep_ in ("neg", "auxpass", "nsubjpass") for c in verb.children):
                continue
            experiencers = [r for c in verb.children if c.dep_ == "dobj" for r in self._refs(c)]
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if not experiencers or not subjects:
                continue
            thing = subjects[0]
            doers = (
                self._refs(thing, agent=True)
                or [s for cand in self._candidates(thing) for s in cand.sources]
                or [r for r in [self._owner(thing, places=False)] if r]
            )
            out += [
                self._said(code, verb, experiencers[0], d, 0.5)
                for d in doers[:2]
                if not _same(d, experiencers[0])
            ]
        return out

    def _evaluation(self, called: Token) -> str | None:
        """The code of what a complement calls something ("a provocation", "as a gesture of friendship")."""
        words = [t.lemma_.lower() for t in called.subtree]
        text = " " + " ".join(words) + " "
        code = next((code for phrase, code in self.lex.evaluations.items() if f" {phrase} " in text), None)
        if code is None and any(w in self.lex.accusation_words for w in words):
            code = "111"  # "called the verdict unjustified": any wrongdoing said of it
        return code

    def _charged_subject(self, word: Token, top: Token) -> list[ActorRef]:
        """Who a charge is laid on: the subject of the clause the word is the predicate of ("Putin is the
        aggressor", "was involved in corrupt acts"); a charge named as a topic ("the issue of corruption")
        is none."""
        node, hops = word, 0
        clause_verbs = {top.i} | {t.i for t in top.children if t.dep_ in ("conj", "xcomp", "ccomp")}
        while node.pos_ not in ("VERB", "AUX"):
            if node.dep_ not in CHARGE_DEPS or node.head.i == node.i or hops > 2:
                return []
            # "involved in corrupt acts" counts one step; "the issue of corruption" is too far
            hops += node.dep_ not in ("amod", "compound")
            node = node.head
        if node.i not in clause_verbs:
            return []  # in a relative clause or deeper: "the seriousness with which X takes corruption"
        for _ in range(8):
            if node.pos_ in ("VERB", "AUX"):
                if any(c.dep_ == "neg" for c in node.children):
                    return []
                subjects = [
                    c
                    for c in node.children
                    if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("we", "i", "you")
                ]
                refs = [r for t in subjects for r in self._refs(t)]
                # "said the U.S. sanctions were illegal": the charge is laid on whose the thing is
                refs = refs or [r for t in subjects if t.pos_ == "NOUN" for r in [self._owner(t)] if r]
                # "said the attack was a war crime": on whoever the article said did it
                refs = refs or [r for t in subjects if t.pos_ == "NOUN" for r in [self._doer_of(t, [])] if r]
                if refs:
                    return refs
            if node.i == top.i or node.head.i == node.i:
                return []
            node = node.head
        return []

    def _said(self, code: str, token: Token, source: ActorRef, target: ActorRef, confidence: float) -> Event:
        """An act that saying it does, told by ``token`` (the verb or adjective), its sentence the evidence."""
        sent = token.sent
        evidence = Span(sent.text, sent.start_char, sent.end_char)
        trig = Span(token.text, token.idx, token.idx + len(token.text))
        return _event(code, evidence, trig, source, target, "occurred", self._date(token), None, confidence)

    def _remember_accuser(self, event: Event) -> None:
        if event.plover == "ACCUSE" and event.source is not None and event.target is not None:
            self.accusers[_key(event.target)] = event.source

    def _demands(self) -> list[Event]:
        """ "Odumakin said the authorities should declare a state of emergency", "'They must stop killing
        civilians,' he said": what a speaker says someone must or should do is a request of them."""
        out = []
        for verb in self.doc:
            if verb.pos_ not in ("VERB", "AUX") or not any(
                c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children
            ):
                continue
            if any(c.dep_ == "neg" for c in verb.children) or any(
                c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in verb.children
            ):
                continue
            subjects = [
                c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in FIRST_PERSON | {"you", "it"}
            ]
            speakers = self._speakers_of(verb)
            if not subjects or not speakers:
                continue
            targets = [r for t in subjects for r in self._refs(t)]
            out += [
                self._said("020", verb, speakers[0], t, 0.5) for t in targets if not _same(speakers[0], t)
            ]
        return out

    def _reprisals(self) -> list[Event]:
        """ "Iran's foreign minister said Israel would face a crushing response", "'they will pay a heavy
        price,' he said": a state's speaker foretelling that someone will suffer a reprisal threatens them."""
        out = []
        for verb in self.doc:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("face", "pay", "suffer", "feel"):
                continue
            if not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in verb.children):
                continue
            if any(c.dep_ == "neg" for c in verb.children) or any(
                c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in verb.children
            ):
                continue
            if not any(c.dep_ == "dobj" and c.lemma_.lower() in REPRISALS for c in verb.children):
                continue
            subjects = [
                c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in FIRST_PERSON | {"it"}
            ]
            speakers = [s for s in self._speakers_of(verb) if s.sector in STATE_SECTORS | {"REB", None}]
            targets = [r for t in subjects for r in self._refs(t)]
            if not speakers or not targets:
                continue
            out += [
                self._said("130", verb, speakers[0], t, 0.5) for t in targets if not _same(speakers[0], t)
            ]
        return out

    def _speakers_of(self, clause: Token) -> list[ActorRef]:
        """Who says a clause: the subject of the speech verb it is the content of, else the speaker of the
        quotation it is in."""
        head = clause.head
        if any(c.dep_ == "neg" for c in head.children):
            return []
        if clause.dep_ == "ccomp" and self.lex.lemma(head) in ACCUSING_SPEECH | REPORTING_VERBS:
            found = [r for t in self._subject_tokens(head) for r in self._refs(t, agent=True)]
            found += [
                r
                for c in head.children
                if c.dep_ == "nsubj" and c.i > head.i
                for r in self._refs(c, agent=True)
            ]
            if found:
                return found
        for start, end, speaker in self.voices:
            if start <= clause.idx < end:
                return [speaker]
        return []
