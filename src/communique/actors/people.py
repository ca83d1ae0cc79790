"""People of an article: short names linked to full ones, placed by their titles, appositives and offices."""

from __future__ import annotations

import bisect
from collections import Counter

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .. import gazetteer as gz
from ..dictionary import PersonEntry
from ..model import Actor
from .words import (
    COLLECTIVE,
    COPULAS,
    COUNTRY,
    DETERMINERS,
    GROUP,
    IGO,
    NON_STATE_NAMES,
    OFFICE_VERBS,
    ORGANIZATION,
    PERSON,
    PLACE,
    REGION,
    RUNS_BODY,
    SPEAKING,
    WORKS_FOR,
    _role_words,
)


class People:
    """Step 3: people linked and placed, and what the story implies of everyone left unplaced."""

    def _link_people(self) -> None:
        """Group person mentions: a short name ("Mr. Xi", "Lukashenko") joins the full name that holds it."""
        doc = self.doc
        people: list[tuple[int, tuple[str, ...]]] = []  # (actor, name words)
        for m in self.mentions:
            if m.kind != PERSON:
                continue
            words = tuple(t.text for t in doc[m.start : m.end] if t.tag_ != "POS" and t.text != "-")
            text = doc[m.start : m.end].text
            target = None
            bare = _without_honorifics(words)
            if len(bare) <= 2:
                for a, full in reversed(people):
                    if len(full) > len(bare) and _is_part_of(words, full):
                        target = a
                        break
            if target is None:
                for a, full in reversed(people):
                    if full == words:
                        target = a
                        break
            if target is None and len(words) >= 2:
                # a full name introduced after its short form: earlier short mentions join it
                for k, (a, full) in enumerate(people):
                    if len(_without_honorifics(full)) < len(bare) and _is_part_of(full, words):
                        actor = self.index.actors[a]
                        actor.name = text
                        people[k] = (a, words)
                        target = a
                        break
            if target is None:
                target = self._new_actor(text, PERSON, None, None)
                people.append((target, words))
            m.actor = target
            self._add_mention(target, m.start, m.end)
        # full names of known people the recognizer missed ("Xi Jinping visited Moscow" at a sentence start)
        free = [t.text[:1].isupper() and not self.taken[t.i] for t in doc]
        for i in range(len(doc)):
            if not free[i]:
                continue
            for n in (3, 2):
                if i + n > len(doc) or not all(free[i : i + n]):
                    continue
                span = doc[i : i + n]
                if any(d.has_full_name(span.text) for d in self.dictionaries):
                    words = tuple(t.text for t in span)
                    a = next((a for a, full in people if full == words), None)
                    if a is None:
                        a = self._new_actor(span.text, PERSON, None, None)
                        people.append((a, words))
                    self._add_mention(a, i, i + n)
                    self.taken[i : i + n] = [True] * n
                    free[i : i + n] = [False] * n
                    break
        # names the recognizer missed: a known surname standing alone later ("Pantucci said")
        last_names = {}
        for a, full in people:
            if len(full) >= 2:
                last_names.setdefault(full[-1], a)
        for t in doc:
            # a sentence may open with the surname, which the tagger may take for a word ("Trump met")
            opening = t.is_sent_start and t.pos_ in ("NOUN", "VERB") and t.text in last_names
            if (
                t.i in self.index.token_actor
                or self.taken[t.i]
                or not (t.pos_ == "PROPN" or t.text[:1].isupper() and not t.is_sent_start or opening)
            ):
                continue
            a = last_names.get(t.text)
            if a is not None:
                self._add_mention(a, t.i, t.i + 1)
                self.taken[t.i] = True
            elif (
                # the tagger takes some names for nouns ("..., Zelenskyy said"), but mid-sentence only
                (t.pos_ == "PROPN" or t.pos_ == "NOUN" and not t.is_sent_start)
                and t.ent_type_ in ("", "PERSON", "ORG", "GPE", "NORP")
                and len(t.text) > 2
            ):
                # a well-known office holder by surname alone ("Zelenskyy said"), when the dictionaries
                # know exactly one such person on the article's date
                found = (d.lookup(t.text, None, self.published) for d in self.dictionaries)
                entry = next((e for e in found if e is not None), None)
                # and only when the article speaks of their country: a "Wallace" in a US story is not
                # Britain's defence secretary; an all-caps transcript label is no name at all
                if (
                    entry is not None
                    and entry.name.split()[-1] == t.text
                    and not t.text.isupper()
                    and (entry.country in self._countries_named() or entry.group)
                ):
                    a = self._new_actor(entry.name, PERSON, None, None)
                    people.append((a, tuple(entry.name.split())))
                    last_names[t.text] = a
                    self._add_mention(a, t.i, t.i + 1)
                    self.taken[t.i] = True

    def _place_people(self) -> None:
        doc = self.doc
        person_ids = [a for a, actor in enumerate(self.index.actors) if actor.kind == PERSON]
        pending_possessor: dict[int, int] = {}
        for a in person_ids:
            actor = self.index.actors[a]
            titled: set[int] = set()  # bodies in the person's titles ("House Speaker")
            for mention in actor.mentions:
                span = doc.char_span(mention.start, mention.end)
                if span is None:
                    continue
                for t in doc[self._title_start(span.start) : span.start]:
                    b = self.index.token_actor.get(t.i)
                    if b is not None and self.index.actors[b].kind == ORGANIZATION:
                        titled.add(b)
                facts = self._person_context(span)
                _merge_facts(actor, facts)
                if facts.get("ngo_body") is not None:
                    # the body whose head or staff this is, and that no word places, is non-governmental too
                    self.index.actors[facts["ngo_body"]].sector = "NGO"
                if "possessor" in facts:
                    pending_possessor.setdefault(a, facts["possessor"])
            if actor.country is None or actor.sector is None or not actor.group:
                # a known office holder's country is a fact: "Putin hosted Narendra Modi at the Kremlin"
                # does not make Modi Russian
                self._from_dictionary(actor)
            if actor.country is None and actor.role in self.g.us_titles:
                actor.country = "USA"  # "Secretary of State", "National Security Adviser" with no country
            for b in titled:
                # "House Speaker Mike Johnson": the House is the speaker's country's, not the story's
                body = self.index.actors[b]
                if body.country is None and actor.country and not actor.group:
                    body.country = actor.country
        # "President Biden's national security adviser, Jake Sullivan": the adviser is Biden's country's
        for a, possessor in pending_possessor.items():
            actor, boss = self.index.actors[a], self.index.actors[possessor]
            if boss.group and not actor.group:
                actor.group, actor.sector, actor.country = boss.group, "IGO", None
                actor.code = boss.code
            elif boss.country and not actor.group:
                # "Dodik's lawyer, Anto Nobilo": whose lawyer they are says more than any other word nearby
                actor.country = boss.country

    def _from_dictionary(self, actor: Actor) -> None:
        mentions = [" ".join(_without_honorifics(tuple(m.text.split()))) for m in actor.mentions]
        for d in self.dictionaries:
            entry = d.lookup(actor.name, mentions, self.published)
            if entry is not None and self._plausible(actor, entry):
                _apply_entry(actor, entry)
                return
        # out of office on the article's date: still of that country, no longer in that office
        for d in self.dictionaries:
            entry = d.lookup(actor.name, mentions, None)
            if entry is not None and self._plausible(actor, entry):
                actor.country = actor.country or entry.country
                return

    def _plausible(self, actor: Actor, entry: PersonEntry) -> bool:
        """A surname alone is not that known person where another first name stands before it, one the
        recognizer left out: "Dr. Olajide Idris" is not Sudan's prime minister Kamil Idris."""
        names = {n.lower() for n in (entry.name, *entry.aliases)}
        if any(m.text.lower() in names or len(m.text.split()) > 1 for m in actor.mentions):
            return True
        given = set(entry.name.split()) | {w for alias in entry.aliases for w in alias.split()}
        for m in actor.mentions:
            span = self.doc.char_span(m.start, m.end)
            before = self.doc[span.start - 1] if span is not None and span.start > 0 else None
            if (
                before is not None
                and before.pos_ == "PROPN"
                and before.text[:1].isupper()
                and before.lower_ not in self.g.honorifics
                and (before.lower_,) not in self.g.roles
                and before.text not in given
                and before.i not in self.index.token_actor
            ):
                return False
        return True

    def _title_start(self, start: int) -> int:
        """Where the title before a name starting at ``start`` begins ("Iran's President", "Sens.")."""
        doc = self.doc
        lo = start
        while lo > 0 and start - lo < 8:
            t = doc[lo - 1]
            if t.is_space or "\n" in t.whitespace_:
                break
            if t.text == "." and t.i > 0 and doc[t.i - 1].lower_ + "." in self.g.honorifics:
                lo -= 1  # "Sens. Merkley": the tokenizer may split the abbreviation's period off
                continue
            if (
                t.is_punct
                and t.text not in ("-", "’s", "'s")
                or t.pos_ in ("VERB", "AUX", "ADP")
                and t.lower_ not in ("of", "for")
            ):
                break
            if t.lower_ in DETERMINERS or t.pos_ in ("CCONJ", "PRON", "SCONJ"):
                break
            if (
                t.i in self.index.token_actor
                and self.index.actors[self.index.token_actor[t.i]].kind == PERSON
            ):
                break
            lo -= 1
        while lo < start and (doc[lo].lower_ in ("of", "for") or doc[lo].is_punct):
            lo += 1
        if start > 0 and doc[start - 1].lower_ in ("of", "for", "to", "by", "with"):
            lo = start  # "the parents of Otto Warmbier", "a spokesman for Ruto": they describe someone else
        return lo

    def _person_context(self, span: SpacySpan) -> dict:
        """What the words around one mention of a person say about them."""
        doc = self.doc
        facts: dict = {}
        # a title before the name: "Iran's President", "U.S. Secretary of State", "opposition leader"
        lo = self._title_start(span.start)
        title = doc[lo : span.start]
        if lo == span.start and span.root.dep_ == "conj":
            # "Sens. Jeff Merkley and Sherrod Brown", "Senators A and B": a plural title is each one's
            first = span.root
            while first.dep_ == "conj" and first.head.i < first.i:
                first = first.head
            begin = self.index.token_span.get(first.i, (first.i, first.i + 1))[0]
            before = doc[self._title_start(begin) : begin]
            heads = [t for t in before if not t.is_punct]
            if heads and (heads[-1].tag_ in ("NNS", "NNPS") or heads[-1].lower_ in ("sens", "reps")):
                title = before
        self._read_phrase(title, facts)
        if any(t.lower_ in self.g.us_markers for t in title):
            facts.setdefault("country", "USA")
        for child in span.root.children:
            # "Rep. Gwen Moore (D-Wis.)": a party and a state in brackets mark a member of the US Congress
            marks = {c.text for c in child.children} | {child.text}
            if child.dep_ == "appos" and child.i > span.end and marks & {"D", "R"} and "-" in marks:
                facts.setdefault("country", "USA")
                if "role" not in facts:
                    facts["role"], facts["role_sector"] = "lawmaker", "LEG"
        # "... of Belarus", "... of the Jamestown Foundation" right after the name
        country = self._of_country(span.end)
        if country and "country" not in facts:
            facts["country"] = country
        if (
            span.end < len(doc)
            and doc[span.end].lower_ in ("of", "at", "from")
            and doc[span.end].head == span.root
        ):
            self._read_phrase([t for t in doc[span.end].subtree if t.dep_ != "appos"], facts, roles=False)
        for p in span.root.children:
            # "Chikwati, a study co-author from the University of Witwatersrand in South Africa": the parser
            # may hang the body on the name, after the appositive
            if p.dep_ == "prep" and p.i > span.end and p.lower_ in ("at", "from") and p.i - span.end < 12:
                self._read_phrase(list(p.subtree), facts, roles=False)
        # appositives: "Ned Price, the State Department spokesman," / "China's top leader, Xi Jinping,"
        head = span.root
        for child in head.children:
            if child.dep_ == "appos" and child.i > span.end:
                self._read_phrase(_subtree(child), facts, head=child)
            elif child.dep_ == "relcl" and child.lemma_ in ("be", "come", "hail") and "country" not in facts:
                # "Takahashi, who is originally from Taiwan": where someone comes from is their country
                for p in (c for c in child.children if c.dep_ == "prep" and c.lower_ == "from"):
                    for g in p.children:
                        m = self._mention_at(g.i)
                        if (
                            m is not None
                            and m.entry is not None
                            and m.entry.country
                            and m.entry.kind
                            in (
                                "country",
                                "place",
                            )
                        ):
                            facts["country"] = m.entry.country
            if child.dep_ == "relcl" and child.lemma_ in OFFICE_VERBS:
                # "Steve Biegun, who served as the State Department's special representative": the office
                # the relative clause gives (its complement, or what it heads)
                for c in child.children:
                    office = (
                        c
                        if c.dep_ in ("attr", "dobj")
                        else next((g for g in c.children if g.dep_ == "pobj"), None)
                        if c.dep_ == "prep" and c.lower_ == "as"
                        else None
                    )
                    if office is not None:
                        self._read_phrase(_subtree(office), facts, head=office)
        if head.dep_ == "nsubj":
            self._predicate_facts(head.head, facts)
        # "Eight Republican senators led by Jim Risch and Pete Ricketts": those who lead a group are of it
        first = head
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        led = first.head.head if first.dep_ == "pobj" and first.head.dep_ == "agent" else None
        if led is not None and led.lemma_.lower() in ("lead", "head") and led.dep_ == "acl":
            group = led.head
            self._read_phrase([t for t in group.subtree if t.i < led.i], facts, head=group)
        if head.dep_ == "appos" and head.head.i < span.start:
            h = head.head
            phrase = [
                t
                for t in _subtree(h)
                if t.i < h.i + 1 or t.i < span.start and t.i not in set(x.i for x in _subtree(head))
            ]
            self._read_phrase(phrase, facts, head=h)
            for t in h.lefts:
                if t.dep_ == "poss" or t.dep_ == "nmod" and any(c.dep_ == "case" for c in t.children):
                    a = self.index.token_actor.get(t.i)
                    if a is not None and self.index.actors[a].kind == PERSON:
                        facts["possessor"] = a
        return facts

    def _predicate_facts(self, verb: Token, facts: dict) -> None:
        """What a clause says its subject is or runs: "Ombongi is the former chair of the department at the
        University of Nairobi", "Isozaki founded Beru Corporation", "she works for Human Rights Watch"."""
        lemma = verb.lemma_.lower()
        if lemma in COPULAS:
            for c in verb.children:
                office = (
                    c
                    if c.dep_ == "attr"
                    else next((g for g in c.children if g.dep_ == "pobj"), None)
                    if c.dep_ == "prep" and c.lower_ == "as"
                    else None
                )
                # only where it names a body of the kind one works at: "X is a lawyer" or "X is a critic" says
                # less than their titles, and "X is the founder of ISIS" or "an ally of NATO" is rhetoric
                if office is not None and any(
                    self.index.actors[self.index.token_actor[t.i]].kind == ORGANIZATION
                    and self.index.actors[self.index.token_actor[t.i]].sector in (None, *NON_STATE_NAMES)
                    for t in office.subtree
                    if t.i in self.index.token_actor
                ):
                    self._read_phrase(_subtree(office), facts, head=office)
            return
        if lemma not in RUNS_BODY and lemma not in WORKS_FOR:
            return
        bodies = [c for c in verb.children if c.dep_ == "dobj"] if lemma in RUNS_BODY else []
        if lemma in WORKS_FOR:
            bodies += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "at", "with")
                       for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        for body in bodies:
            a = self.index.token_actor.get(body.i)
            actor = self.index.actors[a] if a is not None else None
            if actor is not None and actor.kind in (ORGANIZATION, IGO):
                self._read_phrase([body], facts, roles=False)
                if actor.sector and actor.kind == ORGANIZATION:
                    facts.setdefault("role", "member")  # of the body's sector, whatever its title elsewhere
                return

    def _read_phrase(self, tokens, facts: dict, head: Token | None = None, roles: bool = True) -> None:
        """Country, sector, role and affiliation named in a title or appositive phrase (its head's role first)."""
        tokens = list(tokens)
        if not tokens:
            return
        if head is not None and head.lemma_.lower() in self.g.kin_nouns:
            return  # "a descendant of the last emperors", "the son of the president": someone else's titles
        if head is not None and "role" not in facts:
            role = self._role_at(head)
            if role is not None:
                facts["role"] = _role_words(self.doc[role[0] : head.i + 1], self.g)
                facts["role_sector"] = role[1]
        topic = {
            m.i
            for r in tokens
            if r.lemma_.lower() in self.g.topic_roles
            for c in r.children
            if c.dep_ in ("compound", "amod", "nmod") and c.i < r.i
            for m in c.subtree
        }
        # "the special envoy for North Korea", "the ambassador to China": where they are sent, not theirs
        sent_to = {
            m.i
            for r in tokens
            if r.lemma_.lower() in self.g.mission_roles
            for c in r.children
            if c.dep_ == "prep" and c.lower_ in ("for", "to") and c.i > r.i
            for m in c.subtree
        }
        inside = {t.i for t in tokens}
        named_body = set()  # tokens that name an organisation: "Refugee" in "Refugee Assistance Project"
        for t in tokens:
            if t.i in topic:
                continue  # "a North Korea expert": the subject of their expertise
            a = self.index.token_actor.get(t.i)
            if t.i in sent_to and (a is None or self.index.actors[a].kind in (COUNTRY, PLACE, REGION)):
                continue  # a country they are sent to; an envoy "to the U.N." still works for it
            if a is not None:
                actor = self.index.actors[a]
                if actor.kind in (ORGANIZATION, IGO):
                    named_body.add(t.i)
                if actor.kind == GROUP and actor.sector and _body_of(t):
                    # "president of the national assembly", "a spokesman for the police": the body's sector
                    facts.setdefault("org_sector", actor.sector)
                if actor.kind == IGO:
                    facts.setdefault("group", actor.name)
                    facts.setdefault("sector", "IGO")
                    facts.setdefault("igo_code", actor.code)
                elif actor.kind in (ORGANIZATION,) and actor.country:
                    facts.setdefault("country", actor.country)
                    if actor.sector:
                        facts.setdefault("org_sector", actor.sector)
                elif actor.kind == ORGANIZATION and actor.sector:
                    facts.setdefault("org_sector", actor.sector)
                if actor.kind == ORGANIZATION and not actor.sector and _body_name(actor.name, self.g):
                    facts.setdefault("unknown_body", a)
                elif actor.kind in (COUNTRY, PLACE, REGION, GROUP) and actor.country:
                    facts.setdefault("country", actor.country)
                continue
            m = self._mention_at(t.i)
            if m is not None and m.entry is not None and m.entry.adjective and m.entry.country:
                facts.setdefault("country", m.entry.country)
        # the role: the longest role phrase in the phrase, preferring the last one (the head)
        for t in reversed(tokens if roles else []):
            if t.i in named_body or (
                t.dep_ in ("compound", "amod", "poss", "nmod")
                and t.text.islower()
                and t.head.i > t.i
                and t.head.i in inside
                and t.head.pos_ == "NOUN"
            ):
                # a word of a body's name, or a modifier: "deputy" in "deputy project director" (a capitalised
                # title keeps its words: "Deputy President nominee")
                continue
            role = self._role_at(t)
            if role is not None and "role" not in facts:
                start, sector = role
                facts["role"] = _role_words(self.doc[start : t.i + 1], self.g)
                facts["role_sector"] = sector
                break

    def _descriptions(self) -> None:
        """ "The U.S. leader", "the Russian president", "Russia's leader": a person the article has already named."""
        actors, doc = self.index.actors, self.doc
        for group in actors:
            if group.kind != GROUP or not group.country or not group.role or group.role in COLLECTIVE:
                continue
            for m in list(group.mentions):
                span = doc.char_span(m.start, m.end)
                if span is None or span.root.tag_ in ("NNS", "NNPS"):
                    continue
                definite = span.start and doc[span.start - 1].lower_ == "the" or span[0].lower_ == "the"
                possessive = any(t.tag_ == "POS" for t in span[:4])  # "Russia's leader"
                if not (definite or possessive):
                    continue
                named = [
                    (p, max(x.start for x in p.mentions if x.start < m.start))
                    for p in actors
                    if p.kind == PERSON and p.country == group.country and _same_office(p.role, group.role)
                    and any(x.start < m.start for x in p.mentions)
                ]  # fmt: skip
                if not named:
                    continue
                person = max(named, key=lambda pair: pair[1])[0]
                group.mentions.remove(m)
                person.mentions.append(m)
                for i in range(span.start, span.end):
                    self.index.token_actor[i] = actors.index(person)

    def _igo_of_officials(self) -> None:
        """An international official the text does not tie to a body ("Richard Bennett, the special
        rapporteur") works for the international body the article talks about most."""
        bodies = Counter((a.name, a.code) for a in self.index.actors if a.kind == IGO for _ in a.mentions)
        if not bodies:
            return
        (name, code), _ = bodies.most_common(1)[0]
        for actor in self.index.actors:
            if actor.kind == PERSON and actor.sector == "IGO" and not actor.group:
                actor.group, actor.code = name, code

    def _named_after_role(self) -> None:
        """ "A spokesman for President Ghani rejected the accusations. '...,' Mohammad Ameri told VOA.": a
        person first named as the speaker right after a sentence about an unnamed role is that role."""
        sents = list(self.doc.sents)
        starts = [s.start for s in sents]
        for actor in self.index.actors:
            if actor.kind != PERSON or actor.country or not actor.mentions:
                continue
            span = self.doc.char_span(actor.mentions[0].start, actor.mentions[0].end)
            if span is None or span.root.dep_ != "nsubj" or span.root.head.lemma_.lower() not in SPEAKING:
                continue
            k = bisect.bisect_right(starts, span.start) - 1
            if k < 1:
                continue
            subject = next((t for t in sents[k - 1].root.children if t.dep_ == "nsubj"), None)
            if subject is None or not any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children
            ):
                continue
            ref = self.index.role_ref(subject)
            if ref is not None and ref.country:
                actor.country, actor.sector = ref.country, actor.sector or ref.sector
                actor.role = actor.role or subject.lemma_.lower()

    def _story_country(self) -> None:
        """People, organisations and places the article never places belong to the country it is about
        ("Pranowo", "the National Assembly", "Banja Luka" in a story set in one country)."""
        focus = self.index.focus_country
        if focus is None:
            ranked = self.index.country_ranking()
            focus = ranked[0] if ranked else None
        if focus is None:
            return
        for actor in self.index.actors:
            if actor.country is not None or actor.kind not in (PERSON, ORGANIZATION, PLACE):
                continue
            if actor.sector == "IGO" or actor.group:
                continue
            if actor.kind == PLACE and any(d.lookup(actor.name) for d in self.dictionaries):
                continue  # a person's name the recognizer took for a place ("Blinken")
            if actor.kind == ORGANIZATION and actor.mentions:
                # "Berisha founded the Democratic Party in Albania": a body is of the one country its
                # first sentence names, before the story's
                span = self.doc.char_span(actor.mentions[0].start, actor.mentions[0].end)
                here = self._located_country(span) if span is not None else None
                if here is not None:
                    actor.country = here
                    continue
            actor.country = focus

    def _located_country(self, span: SpacySpan) -> str | None:
        """Where the words around a body's name put it: "founded the party in Albania", "the Apple Daily
        newspaper in Hong Kong", "Brussels-based WindEurope". A country the sentence names in another role
        ("if the U.K. imposes a ban") says less: it comes second."""
        root = span.root
        holders = [root]
        if root.dep_ in ("compound", "appos", "poss") and root.head.i != root.i:
            holders.append(root.head)  # "the Apple Daily newspaper in Hong Kong"
        if holders[-1].dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
            holders.append(holders[-1].head)  # "founded the party in Albania"
        places = [g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in ("in", "from")
                  for g in p.subtree]  # fmt: skip
        places += [
            g for c in root.children if c.dep_ in ("amod", "compound") and c.lower_.endswith("based")
            for g in c.subtree
        ]  # fmt: skip
        for t in places:
            m = self._mention_at(t.i)
            if (
                m is not None
                and m.entry is not None
                and m.entry.kind in ("country", "place")
                and m.entry.country
            ):
                return m.entry.country
        # else the one country its sentence names (a narrower test, its own clause only, did worse)
        return self._sentence_country(root)

    # ----- step 4: ids, codes, order -----


