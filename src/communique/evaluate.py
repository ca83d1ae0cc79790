"""Score extractions against gold answers, by the rules of ``shared/eval/FORMAT.md``.

The scoring core is pure: it takes gold documents (dicts, one per line of a ``*.gold.jsonl`` file) and
predictions (dicts shaped like ``Analysis.to_dict()``) and returns plain dataclasses. Reading files,
running the extractor and printing live at the bottom of the module.

Where FORMAT.md leaves room, this module reads it as follows (``docs/evaluate.md`` says the same):

- Event rule 1: both tests compare with white space folded (runs of white space -> one space, stripped)
  and case ignored. A gold ``sentence`` is a *whole sentence* when, stripped, it ends with ``.``, ``!`` or
  ``?``, optionally followed by closing quotes or brackets (” ’ " ' ) ]); only then may a folded evidence of
  at least 20 characters lie inside it.
- Event rule 3, for source and target separately: a null gold side matches anything (a null prediction
  too). Otherwise the prediction must be non-null. A gold ``IGO`` side needs predicted sector ``IGO`` and the
  gold name as a contiguous sequence of folded words in the predicted ``name`` or ``group`` (in relaxed
  mode too). Any other gold side needs the predicted country to equal a non-null gold country (a null
  gold country is "not known" and accepts any); the strict score also needs the predicted sector to
  equal a non-null gold sector.
  ``symmetric`` gold also accepts the prediction with source and target swapped.
- Event rule 4: ``occurred`` never matches a ``negated``, ``alleged`` or ``hypothetical`` gold event; any
  other status difference still matches and only costs status accuracy.
- Status, date and CAMEO-root accuracy are computed over the predictions matched to *required* gold in
  the relaxed matching. The negated-as-occurred count counts predictions (each once) marked ``occurred``
  that meet rules 1-3 (relaxed) for some gold event with status ``negated``.
- Quote words are ``re.findall(r"\\w+")`` of the text lower-cased with ‘ ’ “ ” folded to ' and ".
  A speaker is right when, for some ``;``-separated gold alternative g and some non-empty predicted
  ``name`` or ``text`` s, the space-joined folded words of one contain those of the other (plain
  substring), or their last folded words are equal. A null predicted speaker is wrong.
- A section (``events``, ``quotes``, ``actors``, ``not_quotes``) absent from a gold document is not
  annotated there, so that document's predictions of that kind are not scored; an empty list is
  annotated and says there is nothing. Body cleaning is scored on documents with ``body_must_exclude``
  or ``credits``.
- Predictions are paired with gold by ``article.id``; a gold document whose id no prediction carries
  takes the prediction at its own position, if that prediction's id belongs to no gold document.
- A ratio whose denominator is 0 is undefined (``None``, shown as ``n/a``). F1 is 2TP / (2TP + FP + FN),
  which is the harmonic mean of P and R when both are defined and 0 when both are 0.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, TextIO

# ---------------------------------------------------------------------------------------------- folding

_CURLY_TO_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
_WORD = re.compile(r"\w+")
_WHITE_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*$")
MIN_INSIDE_EVIDENCE = 20  # characters of folded evidence needed for the "lies inside the gold sentence" test
QUOTE_MATCH_DICE = 0.5
NOT_QUOTE_DICE = 0.8
NEVER_OCCURRED = frozenset({"negated", "alleged", "hypothetical"})
DIRECT_KINDS = frozenset({"direct", "mixed"})
QUOTE_KINDS = ("direct", "mixed", "indirect")  # each also scored alone


def fold_space(text: str | None) -> str:
    """White space folded to single spaces, stripped, lower-cased: the form event rule 1 compares."""
    return _WHITE_SPACE.sub(" ", text or "").strip().lower()


def words(text: str | None) -> list[str]:
    """The lower-cased word-character runs of a text, curly quotes and apostrophes folded to straight ones."""
    return _WORD.findall((text or "").translate(_CURLY_TO_STRAIGHT).lower())


def folded(text: str | None) -> str:
    """The folded words of a text joined by single spaces."""
    return " ".join(words(text))


def dice(a: Sequence[str], b: Sequence[str]) -> float:
    """Dice overlap of two word multisets: 2 |A ∩ B| / (|A| + |B|); 0 when both are empty."""
    if not a and not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return 2 * common / (len(a) + len(b))


def contains_words(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """Whether ``needle`` occurs as a contiguous run of ``haystack``."""
    n = len(needle)
    return any(list(haystack[i : i + n]) == list(needle) for i in range(len(haystack) - n + 1))


# ---------------------------------------------------------------------------------------------- figures


@dataclass
class Ratio:
    """hits out of total; ``value`` is None when total is 0."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def add(self, hit: bool) -> None:
        self.hits += bool(hit)
        self.total += 1

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "hits": self.hits, "total": self.total}


