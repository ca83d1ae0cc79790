"""Building an article's actors: names found, people linked and placed, groups formed, codes given."""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .. import gazetteer as gz
from ..dictionary import Dictionary, PersonEntry, builtin_dictionary
from ..model import Actor, Span
from .index import (
    ActorIndex,
)
from .words import (
    ANAPHORIC_SECTORS,
    BASED,
    COLLECTIVE,
    COUNTRY,
    DETERMINERS,
    GROUP,
    IGO,
    NAME_LABELS,
    NON_STATE_NAMES,
    OFFICE_VERBS,
    ORGANIZATION,
    PERSON,
    PLACE,
    REGION,
    SPEAKING,
    _code,
    _guess_country,
    _modifiers,
    _name_sector,
    _nominal,
    _role_words,
    ent_at_token,
    role_at,
)


@dataclass
class _Mention:
    start: int  # token index
    end: int  # token index, exclusive
    kind: str
    entry: gz.Entry | None = None
    actor: int | None = None  # index into ActorIndex.actors


@functools.cache
def _matcher(vocab_id: int) -> PhraseMatcher:
    """A case-sensitive phrase matcher over every gazetteer name (built once per process)."""
    from ..nlp import load_pipeline

    nlp = load_pipeline()
    assert id(nlp.vocab) == vocab_id
    g = gz.load()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    # "the West" is matched as "West": a leading article would shadow longer names ("the West Bank")
    patterns = list(nlp.tokenizer.pipe(n for n in g.names if not n.lower().startswith("the ")))
    for start in range(0, len(patterns), 1000):
        matcher.add("GAZ", patterns[start : start + 1000])
    return matcher


def find_actors(
    doc: Doc, *, published: str | None = None, dictionary: Dictionary | None = None
) -> ActorIndex:
    """Find, place and link the actors of a parsed article."""
    g = gz.load()
    builder = _Builder(doc, g, dictionary, published)
    return builder.build()


