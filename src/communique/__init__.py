"""communique: news articles to event data, with the sentence behind every record."""

from .model import Actor, ActorRef, Analysis, Article, Event, Quote, Span, TimeRef
from .pipeline import analyze, analyze_many

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_many", "Analysis", "Article", "Actor", "ActorRef", "Event", "Quote", "Span", "TimeRef"]