@dataclass
class PRF:
    """One matching's counts: ``matched`` predictions matched to required gold (= required gold matched),
    ``predicted`` scored predictions not set aside, ``gold`` required gold, ``set_aside`` predictions
    matched to optional gold."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0
    set_aside: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        denominator = self.predicted + self.gold  # = 2TP + FP + FN
        return 2 * self.matched / denominator if denominator else None

    def __add__(self, other: PRF) -> PRF:
        return PRF(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
            "set_aside": self.set_aside,
        }


class Tally(dict):
    """Counts or ratios by key that add up key by key (``--by-class`` figures)."""

    def __add__(self, other: Tally) -> Tally:
        out = Tally(self)
        for key, value in other.items():
            out[key] = out[key] + value if key in out else value
        return out


# Why a required gold event was missed, from the nearest thing predicted in its sentence.
MISS_CAUSES = (
    "no event in the sentence",
    "wrong type",
    "wrong source",
    "wrong target",
    "wrong source and target",
    "wrong status",
    "taken by another gold event",
)


@dataclass
class EventScores:
    relaxed: PRF = field(default_factory=PRF)
    strict: PRF = field(default_factory=PRF)
    status: Ratio = field(default_factory=Ratio)
    date: Ratio = field(default_factory=Ratio)
    cameo_root: Ratio = field(default_factory=Ratio)
    negated_as_occurred: int = 0
    documents: int = 0  # gold documents that annotate events
    by_type: Tally = field(default_factory=Tally)  # PLOVER type (the gold's first) -> recall Ratio (relaxed)
    miss_causes: Tally = field(default_factory=Tally)  # cause (MISS_CAUSES) -> count of missed required gold

    def __add__(self, other: EventScores) -> EventScores:
        return EventScores(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "relaxed": self.relaxed.to_dict(),
            "strict": self.strict.to_dict(),
            "status_accuracy": self.status.to_dict(),
            "date_accuracy": self.date.to_dict(),
            "cameo_root_accuracy": self.cameo_root.to_dict(),
            "negated_as_occurred": self.negated_as_occurred,
            "recall_by_type": {k: v.to_dict() for k, v in sorted(self.by_type.items())},
            "miss_causes": {k: self.miss_causes.get(k, 0) for k in MISS_CAUSES},
        }


@dataclass
class QuoteSetScores:
    """Quote matching over one selection of kinds."""

    match: PRF = field(default_factory=PRF)
    speaker: Ratio = field(default_factory=Ratio)

    def __add__(self, other: QuoteSetScores) -> QuoteSetScores:
        return QuoteSetScores(self.match + other.match, self.speaker + other.speaker)

    def to_dict(self) -> dict[str, Any]:
        return {**self.match.to_dict(), "speaker_accuracy": self.speaker.to_dict()}


@dataclass
class QuoteScores:
    all_kinds: QuoteSetScores = field(default_factory=QuoteSetScores)
    direct_mixed: QuoteSetScores = field(default_factory=QuoteSetScores)
    direct: QuoteSetScores = field(default_factory=QuoteSetScores)
    mixed: QuoteSetScores = field(default_factory=QuoteSetScores)
    indirect: QuoteSetScores = field(default_factory=QuoteSetScores)
    not_quotes: Ratio = field(default_factory=Ratio)  # hits: not_quotes some predicted quote matches
    documents: int = 0

    def __add__(self, other: QuoteScores) -> QuoteScores:
        return QuoteScores(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "all_kinds": self.all_kinds.to_dict(),
            "direct_mixed": self.direct_mixed.to_dict(),
            "direct": self.direct.to_dict(),
            "mixed": self.mixed.to_dict(),
            "indirect": self.indirect.to_dict(),
            "not_quotes_matched": {"count": self.not_quotes.hits, "of": self.not_quotes.total},
        }


@dataclass
class ActorScores:
    recall: Ratio = field(default_factory=Ratio)
    country: Ratio = field(default_factory=Ratio)
    sector: Ratio = field(default_factory=Ratio)
    documents: int = 0

    def __add__(self, other: ActorScores) -> ActorScores:
        return ActorScores(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "recall": self.recall.to_dict(),
            "country_accuracy": self.country.to_dict(),
            "sector_accuracy": self.sector.to_dict(),
        }


@dataclass
class Miss:
    """One error for ``--show-misses``: a missed gold item, a false positive, or a wrong attribute."""

    document: str
    section: str  # events, quotes, actors, body
    kind: str  # "missed", "false positive", "wrong speaker", "not_quote taken", "wrong country", "wrong sector", "failed"
    text: str  # the gold sentence / quote / mention, or the predicted evidence / quote / name
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "section": self.section,
            "kind": self.kind,
            "text": self.text,
            "detail": self.detail,
        }


@dataclass
class Scores:
    """The figures of one document, one gold file or several files (micro-averaged: counts summed)."""

    documents: int = 0
    events: EventScores = field(default_factory=EventScores)
    quotes: QuoteScores = field(default_factory=QuoteScores)
    actors: ActorScores = field(default_factory=ActorScores)
    body: Ratio = field(default_factory=Ratio)
    misses: list[Miss] = field(default_factory=list)

    def __add__(self, other: Scores) -> Scores:
        return Scores(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self, *, misses: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "documents": self.documents,
            "events": self.events.to_dict(),
            "quotes": self.quotes.to_dict(),
            "actors": self.actors.to_dict(),
            "body": self.body.to_dict(),
        }
        if misses:
            data["misses"] = [m.to_dict() for m in self.misses]
        return data


def total(scores: Iterable[Scores]) -> Scores:
    """Micro-average: the counts of all ``scores`` summed."""
    result = Scores()
    for s in scores:
        result = result + s
    return result


# ---------------------------------------------------------------------------------------------- events


def is_whole_sentence(sentence: str) -> bool:
    """Whether a gold ``sentence`` is a whole sentence: it ends with . ! or ? (then maybe closing quotes/brackets)."""
    return bool(_SENTENCE_END.search(sentence.strip()))


def evidence_covers(evidence: str | None, gold_sentence: str) -> bool:
    """Event rule 1: the gold sentence lies in the evidence, or a long enough evidence lies in a whole gold sentence."""
    evidence_f, sentence_f = fold_space(evidence), fold_space(gold_sentence)
    if sentence_f in evidence_f:
        return True
    return (
        is_whole_sentence(gold_sentence)
        and len(evidence_f) >= MIN_INSIDE_EVIDENCE
        and evidence_f in sentence_f
    )


def side_matches(predicted: dict | None, gold: dict | None, *, strict: bool) -> bool:
    """Event rule 3 for one side (source or target)."""
    if gold is None:
        return True
    if predicted is None:
        return False
    if gold.get("sector") == "IGO":
        if predicted.get("sector") != "IGO":
            return False
        name = words(gold.get("name"))
        return contains_words(words(predicted.get("name")), name) or contains_words(
            words(predicted.get("group")), name
        )
    if gold.get("country") is not None and predicted.get("country") != gold.get("country"):
        return False  # a null gold country is "not known": any predicted country will do
    return not (strict and gold.get("sector") is not None and predicted.get("sector") != gold.get("sector"))


def _plovers(gold: dict) -> list[str]:
    value = gold.get("plover") or []
    return [value] if isinstance(value, str) else list(value)


def _cameos(gold: dict) -> list[str]:
    value = gold.get("cameo") or []
    return [value] if isinstance(value, str) else list(value)


def event_agrees(predicted: dict, gold: dict, *, strict: bool) -> bool:
    """Event rules 1-3: evidence, PLOVER type, source and target (swapped too when the gold is symmetric)."""
    evidence = (predicted.get("evidence") or {}).get("text")
    if not evidence_covers(evidence, gold.get("sentence") or ""):
        return False
    if predicted.get("plover") not in _plovers(gold):
        return False
    source, target = predicted.get("source"), predicted.get("target")
    if side_matches(source, gold.get("source"), strict=strict) and side_matches(
        target, gold.get("target"), strict=strict
    ):
        return True
    return bool(gold.get("symmetric")) and (
        side_matches(target, gold.get("source"), strict=strict)
        and side_matches(source, gold.get("target"), strict=strict)
    )


def event_matches(predicted: dict, gold: dict, *, strict: bool) -> bool:
    """Event rules 1-4."""
    if predicted.get("status") == "occurred" and gold.get("status") in NEVER_OCCURRED:
        return False
    return event_agrees(predicted, gold, strict=strict)


def match_first(
    predictions: Sequence[Any], golds: Sequence[Any], matches: Callable[[Any, Any], bool]
) -> list[int | None]:
    """Greedy one-to-one matching: each prediction in order takes the first gold not yet taken that it matches."""
    taken = [False] * len(golds)
    result: list[int | None] = []
    for p in predictions:
        chosen = None
        for j, g in enumerate(golds):
            if not taken[j] and matches(p, g):
                taken[j], chosen = True, j
                break
        result.append(chosen)
    return result


def _count(assignment: Sequence[int | None], golds: Sequence[dict]) -> PRF:
    required = [g.get("required", True) is not False for g in golds]
    matched = sum(1 for j in assignment if j is not None and required[j])
    set_aside = sum(1 for j in assignment if j is not None and not required[j])
    return PRF(
        matched=matched, predicted=len(assignment) - set_aside, gold=sum(required), set_aside=set_aside
    )


def _date_right(predicted: dict, gold_date: str) -> bool:
    value = (predicted.get("date") or {}).get("value")
    return isinstance(value, str) and value.startswith(gold_date)


def _cameo_root_right(predicted: dict, gold: dict) -> bool:
    cameo = predicted.get("cameo")
    if not isinstance(cameo, str) or len(cameo) < 2:
        return False
    return any(isinstance(c, str) and len(c) >= 2 and c[:2] == cameo[:2] for c in _cameos(gold))


def _side_text(side: dict | None) -> str:
    if side is None:
        return "-"
    label = side.get("name") or side.get("text") or side.get("group") or ""
    code = f"{side.get('country') or '---'}{side.get('sector') or ''}"
    return f"{code}({label})" if label else code


def score_events(
    gold_events: Sequence[dict], predicted_events: Sequence[dict], *, document: str = ""
) -> tuple[EventScores, list[Miss]]:
    """Score one document's events: relaxed and strict matchings, accuracies, the negated-as-occurred count."""
    scored = [p for p in predicted_events if p.get("plover") is not None]
    relaxed = match_first(scored, gold_events, lambda p, g: event_matches(p, g, strict=False))
    strict = match_first(scored, gold_events, lambda p, g: event_matches(p, g, strict=True))
    scores = EventScores(
        relaxed=_count(relaxed, gold_events), strict=_count(strict, gold_events), documents=1
    )
    for p, j in zip(scored, relaxed, strict=True):
        if j is None or gold_events[j].get("required", True) is False:
            continue
        g = gold_events[j]
        if g.get("status") is not None:
            scores.status.add(p.get("status") == g["status"])
        if g.get("date"):
            scores.date.add(_date_right(p, g["date"]))
        scores.cameo_root.add(_cameo_root_right(p, g))
    negated = [g for g in gold_events if g.get("status") == "negated"]
    harmful = [
        p
        for p in scored
        if p.get("status") == "occurred" and any(event_agrees(p, g, strict=False) for g in negated)
    ]
    scores.negated_as_occurred = len(harmful)

    misses = []
    taken = set(relaxed)
    for j, g in enumerate(gold_events):
        if g.get("required", True) is not False:
            kind = (_plovers(g) or ["?"])[0]
            scores.by_type.setdefault(kind, Ratio()).add(j in taken)
            if j not in taken:
                cause = miss_cause(g, scored)
                scores.miss_causes[cause] = scores.miss_causes.get(cause, 0) + 1
        if j not in taken and g.get("required", True) is not False:
            detail = (
                f"{g.get('id') or j}: {'/'.join(_plovers(g))} {_side_text(g.get('source'))} -> "
                f"{_side_text(g.get('target'))} {g.get('status')}"
            )
            misses.append(Miss(document, "events", "missed", g.get("sentence") or "", detail))
    for p, j in zip(scored, relaxed, strict=True):
        if j is None:
            detail = f"{p.get('plover')} {p.get('cameo')} {_side_text(p.get('source'))} -> {_side_text(p.get('target'))} {p.get('status')}"
            if any(p is h for h in harmful):
                detail += " [negated event coded as occurred]"
            misses.append(
                Miss(
                    document, "events", "false positive", (p.get("evidence") or {}).get("text") or "", detail
                )
            )
    return scores, misses