class _Builder:
    def __init__(self, doc: Doc, g: gz.Gazetteer, dictionary: Dictionary | None, published: str | None):
        self.doc, self.g, self.published = doc, g, published
        self.dictionaries = [d for d in (dictionary, builtin_dictionary()) if d is not None]
        self.index = ActorIndex(doc)
        self.mentions: list[_Mention] = []
        self.gaz: list[_Mention] = []
        self.taken = [False] * len(doc)
        self.mention_by_token: dict[int, _Mention] = {}

    # ----- step 1: named mentions from the gazetteer and the named-entity recognizer -----

    def _gazetteer_mentions(self) -> list[_Mention]:
        from ..nlp import load_pipeline

        matcher = _matcher(id(load_pipeline().vocab)) if self.doc.vocab is load_pipeline().vocab else None
        found = []
        if matcher is not None:
            for _, start, end in matcher(self.doc):
                entry = self.g.names.get(self.doc[start:end].text)
                if entry is None:
                    continue
                before = self.doc[start - 1] if start else None
                titled = before is not None and before.text == "The" and not before.is_sent_start
                if titled and "The " + self.doc[start:end].text in self.g.names:
                    start -= 1  # "The Wall Street Journal": the article is part of the name
                found.append(_Mention(start, end, entry.kind, entry))
        # "U.S. Treasury" and "Treasury Department" in "the U.S. Treasury Department": one body, named whole
        found += [
            _Mention(a.start, b.end, b.entry.kind, b.entry)
            for a in found
            for b in found
            if a.start < b.start < a.end < b.end
            and a.entry.kind == b.entry.kind == gz.BODY
            and (a.entry.country, a.entry.sector) == (b.entry.country, b.entry.sector)
        ]
        # longest first, then leftmost; no overlaps
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        return found

    def _claim(self, m: _Mention) -> bool:
        if any(self.taken[m.start : m.end]):
            return False
        if m.entry is None and not any(t.text[:1].isupper() for t in self.doc[m.start : m.end]):
            return False  # "champagne & alcoholic": the recognizer's slip, not a name
        for i in range(m.start, m.end):
            self.taken[i] = True
            self.mention_by_token[i] = m
        self.mentions.append(m)
        return True

    def _collect_mentions(self) -> None:
        doc = self.doc
        gaz = self.gaz = self._gazetteer_mentions()
        ents = [e for e in doc.ents if e.label_ in NAME_LABELS]
        surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
        # A longer name that holds a gazetteer name is its own actor: "Jim Jordan", "Distilled Spirits
        # Council of the United States", "Jamestown Foundation", "Syrian Democratic Forces"; but a known
        # body after a country ("China's Foreign Ministry", "U.S. State Department") stays that body.
        for e in ents:
            s, t = _strip_det(e)
            inner = [m for m in gaz if s <= m.start and m.end <= t]
            if t - s < 2 or not inner or any(m.start == s and m.end == t for m in inner):
                continue
            if e.label_ == "PERSON":
                lead = [m for m in inner if m.start == s]
                if (
                    lead
                    and lead[0].end < t
                    and lead[0].entry.kind in (gz.COUNTRY, gz.REGION, gz.IGO, gz.BODY)
                ):
                    continue  # "Myanmar Andrew Kirkwood": the country, then the person (trimmed below)
                self._claim(_Mention(s, t, PERSON))
            elif e.label_ in ("ORG", "FAC"):
                if any(m.end == t and m.entry.kind in (gz.BODY, gz.IGO, gz.MEDIA, gz.SEAT) for m in inner):
                    continue
                m = _Mention(s, t, ORGANIZATION)
                lead = next((x for x in inner if x.start == s and x.entry.kind == gz.COUNTRY), None)
                if lead is not None:
                    m.entry = gz.Entry(
                        doc[s:t].text, gz.BODY, lead.entry.country, sector=self._org_sector(s, t)
                    )
                self._claim(m)
        for m in gaz:
            e = ent_at_token(ents, m.start)
            if (
                m.entry.kind == gz.COUNTRY
                and e is not None
                and e.label_ == "PERSON"
                and doc[m.start : m.end].text in surnames
            ):
                continue  # "Jordan" alone, where a "Jim Jordan" is named
            self._claim(m)
        for e in ents:
            s, t = _strip_det(e)
            while s < t and self.taken[s]:
                s += 1
            if t <= s or any(self.taken[s:t]):
                continue
            if e.label_ == "PERSON":
                s, t = self._person_bounds(s, t)
                if t > s:
                    self._claim(_Mention(s, t, PERSON))
            elif t - s == 1 and doc[s].text in surnames:
                continue  # a person's surname the recognizer took for a place or body; linked later
            elif e.label_ in ("ORG", "FAC"):
                self._claim(_Mention(s, t, ORGANIZATION))
            elif e.label_ in ("GPE", "LOC"):
                text = doc[s:t].text
                country = self.g.cities.get(text)
                if country is not None:
                    self._claim(_Mention(s, t, PLACE, gz.Entry(text, gz.PLACE, country)))
                elif self._after_title(s, t):
                    # "Mayor Hadi Rudyatmo": a person's name the recognizer took for a place
                    self._claim(_Mention(s, t, PERSON))
                elif e.label_ == "GPE":
                    self._claim(_Mention(s, t, PLACE, gz.Entry(text, gz.PLACE, None)))
            elif e.label_ == "NORP" and doc[t - 1].tag_ in ("NNPS", "NNS"):
                self._claim(_Mention(s, t, GROUP))

    def _after_title(self, s: int, t: int) -> bool:
        """Whether the name ``doc[s:t]`` (two words or more) follows a capitalised title ("Mayor", "Minister")."""
        doc = self.doc
        if t - s < 2 or s == 0 or not doc[s - 1].is_title:
            return False
        return doc[s - 1].lower_ in self.g.honorifics or (doc[s - 1].lemma_.lower(),) in self.g.roles

    def _person_bounds(self, s: int, t: int) -> tuple[int, int]:
        """Trim titles and honorifics the recognizer sometimes includes ("President Biden" -> "Biden")."""
        doc = self.doc
        while s < t - 1 and (doc[s].lower_ in self.g.honorifics or (doc[s].lower_,) in self.g.roles):
            s += 1
        while t > s and doc[t - 1].tag_ == "POS":
            t -= 1
        if (
            s > 0
            and doc[s - 1].lower_ in ("mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr")
            and t - s == 1
        ):
            s -= 1  # the mention is "Mr. Novak", as written
        return s, t

    # ----- step 2: actors from mentions -----

    def build(self) -> ActorIndex:
        self._collect_mentions()
        self.mentions.sort(key=lambda m: m.start)
        self._link_people()
        self._non_person_actors()
        self._places_by_region()
        self._described_organisations()
        self._groups()
        self._place_people()
        self._descriptions()
        self._igo_of_officials()
        self._named_after_role()
        self._story_country()
        self._finish()
        return self.index

    def _new_actor(self, name: str, kind: str, country: str | None, sector: str | None, **kw) -> int:
        actor = Actor(id="", name=name, code="", country=country, sector=sector, kind=kind, **kw)
        self.index.actors.append(actor)
        return len(self.index.actors) - 1

    def _add_mention(self, a: int, start: int, end: int, head: int | None = None) -> None:
        span = self.doc[start:end]
        actor = self.index.actors[a]
        actor.mentions.append(Span(span.text, span.start_char, span.end_char))
        for i in range(start, end):
            self.index.token_actor[i] = a
            self.index.token_span[i] = (start, end)
        if head is not None:
            self.index.token_actor[head] = a
            self.index.token_span[head] = (start, end)

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
                t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON", "ORG", "GPE", "NORP") and len(t.text) > 2
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

    def _expansion(self, acronym: str) -> int | None:
        """The organisation an all-capitals acronym abbreviates, by the initials of its name's words."""
        if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()):
            return None
        for a, actor in enumerate(self.index.actors):
            words = actor.name.split()
            if actor.kind == ORGANIZATION and len(words) >= len(acronym):
                initials = "".join(w[0] for w in words if w[:1].isupper() and w.lower() != "the")
                if initials == acronym:
                    return a
        return None

    def _countries_named(self) -> set[str]:
        return {m.entry.country for m in self.gaz if m.entry.country}

    def _non_person_actors(self) -> None:
        doc = self.doc
        by_key: dict[tuple, int] = {}
        for m in self.mentions:
            if m.kind == PERSON:
                continue
            entry = m.entry
            text = doc[m.start : m.end].text
            if entry is not None and entry.adjective:
                for i in range(m.start, m.end):
                    self.index.adjectives[i] = entry
                continue  # "Chinese", "Western": modifiers, used by groups and titles
            if entry is not None:
                kind = {gz.COUNTRY: COUNTRY, gz.PLACE: PLACE, gz.SEAT: ORGANIZATION, gz.BODY: ORGANIZATION,
                        gz.IGO: IGO, gz.REGION: REGION, gz.MEDIA: ORGANIZATION}[entry.kind]  # fmt: skip
                country, sector = entry.country, entry.sector
                name = entry.name
                if entry.kind == gz.BODY and country is None:
                    country = self._modifier_country(m.start, m.end)
                key = (name, country)
            else:
                kind = m.kind
                country, sector = self._modifier_country(m.start, m.end), None
                if kind == ORGANIZATION:
                    sector = self._org_sector(m.start, m.end)
                    country = country or self._inner_country(m.start, m.end) or self._of_country(m.end)
                name = text
                key = (name, kind)
                if kind == GROUP:
                    adj = self.g.names.get(text[:-1]) if text.endswith("s") else None
                    country = adj.country if adj else None
            a = by_key.get(key)
            if a is None and entry is None and kind == ORGANIZATION:
                a = self._expansion(text)  # "BLA" after "the Baloch Liberation Army"
            if a is None:
                a = self._new_actor(
                    name, kind, country, sector, group=entry.name if entry and kind == IGO else None
                )
                by_key[key] = a
                if entry is not None:
                    self.index.entry_kind[a] = entry.kind
                    if entry.code:
                        self.index.actors[a].code = entry.code
            m.actor = a
            self._add_mention(a, m.start, m.end)
        # a one-word name that ends a longer organisation's name points back to it ("the Journal", "a Journal
        # editorial")
        orgs = {}
        for a, actor in enumerate(self.index.actors):
            if actor.kind == ORGANIZATION and " " in actor.name:
                orgs.setdefault(actor.name.split()[-1], a)
        for t in doc:
            if (
                t.i not in self.index.token_actor
                and t.tag_ == "NNP"
                and t.text in orgs
                and t.i > 0
                and (doc[t.i - 1].lower_ == "the" or t.dep_ == "compound" and t.head.pos_ == "NOUN")
            ):
                self._add_mention(orgs[t.text], t.i, t.i + 1)
            elif t.i not in self.index.token_actor and not self.taken[t.i]:
                a = self._expansion(t.text)  # an acronym the recognizer missed ("the ONLF")
                if a is not None:
                    self._add_mention(a, t.i, t.i + 1)

    def _places_by_region(self) -> None:
        """ "Charlevoix, Quebec", "Kalat, Balochistan": a place followed by its region or country is there,
        whatever other place of the same name the gazetteer knows."""
        doc, index = self.doc, self.index
        for m in self.mentions:
            if m.kind != PLACE or m.actor is None or m.end + 1 >= len(doc) or doc[m.end].text != ",":
                continue
            region = index.token_actor.get(m.end + 1)
            if region is None or region == m.actor:
                continue
            head = doc[m.end + 1]
            while head.dep_ == "compound" and head.head.i != head.i:
                head = head.head
            if head.dep_ in ("nsubj", "nsubjpass") and head.head.i > head.i:
                continue  # "Rejecting calls from Washington, Israel pressed on": the subject of the clause
            where = index.actors[region]
            if (
                where.kind in (PLACE, COUNTRY)
                and where.country
                and where.country != index.actors[m.actor].country
            ):
                index.actors[m.actor].country = where.country

    def _described_organisations(self) -> None:
        """ "Iberdrola, one of the largest power utilities", "the think tank CNA", "InterDots, a company that
        ...": an organisation whose name says nothing of its sector takes the one its description gives."""
        doc, actors = self.doc, self.index.actors
        for m in self.mentions:
            if m.actor is None or actors[m.actor].kind != ORGANIZATION or actors[m.actor].sector is not None:
                continue
            root = doc[m.start : m.end].root
            described = [c for c in root.children if c.dep_ == "appos" and c.i >= m.end]
            if m.end + 1 < len(doc) and doc[m.end].text == ",":
                # "a spokesman for Talvik, a shipbuilding company": the parser may hang it on the spokesman
                described += [
                    t for t in doc[m.end + 1 : m.end + 8] if t.dep_ == "appos" and t.left_edge.i == m.end + 1
                ]
            if root.dep_ == "appos" and root.head.i < m.start:
                described.append(root.head)
            if root.dep_ == "nsubj" and root.head.lemma_ == "be":
                described += [c for c in root.head.children if c.dep_ == "attr"]
            if (
                m.start > 0
                and _nominal(doc[m.start - 1])
                and doc[m.start - 1].head.i in range(m.start, m.end)
            ):
                described.append(doc[m.start - 1])  # "the think tank CNA"
            for d in described:
                if d.lemma_.lower() in ("one", "part", "member", "some") and d.pos_ in (
                    "NUM",
                    "NOUN",
                    "PRON",
                ):
                    d = next((g for c in d.children if c.dep_ == "prep" and c.lower_ == "of"
                              for g in c.children if g.dep_ == "pobj"), d)  # fmt: skip
                role = self._role_at(d)
                if role is not None and role[1] not in ("CVL", "GOV"):
                    actors[m.actor].sector = role[1]
                    break

    def _modifier_country(self, start: int, end: int) -> str | None:
        """The country of modifiers inside or just before a phrase: "China's Foreign Ministry", "U.S. Congress"."""
        doc = self.doc
        lo = start
        while (
            lo > 0
            and start - lo < 4
            and (doc[lo - 1].tag_ in ("NNP", "POS", "JJ", "NNPS") or doc[lo - 1].text in ("'s", "’s"))
        ):
            lo -= 1
        for i in range(lo, end):
            m = self._mention_at(i)
            if (
                m is not None
                and m.entry is not None
                and m.entry.country
                and m.entry.kind in (gz.COUNTRY, gz.PLACE, gz.REGION, gz.SEAT)
            ):
                return m.entry.country
        return None

    def _inner_country(self, start: int, end: int) -> str | None:
        """A country named inside an organisation's name: "Council of the United States", "Syrian ... Forces"."""
        for m in self.gaz:
            if start <= m.start and m.end <= end and m.entry.kind in (gz.COUNTRY,) and m.entry.country:
                return m.entry.country
        return None

    def _of_country(self, end: int) -> str | None:
        """'... of Belarus', '... of the United States' right after a phrase."""
        doc = self.doc
        if end < len(doc) and doc[end].lower_ in ("of", "in"):
            for i in range(end + 1, min(end + 3, len(doc))):
                m = self._mention_at(i)
                if m is not None and m.entry is not None and m.entry.country:
                    return m.entry.country
        return None

    def _org_sector(self, start: int, end: int) -> str | None:
        named = _name_sector([t.lower_ for t in self.doc[start:end] if t.lower_ != "the"], self.g)
        if named in NON_STATE_NAMES:
            return named  # "International Refugee Assistance Project" is an NGO, not refugees
        words = [t.lemma_.lower() for t in self.doc[start:end]]
        for n in range(min(3, len(words)), 0, -1):
            for i in range(len(words) - n, -1, -1):
                sector = self.g.roles.get(tuple(words[i : i + n]))
                if sector:
                    return sector
        return named

    def _mention_at(self, i: int) -> _Mention | None:
        return self.mention_by_token.get(i)

    # ----- groups: role nouns with their modifiers ("Western leaders", "the Myanmar military") -----

    def _role_at(self, token: Token) -> tuple[int, str] | None:
        return role_at(token, self.g)

    def _groups(self) -> None:
        doc = self.doc
        counts = Counter(
            a.country
            for a in self.index.actors
            if a.kind in (COUNTRY, PLACE) and a.country
            for _ in a.mentions
        )
        total = sum(counts.values())
        if counts and counts.most_common(1)[0][1] >= 0.4 * total:
            self.index.focus_country = counts.most_common(1)[0][0]
        groups: dict[tuple, int] = {}
        for token in doc:
            if not _nominal(token) or token.i in self.index.token_actor:
                continue
            if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
                # "security forces" is one role; "NATO envoy Karl Fisch" is a title
                continue
            role = self._role_at(token)
            if role is None:
                continue
            role_start, sector = role
            role_words = _role_words(doc[role_start : token.i + 1], self.g)
            if any(c.lower_ in ("two", "both", "three", "four", "each", "all") for c in token.children):
                continue  # "both governments", "the two countries": several actors, resolved where used
            person = self._apposed_person(token)
            if person is not None:
                # "Ned Price, the State Department spokesman": the phrase is the person
                self.index.token_actor[token.i] = person
                continue
            plural = token.tag_ == "NNS" or role_words in COLLECTIVE
            if (
                sector in ANAPHORIC_SECTORS
                and plural
                and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
                and not any(c.dep_ in ("amod", "compound", "poss", "nummod", "nmod") for c in token.children)
            ):
                # "the Taliban ... the insurgents", "M23 rebels ... the rebels": the armed group last named
                named = self._latest_named(
                    token, lambda a, s=sector: a.sector == s and a.kind in (ORGANIZATION, GROUP), tokens=400
                )
                if named is not None:
                    self._add_mention(named, token.i - 1 if token.i else token.i, token.i + 1)
                    continue
            if (
                role_words in COLLECTIVE
                and token.tag_ == "NN"
                and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
                and not any(c.dep_ in ("amod", "compound", "poss", "nmod", "prep") for c in token.children)
            ):
                # "the Philippine government ... The government demanded": the one last named
                named = self._latest_named(
                    token, lambda a, r=role_words: a.kind == GROUP and a.role == r and a.country is not None
                )
                if named is not None:
                    self._add_mention(named, token.i - 1, token.i + 1)
                    continue
            country, org = self._group_country(token)
            if org is not None and org.kind == ORGANIZATION and org.sector == sector == "MED":
                # "a Global Times editorial" is the newspaper speaking
                self.index.token_actor[token.i] = self.index.actors.index(org)
                continue
            igo = org if org is not None and org.kind == IGO else None
            if igo is not None:
                country, sector = None, "IGO"
            if not plural and country is None and igo is None:
                continue  # "an official", "the spokesman": a person, resolved when referred to
            if country is None and igo is None and _guess_country(sector, role_words, plural):
                country = self._context_country(token)
            # the phrase: the role words and the modifiers that name whose they are ("the Chinese state
            # news media" -> "Chinese state news media"; "the current Albanian government" -> "Albanian government")
            start = role_start
            for t in _modifiers(token):
                if t.dep_ in ("amod", "compound", "poss", "nmod") and t.i < start and self._names_someone(t):
                    start = min(start, self.index.token_span.get(t.i, (t.i, 0))[0])
            if start == role_start and start > 0 and doc[start - 1].lower_ in DETERMINERS:
                start -= 1  # "the military", "The junta": the article belongs to a bare role
            end = token.i + 1
            key = (country, sector, None if plural else role_words, igo.name if igo else None)
            a = groups.get(key)
            if a is None:
                words = doc[start:end]
                name = words.text if words[0].lower_ not in DETERMINERS else words[1:].text
                if country and country != self._modifier_country(start, end) and country not in ("WST",):
                    name = f"{self.g.country_names.get(country, country)} {name}"
                a = self._new_actor(
                    name, GROUP, country, sector, role=role_words, group=igo.name if igo else None
                )
                if igo is not None:
                    self.index.actors[a].code = igo.code
                groups[key] = a
                if not plural:
                    self.index.individuals.add(id(self.index.actors[a]))
            self._add_mention(a, start, end, head=token.i)

    def _latest_named(self, token: Token, accept, tokens: int = 600) -> int | None:
        """The latest actor before the token (within ``tokens``) that ``accept``s."""
        for i in range(token.i - 1, max(-1, token.i - tokens), -1):
            a = self.index.token_actor.get(i)
            if a is not None and accept(self.index.actors[a]):
                return a
        return None

    def _names_someone(self, t: Token) -> bool:
        a = self.index.token_actor.get(t.i)
        if a is not None:
            return self.index.actors[a].kind != PERSON or t.dep_ == "poss"
        m = self._mention_at(t.i)
        return m is not None and m.entry is not None and m.entry.adjective

    def _apposed_person(self, token: Token) -> int | None:
        """The person a role phrase is in apposition with, either side of it."""
        candidates = [c for c in token.children if c.dep_ == "appos"]
        if token.dep_ == "appos":
            candidates.append(token.head)
        for c in candidates:
            a = self.index.token_actor.get(c.i)
            if a is not None and self.index.actors[a].kind == PERSON:
                return a
        return None

    def _group_country(self, token: Token) -> tuple[str | None, Actor | None]:
        """Country (or IGO) of a role noun from its modifiers: "Chinese", "China's", "of Myanmar", "Kremlin", "U.N."."""
        # "Afghanistan-based militants", "militants based in Afghanistan", "fighters present on Afghan soil",
        # "fighters from Niger": where a group is based is its country
        based = [c for c in token.children if c.lemma_.lower() in BASED and c.dep_ in ("amod", "acl")]
        located = [g for c in [*based, token] for p in c.children if p.dep_ == "prep"
                   and p.lower_ in ("in", "from", "on", "inside") and (c is not token or p.lower_ != "on")
                   for g in p.children if g.dep_ == "pobj"]  # fmt: skip
        located += [
            m
            for g in located
            if g.lemma_.lower() in ("soil", "territory")
            for m in g.children
            if m.dep_ == "amod"
        ]
        located += [m for c in based for m in c.children if m.dep_ in ("npadvmod", "compound")]
        for child in (
            _modifiers(token) + [c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"] + located
        ):
            cands = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
            for c in cands:
                a = self.index.token_actor.get(c.i)
                if a is not None:
                    actor = self.index.actors[a]
                    if actor.kind == IGO:
                        return None, actor
                    if actor.country and actor.kind != PERSON:
                        return actor.country, actor
                m = self._mention_at(c.i)
                if m is not None and m.entry is not None and m.entry.adjective:
                    return m.entry.country, None
                if c.lower_ in self.g.us_markers and c.dep_ in ("amod", "compound"):
                    return "USA", None  # "Republican lawmakers", "Democratic senators"
        return None, None

    def _context_country(self, token: Token) -> str | None:
        """A domestic body with no country of its own ("the military"): the one country its sentence
        names, else the country the article is mostly about."""
        return self._sentence_country(token) or self.index.focus_country

    def _sentence_country(self, token: Token) -> str | None:
        """The one country the token's sentence names (by a country or a place in it), if just one."""
        countries = set()
        for t in token.sent:
            m = self._mention_at(t.i)
            if (
                m is not None
                and m.entry is not None
                and m.entry.kind in (gz.COUNTRY, gz.PLACE)
                and m.entry.country
            ):
                countries.add(m.entry.country)
        return countries.pop() if len(countries) == 1 else None

    # ----- step 3: placing people -----

    def _place_people(self) -> None:
        doc = self.doc
        person_ids = [a for a, actor in enumerate(self.index.actors) if actor.kind == PERSON]
        pending_possessor: dict[int, int] = {}
        for a in person_ids:
            actor = self.index.actors[a]
            for mention in actor.mentions:
                span = doc.char_span(mention.start, mention.end)
                if span is None:
                    continue
                facts = self._person_context(span)
                _merge_facts(actor, facts)
                if "possessor" in facts:
                    pending_possessor.setdefault(a, facts["possessor"])
            if actor.country is None or actor.sector is None:
                self._from_dictionary(actor)
        # "President Biden's national security adviser, Jake Sullivan": the adviser is Biden's country's
        for a, possessor in pending_possessor.items():
            actor, boss = self.index.actors[a], self.index.actors[possessor]
            if boss.group and not actor.group:
                actor.group, actor.sector, actor.country = boss.group, "IGO", None
                actor.code = boss.code
            elif actor.country is None and boss.country:
                actor.country = boss.country

    def _from_dictionary(self, actor: Actor) -> None:
        mentions = [" ".join(_without_honorifics(tuple(m.text.split()))) for m in actor.mentions]
        for d in self.dictionaries:
            entry = d.lookup(actor.name, mentions, self.published)
            if entry is not None:
                _apply_entry(actor, entry)
                return
        # out of office on the article's date: still of that country, no longer in that office
        for d in self.dictionaries:
            entry = d.lookup(actor.name, mentions, None)
            if entry is not None:
                actor.country = actor.country or entry.country
                return

    def _person_context(self, span: SpacySpan) -> dict:
        """What the words around one mention of a person say about them."""
        doc = self.doc
        facts: dict = {}
        # a title before the name: "Iran's President", "U.S. Secretary of State", "opposition leader"
        lo = span.start
        while lo > 0 and span.start - lo < 8:
            t = doc[lo - 1]
            if t.is_space or "\n" in t.whitespace_:
                break
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
        while lo < span.start and (doc[lo].lower_ in ("of", "for") or doc[lo].is_punct):
            lo += 1
        self._read_phrase(doc[lo : span.start], facts)
        if any(t.lower_ in self.g.us_markers for t in doc[lo : span.start]):
            facts.setdefault("country", "USA")
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
        # appositives: "Ned Price, the State Department spokesman," / "China's top leader, Xi Jinping,"
        head = span.root
        for child in head.children:
            if child.dep_ == "appos" and child.i > span.end:
                self._read_phrase(_subtree(child), facts, head=child)
            elif child.dep_ == "relcl" and child.lemma_ in OFFICE_VERBS:
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

    def _read_phrase(self, tokens, facts: dict, head: Token | None = None, roles: bool = True) -> None:
        """Country, sector, role and affiliation named in a title or appositive phrase (its head's role first)."""
        tokens = list(tokens)
        if not tokens:
            return
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
        for t in tokens:
            if t.i in topic:
                continue  # "a North Korea expert": the subject of their expertise
            a = self.index.token_actor.get(t.i)
            if a is not None:
                actor = self.index.actors[a]
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
                elif actor.kind in (COUNTRY, PLACE, REGION, GROUP) and actor.country:
                    facts.setdefault("country", actor.country)
                continue
            m = self._mention_at(t.i)
            if m is not None and m.entry is not None and m.entry.adjective and m.entry.country:
                facts.setdefault("country", m.entry.country)
        # the role: the longest role phrase in the phrase, preferring the last one (the head)
        for t in reversed(tokens if roles else []):
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
                here = self._sentence_country(span[0]) if span is not None else None
                if here is not None:
                    actor.country = here
                    continue
            actor.country = focus

    # ----- step 4: ids, codes, order -----

    def _finish(self) -> None:
        actors = self.index.actors
        order = sorted(
            (a for a in range(len(actors)) if actors[a].mentions),
            key=lambda a: min(m.start for m in actors[a].mentions),
        )
        renumber = {old: new for new, old in enumerate(order)}
        self.index.actors = [actors[a] for a in order]
        self.index.token_actor = {i: renumber[a] for i, a in self.index.token_actor.items() if a in renumber}
        self.index.entry_kind = {renumber[a]: k for a, k in self.index.entry_kind.items() if a in renumber}
        for n, actor in enumerate(self.index.actors, 1):
            actor.id = f"A{n}"
            actor.mentions.sort(key=lambda m: m.start)
            if actor.kind == PERSON and actor.sector is None and not actor.group and actor.role is None:
                actor.sector = "CVL"  # a named person with no office, party or body: a civilian (CAMEO)
            if actor.kind == IGO or (actor.sector == "IGO" and actor.code):
                actor.code = actor.code or "IGO"
            else:
                actor.code = _code(actor.country, actor.sector)


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
        first, second = ("org_sector", "role_sector") if generic else ("role_sector", "org_sector")
        actor.sector = facts.get(first) or facts.get(second)
    if actor.role is None and facts.get("role"):
        actor.role = facts["role"]


def _apply_entry(actor: Actor, entry: PersonEntry) -> None:
    if entry.group:
        # a UN spokesman is the UN's, whatever "spokesman" alone suggested
        actor.group, actor.sector, actor.country = actor.group or entry.group, "IGO", None
        return
    actor.country = actor.country or entry.country
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


def _strip_det(e: SpacySpan) -> tuple[int, int]:
    s, t = e.start, e.end
    doc = e.doc
    while (
        s < t
        and doc[s].lower_ in ("the",)
        and not (t - s > 1 and doc[s].text == "The" and e.label_ == "ORG" and _is_title_name(e))
    ):
        s += 1
    while t > s and doc[t - 1].tag_ == "POS":
        t -= 1
    return s, t


def _is_title_name(e: SpacySpan) -> bool:
    """'The Wall Street Journal': a capitalised 'The' inside a sentence belongs to the name."""
    return e.start > 0 and not e.doc[e.start].is_sent_start


def _subtree(token: Token) -> list[Token]:
    return list(token.subtree)
