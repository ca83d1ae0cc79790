"""Actors: who is named in an article, placed by the article itself, and how later words point back to them.

``find_actors(doc)`` returns an ``ActorIndex``: the article's actors (people, organisations,
countries, places, regions, IGOs and groups such as "Western leaders") with CAMEO-style codes
and every mention's offsets, and the resolution that the later stages use to turn a noun
phrase, a pronoun or a role noun ("the spokesman") into an ``ActorRef``.

People are placed from their own context: a title before the name ("Iran's President
Ebrahim Raisi"), "of Belarus" after it, an appositive on either side ("Ned Price, the State
Department spokesman"; "China's top leader, Xi Jinping"), the country of a person whose
adviser they are; then by the user's dictionary, then the bundled one of well-known people.
"""

from .build import find_actors
from .index import ActorIndex
from .words import (
    COLLECTIVE,
    COUNTRY,
    GROUP,
    IGO,
    ORGANIZATION,
    PERSON,
    PLACE,
    REGION,
    role_at,
)

__all__ = [
    "COLLECTIVE",
    "COUNTRY",
    "GROUP",
    "IGO",
    "ORGANIZATION",
    "PERSON",
    "PLACE",
    "REGION",
    "ActorIndex",
    "find_actors",
    "role_at",
]
