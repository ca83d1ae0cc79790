"""``analyze``: one article in, one ``Analysis`` out. A pure function of the article and the loaded resources.

The flow is DESIGN.md's: clean -> parse -> actors -> time -> quotes -> events. Each stage is a function
of the parsed ``Doc`` and what the earlier stages found, so the same code runs in one process, in a
process pool, or on a cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from . import actors, dictionary, events, gazetteer, ingest, nlp, timex
from .model import Analysis, Article, Place, Quote
from .quotes import find_quotes, find_title_quotes, headline_for_parsing


@dataclass(frozen=True)
class Resources:
    """What the user adds to the bundled data: an actor dictionary and an event lexicon."""

    dictionary: dictionary.Dictionary | None = None
    lexicon: events.Lexicon | None = None

    @classmethod
    def from_files(cls, actors: str | Path | None = None, lexicon: str | Path | None = None) -> Resources:
        """Read a user dictionary (YAML/CSV) and a lexicon (YAML); raises ValueError with a clear message."""
        return cls(
            dictionary=dictionary.load(actors) if actors else None,
            lexicon=events.load_lexicon(lexicon) if lexicon else None,
        )


DEFAULT_RESOURCES = Resources()


def analyze(
    text: str | Article,
    *,
    published: str | None = None,
    title: str | None = None,
    id: str | None = None,
    resources: Resources = DEFAULT_RESOURCES,
) -> Analysis:
    """Analyze one article given as raw text (cleaned here) or as an ``Article`` read by ``ingest``.

    >>> analysis = analyze("Russia and China signed a trade agreement on Monday.", published="2024-03-05")
    >>> [(e.source.country, e.plover, e.target.country) for e in analysis.events]
    [('RUS', 'SUPPORT', 'CHN')]
    """
    article = (
        text
        if isinstance(text, Article)
        else ingest.article_from_text(text, title=title, published=published, id=id)
    )
    return analyze_doc(article, nlp.load_pipeline()(article.body), resources)


def analyze_many(
    articles: Iterable[Article], *, batch_size: int = 16, resources: Resources = DEFAULT_RESOURCES
) -> Iterator[Analysis]:
    """Analyze a stream of articles, parsing them in batches with ``nlp.pipe``."""
    pipeline = nlp.load_pipeline()
    pairs = pipeline.pipe(((a.body, a) for a in articles), as_tuples=True, batch_size=batch_size)
    for doc, article in pairs:
        yield analyze_doc(article, doc, resources)


def analyze_doc(article: Article, doc: Doc, resources: Resources = DEFAULT_RESOURCES) -> Analysis:
    """The stages after parsing."""
    index = actors.find_actors(doc, published=article.published, dictionary=resources.dictionary)
    quotes = title_quotes(article, index, resources) + find_quotes(doc, index)
    times = timex.find_times(doc, article.published)
    found = events.find_events(
        doc,
        index,
        times,
        published=article.published,
        title=article.title,
        dateline_place=dateline_place(article.dateline),
        lexicon=resources.lexicon,
        quotes=quotes,
    )
    return Analysis(article=article, actors=index.actors, quotes=quotes, events=found, times=times)


def title_quotes(article: Article, index: actors.ActorIndex, resources: Resources) -> list[Quote]:
    """The quotes of the headline, its speakers resolved to the article's actors."""
    if not article.title or not article.title.strip():
        return []
    title_doc = nlp.load_pipeline()(headline_for_parsing(article.title, article.body))
    title_index = actors.find_actors(title_doc, published=article.published, dictionary=resources.dictionary)
    return find_title_quotes(title_doc, article.title, title_index, index)


def dateline_place(dateline: str | None) -> Place | None:
    """The place of a dateline ("BEIJING", "KYIV, Ukraine"), for events that name no place of their own."""
    if not dateline:
        return None
    names = gazetteer.load()
    city = dateline.split(",")[0].split("(")[0].strip(" —-–")
    for candidate in (city, city.title()):
        entry = names.names.get(candidate)
        country = entry.country if entry is not None else names.cities.get(candidate)
        if country:
            return Place(name=candidate, country=country, from_dateline=True)
    return None