def miss_cause(gold: dict, predicted: Sequence[dict]) -> str:
    """Why a gold event found no match: the furthest rule that some prediction in its sentence passed."""
    here = [
        p
        for p in predicted
        if evidence_covers((p.get("evidence") or {}).get("text"), gold.get("sentence") or "")
    ]
    typed = [p for p in here if p.get("plover") in _plovers(gold)]
    if not here:
        return "no event in the sentence"
    if not typed:
        return "wrong type"
    if any(event_agrees(p, gold, strict=False) for p in typed):
        if any(event_matches(p, gold, strict=False) for p in typed):
            return "taken by another gold event"
        return "wrong status"

    def sides(p: dict) -> tuple[bool, bool]:
        source = side_matches(p.get("source"), gold.get("source"), strict=False)
        target = side_matches(p.get("target"), gold.get("target"), strict=False)
        return source, target

    found = [sides(p) for p in typed]
    if any(source for source, _ in found):
        return "wrong target"
    if any(target for _, target in found):
        return "wrong source"
    return "wrong source and target"


# ---------------------------------------------------------------------------------------------- quotes


def speaker_right(predicted: dict | None, gold_speaker: str | None) -> bool:
    """Whether a predicted speaker names the gold speaker (any one of its ``;``-separated alternatives)."""
    if not predicted or not gold_speaker:
        return False
    alternatives = [w for w in (words(a) for a in gold_speaker.split(";")) if w]
    candidates = [w for w in (words(predicted.get("name")), words(predicted.get("text"))) if w]
    for g in alternatives:
        g_text = " ".join(g)
        for s in candidates:
            s_text = " ".join(s)
            if g_text in s_text or s_text in g_text or s[-1] == g[-1]:
                return True
    return False


