"""Organisations, places and groups of an article: their countries and sectors from their names and context."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from .. import gazetteer as gz
from ..model import Actor
from .words import (
    ANAPHORIC_SECTORS,
    BASED,
    COLLECTIVE,
    COUNTRY,
    DETERMINERS,
    GROUP,
    IGO,
    NON_STATE_NAMES,
    ORGANIZATION,
    PERSON,
    PLACE,
    REGION,
    _guess_country,
    _modifiers,
    _name_sector,
    _nominal,
    _role_words,
    role_at,
)


class Bodies:
    """Step 2: actors that are not people, and groups formed from role nouns."""

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
                    # "the University of North Korean Studies in Seoul": a demonym after "of" inside a
                    # body's name is what it studies; its place says where it is
                    of = next((i for i in range(m.start + 1, m.end) if doc[i].lower_ == "of"), None)
                    if of is not None:
                        country = self._modifier_country(m.start, of)
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

    def _party_sectors(self) -> None:
        """A political party is in government where the text calls it ruling ("the ruling Socialist Party")
        and in opposition where it says so ("the opposition Democratic Party")."""
        doc = self.doc
        for actor in self.index.actors:
            words = actor.name.lower().split()
            if (
                actor.kind != ORGANIZATION
                or actor.sector is not None
                or not words
                or words[-1] not in ("party",)
            ):
                continue
            cues = set()
            for m in actor.mentions:
                span = doc.char_span(m.start, m.end)
                if span is not None:
                    cues |= {t.lower_ for t in doc[max(0, span.start - 4) : span.end]}
            if cues & self.g.ruling_words:
                actor.sector = "GOV"
            elif "opposition" in cues:
                actor.sector = "OPP"
            else:
                actor.sector = self.g.default_party_sector

    def _places_by_namesake(self) -> None:
        """ "Bali" in a story about Indonesia is Indonesia's, not the larger town of that name in Cameroon: a
        place whose name several countries share is in the one of them the article names, if just one."""
        named = {m.entry.country for m in self.gaz if m.entry.kind == gz.COUNTRY and m.entry.country}
        named |= {e.country for e in self.index.adjectives.values() if e.country}
        for actor in self.index.actors:
            countries = self.g.namesakes.get(actor.name)
            if actor.kind != PLACE or not countries or actor.country in named:
                continue
            here = countries & named
            if len(here) == 1:
                actor.country = next(iter(here))

    def _described_organisations(self) -> None:
        """ "Iberdrola, one of the largest power utilities", "the think tank CNA", "InterDots, a company that
        ...": an organisation whose name says nothing of its sector takes the one its description gives."""
        doc, actors = self.doc, self.index.actors
        for m in self.mentions:
            if m.actor is None or actors[m.actor].sector is not None:
                continue
            # a name the recognizer took for a place that no gazetteer knows ("energy giant Iberdrola")
            unknown_place = actors[m.actor].kind == PLACE and m.entry is not None and m.entry.country is None
            if actors[m.actor].kind != ORGANIZATION and not unknown_place:
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
                    if unknown_place and role[1] not in NON_STATE_NAMES:
                        continue
                    actors[m.actor].sector = role[1]
                    if unknown_place:
                        actors[m.actor].kind = ORGANIZATION
                        self._absorb_namesakes(m.actor)
                    break

    def _absorb_namesakes(self, a: int) -> None:
        """Other organisations of the same name are this one ("energy giant Iberdrola ... Iberdrola said")."""
        actors, index = self.index.actors, self.index
        for b, other in enumerate(actors):
            if b == a or other.kind != ORGANIZATION or other.name != actors[a].name:
                continue
            actors[a].mentions += other.mentions
            other.mentions = []
            for i, x in list(index.token_actor.items()):
                if x == b:
                    index.token_actor[i] = a
            for m in self.mentions:
                if m.actor == b:
                    m.actor = a

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
        of = next((i for i in range(start + 1, end) if self.doc[i].lower_ == "of"), end)
        for m in self.gaz:
            if start <= m.start and m.end <= end and m.entry.kind in (gz.COUNTRY,) and m.entry.country:
                if m.entry.adjective and m.start > of:
                    continue  # "University of North Korean Studies": the subject it studies
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
        named = _name_sector(_name_words(self.doc[start:end]), self.g)
        if named in NON_STATE_NAMES:
            return named  # "International Refugee Assistance Project" is an NGO, not refugees
        words = [t.lemma_.lower() for t in self.doc[start:end]]
        for n in range(min(3, len(words)), 0, -1):
            for i in range(len(words) - n, -1, -1):
                sector = self.g.roles.get(tuple(words[i : i + n]))
                # a civilian word names no body: "National" in a council's name, "Public" in "Public Relations"
                if sector and sector != "CVL":
                    return sector
        if named:
            return named
        # "White House National Economic Council", "CNN International": a part of a known body is of its sector
        inner = [m.entry.sector for m in self.gaz if start <= m.start and m.end <= end and m.entry.sector]
        return inner[0] if inner else None

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
        # the story's setting: the country of the most place names, when it has a third of them (a story
        # about two countries' dealings still has one setting; 0.4 left many such stories without one)
        if counts and counts.most_common(1)[0][1] >= 0.3 * total:
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
            if org is not None and org.kind == ORGANIZATION and org.sector == "REB" and sector == "MIL":
                sector = "REB"  # "Hamas commanders", "Taliban fighters": an armed group's men are no army's
            igo = org if org is not None and org.kind == IGO else None
            if igo is not None:
                country, sector = None, "IGO"
            if not plural and country is None and igo is None:
                continue  # "an official", "the spokesman": a person, resolved when referred to
            if country is None and igo is None and _guess_country(sector, role_words, plural):
                country = (
                    sector in ("MIL", "COP") and self._reporter_country(token)
                ) or self._context_country(token)
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
        # "the Saudi-led coalition", "U.S.-led forces": a force another country leads acts for it
        for c in token.children:
            if c.dep_ not in ("amod", "nummod", "compound"):
                continue
            if c.lower_ == "led":
                leaders = [m for m in c.children if m.dep_ in ("npadvmod", "compound", "nmod", "amod")]
                located += leaders
            elif c.lower_.endswith("-led"):
                entry = self.g.names.get(c.text[: -len("-led")])
                if entry is not None and entry.country:
                    return entry.country, None
        demonym = any(
            m.dep_ == "amod"
            and (e := self._mention_at(m.i)) is not None
            and e.entry is not None
            and e.entry.adjective
            for m in token.children
        )  # "their Russian captors" are Russian, whoever "their" is
        for c in token.children:
            if c.dep_ == "poss" and c.lower_ in ("its", "their") and not demonym:
                # "the Israeli military said its forces had pulled out of Khan Younis": the forces are those of
                # the sentence's subject, not of the place named after them
                a = self.index._resolve_afresh(c)
                actor = self.index.actors[a] if a is not None else None
                here = any(self.index.token_actor.get(t.i) == a for t in token.sent if t.i < c.i)
                if actor is not None and actor.country and actor.kind != PERSON and here:
                    return actor.country, None
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

    def _reporter_country(self, token: Token) -> str | None:
        """The country of whoever reports the clause a force is named in: "the Pakistani army said troops
        killed 10 militants near the border with Afghanistan" speaks of its own troops."""
        node = token
        for _ in range(8):
            if node.head.i == node.i:
                return None
            if node.dep_ == "ccomp" and node.head.lemma_.lower() in (
                "say",
                "announce",
                "report",
                "confirm",
                "add",
            ):
                for subject in (c for c in node.head.children if c.dep_ == "nsubj"):
                    a = self.index.token_actor.get(subject.i)
                    actor = self.index.actors[a] if a is not None else None
                    if (
                        actor is not None
                        and actor.kind != PERSON
                        and actor.country
                        and actor.sector in ("MIL", "COP", "GOV")
                    ):
                        return actor.country
                return None
            node = node.head
        return None

    def _context_country(self, token: Token) -> str | None:
        """A domestic body with no country of its own ("the military"): the country the article is mostly
        about, else the one country its sentence names ("the police said the suspects came from Uganda" in a
        story set in Kenya: Kenya's police)."""
        return self.index.focus_country or self._sentence_country(token)

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


def _name_words(span) -> list[str]:
    """The lower-case words of a name, hyphenated ones whole: "Non-Governmental" -> "non-governmental"."""
    words: list[str] = []
    for t in span:
        if t.lower_ == "the":
            continue
        if words and (t.text == "-" or (t.i > span.start and t.doc[t.i - 1].text == "-")):
            words[-1] += t.lower_
        else:
            words.append(t.lower_)
    return words
