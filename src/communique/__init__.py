"""communique: news articles to event data, with the sentence behind every record."""

from .model import Actor, ActorRef, Analysis, Article, Event, Quote, Span, TimeRef
from .pipeline import analyze, analyze_many
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