def match_quotes(
    predicted_words: Sequence[Sequence[str]], gold_words: Sequence[Sequence[str]]
) -> list[int | None]:
    """Each prediction in order takes the untaken gold quote of highest Dice (earliest on ties), if at least 0.5."""
    taken = [False] * len(gold_words)
    result: list[int | None] = []
    for p in predicted_words:
        best, best_dice = None, -1.0
        for j, g in enumerate(gold_words):
            if not taken[j]:
                d = dice(p, g)
                if d > best_dice:
                    best, best_dice = j, d
        if best is not None and best_dice >= QUOTE_MATCH_DICE:
            taken[best] = True
            result.append(best)
        else:
            result.append(None)
    return result


def _score_quote_set(
    gold: Sequence[dict], predicted: Sequence[dict]
) -> tuple[QuoteSetScores, list[int | None]]:
    assignment = match_quotes([words(p.get("text")) for p in predicted], [words(g.get("text")) for g in gold])
    scores = QuoteSetScores(match=_count(assignment, gold))
    for p, j in zip(predicted, assignment, strict=True):
        if j is not None and gold[j].get("required", True) is not False:
            scores.speaker.add(speaker_right(p.get("speaker"), gold[j].get("speaker")))
    return scores, assignment


def _speaker_text(speaker: dict | None) -> str:
    if not speaker:
        return "no speaker"
    return " / ".join(s for s in (speaker.get("name"), speaker.get("text")) if s) or "no speaker"