# titles only a business has: its chief executive is no NGO's head
BUSINESS_TITLES = {"ceo", "chief executive", "chief executive officer", "executive", "managing director"}


LEADER_ROLES = {"leader", "president", "prime minister", "premier", "chancellor", "head of state", "top leader",
                "head of government", "king", "queen", "emir", "supreme leader"}  # fmt: skip


GENERIC_ROLES = {"spokesman", "spokeswoman", "spokesperson", "official", "aide", "adviser", "advisor", "director",
                 "member", "representative", "head", "chief", "officer", "staff", "employee", "senior fellow",
                 "fellow", "analyst", "expert", "researcher"}  # fmt: skip


def _same_office(person_role: str | None, role: str) -> bool:
    if not person_role:
        return False
    if person_role.split()[-1] == role.split()[-1]:
        return True
    return person_role in LEADER_ROLES and role in LEADER_ROLES


def _merge_facts(actor: Actor, facts: dict) -> None:
    if facts.get("group"):
        actor.group = actor.group or facts["group"]
        actor.sector = "IGO"
        actor.code = facts.get("igo_code") or actor.code
    if actor.country is None and facts.get("country") and not actor.group:
        actor.country = facts["country"]
    if actor.sector is None:
        # a spokesman or an official is of the body they speak for; a president is a president
        generic = facts.get("role") in GENERIC_ROLES or facts.get("role") is None
        if facts.get("role") in gz.load().modifiable_roles and facts.get("org_sector"):
            generic = True  # "the RSF commander", "Taliban leader": of the body the title names
        if facts.get("role") in gz.load().head_roles and facts.get("org_sector") not in (None, "GOV"):
            generic = True  # the president of a company, the chairman of a party: the body's sector
        if (
            facts.get("unknown_body") is not None
            and not facts.get("org_sector")
            and (
                facts.get("role") is None
                or facts.get("role") in gz.load().head_roles - BUSINESS_TITLES
                and facts.get("role_sector") in ("GOV", "BUS")
            )
        ):
            # "president of the Committee for Freedom", "chairman of the Orange Movement", "director for
            # Birdlife Spain": no state body's name lacks a word of state (ministry, agency, police ...), so a
            # body that no word places is a non-governmental one, and its head is neither GOV nor BUS (an
            # analyst, a fellow, a CEO or a spokesman of it keeps the sector of that title)
            facts["org_sector"], generic = "NGO", True
            facts["ngo_body"] = facts["unknown_body"]
        first, second = ("org_sector", "role_sector") if generic else ("role_sector", "org_sector")
        actor.sector = facts.get(first) or facts.get(second)
    if actor.role is None and facts.get("role"):
        actor.role = facts["role"]


