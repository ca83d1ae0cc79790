"""Events: each clause's predicate coded with CAMEO and PLOVER, its source and target, status, date and place.

The predicate is a verb or an event noun found in the lexicon (``data/events.yaml`` and
``data/lexicon/*.yaml``, extended by the user's). A sense fits when its argument constraints hold
("impose" + sanctions + "on X"); the source is the subject (active), the agent (passive), the possessor
or the "by" phrase of a noun, or the subject a controlling verb passes down ("allowed Russia to use",
"is expected to meet"); the target is the object or prepositional object; coordinated actors give one
event each. Statuses come from the words around the predicate: negation and modals on it, and the
verbs it is the complement of ("denied that ...", "accused X of ...", "is expected to ...").

Where a rule lives: ``lexicon`` (the senses and their loading), ``predicates`` (which verb or noun is a
candidate, in which sense), ``arguments`` (sources and targets), ``status``, ``when`` (time and place),
``speech`` (accusations and demands made in reported speech), ``coder`` (the whole, per article).
"""

from .coder import find_events
from .lexicon import Lexicon, LexiconError, Sense, default_lexicon, load_lexicon, parse_lexicon

__all__ = [
    "Lexicon",
    "LexiconError",
    "Sense",
    "default_lexicon",
    "find_events",
    "load_lexicon",
    "parse_lexicon",
]