def score_quotes(
    gold_quotes: Sequence[dict] | None,
    predicted_quotes: Sequence[dict],
    not_quotes: Sequence[str] = (),
    *,
    document: str = "",
) -> tuple[QuoteScores, list[Miss]]:
    """Score one document's quotes over all kinds, direct and mixed, each kind alone, and count matched not_quotes.

    ``gold_quotes`` None means the document does not annotate quotes: only ``not_quotes`` are counted."""
    predicted_words = [words(p.get("text")) for p in predicted_quotes]
    not_quotes_matched = Ratio()
    misses = []
    for text in not_quotes:
        w = words(text)
        hit = any(dice(w, p) >= NOT_QUOTE_DICE for p in predicted_words)
        not_quotes_matched.add(hit)
        if hit:
            misses.append(
                Miss(document, "quotes", "not_quote taken", text, "a name, title or scare quote, not speech")
            )
    if gold_quotes is None:
        return QuoteScores(not_quotes=not_quotes_matched), misses
    all_kinds, assignment = _score_quote_set(gold_quotes, predicted_quotes)

    def of_kinds(kinds: frozenset[str]) -> QuoteSetScores:
        return _score_quote_set(
            [g for g in gold_quotes if g.get("kind") in kinds],
            [p for p in predicted_quotes if p.get("kind") in kinds],
        )[0]

    scores = QuoteScores(
        all_kinds=all_kinds,
        direct_mixed=of_kinds(DIRECT_KINDS),
        **{kind: of_kinds(frozenset({kind})) for kind in QUOTE_KINDS},
        not_quotes=not_quotes_matched,
        documents=1,
    )

    taken = set(assignment)
    for j, g in enumerate(gold_quotes):
        if j not in taken and g.get("required", True) is not False:
            misses.append(
                Miss(
                    document, "quotes", "missed", g.get("text") or "", f"{g.get('kind')}, {g.get('speaker')}"
                )
            )
    for p, j in zip(predicted_quotes, assignment, strict=True):
        if j is None:
            misses.append(
                Miss(
                    document,
                    "quotes",
                    "false positive",
                    p.get("text") or "",
                    f"{p.get('kind')}, {_speaker_text(p.get('speaker'))}",
                )
            )
        elif gold_quotes[j].get("required", True) is not False and not speaker_right(
            p.get("speaker"), gold_quotes[j].get("speaker")
        ):
            detail = f"said {_speaker_text(p.get('speaker'))}; gold {gold_quotes[j].get('speaker')}"
            misses.append(Miss(document, "quotes", "wrong speaker", p.get("text") or "", detail))
    return scores, misses


# ---------------------------------------------------------------------------------------------- actors


def _mention_text(mention: Any) -> str | None:
    return mention.get("text") if isinstance(mention, dict) else mention


def actor_texts(actor: dict) -> set[str]:
    """The folded name and mention texts of a predicted actor."""
    texts = {folded(actor.get("name"))} | {folded(_mention_text(m)) for m in actor.get("mentions") or []}
    return texts - {""}


def score_actors(
    gold_actors: Sequence[dict], predicted_actors: Sequence[dict], *, document: str = ""
) -> tuple[ActorScores, list[Miss]]:
    """Each gold actor's match is the first predicted actor whose name or a mention folds to a gold mention."""
    scores = ActorScores(documents=1)
    misses = []
    predicted_texts = [actor_texts(a) for a in predicted_actors]
    used = set()
    for g in gold_actors:
        wanted = {folded(_mention_text(m)) for m in g.get("mentions") or []} - {""}
        index = next((i for i, texts in enumerate(predicted_texts) if texts & wanted), None)
        scores.recall.add(index is not None)
        if index is None:
            misses.append(
                Miss(document, "actors", "missed", g.get("name") or "", f"mentions {g.get('mentions')}")
            )
            continue
        used.add(index)
        p = predicted_actors[index]
        for attribute, ratio in (("country", scores.country), ("sector", scores.sector)):
            if g.get(attribute) is not None:
                ratio.add(p.get(attribute) == g[attribute])
                if p.get(attribute) != g[attribute]:
                    detail = f"{p.get(attribute)}, gold {g[attribute]}"
                    misses.append(Miss(document, "actors", f"wrong {attribute}", g.get("name") or "", detail))
    for i, p in enumerate(predicted_actors):
        if i not in used:
            misses.append(
                Miss(
                    document,
                    "actors",
                    "false positive",
                    p.get("name") or "",
                    f"{p.get('country')} {p.get('sector')} {p.get('kind')}",
                )
            )
    return scores, misses


