"""Finding the names of an article: gazetteer matches and the recognizer's entities, one mention a token."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Span as SpacySpan

from .. import gazetteer as gz
from .words import (
    GROUP,
    NAME_LABELS,
    ORGANIZATION,
    PERSON,
    PLACE,
    ent_at_token,
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


COMPASS = {"east", "west", "north", "south"}


class Mentions:
    """Step 1: the mentions, each token claimed once."""

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

    def _known_surname(self, text: str) -> bool:
        """Whether the dictionaries know exactly one person of this surname on the article's date
        ("Sheinbaum rejected Trump's threat": the recognizer took both for organisations)."""
        found = (d.lookup(text, None, self.published) for d in self.dictionaries)
        entry = next((e for e in found if e is not None), None)
        # as when the surname alone is linked later: only where the article speaks of their country
        return (
            entry is not None
            and entry.name.split()[-1] == text
            and (entry.country in self._countries_named() or entry.group is not None)
        )

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
                last = next((m for m in inner if m.end == t), None)
                if (
                    last is not None
                    and last.entry.kind == gz.COUNTRY
                    and doc[last.start : last.end].text not in self.g.name_countries
                ):
                    # "Birdlife Spain", "Breakthrough Action Nigeria": a body's branch in a country
                    self._claim(_Mention(s, t, ORGANIZATION))
                    continue
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
            if self._compass_pair(m):
                continue  # "the East-West Center", "North-South talks": no region is named
            self._claim(m)
        for e in ents:
            s, t = _strip_det(e)
            while s < t and self.taken[s]:
                s += 1
            if t <= s or any(self.taken[s:t]):
                continue
            titled_body = s > 0 and doc[s - 1].text.islower() and doc[s - 1].lemma_ in self.g.body_titles
            if e.label_ == "PERSON" and (
                t - s > 1 and doc[t - 1].lower_ in self.g.organisation_heads or titled_body
            ):
                # "the think tank Confluence Advisory", "the startup Kora Labs": a body named after its kind
                self._claim(_Mention(s, t, ORGANIZATION))  # "Wan Guo Jin Liang Company": a body, not a person
            elif e.label_ == "PERSON":
                s, t = self._person_bounds(s, t)
                if t > s:
                    self._claim(_Mention(s, t, PERSON))
            elif t - s == 1 and (doc[s].text in surnames or self._known_surname(doc[s].text)):
                continue  # a person's surname the recognizer took for a place or body; linked later
            elif e.label_ in ("ORG", "FAC"):
                # "Chancellor Olaf Scholz": a person's name the recognizer took for a body
                self._claim(_Mention(s, t, PERSON if self._after_title(s, t) else ORGANIZATION))
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

    def _compass_pair(self, m: _Mention) -> bool:
        """Whether a one-word mention is a compass word hyphenated to another ("East-West")."""
        doc = self.doc
        if m.end - m.start != 1 or doc[m.start].lower_ not in COMPASS:
            return False
        before = doc[m.start - 2 : m.start] if m.start >= 2 else []
        after = doc[m.end : m.end + 2] if m.end + 2 <= len(doc) else []
        return any(
            len(pair) == 2
            and "-" in (pair[0].text, pair[1].text)
            and any(t.lower_ in COMPASS for t in pair if t.text != "-")
            for pair in (before, after)
        )

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

    def _mention_at(self, i: int) -> _Mention | None:
        return self.mention_by_token.get(i)

    # ----- groups: role nouns with their modifiers ("Western leaders", "the Myanmar military") -----


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
