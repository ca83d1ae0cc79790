"""The coder: every predicate of an article turned into events with their arguments, status, time and place."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from spacy.tokens import Doc

from .. import gazetteer, ontology
from ..actors import ActorIndex
from ..model import ActorRef, Event, Place, Quote, Span, TimeRef
from .arguments import Arguments, _key, _rejects_charges, _relation_noun, _same
from .lexicon import Lexicon, default_lexicon
from .predicates import Predicates, _Candidate
from .record import _event
from .speech import ReportedSpeech
from .status import Status, _after, _condition, _describes_habit
from .when import TimeAndPlace
from .words import (
    BARE_GOVERNMENTS,
    DEPLOYMENTS,
    OBSERVERS,
    RELEASE_DEMANDS,
    REPORTING_VERBS,
    STATE_SECTORS,
    THREATENING_SPEECH,
    THREATS,
    TRUCES,
)


def find_events(
    doc: Doc,
    index: ActorIndex,
    times: list[TimeRef],
    *,
    published: str | None = None,
    title: str | None = None,
    dateline_place: Place | None = None,
    lexicon: Lexicon | None = None,
    quotes: Iterable[Quote] = (),
) -> list[Event]:
    """Every coded event of a parsed article, in text order. ``quotes`` (with their speakers) let "I" and
    "we" inside a quotation stand for whoever says it."""
    coder = _Coder(doc, index, times, lexicon or default_lexicon(), published, title, dateline_place, quotes)
    return coder.run()


class _Coder(Predicates, Arguments, Status, TimeAndPlace, ReportedSpeech):
    """The rules of every part, over one parsed article."""

    def __init__(self, doc, index, times, lexicon, published, title, dateline_place, quotes=()):
        self.doc: Doc = doc
        # (start, end, speaker) of the body's quotations (a headline's have offsets into the title)
        quotes = [q for q in quotes if q.speaker is not None and not q.in_title]
        self.all_voices = [(q.start, q.end, q.speaker) for q in quotes]
        self.voices = [  # those that say who "I" and "we" are
            (q.start, q.end, q.speaker)
            for q in quotes
            if q.kind in ("direct", "mixed") and (q.speaker.country or q.speaker.sector not in (None, "CVL"))
        ]
        self.index: ActorIndex = index
        self.lex: Lexicon = lexicon
        self.published = published
        self.title = title or ""
        self.dateline_place = dateline_place
        self.time_tokens = self._time_tokens(times)
        # "Beijing and Minsk agreed to diplomatic ties ... Those ties were upgraded": who a relation is between
        self.relations: dict[str, tuple[ActorRef | None, ActorRef | None]] = {}
        # "X accused Y ... Y rejected the allegations": who accused whom, by the accused
        self.accusers: dict[tuple, ActorRef] = {}
        # (token index, CAMEO code, source, target) of the events coded: "condemned the attack" is of whoever
        # did the latest one before it, "both sides" are the two of the latest conflict
        self.deeds: list[tuple[int, str, ActorRef, ActorRef | None]] = []

    def run(self) -> list[Event]:
        events: list[Event] = []
        seen: set[tuple] = set()
        for e in self._accusations():
            self._remember_accuser(e)  # "X accused Y ... Y rejected the allegations", wherever told
        found = [e for token in self.doc for cand in self._candidates(token) for e in self._events(cand)]
        # again, now that the deeds are known: "said both sides committed abuses"
        charges = (
            self._accusations()
            + self._demands()
            + self._evaluations()
            + self._attitudes()
            + self._reprisals()
            + self._reactions()
        )
        triggers = {e.trigger.start: e.cameo for e in found + charges}
        for event in sorted(found + charges, key=lambda e: e.trigger.start):
            key = (event.evidence.start, event.plover, _key(event.source), _key(event.target))
            if _commentary(event) or self._forecast(event) or self._governed_possibility(event, triggers):
                continue
            if key not in seen:
                seen.add(key)
                events.append(event)
        return events

    def _settles_conflict(self, trigger) -> bool:
        """Whether the act's object is a ceasefire, truce or peace deal ("agreed to a ceasefire", "accepted
        a truce", "signed a peace agreement")."""
        objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
        objects += [g for c in trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        return any(
            o.lemma_.lower() in TRUCES
            or (o.lemma_.lower() in ("deal", "agreement", "accord", "plan", "proposal")
                and any(m.lemma_.lower() in TRUCES | {"peace"} for m in o.children if m.dep_ in ("compound", "amod")))
            for o in objects
        )  # fmt: skip

    def _home_government(self, target: ActorRef, source: ActorRef) -> bool:
        """Whether a target is a bare "the government" the actors step placed in the source's own country
        for want of another ("A U.S. delegation arrived in Caracas ... The delegation urged the government")."""
        words = (target.text or "").lower().split()
        return (
            target.country is not None
            and target.country == source.country
            and target.kind == "group"
            and len(words) == 2
            and words[0] == "the"
            and words[1] in BARE_GOVERNMENTS
        )

    def _host_government(self, target: ActorRef, source: ActorRef) -> list[ActorRef]:
        """The government of the story's other main country, which a foreign actor addresses."""
        other = next((c for c in self.index.country_ranking(self.title) if c != source.country), None)
        if other is None:
            return [target]
        return [dataclasses.replace(target, country=other, code=other + (target.sector or ""),
                                    name=f"{gazetteer.load().country_names.get(other, other)} {target.text.split()[-1]}",
                                    actor_id=None)]  # fmt: skip

    def _adversary(self, actor: ActorRef, trigger) -> ActorRef | None:
        """Whom the actor last fought or coerced, or was attacked by, before the trigger."""
        for i, code, src, tgt in reversed(self.deeds):
            if i >= trigger.i or tgt is None or ontology.quad_class(code) != 4:
                continue
            # the same side: the actor, its country's other arms against another country, or the body
            # of the same country and sector ("Army chief al-Burhan" and "the Sudanese army")
            if (
                _same(src, actor)
                or src.country == actor.country
                and (src.country != tgt.country or _arm(src, actor))
            ):
                return tgt
            if (
                _same(tgt, actor)
                or tgt.country == actor.country
                and (src.country != tgt.country or _arm(tgt, actor))
            ):
                return src
        return None

    def _foreteller(self, trigger) -> ActorRef | None:
        """Who says what the trigger tells: the subject of the verb of saying whose clause holds it, or the
        speaker of the quotation it is in."""
        node = trigger
        while node.dep_ in ("ccomp", "conj", "xcomp") and node.head.i != node.i:
            node = node.head
            if node.pos_ == "VERB" and self.lex.lemma(node) in REPORTING_VERBS | THREATENING_SPEECH:
                refs = [r for t in self._subject_tokens(node) for r in self._refs(t, agent=True)]
                return refs[0] if refs else None
        return next((who for start, end, who in self.voices if start <= trigger.idx < end), None)

    def _governed_possibility(self, event: Event, triggers: dict[int, str]) -> bool:
        """ "Threatening to kill the hostages", "urged them to stop fighting": a possible act named inside
        another coded act (the threat, the request) is told by that act, not an event of its own; so is a
        measure or a pact another coded act ends ("lifted most of its sanctions": the easing, not a negated
        sanction; "revoked its defense agreements": the break, not a negated agreement)."""
        if event.status not in ("hypothetical", "negated"):
            return False
        deps = ("xcomp", "ccomp", "conj", "pcomp", "advcl")
        if event.status == "negated":
            deps = ("dobj", "pobj", "prep", "nsubjpass")
        token = self.doc.char_span(event.trigger.start, event.trigger.end)
        node = token[0] if token is not None else None
        while node is not None and node.dep_ in deps and node.head.i != node.i:
            node = node.head
            if node.idx in triggers:
                return event.status == "hypothetical" or triggers[node.idx][:2] in ("08", "16")
        return False

    def _forecast(self, event: Event) -> bool:
        return _observer_forecast(event, self.all_voices)

    def _events(self, cand: _Candidate) -> list[Event]:
        sense, trigger = cand.sense, cand.trigger
        if _describes_habit(trigger):
            return []
        code = ontology.cameo(sense.cameo)
        sources, targets = cand.sources, cand.targets
        relation = _relation_noun(trigger)
        if relation and not sources and not targets and relation in self.relations:
            source, target = self.relations[relation]
            sources, targets = [x for x in [source] if x], [x for x in [target] if x]
        if not sources and targets:
            sources = (
                self._implied_state(trigger, code.code, targets)
                or self._implied_attacker(trigger, code.code, targets)
                or self._implied_captor(trigger, code.code, targets)
            )
        if not sources:
            return []  # who acted is not said (or not understood): no event rather than half a one
        if not targets and code.quad_class == 1 and self._settles_conflict(trigger):
            # "Ukraine agreed to a 30-day ceasefire": with whoever it last fought
            targets = [a for a in [self._adversary(sources[0], trigger)] if a is not None]
        if (
            not targets
            and sense.target
            and not sense.target_optional
            and not (sense.symmetric and len(sources) >= 2)
            and not _rejects_charges(trigger)
        ):
            return []  # the sense names where its target is, and there is none
        if code.code in RELEASE_DEMANDS and targets:
            # "France demanded his release": a demand of whoever holds him
            targets = [c for c in self._captor_of(trigger, targets) if not _same(c, sources[0])] or targets
        if len(sources) == 1 and targets and all(self._home_government(t, sources[0]) for t in targets):
            targets = self._host_government(targets[0], sources[0])
        if targets and {_key(s) for s in sources} == {_key(t) for t in targets}:
            return []  # the same actors on both sides: a misreading, not a group acting on itself
        pairs: list[tuple[ActorRef | None, ActorRef | None]]
        if sense.symmetric and not targets and len(sources) > 2:
            return []  # "a fight joined by Brunei, Malaysia, Taiwan and Vietnam": a list names no pair
        if sense.symmetric and not targets and len(sources) == 2:
            pairs = [(sources[0], sources[1])]
        else:
            pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]
        status = self._status(trigger)
        date = self._date(trigger)
        if status == "occurred" and _after(date, self.published):
            status = "expected"  # "meets on Friday" in an article of Tuesday
        sent = trigger.sent
        evidence = Span(sent.text, sent.start_char, sent.end_char)
        trig = Span(trigger.text, trigger.idx, trigger.idx + len(trigger.text))
        location = self._location(trigger, cand.place)
        out = []
        for source, target in pairs:
            if source is not None and target is not None and _same(source, target):
                continue
            if (
                source is not None
                and target is not None
                and target.kind in ("country", "place")
                and source.country == target.country
            ):
                if code.code in DEPLOYMENTS:
                    # "sent 10,000 troops to Mexico's northern border": a deployment at home, against no one named
                    out.append(_event("154", evidence, trig, source, None, status, date, location, 0.6))
                    continue
                if (
                    source.sector in ("GOV", "MIL", "COP", "JUD", "LEG", "SPY", None)
                    or code.quad_class == 4
                    or (source.sector == "CVL" and not code.code.startswith("14"))
                ):
                    continue  # arriving in one's own capital, a raid at home on a place: no interaction
                # the opposition boycotting "the vote in Serbia" acts against its government
                target = self.index.country_ref(target.country, trigger)
            if (
                code.code.startswith("13")
                and source is not None
                and target is not None
                and source.country == target.country
                and {source.sector, target.sector} <= STATE_SECTORS
            ):
                continue  # "warned that the army would strike": one's own forces are not threatened
            if target is not None and target.sector in sense.not_target_sectors:
                continue  # "speaking to reporters" is a statement, not a consultation
            confidence = 0.8 if trigger.pos_ == "VERB" else 0.6
            out.append(_event(code.code, evidence, trig, source, target, status, date, location, confidence))
            foretold = status == "expected" or (status == "hypothetical" and _condition(trigger) is None)
            if foretold and target is not None and source is not None and code.quad_class == 4:
                # "he said the Taliban will be crushed by Afghan forces": a speaker foretelling force by
                # their own side against someone threatens them
                speaker = self._foreteller(trigger)
                if speaker is not None and speaker.country == source.country and not _same(speaker, target):
                    threat = THREATS.get(code.code[:2], "130")
                    out.append(
                        _event(
                            threat, evidence, trig, speaker, target, "occurred", date, location, confidence
                        )
                    )
            if (
                status == "hypothetical"
                and target is not None
                and code.quad_class == 4
                and self._threat(trigger, target)
            ):
                # "if Europe follows through, he will impose tariffs": a coercive act on a condition is a threat
                threat = THREATS.get(code.code[:2], "130")
                out.append(
                    _event(threat, evidence, trig, source, target, "occurred", date, location, confidence)
                )
        if relation and out:
            self.relations[relation] = (out[0].source, out[0].target)
        for e in out:
            self._remember_accuser(e)
            if e.source is not None and e.status in ("occurred", "alleged"):
                self.deeds.append((trigger.i, code.code, e.source, e.target))
        return out


def _arm(body: ActorRef, actor: ActorRef) -> bool:
    """Whether an actor is of the same arm of the same country as a body ("Army chief al-Burhan", "the
    Sudanese army")."""
    return body.sector is not None and (body.country, body.sector) == (actor.country, actor.sector)


def _observer_forecast(event: Event, voices) -> bool:
    """What an analyst expects or imagines ("there is little reason to think the two leaders will meet,"
    an expert said) is a forecast, not an event."""
    if event.status not in ("expected", "hypothetical"):
        return False
    return any(
        start <= event.trigger.start < end and speaker.sector in OBSERVERS for start, end, speaker in voices
    )


def _commentary(event: Event) -> bool:
    """An analyst's or think tank's words are commentary on politics, not a political act of theirs."""
    said = event.quad_class == 1 or (event.quad_class == 3 and not (event.cameo or "").startswith("14"))
    return said and event.source is not None and event.source.sector in OBSERVERS