# ---------------------------------------------------------------------------------------------- body


def body_passes(gold: dict, article: dict) -> tuple[bool, str]:
    """Whether the cleaned body keeps out every ``body_must_exclude`` string and every credit line, which must be in the credits."""
    body = article.get("body") or ""
    credits = folded("\n".join(c for c in article.get("credits") or [] if isinstance(c, str)))
    body_folded = folded(body)
    for text in gold.get("body_must_exclude") or []:
        if text in body:
            return False, f"body contains {text!r}"
    for line in gold.get("credits") or []:
        line_folded = folded(line)
        if line_folded not in credits:
            return False, f"credit line not in credits: {line!r}"
        if line_folded in body_folded:
            return False, f"credit line left in body: {line!r}"
    return True, ""


# ---------------------------------------------------------------------------------------------- documents


def _annotated(gold: dict, key: str) -> bool:
    return isinstance(gold.get(key), list)


def score_document(gold: dict, predicted: dict | None) -> Scores:
    """Score one article's output against its gold document; a missing output counts as an empty one."""
    predicted = predicted or {}
    name = str(gold.get("id", ""))
    scores = Scores(documents=1)
    if _annotated(gold, "events"):
        scores.events, misses = score_events(gold["events"], predicted.get("events") or [], document=name)
        scores.misses += misses
    if _annotated(gold, "quotes") or _annotated(gold, "not_quotes"):
        scores.quotes, misses = score_quotes(
            gold["quotes"] if _annotated(gold, "quotes") else None,
            predicted.get("quotes") or [],
            gold.get("not_quotes") or [],
            document=name,
        )
        scores.misses += misses
    if _annotated(gold, "actors"):
        scores.actors, misses = score_actors(gold["actors"], predicted.get("actors") or [], document=name)
        scores.misses += misses
    if gold.get("body_must_exclude") or gold.get("credits"):
        passed, why = body_passes(gold, predicted.get("article") or {})
        scores.body.add(passed)
        if not passed:
            scores.misses.append(Miss(name, "body", "failed", "", why))
    return scores


def _prediction_id(prediction: dict | None) -> Any:
    if not isinstance(prediction, dict):
        return None
    return (prediction.get("article") or {}).get("id")


def pair(golds: Sequence[dict], predictions: Sequence[dict | None]) -> list[dict | None]:
    """For each gold document, its prediction: the one with its id, else the one at its position if that
    one's id belongs to no gold document, else None."""
    by_id: dict[Any, dict] = {}
    for p in predictions:
        pid = _prediction_id(p)
        if pid is not None and pid not in by_id:
            by_id[pid] = p  # type: ignore[assignment]
    gold_ids = {g.get("id") for g in golds if g.get("id") is not None}
    result: list[dict | None] = []
    for i, g in enumerate(golds):
        if g.get("id") is not None and g["id"] in by_id:
            result.append(by_id[g["id"]])
        elif i < len(predictions) and _prediction_id(predictions[i]) not in gold_ids:
            result.append(predictions[i])
        else:
            result.append(None)
    return result


def score_documents(golds: Sequence[dict], predictions: Sequence[dict | None]) -> list[Scores]:
    """Score each gold document against its paired prediction."""
    return [score_document(g, p) for g, p in zip(golds, pair(golds, predictions), strict=True)]


# ---------------------------------------------------------------------------------------------- reading


class EvaluationInputError(Exception):
    """A gold or prediction file that cannot be read; ``str()`` is a one-line message naming file and line."""

    def __init__(self, path: str, message: str, line: int | None = None):
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


def check_gold_document(doc: Any) -> str | None:
    """What is wrong with a parsed gold line, or None when it can be scored."""
    if not isinstance(doc, dict):
        return "a gold line must be a JSON object"
    if not isinstance(doc.get("text"), str):
        return "no 'text' string"
    for key, needed in (("events", "sentence"), ("quotes", "text"), ("actors", "mentions")):
        items = doc.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            return f"'{key}' must be a list"
        for n, item in enumerate(items, 1):
            if not isinstance(item, dict) or needed not in item:
                return f"{key} item {n} has no '{needed}'"
    for n, event in enumerate(doc.get("events") or [], 1):
        if not isinstance(event["sentence"], str) or not isinstance(event.get("plover"), (list, str)):
            return f"events item {n} needs a 'sentence' string and a 'plover' list"
        for side in ("source", "target"):
            if event.get(side) is not None and not isinstance(event[side], dict):
                return f"events item {n}: '{side}' must be an object or null"
    for key in ("not_quotes", "credits", "body_must_exclude"):
        value = doc.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(s, str) for s in value)):
            return f"'{key}' must be a list of strings"
    return None


def gold_warnings(doc: dict) -> list[str]:
    """Mistakes in a gold document that do not stop scoring: event sentences that do not locate one place."""
    found = []
    for n, event in enumerate(doc.get("events") or [], 1):
        count = doc["text"].count(event["sentence"])
        if count != 1:
            where = "is not in" if count == 0 else f"occurs {count} times in"
            found.append(f"event {event.get('id') or n}: its sentence {where} the text")
    return found