def _body_name(name: str, g: gz.Gazetteer) -> bool:
    """Whether an organisation's name reads as a non-state body's: not a town's the recognizer took for one
    ("Quetta"), nor a party's ("GOP", "Democratic National Committee", "Orange Democratic Movement")."""
    return name not in g.cities and not any(w.lower() in g.party_words for w in name.split())


def _body_of(t: Token) -> bool:
    """A noun that names the body a title belongs to: "of/at/for/with the police", "the police's"."""
    return t.dep_ == "poss" or (t.dep_ == "pobj" and t.head.lower_ in ("of", "at", "for", "with"))


def _apply_entry(actor: Actor, entry: PersonEntry) -> None:
    if entry.group:
        # a UN spokesman is the UN's, whatever "spokesman" alone suggested
        actor.group, actor.sector, actor.country = actor.group or entry.group, "IGO", None
        return
    actor.country = entry.country or actor.country
    actor.sector = actor.sector or entry.sector
    if len(entry.name) > len(actor.name) and actor.name in entry.name:
        actor.name = entry.name


def _without_honorifics(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if w.lower().rstrip(".") + "." not in _HONORIFIC_FORMS)


def _is_part_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """'Lukashenko' / 'Mr. Lukashenko' are part of 'Aleksandr G. Lukashenko'; 'Xi' of 'Xi Jinping'."""
    words = _without_honorifics(short)
    if not words:
        return False
    return all(w in full for w in words) and words[-1] in (full[-1], full[0])


_HONORIFIC_FORMS = {
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "miss.",
    "prof.",
    "sir.",
    "president.",
    "sen.",
    "rep.",
    "gen.",
}


def _subtree(token: Token) -> list[Token]:
    return list(token.subtree)
