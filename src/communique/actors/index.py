"""The actors of one parsed article, and the resolution of noun phrases, pronouns and role nouns to them."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .. import gazetteer as gz
from ..model import Actor, ActorRef
from .words import (
    BODY_ANAPHORS,
    COLLECTIVE,
    COUNTRY,
    DOMESTIC_SECTORS,
    GROUP,
    IGO,
    IGO_ANAPHORS,
    MOVEMENT_ANAPHORS,
    OFFICES,
    ORGANIZATION,
    PERSON,
    PLACE,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    PRONOUNS_THING,
    REGION,
    RELATIVE_PRONOUNS,
    _code,
    _conjuncts,
    _definite,
    _impersonal,
    _main_clause,
    _modifiers,
    _nominal,
    _title_names,
    role_at,
)


@dataclass
class ActorIndex:
    """The actors of one parsed article and the resolution of noun phrases to them."""

    doc: Doc
    actors: list[Actor] = field(default_factory=list)
    # token index -> actor index, for every token inside a named mention and for the head of a group phrase
    token_actor: dict[int, int] = field(default_factory=dict)
    # token index -> (start, end) token range of the mention it belongs to
    token_span: dict[int, tuple[int, int]] = field(default_factory=dict)
    # actor index -> entry kind of its gazetteer entry (country, place, seat ...) when it has one
    entry_kind: dict[int, str] = field(default_factory=dict)
    # token index -> gazetteer entry of a demonym/adjective ("Chinese", "Western") at that token
    adjectives: dict[int, gz.Entry] = field(default_factory=dict)
    focus_country: str | None = None
    # ids of the group actors that are one person named by office ("Iran's supreme leader"): "he" may be them
    individuals: set[int] = field(default_factory=set)
    _sents: list[SpacySpan] | None = None
    # token index -> the actor a pronoun or role noun there was resolved to (the index is complete once
    # built, and the later stages ask about the same words again and again)
    _resolved: dict[int, int | None] = field(default_factory=dict)
    _quoted: list[bool] | None = None

    # ----- the API the later stages use -----

    def actor_of(self, token: Token) -> Actor | None:
        i = self.token_actor.get(token.i)
        return None if i is None else self.actors[i]

    def ref(self, token: Token, *, agent: bool = False) -> ActorRef | None:
        """The actor a noun phrase headed by ``token`` stands for (pronouns and role nouns resolved).

        ``agent``: the phrase acts (a subject); a country, capital or seat of power acting is its government.
        """
        i = self.token_actor.get(token.i)
        if i is None:
            i = self._resolve_reference(token)
        if i is None:
            return None
        actor = self.actors[i]
        start, end = self.token_span.get(token.i, (token.i, token.i + 1))
        span = self.doc[start:end]
        g = gz.load()
        if agent and actor.kind == REGION and actor.country in g.region_agents:
            # "Europe retaliated with tariffs": the European Union acts
            body = g.names[g.region_agents[actor.country]]
            return ActorRef(
                name=body.name, text=span.text, country=None, sector="IGO", code=body.code, group=body.name,
                kind=IGO, actor_id=actor.id, start=span.start_char, end=span.end_char,
            )  # fmt: skip
        sector = actor.sector
        if span.text in g.people:
            sector = "CVL"  # "Kenyans protested": the people, not the government
        elif (
            agent
            and sector is None
            and actor.kind in (COUNTRY, PLACE)
            and self.entry_kind.get(i) != gz.REGION
        ):
            sector = "GOV"
        return ActorRef(
            name=actor.name,
            text=span.text,
            country=actor.country,
            sector=sector,
            # a UN envoy is coded as the UN ("IGOUNO"), like the body itself
            code=_code(
                actor.country,
                sector,
                actor.code if actor.kind == IGO or (sector == "IGO" and actor.group) else None,
            ),
            group=actor.group,
            kind=actor.kind,
            actor_id=actor.id,
            start=span.start_char,
            end=span.end_char,
        )

    def adjective_ref(self, token: Token) -> ActorRef | None:
        """The country or region an adjective names ("Western sanctions", "Russian invasion")."""
        entry = self.adjectives.get(token.i)
        if entry is None or not entry.country:
            return None
        return ActorRef(
            name=entry.name, text=token.text, country=entry.country, sector=None, code=entry.country,
            kind=REGION if entry.kind == gz.REGION else COUNTRY, start=token.idx, end=token.idx + len(token.text),
        )  # fmt: skip

    def country_ranking(self, title: str = "") -> list[str]:
        """The article's countries, most talked about first; a country in the headline counts extra."""
        counts: Counter[str] = Counter()
        for actor in self.actors:
            if (
                actor.country
                and actor.kind in (COUNTRY, PLACE, PERSON, ORGANIZATION)
                and actor.country not in ("WST",)
            ):
                counts[actor.country] += len(actor.mentions)
        if title:
            names = gz.load().names
            for word in _title_names(title, names):
                counts[word] += 5
        return [c for c, _ in counts.most_common()]

    def country_ref(self, code: str, token: Token) -> ActorRef:
        """A country standing in for a phrase such as "the two countries"."""
        actor = next((a for a in self.actors if a.kind == COUNTRY and a.country == code), None)
        return ActorRef(
            name=actor.name if actor else gz.load().country_names.get(code, code), text=token.text, country=code,
            sector="GOV", code=code + "GOV", kind=COUNTRY, actor_id=actor.id if actor else None,
            start=token.idx, end=token.idx + len(token.text),
        )  # fmt: skip

    def role_ref(self, token: Token, *, agent: bool = False) -> ActorRef | None:
        """A role noun that is no actor of the article ("an official", "the opposition newspaper") as an
        actor of its sector, with the country its modifiers name."""
        if not _nominal(token):
            return None
        g = gz.load()
        role = role_at(token, g)
        if role is None:
            return None
        start, sector = role
        country = None
        places = [g for c in token.rights if c.dep_ == "prep" and c.lower_ in ("of", "in", "from", "for", "to")
                  for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        for m in _modifiers(token) + places:
            r = self.adjective_ref(m) or self.ref(m)
            # "a spokesman for President Ghani", "an aide to Putin": whom one speaks for is one's country
            for_person = m.head.lower_ in ("for", "to") and m.head.head.i == token.i
            if r is not None and r.country and (r.kind != PERSON or for_person):
                country = r.country
                start = min(start, m.i) if m.i < token.i else start
                break
        if country is None:
            # "The Chinese foreign ministry accused Manila ... A ministry spokesman urged": of the body named
            for m in token.lefts:
                body = m.lemma_.lower()
                if m.dep_ == "compound" and body in COLLECTIVE:
                    a = self._antecedent(
                        token,
                        lambda x, b=body: bool(x.country and x.role and x.role.split()[-1] == b),
                        window=6,
                    )
                    if a is not None:
                        country = self.actors[a].country
                        break
        if country is None and sector in DOMESTIC_SECTORS:
            country = self.focus_country  # "an armed group" in an article about Syria
        span = self.doc[start : token.i + 1]
        return ActorRef(
            name=span.text, text=span.text, country=country, sector=sector, code=_code(country, sector),
            kind=GROUP, start=span.start_char, end=span.end_char,
        )  # fmt: skip

    def refs(self, token: Token, *, agent: bool = False) -> list[ActorRef]:
        """Like ``ref``, with coordinated phrases expanded: "Beijing and Minsk" gives two."""
        out: list[ActorRef] = []
        for t in [token, *_conjuncts(token)]:
            r = self.ref(t, agent=agent)
            if r is None and t.i != token.i:
                # "the U.N., U.S., French and Chinese representatives": a listed adjective names a country
                r = self.adjective_ref(t)
            if r is not None and all(
                (r.actor_id, r.country, r.name) != (o.actor_id, o.country, o.name) for o in out
            ):
                out.append(r)
        return out

    # ----- reference resolution -----

    def _resolve_reference(self, token: Token) -> int | None:
        if token.doc is not self.doc:
            return self._resolve_afresh(token)  # a headline, parsed apart
        if token.i not in self._resolved:
            self._resolved[token.i] = self._resolve_afresh(token)
        return self._resolved[token.i]

    def _resolve_afresh(self, token: Token) -> int | None:
        lower = token.lower_
        if token.pos_ == "NOUN" and token.lemma_.lower() in OFFICES:
            # "the U.N. rights office", "the Kremlin press office", "the EU delegation": the body it is part of
            for c in token.children:
                a = self.token_actor.get(c.i)
                if (
                    c.dep_ in ("compound", "nmod", "poss")
                    and c.i < token.i
                    and a is not None
                    and self.actors[a].kind in (IGO, ORGANIZATION, COUNTRY)
                ):
                    return a
        if lower in PRONOUNS_PERSON:
            return self._antecedent(token, lambda a: a.kind == PERSON or id(a) in self.individuals)
        if lower in PRONOUNS_THING:
            if _impersonal(token):
                return None  # "it was too early to discuss", "it is clear that"
            return self._subject_antecedent(token, PRONOUNS_THING, lambda a: a.kind != PERSON)
        if lower in PRONOUNS_PLURAL:
            return self._subject_antecedent(
                token, PRONOUNS_PLURAL, lambda a: a.kind in (GROUP, ORGANIZATION, IGO) and a.kind != PERSON
            )
        if token.pos_ == "NOUN" and token.lemma_.lower() in BODY_ANAPHORS and _definite(token):
            # "the bloc", "the regional body", "the rights group": the organisation last named (an
            # intergovernmental one for "the bloc", "the alliance")
            kinds = (IGO,) if token.lemma_.lower() in IGO_ANAPHORS else (IGO, ORGANIZATION)
            return self._antecedent(token, lambda a: a.kind in kinds, window=40)
        if token.pos_ == "NOUN" and token.lemma_.lower() in MOVEMENT_ANAPHORS and _definite(token):
            # "the movement", "the militia": the armed group or party last named
            return self._antecedent(
                token,
                lambda a: a.kind in (ORGANIZATION, IGO) and a.sector not in (None, "BUS", "MED", "EDU"),
                window=6,
            )
        if (
            token.lemma_.lower() in ("country", "nation")
            and token.tag_ == "NN"
            and any(d.lower_ == "the" for d in token.children)
            and not any(
                d.dep_ in ("amod", "compound", "prep", "relcl", "acl", "poss") for d in token.children
            )
        ):
            # "the country": the country the text last spoke of
            return self._antecedent(token, lambda a: a.kind == COUNTRY, window=3)
        if token.pos_ in ("NOUN", "PROPN"):
            # "the spokesman", "the minister": the latest person introduced in that role
            role = token.lemma_.lower()
            # only "the spokesman", "the senior official" or "the official, who asked not to be named" point
            # back; "the leader of X", "the Russian official", "the official who ..." describe someone new
            # "the prime minister", "the defense secretary": lower-case words before the noun that are part
            # of the office; that office, whole, is the person's
            office = [
                d
                for d in token.children
                if d.dep_ == "compound" and d.i < token.i and d.is_lower and d.i not in self.token_actor
            ]
            if any(d.lower_ == "the" for d in token.children) and not any(
                d.dep_ in ("prep", "acl", "poss")
                or (d.dep_ == "compound" and d not in office)
                or (d.dep_ == "amod" and d.i in self.adjectives)
                or (d.dep_ == "relcl" and self.doc[d.left_edge.i - 1].text != ",")
                for d in token.children
            ):
                words = " ".join([d.lower_ for d in office] + [role])
                return self._antecedent(
                    token,
                    lambda a: (
                        a.kind == PERSON
                        and a.role is not None
                        and a.role.split()[-1] == role
                        and (not office or a.role.lower().endswith(words))
                    ),
                    window=40,
                )
        return None

    def person_antecedent(self, token: Token, accept) -> int | None:
        """A mention (token index) of the person a description such as "the 45-year-old" points back to: the
        most salient earlier person that ``accept``s."""
        a = self._antecedent(token, lambda x: x.kind == PERSON and accept(x), window=4)
        if a is None:
            return None
        # its latest mention before the token
        return max((i for i, x in self.token_actor.items() if x == a and i < token.i), default=None)

    def _subject_antecedent(
        self, token: Token, same: set[str], accept, window: int = 3, depth: int = 0
    ) -> int | None:
        """ "It"/"they": the latest subject before the pronoun, if that subject is an actor. A thing as the
        latest subject ("the deal ... it") resolves to nothing rather than to the nearest actor."""
        first = self._sentences()[max(0, self._sentence_index(token) - window)].start
        own_start = token.sent.start
        allowed = self._outside_quotes(token)
        for i in range(token.i - 1, first - 1, -1):
            t = self.doc[i]
            if t.dep_ not in ("nsubj", "nsubjpass") or t.lower_ in RELATIVE_PRONOUNS or not allowed(i):
                continue
            if i < own_start and not _main_clause(t.head):
                continue  # in earlier sentences, what the sentence is about: its main subject
            a = self.token_actor.get(i)
            if a is not None:
                return a if accept(self.actors[a]) else None
            if t.lower_ in same and depth < 3:
                return self._subject_antecedent(t, same, accept, window, depth + 1)
            if t.pos_ in ("NOUN", "PROPN"):
                return None
        return None

    def _outside_quotes(self, token: Token):
        """A test of candidate antecedents for a word outside quote marks: not a word inside them. In
        "“Moreau is wrong,” she said", "she" is not Moreau: the quoted words are someone else's."""
        if token.doc is not self.doc:
            return lambda i: True  # a headline, parsed apart
        if self._quoted is None:
            from ..quotes import quote_segments  # the quote marks are read there; imported late (a cycle)

            starts = [t.idx for t in self.doc]
            self._quoted = [False] * len(self.doc)
            for seg in quote_segments(self.doc.text):
                a, b = bisect_left(starts, seg.start), bisect_left(starts, seg.end)
                self._quoted[a:b] = [True] * (b - a)
        quoted = self._quoted
        if quoted[token.i]:
            return lambda i: True
        return lambda i: not quoted[i]

    def _sentences(self) -> list[SpacySpan]:
        if self._sents is None:
            self._sents = list(self.doc.sents)
        return self._sents

    def _sentence_index(self, token: Token) -> int:
        sents = self._sentences()
        lo, hi = 0, len(sents) - 1
        while lo < hi:  # the sentence holding the token, by bisection
            mid = (lo + hi + 1) // 2
            if sents[mid].start <= token.i:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def _antecedent(self, token: Token, accept, window: int = 4, depth: int = 0) -> int | None:
        """The most salient earlier actor that ``accept``s: this sentence's subject, then recency."""
        allowed = self._outside_quotes(token)
        # the subject of the current sentence before the pronoun ("Lukashenko said he ...")
        for t in token.sent:
            if t.i >= token.i:
                break
            if t.dep_ in ("nsubj", "nsubjpass") and allowed(t.i):
                a = self._subject_actor(t, accept, depth)
                if a is not None:
                    return a
        sents = self._sentences()
        here = self._sentence_index(token)
        # each earlier sentence, latest first: its subject; in a sentence whose main verb the parser left
        # without a subject ("Like Lutnick, Kevin Hassett ... emphasized ..."), or, for "he" or "she", whose
        # subject is a thing, its latest mention: "He said" is Hassett, not the subject of an earlier
        # sentence. Then any mention, latest first.
        g = gz.load()
        for k in range(here - 1, max(0, here - window) - 1, -1):
            sent = sents[k]
            for i in range(sent.end - 1, sent.start - 1, -1):
                t = self.doc[i]
                if t.dep_ in ("nsubj", "nsubjpass") and allowed(i):
                    a = self._subject_actor(t, accept, depth)
                    if a is not None:
                        return a
            subjects = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
            if (
                not subjects
                or token.lower_ in PRONOUNS_PERSON
                and all(
                    c.pos_ == "NOUN"
                    and c.i not in self.token_actor
                    and not any(d.dep_ == "appos" for d in c.children)
                    and role_at(c, g) is None
                    for c in subjects
                )
            ):
                # no subject, or a thing for subject ("The remarks drew criticism from X", "The claim was
                # disputed by X"): its latest mention
                found = self._latest_mention(sent.start, sent.end, accept, allowed)
                if found is not None:
                    return found
        first_allowed = sents[max(0, here - window)].start
        return self._latest_mention(first_allowed, token.i, accept, allowed)

    def _latest_mention(self, start: int, end: int, accept, allowed) -> int | None:
        """The actor of the latest mention in tokens [start, end) that ``accept``s, at an ``allowed`` token."""
        for i in range(end - 1, start - 1, -1):
            a = self.token_actor.get(i)
            if a is not None and allowed(i) and accept(self.actors[a]):
                return a
        return None

    def _subject_actor(self, t: Token, accept, depth: int) -> int | None:
        """The actor a subject names; a pronoun subject ("he said ... He added") is resolved in turn."""
        a = self.token_actor.get(t.i)
        if a is None:
            # "Her neighbor, Jorge Ruiz, disagreed": the subject is the person its appositive names
            a = next(
                (self.token_actor[c.i] for c in t.children if c.dep_ == "appos" and c.i in self.token_actor),
                None,
            )
        if a is not None:
            return a if accept(self.actors[a]) else None
        if t.lower_ in PRONOUNS_PERSON and depth < 3:
            return self._antecedent(t, accept, depth=depth + 1)
        if t.pos_ == "NOUN" and depth == 0 and any(c.dep_ in ("det", "poss") for c in t.children):
            # "Solo's mayor, aware that ..., cautioned ... “...,” he added": the person named in that role
            role = t.lemma_.lower()
            return self._antecedent(
                t,
                lambda x: (
                    accept(x) and x.kind == PERSON and x.role is not None and x.role.split()[-1] == role
                ),
                window=40,
                depth=3,  # named subjects only: a nested search through 40 sentences each would explode
            )
        return None