def read_gold(path: str) -> tuple[list[dict], list[int]]:
    """The documents of a gold JSONL file and their line numbers; raises EvaluationInputError at the first bad line."""
    documents, lines = [], []
    try:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                except json.JSONDecodeError as e:
                    raise EvaluationInputError(path, f"not JSON ({e.msg})", number) from None
                problem = check_gold_document(doc)
                if problem:
                    raise EvaluationInputError(path, problem, number)
                documents.append(doc)
                lines.append(number)
    except (OSError, UnicodeDecodeError) as e:
        raise EvaluationInputError(path, getattr(e, "strerror", None) or str(e).splitlines()[0]) from None
    if not documents:
        raise EvaluationInputError(path, "no gold documents")
    return documents, lines


def read_predictions(path: str) -> tuple[list[dict | None], list[str]]:
    """Saved output: JSONL of Analysis dicts, or one JSON array or object. Bad lines stay as None (so order
    pairing still holds) and come back as one-line error messages."""
    try:
        with open(path, encoding="utf-8") as f:
            content = f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise EvaluationInputError(path, getattr(e, "strerror", None) or str(e).splitlines()[0]) from None
    try:
        whole = json.loads(content)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict):
        return [whole], []
    if isinstance(whole, list):
        bad = [
            f"{path}: item {n} is not an object" for n, p in enumerate(whole, 1) if not isinstance(p, dict)
        ]
        return [p if isinstance(p, dict) else None for p in whole], bad
    predictions: list[dict | None] = []
    errors = []
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{path}:{number}: not JSON ({e.msg})")
            predictions.append(None)
            continue
        if not isinstance(item, dict):
            errors.append(f"{path}:{number}: not a JSON object")
            predictions.append(None)
            continue
        predictions.append(item)
    return predictions, errors


# ---------------------------------------------------------------------------------------------- printing


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _ratio(r: Ratio) -> str:
    return f"{_figure(r.value)} ({r.hits}/{r.total})"


def format_table(title: str, scores: Scores) -> str:
    """A readable table of one file's (or the total's) figures."""
    ev, qu, ac = scores.events, scores.quotes, scores.actors
    out = [f"{title}: {scores.documents} document{'s' if scores.documents != 1 else ''}"]
    head = (
        f"  {'':<22}{'P':>6} {'R':>6} {'F1':>6}  {'matched':>7} {'predicted':>9} {'gold':>5} {'set aside':>9}"
    )

    def prf_row(label: str, m: PRF, extra: str = "") -> str:
        return (
            f"  {label:<22}{_figure(m.precision):>6} {_figure(m.recall):>6} {_figure(m.f1):>6}  "
            f"{m.matched:>7} {m.predicted:>9} {m.gold:>5} {m.set_aside:>9}{extra}"
        )

    out.append(head)
    if ev.documents:
        out.append(prf_row("events relaxed", ev.relaxed))
        out.append(prf_row("events strict", ev.strict))
    if qu.documents:
        out.append(prf_row("quotes all kinds", qu.all_kinds.match))
        out.append(prf_row("quotes direct+mixed", qu.direct_mixed.match))
        for kind in QUOTE_KINDS:
            out.append(prf_row(f"quotes {kind}", getattr(qu, kind).match))
    if ev.documents:
        out.append(
            f"  events (relaxed, required gold): status {_ratio(ev.status)}  date {_ratio(ev.date)}  CAMEO root {_ratio(ev.cameo_root)}"
        )
        out.append(f"  negated events coded as occurred: {ev.negated_as_occurred}")
    else:
        out.append("  events: not annotated")
    if qu.documents:
        out.append(
            f"  quote speakers: all kinds {_ratio(qu.all_kinds.speaker)}  direct+mixed {_ratio(qu.direct_mixed.speaker)}"
        )
        out.append(
            "  quote speakers by kind: "
            + "  ".join(f"{kind} {_ratio(getattr(qu, kind).speaker)}" for kind in QUOTE_KINDS)
        )
    else:
        out.append("  quotes: not annotated")
    if qu.not_quotes.total:
        out.append(f"  not_quotes taken for quotes: {qu.not_quotes.hits} of {qu.not_quotes.total}")
    if ac.documents:
        out.append(
            f"  actors: recall {_ratio(ac.recall)}  country {_ratio(ac.country)}  sector {_ratio(ac.sector)}"
        )
    else:
        out.append("  actors: not annotated")
    out.append(
        f"  body cleaning passed: {_ratio(scores.body)}"
        if scores.body.total
        else "  body cleaning: not annotated"
    )
    return "\n".join(out)


def format_by_class(scores: Scores) -> str:
    """``--by-class``: recall per PLOVER type and the share of misses by cause."""
    ev = scores.events
    out = ["  recall by PLOVER type (relaxed, required gold):"]
    for kind, ratio in sorted(ev.by_type.items(), key=lambda kv: -kv[1].total):
        out.append(f"    {kind:<12}{_ratio(ratio)}")
    missed = sum(ev.miss_causes.values())
    out.append(f"  misses by cause ({missed} missed required gold events):")
    for cause in MISS_CAUSES:
        n = ev.miss_causes.get(cause, 0)
        share = f"{n / missed:.0%}" if missed else "n/a"
        out.append(f"    {cause:<30}{n:>5}  {share:>4}")
    return "\n".join(out)


