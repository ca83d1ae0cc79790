"""communique: news articles to event data, with the sentence behind every record."""

from typing import Any

from .model import Actor, ActorRef, Analysis, Article, Event, Quote, Span, TimeRef
from .store import Store, open  # noqa: A004 - communique.open(db) opens a corpus database

__version__ = "0.1.0"
__all__ = [
    "analyze",
    "analyze_many",
    "open",
    "Store",
    "Analysis",
    "Article",
    "Actor",
    "ActorRef",
    "Event",
    "Quote",
    "Span",
    "TimeRef",
]


def __getattr__(name: str) -> Any:
    """``analyze`` and ``analyze_many`` load the pipeline (spaCy, ~100 MB) only when first asked for: the
    store, the exports and ``communique serve`` never need it."""
    if name in ("analyze", "analyze_many"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
