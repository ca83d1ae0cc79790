"""Who speaks: the subject of a cue, and its resolution to an actor (pronouns, role nouns, appositives,
documents' authors, groups of people)."""

from __future__ import annotations

from spacy.tokens import Token

from .. import gazetteer as gz
from ..actors import COLLECTIVE, role_at
from ..actors.words import BODY_ANAPHORS, MOVEMENT_ANAPHORS, OFFICES
from ..model import Actor, ActorRef
from .attribution import _PHRASE_DEPS, _SHARES_SUBJECT, _SUBJECTS, PLURAL_PRONOUNS, RELATIVE_PRONOUNS


class Speakers:
    """The speaker token of a cue and the actor it names."""

    def _subject(self, verb: Token) -> Token | None:
        """The speaker of a cue verb: its subject, a passive's agent, or the subject it shares; always in the
        cue's paragraph."""
        found = self._subject_any(verb)
        if found is not None and self._para_bounds(found.idx) != self._para_bounds(verb.idx):
            return None
        if found is None and verb.lemma_.lower() in self.lex.speech:
            found = self._name_before(verb)
        return found

    def _name_before(self, verb: Token) -> Token | None:
        """ "In an interview with VOA, Ahmed Rashid, a journalist, said ...": a cue the parser left without a
        subject has for speaker the person named right before it (or before the appositive that ends there)."""
        doc = self.doc
        j = verb.i - 1
        while j >= verb.sent.start and doc[j].is_punct and not self._is_mark_token(doc[j]):
            j -= 1
        if j < verb.sent.start or self.quote_of[j] >= 0 or doc[j + 1].text != "," and j + 1 != verb.i:
            return None
        person = self._person_at(j)
        if person is None and doc[j + 1].text == ",":
            # the name before the appositive that ends there: back to the comma that opens it
            k = j
            while k > verb.sent.start and doc[k].text != "," and not doc[k].is_sent_start:
                if self.quote_of[k] >= 0 or self._is_mark_token(doc[k]) or doc[k].pos_ in ("VERB", "AUX"):
                    return None
                k -= 1
            if doc[k].text == "," and k - 1 >= verb.sent.start:
                person = self._person_at(k - 1)
        return person

    def _person_at(self, i: int) -> Token | None:
        actor = self.index.actor_of(self.doc[i])
        return self.doc[i] if actor is not None and actor.kind == "person" and self.quote_of[i] < 0 else None

    def _subject_any(self, verb: Token) -> Token | None:
        v = verb
        climbed = False
        joined = False  # the cue was reached as a conjunct of the verb ``v``
        for _ in range(4):
            up = False
            if v is not verb and v.lemma_ == "quote":
                # "The agency quoted the minister as saying ...": the one quoted speaks
                quoted = next((c for c in v.children if c.dep_ == "dobj"), None)
                if quoted is not None:
                    return quoted
            for c in v.children:
                # a shared subject may be passive: "After saying ..., she was rushed to hospital"
                if (c.dep_ in _SUBJECTS or v is not verb and c.dep_ == "nsubjpass") and self.quote_of[
                    c.i
                ] < 0:
                    if climbed and c.lower_ == "it" and v.lemma_ == "be":
                        return None  # "it was too early to discuss ...", "it is worth noting ...": no one
                    if (
                        joined
                        and v.dep_ == "ccomp"
                        and v.head.lemma_.lower() in self.lex.speech
                        and not self._agent(c)
                    ):
                        # "said the claims were false and called them ...": the parser joined the cue to
                        # the reported clause; what it reports cannot speak, the speaker of that clause does
                        up = True
                        break
                    return c
                if c.dep_ == "nsubjpass" and v.lemma_ == "quote":
                    return c  # "X was quoted as saying"
                if c.dep_ == "agent":
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
            if up:
                v, joined = v.head, False
                continue
            if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
                noun = v.head  # "a statement saying ...", "with a spokesman saying ..."
                lemma = noun.lemma_.lower()
                if (lemma in self.lex.source_nouns or lemma in self.lex.speech_events) and self._author(
                    noun
                ) is None:
                    # "issued a statement calling ...", "said at a news conference announcing ...": who
                    # issued it or spoke there, the subject of the verb the noun belongs to
                    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.lex.light_verbs:
                        v, joined = noun.head, False
                        continue
                    if (
                        noun.dep_ == "pobj"
                        and noun.head.dep_ == "prep"
                        and noun.head.head.pos_ in ("VERB", "AUX")
                    ):
                        v, joined = noun.head.head, False
                        continue
                return noun
            head = v.head
            if v.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.i != head.i:
                head = head.head  # "pitched himself ... by telling them that ..."
            shares = v.dep_ in _SHARES_SUBJECT or v.dep_ == "dobj" and v.tag_ == "VBG"  # "recalled thinking"
            if v.dep_ == "xcomp" and head.lemma_.lower() in self.lex.object_control:
                # "forced Stumpf to admit that ...": the one made to speak
                obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < v.i), None)
                if obj is not None and self.quote_of[obj.i] < 0:
                    return obj
            if shares and head.i != v.i and head.pos_ in ("VERB", "AUX"):
                climbed = v.dep_ == "xcomp"
                joined = v.dep_ == "conj"
                v = head
                continue
            if (
                v.dep_ == "xcomp"
                and head.pos_ == "ADJ"
                and head.dep_ in ("acomp", "xcomp")
                and head.head.i != head.i
            ):
                v, climbed = head.head, True  # "is determined to warn ..."
                continue
            break
        return None

    def speaker_ref(self, token: Token | None) -> ActorRef | None:
        if token is None:
            return None
        if (
            token.lower_ in RELATIVE_PRONOUNS
            and token.head.dep_ in ("relcl", "acl")
            and token.i > token.head.head.i
        ):
            antecedent = token.head.head
            ref = self.index.ref(antecedent, agent=True)
            name = ref.name if ref is not None else self._phrase_text(antecedent)
            return self._ref(token, ref, name=name, text=token.text, span=(token.i, token.i + 1))
        start, end = self._phrase(token)
        group = self._people_of_group(token)
        if group is not None:
            s = self.doc[start:end]
            group.text, group.start, group.end = s.text, s.start_char, s.end_char
            return group
        described = self._described_before(token)
        if described is not None:
            # "“...,” a JetBlue pilot lamented. He agreed ... “...,” he added": the pilot, not the last name seen
            return self._ref(token, None, name=described, text=self.doc[start:end].text, span=(start, end))
        ref = self.index.ref(token, agent=True) or self._apposed(token) or self._author(token)
        if ref is None:
            ref = self._described(token)
        elif ref.kind == "group" and (person := self._office_holder(token, ref)) is not None:
            ref = person
        if ref is None and token.is_upper and len(token.text) > 1:
            ref = self._person_named(token.text.title())  # a transcript's label: "PENCE" is Mike Pence
        if ref is not None and ref.kind == "person" and len(ref.name.split()) == 1:
            ref = self._misspelt(ref) or ref
        if ref is None:
            ref = self._named_next(token)
        if ref is None:
            ref = self._spokesperson_of(token)
        return self._ref(
            token,
            ref,
            name=None if ref is None else ref.name,
            text=self.doc[start:end].text,
            span=(start, end),
        )

    def _described(self, token: Token) -> ActorRef | None:
        """A speaker the text describes rather than names ("said the young professional in his 30s", "the
        45-year-old mother of three said"): the person the text last spoke of. An office ("the envoy") the
        resolution could not match is someone named without their office."""
        if token.pos_ != "NOUN" or token.tag_ != "NN" or token.lemma_.lower() in self.lex.source_nouns:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        office = role_at(token, gz.load()) is not None
        # "the head of Doctors Without Borders": a description by a body is someone of that body
        bodies = {
            a.name
            for c in token.rights
            if c.dep_ == "prep" and c.lower_ in ("of", "at", "for")
            for g in c.children
            if g.dep_ == "pobj" and (a := self.index.actor_of(g)) is not None and a.kind != "person"
        }
        lemma = token.lemma_.lower()
        found = self.index.person_antecedent(
            token,
            lambda a: (
                (not office or a.role is None or self._same_office(lemma, a.role))
                and (not bodies or a.group in bodies)
            ),
        )
        return None if found is None else self.index.ref(self.doc[found], agent=True)

    def _same_office(self, described: str, role: str) -> bool:
        """Whether a description ("the top diplomat", "the Cabinet secretary") fits a person's office ("foreign
        minister", "Cabinet Secretary for Interior"): the office's head word, or an office it stands for."""
        role = role.lower().split(" for ")[0].split(" of ")[0].strip()
        if not role:
            return False
        synonyms = self.lex.office_synonyms.get(described, frozenset())
        return role.split()[-1] == described or role in synonyms or role.split()[-1] in synonyms

    def _described_before(self, token: Token) -> str | None:
        """The words of a speaker described, not named ("a JetBlue pilot"), that "he" or "she" continues: the
        latest speaker before the pronoun (its paragraph or the one before) when no sentence since has had a
        subject other than "he" or "she"."""
        if token.lower_ not in ("he", "she"):
            return None
        para_start, _ = self._para_bounds(token.idx)
        window_start, _ = self._para_bounds(max(0, para_start - 2))
        earlier = sorted(
            (
                a
                for a in self.by_cue.values()
                if a.speaker is not None
                and window_start <= a.cue.idx
                and a.cue.i < token.i
                and a.cue.pos_ in ("VERB", "AUX")  # someone speaking, not "Biden's remark" inside a sentence
                # the cue's own subject, not one it shares ("the offensive was going to plan")
                and a.speaker.head.i == a.cue.i
            ),
            key=lambda a: a.cue.i,
        )
        while earlier and earlier[-1].speaker.lower_ in ("he", "she"):
            earlier.pop()  # "he said ... he added": back to who "he" was
        if not earlier:
            return None
        speaker = earlier[-1].speaker
        # "a taxi driver", "the farmer", "his cousin"; not "Solo's mayor", named by office
        kin = [c for c in speaker.children if c.dep_ == "poss" and c.lower_ in ("his", "her")]
        if (
            speaker.pos_ != "NOUN"
            or speaker.tag_ != "NN"
            or not kin
            and not any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in speaker.children)
            or any(c.dep_ == "poss" and c not in kin for c in speaker.children)
            or speaker.lemma_.lower() in self.lex.source_nouns
            or self.index.ref(speaker, agent=True) is not None
            or self._apposed(speaker) is not None
            or self._described(speaker) is not None
        ):
            return None
        if speaker.lemma_.lower() in _BODIES or speaker.ent_type_ in ("ORG", "GPE", "NORP"):
            return None  # "the company", "the ministry": not "he" or "she"
        other = "she" if token.lower_ == "he" else "he"
        if speaker.lemma_.lower() in self.lex.gendered.get(other, ()):
            return None  # "his wife ... he said": someone else
        for sent in self.doc[speaker.sent.end : token.sent.start].sents:
            subjects = [c for c in sent.root.children if c.dep_ in _SUBJECTS and self.quote_of[c.i] < 0]
            if any(c.lower_ not in ("he", "she") for c in subjects):
                return None
        return self._phrase_text(speaker)

    def _spokesperson_of(self, token: Token) -> ActorRef | None:
        """ "The ministry did not respond. A spokesman said ...": a spokesperson of no one named speaks for the
        body that was the subject of the sentence before (or the one before that)."""
        if token.lemma_.lower() not in _SPOKESPEOPLE or any(
            c.dep_ not in ("det", "punct") for c in token.children if c.i < token.i
        ):
            return None
        if any(c.dep_ in ("prep", "appos", "poss") for c in token.children):
            return None
        start = self.doc[max(0, token.sent.start - 1)].sent.start
        start = self.doc[max(0, start - 1)].sent.start
        for i in range(token.sent.start - 1, start - 1, -1):
            t = self.doc[i]
            if t.dep_ not in ("nsubj", "nsubjpass") or self.quote_of[i] >= 0:
                continue
            ref = self.index.ref(t, agent=True)
            if ref is not None and ref.kind in ("organization", "igo", "country"):
                return ref
            if ref is not None or t.pos_ in ("PROPN", "PRON"):
                return None  # the sentence before was about someone else
        return None

    def _named_next(self, token: Token) -> ActorRef | None:
        """ "The head of MSF told the council that ... “...,” Lockyear said.": a speaker described ("the head of
        X", "the official") and not found before is the person named as the speaker of the quote that opens
        the next sentence."""
        if token.pos_ != "NOUN" or token.tag_ != "NN" or token.lemma_.lower() in self.lex.source_nouns:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        end = token.sent.end_char
        k = next((k for k, seg in enumerate(self.segments) if seg.open >= end), None)
        if k is None or self.text[end : self.segments[k].open].strip() or not self._starts_sentence(k):
            return None
        att, _ = self._trailing_attribution(k)
        actor = self.index.actor_of(att.speaker) if att is not None and att.speaker is not None else None
        if actor is None or actor.kind != "person":
            return None
        return self.index.ref(att.speaker, agent=True)

    def _misspelt(self, ref: ActorRef) -> ActorRef | None:
        """A surname alone that is one letter off the surname of a person named in full ("Pederson" after
        "Geir Pedersen"): a misspelling of that person's name."""
        name = ref.name
        if len(name) < 5:
            return None
        found = [
            a
            for a in self.index.actors
            if a.kind == "person"
            and len(a.name.split()) > 1
            and a.name.split()[-1][:1] == name[:1]
            and _one_letter_off(a.name.split()[-1], name)
        ]
        if len(found) != 1 or not found[0].mentions:
            return None
        mention = found[0].mentions[0]
        return self.index.ref(self.doc[self._token_at(mention.start)], agent=True)

    def _office_holder(self, token: Token, group: ActorRef) -> ActorRef | None:
        """ "The Ukrainian leader said": one person named by office and country is the person of that country
        the text last spoke of, when the office fits (their own, none known, or "leader", "official")."""
        lemma = token.lemma_.lower()
        if token.tag_ != "NN" or lemma in COLLECTIVE or group.country is None:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None

        def fits(a) -> bool:
            role = a.role.split()[-1] if a.role else None
            return a.country == group.country and (role in (None, lemma) or lemma in ("leader", "official"))

        found = self.index.person_antecedent(token, fits)
        return None if found is None else self.index.ref(self.doc[found], agent=True)

    def _apposed(self, token: Token) -> ActorRef | None:
        """The actor an appositive names: "The head of the agency, Maria Duarte, said ..."."""
        named = next((c for c in token.rights if c.dep_ == "appos" and self.index.actor_of(c)), None)
        if named is None and not any(c.dep_ == "cc" for c in token.children):
            # "said one of the organizers, Jane Doe": a name after a comma that the parser took for a
            # conjunct, with no "and" or "or" to join them
            named = next(
                (
                    c
                    for c in token.rights
                    if c.dep_ == "conj"
                    and self.doc[c.left_edge.i - 1].text == ","
                    and (a := self.index.actor_of(c)) is not None
                    and a.kind == "person"
                ),
                None,
            )
        return None if named is None else self.index.ref(named, agent=True)

    def _author(self, token: Token) -> ActorRef | None:
        """Who a document speaks for: "a Journal editorial", "the ministry's statement", "a report by X"."""
        if token.lemma_.lower() not in self.lex.source_nouns:
            return None
        for c in token.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                # "the report, released by the Crisis Group", "a statement issued by the ministry"
                c = next((g for g in c.children if g.dep_ == "agent"), c)
            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of"):
                c = next((g for g in c.children if g.dep_ == "pobj"), c)
            if c.dep_ in ("poss", "compound", "pobj") and (ref := self.index.ref(c, agent=True)) is not None:
                return ref
        for c in token.children:
            if c.dep_ == "relcl" and c.lemma_.lower() in self.lex.light_verbs:
                # "according to a speech Mrs. Clinton delivered", "a statement the ministry issued"
                subject = next((g for g in c.children if g.dep_ == "nsubj"), None)
                if subject is not None and (ref := self.index.ref(subject, agent=True)) is not None:
                    return ref
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children) and not any(
            c.dep_ in ("poss", "compound", "amod", "prep") for c in token.children
        ):
            return self._earlier_author(token)
        return None

    def _earlier_author(self, token: Token) -> ActorRef | None:
        """ "The statement said": the author of the document of that name the text spoke of just before ("X
        said in a statement", "a statement from X", "X's statement"), within this sentence and the two before."""
        lemma = token.lemma_.lower()
        first = self.doc[max(0, token.sent.start - 1)].sent.start
        first = self.doc[max(0, first - 1)].sent.start
        for i in range(token.i - 1, first - 1, -1):
            t = self.doc[i]
            if t.lemma_.lower() != lemma or t.pos_ != "NOUN" or self.quote_of[i] >= 0:
                continue
            ref = self._author(t) if any(c.dep_ in ("poss", "compound", "prep") for c in t.children) else None
            if ref is None and t.dep_ == "pobj" and t.head.lower_ in ("in", "through", "via"):
                verb = t.head.head  # "X said in a statement"
                subject = self._subject(verb) if verb.pos_ in ("VERB", "AUX") else None
                if subject is not None and subject.lemma_.lower() not in self.lex.source_nouns:
                    ref = self.index.ref(subject, agent=True)
            if ref is None and t.dep_ == "dobj" and t.head.lemma_.lower() in self.lex.light_verbs:
                subject = self._subject(t.head)  # "X issued a statement"
                if subject is not None and subject.lemma_.lower() not in self.lex.source_nouns:
                    ref = self.index.ref(subject, agent=True)
            return ref
        return None

    def _people_of_group(self, token: Token) -> ActorRef | None:
        """The people a plural speaker stands for: those its phrase names ("three senators — A, B and C —",
        "senators led by A and B"), else, for "they", "we" or "the two leaders", those of the latest plural
        subject before it ("A and B met in Oslo. ... they said")."""
        if token.lower_ in PLURAL_PRONOUNS:
            phrase = None
        elif token.tag_ in ("NNS", "NNPS") and token.pos_ == "NOUN":
            phrase = token
        elif any(c.dep_ == "conj" for c in token.children):
            phrase = token  # "Both Mr. King and Mr. Schultz say": the people it joins
        else:
            return None
        people = self._people_in(phrase) if phrase is not None else []
        coordinated = phrase is not None and not token.tag_.endswith("S")
        if (
            len(people) < 2
            and not coordinated
            and (phrase is None or any(c.lower_ in ("the", "both") for c in token.children))
        ):
            first = self.doc[max(0, token.sent.start - 1)].sent.start  # this sentence and the one before
            for i in range(token.i - 1, first - 1, -1):
                t = self.doc[i]
                if t.dep_ in ("nsubj", "nsubjpass") and self.quote_of[i] < 0:
                    people = self._people_in(t)
                    if len(people) < 2 and self._pair(token) and t.head.pos_ in ("VERB", "AUX"):
                        # "A met B in Oslo. ... the two leaders said": the two people of that clause
                        pair = self._people_in(t.head)
                        people = pair if len(pair) == 2 else people
                    if len(people) >= 2 or self.index.actor_of(t) is not None:
                        break
        if len(people) < 2:
            return None
        countries = {a.country for a in people}
        sectors = {a.sector for a in people}
        names = [a.name for a in people]
        return ActorRef(
            name=", ".join(names[:-1]) + " and " + names[-1], text=token.text,
            country=countries.pop() if len(countries) == 1 else None,
            sector=sectors.pop() if len(sectors) == 1 else None, kind="group",
        )  # fmt: skip

    def _pair(self, token: Token) -> bool:
        """A plural phrase of two: "the two leaders", "both men", "both"."""
        return any(c.lower_ in ("two", "both") for c in token.children) or token.lower_ == "both"

    def _people_in(self, head: Token) -> list[Actor]:
        """The distinct people a noun phrase names: itself, its conjuncts, appositives, "led by", "including"."""
        found: dict[str, tuple[int, Actor]] = {}
        todo = [head]
        while todo:
            t = todo.pop()
            actor = self.index.actor_of(t)
            if actor is not None and actor.kind == "person":
                found[actor.id] = min(found.get(actor.id, (t.i, actor)), (t.i, actor), key=lambda x: x[0])
            # not into what a relative clause or a quote says ("senators who met Xi")
            todo.extend(c for c in t.children if c.dep_ != "relcl" and self.quote_of[c.i] < 0)
        return [actor for _, actor in sorted(found.values(), key=lambda x: x[0])]

    def _person_named(self, surname: str) -> ActorRef | None:
        """The one person of the article whose name ends with ``surname``, through a mention of them."""
        people = [a for a in self.index.actors if a.kind == "person" and a.name.split()[-1] == surname]
        if len(people) != 1 or not people[0].mentions:
            return None
        mention = people[0].mentions[0]
        return self.index.ref(self.doc[self._token_at(mention.start)], agent=True)

    def _ref(self, token: Token, ref: ActorRef | None, *, name, text: str, span: tuple[int, int]) -> ActorRef:
        s = self.doc[span[0] : span[1]]
        if ref is None:
            return ActorRef(
                name=name, text=text, country=None, sector=None, start=s.start_char, end=s.end_char
            )
        ref.name = name
        ref.text = text
        ref.start, ref.end = s.start_char, s.end_char
        return ref

    def _phrase(self, token: Token) -> tuple[int, int]:
        """The words that name a speaker: the noun phrase without appositives and relative clauses."""
        start = token.left_edge.i
        end = token.i + 1
        for c in token.rights:
            if c.dep_ in _PHRASE_DEPS and c.left_edge.i == end and self.quote_of[c.right_edge.i] < 0:
                end = c.right_edge.i + 1
            else:
                break
        doc = self.doc
        while start < token.i and (
            doc[start].is_punct
            or self.quote_of[start] >= 0
            or doc[start].pos_ == "VERB"
            and doc[start].lemma_.lower() in self.lex.speech  # "Said Ellis"
        ):
            start += 1
        while end > token.i + 1 and doc[end - 1].is_punct:
            end -= 1
        return start, end

    def _phrase_text(self, token: Token) -> str:
        start, end = self._phrase(token)
        return self.doc[start:end].text


# who speaks for a body
_SPOKESPEOPLE = ("spokesperson", "spokesman", "spokeswoman")

# nouns of a body, not one person: what "he" or "she" cannot continue
_BODIES = (
    COLLECTIVE | OFFICES | BODY_ANAPHORS | MOVEMENT_ANAPHORS | {"company", "firm", "bank", "network"}
) - {
    "spokesperson",
    "spokesman",
    "spokeswoman",
}


def _one_letter_off(a: str, b: str) -> bool:
    """One letter changed, added or dropped (not the same word)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