def format_misses(misses: Iterable[Miss]) -> str:
    lines = []
    for m in misses:
        text = " ".join(m.text.split())
        lines.append(
            f"  {m.document} | {m.section} | {m.kind} | {m.detail}\n      {text!r}"
            if text
            else f"  {m.document} | {m.section} | {m.kind} | {m.detail}"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------- running


def extract_all(golds: Sequence[dict], where: Sequence[str], err: TextIO) -> tuple[list[dict | None], bool]:
    """Run the extractor on each gold document as a user would: its id, title, published date and text only.

    Returns the outputs (None where the extractor failed) and whether any failed."""
    from tqdm import tqdm

    from .ingest import article_from_text
    from .pipeline import analyze, analyze_many

    articles = [
        article_from_text(g["text"], title=g.get("title"), published=g.get("published"), id=g.get("id"))
        for g in golds
    ]
    outputs: list[dict | None] = []
    failed = False
    progress = tqdm(total=len(articles), desc="evaluate", unit="article", file=err, disable=None)
    try:
        for analysis in analyze_many(articles):
            outputs.append(analysis.to_dict())
            progress.update()
    except Exception:  # the extractor is someone else's code: go on one article at a time, naming failures
        for i in range(len(outputs), len(articles)):
            try:
                outputs.append(analyze(articles[i]).to_dict())
            except Exception as e:
                print(f"communique: error: {where[i]}: extractor failed: {type(e).__name__}: {e}", file=err)
                failed = True
                outputs.append(None)
            progress.update()
    progress.close()
    return outputs, failed


def run(
    gold_paths: Sequence[str],
    *,
    predictions_path: str | None = None,
    as_json: bool = False,
    show_misses: bool = False,
    by_class: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """The ``communique evaluate`` command: read gold, get predictions (run the extractor or read saved
    output), print figures per gold file and in total. Returns the exit code (1 when some input failed)."""
    out = out or sys.stdout
    err = err or sys.stderr
    failed = False
    files: list[tuple[str, list[dict], list[int]]] = []
    for path in gold_paths:
        try:
            documents, lines = read_gold(path)
        except EvaluationInputError as e:
            print(f"communique: error: {e}", file=err)
            failed = True
            continue
        for doc, line in zip(documents, lines, strict=True):
            for warning in gold_warnings(doc):
                print(f"communique: warning: {path}:{line}: {warning}", file=err)
        files.append((path, documents, lines))
    if not files:
        return 1
    golds = [g for _, documents, _ in files for g in documents]
    if predictions_path is None:
        where = [f"{path}:{line}" for path, _, lines in files for line in lines]
        predictions, extractor_failed = extract_all(golds, where, err)
        failed |= extractor_failed
    else:
        try:
            predictions, errors = read_predictions(predictions_path)
        except EvaluationInputError as e:
            print(f"communique: error: {e}", file=err)
            return 1
        for message in errors:
            print(f"communique: error: {message}", file=err)
        failed |= bool(errors)

    paired = pair(golds, predictions)
    missing = [str(g.get("id", i)) for i, (g, p) in enumerate(zip(golds, paired, strict=True)) if p is None]
    if missing:
        print(
            f"communique: warning: no output for {len(missing)} gold document(s), scored as empty: {', '.join(missing[:5])}",
            file=err,
        )
    per_document = [score_document(g, p) for g, p in zip(golds, paired, strict=True)]

    per_file, start = [], 0
    for path, documents, _ in files:
        per_file.append((path, documents, per_document[start : start + len(documents)]))
        start += len(documents)
    file_totals = [(path, total(scores)) for path, _, scores in per_file]
    grand = total(s for _, s in file_totals)

    if as_json:
        data = {
            "files": [
                {
                    "path": path,
                    **file_total.to_dict(misses=show_misses),
                    "per_document": [
                        {"id": g.get("id"), **s.to_dict()} for g, s in zip(documents, scores, strict=True)
                    ],
                }
                for (path, documents, scores), (_, file_total) in zip(per_file, file_totals, strict=True)
            ],
            "total": grand.to_dict(),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2), file=out)
    else:
        blocks = []
        for path, file_total in file_totals:
            block = format_table(path, file_total)
            if by_class and file_total.events.documents:
                block += "\n" + format_by_class(file_total)
            if show_misses and file_total.misses:
                block += "\n  misses and false positives:\n" + format_misses(file_total.misses)
            blocks.append(block)
        if len(file_totals) > 1:
            block = format_table("TOTAL (micro-averaged)", grand)
            if by_class and grand.events.documents:
                block += "\n" + format_by_class(grand)
            blocks.append(block)
        print("\n\n".join(blocks), file=out)
    return 1 if failed else 0
