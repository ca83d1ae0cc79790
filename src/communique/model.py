"""The one record model shared by every stage: read -> clean -> actors -> time -> quotes -> events -> store.

All offsets are character offsets into ``Article.body`` (the cleaned text), end exclusive; a quote of the
headline (``Quote.in_title``) has its offsets into ``Article.title``.
Records are plain dataclasses; ``to_dict`` gives the JSON shape of ``communique extract --format json``
(a superset of what ``shared/eval/FORMAT.md`` scores) and ``from_dict`` reads it back.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

SCHEMA_VERSION = 1

#: Statuses an event can have (see DESIGN.md, "Events").
STATUSES = ("occurred", "expected", "hypothetical", "negated", "alleged")
#: Kinds of quotation.
QUOTE_KINDS = ("direct", "mixed", "indirect")
#: Kinds of actor.
ACTOR_KINDS = ("person", "organization", "country", "place", "region", "igo", "group")

R = TypeVar("R", bound="Record")


class Record:
    """Mixin: dict round trip for the dataclasses below."""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        hints = typing.get_type_hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _convert(hints[f.name], data[f.name])
        return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    """Build nested records from plain JSON values according to a type hint."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            if arg is not type(None):
                return _convert(arg, value)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_convert(item, v) for v in value]
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_dict(value)
    return value


@dataclass
class Span(Record):
    """A piece of the body: its text and offsets."""

    text: str
    start: int
    end: int


@dataclass
class Article(Record):
    id: str
    body: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    byline: str | None = None
    dateline: str | None = None
    credits: list[str] = field(default_factory=list)
    source: str | None = None  # where it was read from: "path", "path:line", "<stdin>"
    warnings: list[str] = field(default_factory=list)


@dataclass
class Actor(Record):
    """Someone or something that acts: a person, organisation, country, place standing for a government, ..."""

    id: str
    name: str
    code: str  # CAMEO style: BLRGOV, USAGOV, CHNMED, IGOUNO ...
    country: str | None  # ISO 3166-1 alpha-3 or a CAMEO region code (WST, EUR, ...)
    sector: str | None  # CAMEO actor type: GOV MIL MED OPP REB BUS IGO NGO CVL JUD LEG COP EDU ...
    kind: str  # one of ACTOR_KINDS
    group: str | None = None  # the IGO a person acts for ("United Nations" for a UN envoy)
    role: str | None = None  # the role noun that placed a person ("spokesman", "president")
    mentions: list[Span] = field(default_factory=list)


@dataclass
class ActorRef(Record):
    """An actor in one place of the text: an event's source or target, or a quote's speaker."""

    name: str | None
    text: str  # the words of the text that name it here ("he", "the spokesman", "Beijing")
    country: str | None
    sector: str | None
    code: str | None = None
    group: str | None = None
    kind: str | None = None
    actor_id: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class TimeRef(Record):
    """A normalized temporal expression; ``value`` is ISO-like to its granularity (2023-02-28, 2022-02, 2020)."""

    value: str | None
    granularity: str | None  # day, week, month, season, year, decade
    text: str | None  # the original words; None when the date is the article's date
    start: int | None = None
    end: int | None = None
    from_article: bool = False  # True when no expression was attached and the article date stands in


@dataclass
class Place(Record):
    name: str
    country: str | None
    start: int | None = None
    end: int | None = None
    from_dateline: bool = False


@dataclass
class Quote(Record):
    text: str
    start: int
    end: int
    kind: str  # one of QUOTE_KINDS
    speaker: ActorRef | None = None
    cue: Span | None = None
    confidence: float = 1.0
    # a quote of the headline: its offsets (and the cue's, the speaker's) are into the title
    in_title: bool = False


@dataclass
class Event(Record):
    evidence: Span  # the sentence
    trigger: Span
    source: ActorRef | None
    target: ActorRef | None
    cameo: str | None
    plover: str | None  # None for plain statements, which scoring ignores
    status: str  # one of STATUSES
    cameo_name: str | None = None
    plover_mode: str | None = None
    quad_class: int | None = None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein: float | None = None
    date: TimeRef | None = None
    location: Place | None = None
    confidence: float = 1.0


@dataclass
class Analysis(Record):
    """Everything communique extracts from one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION
