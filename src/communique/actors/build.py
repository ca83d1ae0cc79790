"""Building an article's actors: the steps in order (mentions, bodies and groups, people), then codes given."""

from __future__ import annotations

from spacy.tokens import Doc

from .. import gazetteer as gz
from ..dictionary import Dictionary, builtin_dictionary
from ..model import Actor, Span
from .bodies import Bodies
from .index import ActorIndex
from .mentions import Mentions, _Mention
from .people import People
from .words import (
    IGO,
    PERSON,
    _code,
)


def find_actors(
    doc: Doc, *, published: str | None = None, dictionary: Dictionary | None = None
) -> ActorIndex:
    """Find, place and link the actors of a parsed article."""
    g = gz.load()
    builder = _Builder(doc, g, dictionary, published)
    return builder.build()


class _Builder(Mentions, Bodies, People):
    """The steps over one parsed article, in order (``build``)."""

    def __init__(self, doc: Doc, g: gz.Gazetteer, dictionary: Dictionary | None, published: str | None):
        self.doc, self.g, self.published = doc, g, published
        self.dictionaries = [d for d in (dictionary, builtin_dictionary()) if d is not None]
        self.index = ActorIndex(doc)
        self.mentions: list[_Mention] = []
        self.gaz: list[_Mention] = []
        self.taken = [False] * len(doc)
        self.mention_by_token: dict[int, _Mention] = {}

    # ----- step 1: named mentions from the gazetteer and the named-entity recognizer -----

    def build(self) -> ActorIndex:
        self._collect_mentions()
        self.mentions.sort(key=lambda m: m.start)
        self._link_people()
        self._non_person_actors()
        self._places_by_region()
        self._places_by_namesake()
        self._described_organisations()
        self._party_sectors()
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
            elif actor.sector == "IGO" and actor.group:
                # "Geir Pedersen", the UN envoy: the code of the body he acts for
                body = next(
                    (a for a in self.index.actors if a.kind == IGO and a.name == actor.group and a.code), None
                )
                actor.code = body.code if body is not None else "IGO"
            else:
                actor.code = _code(actor.country, actor.sector)
