"""Events: each clause's predicate coded with CAMEO and PLOVER, its source and target, status, date and place.

The predicate is a verb or an event noun found in the lexicon (``data/events.yaml``, extended by the
user's). A sense fits when its argument constraints hold ("impose" + sanctions + "on X"); the source is
the subject (active), the agent (passive), the possessor or the "by" phrase of a noun, or the subject a
controlling verb passes down ("allowed Russia to use", "is expected to meet"); the target is the
object or prepositional object; coordinated actors give one event each. Statuses come from the words
around the predicate: negation and modals on it, and the verbs it is the complement of ("denied that
...", "accused X of ...", "is expected to ...", "threatened to ...").
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml
from spacy.tokens import Doc, Token

from . import gazetteer, ontology
from .actors import PERSON, PLACE, ActorIndex
from .model import ActorRef, Event, Place, Quote, Span, TimeRef
from .timex import article_time

# Status precedence when several cues apply along the chain of governing verbs: an event that a
# sentence denies is negated whatever else is said of it.
STATUS_RANK = {"negated": 4, "hypothetical": 3, "alleged": 2, "expected": 1, "occurred": 0}
CUE_DEPS = {"xcomp", "ccomp", "pcomp", "prep", "acl", "dobj", "pobj", "csubj"}
COMPLEMENT_DEPS = {
    "xcomp",
    "ccomp",
    "pcomp",
    "acl",
    "advcl",
    "relcl",
    "pobj",
    "dobj",
    "prep",
    "conj",
    "csubj",
}
MODAL_STATUS = {
    "will": "expected", "'ll": "expected", "’ll": "expected", "shall": "expected", "wo": "expected",
    "would": "hypothetical", "could": "hypothetical", "might": "hypothetical", "may": "hypothetical",
    "should": "hypothetical", "can": "hypothetical", "ca": "hypothetical", "must": "hypothetical",
    "'d": "hypothetical",
}  # fmt: skip
# The threat a conditional coercive act makes, by the act's CAMEO root.
THREATS = {"15": "138", "16": "1312", "17": "137", "18": "138", "19": "138", "20": "138"}
CHARGE_DEPS = {"attr", "acomp", "amod", "dobj", "pobj", "prep", "compound", "oprd", "advmod", "conj"}
ACCUSING_SPEECH = {
    "say",
    "add",
    "allege",
    "claim",
    "charge",
    "state",
    "argue",
    "insist",
    "write",
    "declare",
    "tell",
    "contend",
    "assert",
}
CHARGES = {"allegation", "accusation", "claim", "charge", "criticism", "assertion", "complaint"}
HEARSAY = {"allegedly", "reportedly", "purportedly", "supposedly", "apparently"}
REPORTING_VERBS = {
    "say",
    "announce",
    "state",
    "tell",
    "declare",
    "report",
    "confirm",
    "add",
    "note",
    "write",
    "pledge",
    "promise",
    "vow",
}
RELATIVE_PRONOUNS = {"who", "whom", "which", "that", "whose"}
NON_STATE_ARMED = {"REB", "CRM", "INS"}
# "claimed responsibility for the attack", "took credit for attacking": the claimant did the deed
CLAIMS = {"responsibility", "credit"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"}
CIVILIAN_PLACES = {
    "town", "township", "city", "village", "district", "neighborhood", "neighbourhood", "area", "region",
    "province", "camp", "hospital", "school", "home", "house", "market", "clinic", "church", "mosque", "street",
    "community", "settlement", "suburb", "hamlet", "hotel", "building", "port", "airport", "base", "station",
}  # fmt: skip
QUANTITY_WORDS = {
    "thousand",
    "hundred",
    "dozen",
    "million",
    "score",
    "group",
    "crowd",
    "number",
    "handful",
    "tens",
}
SITES = {
    "airbase", "base", "refinery", "depot", "plant", "facility", "pipeline", "infrastructure", "grid", "bridge",
    "ship", "vessel", "tanker", "convoy", "post", "checkpoint", "barracks", "outpost", "headquarters", "port",
    "airport", "airfield", "dam", "power",
}  # fmt: skip
RELATIONAL_PEOPLE = {
    "partner", "ally", "neighbor", "neighbour", "rival", "enemy", "friend", "adversary", "opponent", "critic",
    "supporter", "member", "successor", "predecessor", "counterpart", "foe", "client", "proxy",
}  # fmt: skip
RELATION_NOUNS = {"tie", "relation", "relationship", "partnership", "alliance", "cooperation", "friendship"}
GROUP_WORDS = {
    "country",
    "nation",
    "side",
    "government",
    "leader",
    "neighbor",
    "neighbour",
    "ally",
    "state",
    "member",
}
NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}


def _group_size(token: Token) -> int | None:
    """How many actors "the two countries", "both sides", "the trio", "the pair" stand for."""
    lemma = token.lemma_.lower()
    if lemma in ("trio", "pair", "duo") and any(c.lower_ in ("the", "this") for c in token.children):
        return {"trio": 3, "pair": 2, "duo": 2}[lemma]
    if lemma in GROUP_WORDS:
        for c in token.children:
            if c.lower_ in NUMBER_WORDS and c.dep_ in ("nummod", "det", "amod", "predet", "quantmod"):
                return NUMBER_WORDS[c.lower_]
    return None


class LexiconError(ValueError):
    pass


@dataclass(frozen=True)
class Sense:
    cameo: str
    target: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    object: frozenset[str] | None = None
    object_prep: tuple[tuple[str, frozenset[str]], ...] = ()
    prep: str | None = None
    place: bool = False
    symmetric: bool = False
    actor_target: bool = False
    target_kinds: frozenset[str] | None = None
    subject_sectors: frozenset[str] | None = None
    complement: str | None = None
    passive_only: bool = False
    light_verbs: frozenset[str] | None = None
    # nouns: a compound/amod modifier that must be present ("tariff fight")
    modifier: frozenset[str] | None = None
    source_kinds: frozenset[str] | None = None  # the source must be of these actor kinds (person ...)
    not_target_sectors: frozenset[str] = frozenset()  # targets of these sectors do not make the event
    target_optional: bool = False  # the event stands without a target ("troops were deployed")
    # the act its complement names must be of this QuadClass ("vowed to keep attacking")
    complement_quad: int | None = None
    # one of these dependents must be present: "xcomp", or a preposition ("asked X to ...", "asked for")
    needs: tuple[str, ...] = ()
    default_target: str | None = None  # "GOV": with no target named, the source's own government
    particles: tuple[str, ...] = ()  # the words after the trigger in a multi-word lemma


@dataclass
class Lexicon:
    verbs: dict[str, list[Sense]] = field(default_factory=dict)
    nouns: dict[str, list[Sense]] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    object_control: frozenset[str] = frozenset()
    status_cues: dict[str, str] = field(default_factory=dict)
    # "jointly develop", "work together": any verb with one of these adverbs is cooperation
    adverbs: dict[str, Sense] = field(default_factory=dict)
    # words that make reported speech an accusation ("said Berisha was involved in corrupt acts")
    accusation_words: frozenset[str] = frozenset()
    # CAMEO codes (prefixes) of acts only a state does: their agentless passive is the state's act
    state_acts: tuple[str, ...] = ()
    # verbs whose subject undergoes the act their object names ("faced criticism from", "drew condemnation")
    undergo_verbs: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._forms: dict[str, str] | None = None

    def lemma(self, token: Token) -> str:
        """The token's lemma, or the lexicon verb it is a regular form of when the lemmatizer slips
        ("waging" -> "wag")."""
        lemma = token.lemma_.lower()
        if token.pos_ not in ("VERB", "AUX") or lemma in self.verbs or lemma in self.light_verbs:
            return lemma
        if self._forms is None:
            words = set(self.verbs) | self.light_verbs | self.object_control | set(self.status_cues)
            self._forms = {form: w for w in words for form in _inflections(w)}
        return self._forms.get(token.lower_, lemma)

    def extend(self, other: Lexicon) -> Lexicon:
        """A lexicon whose senses try ``other``'s first."""
        merged = Lexicon(
            verbs={
                k: other.verbs.get(k, []) + self.verbs.get(k, [])
                for k in self.verbs.keys() | other.verbs.keys()
            },
            nouns={
                k: other.nouns.get(k, []) + self.nouns.get(k, [])
                for k in self.nouns.keys() | other.nouns.keys()
            },
            light_verbs=self.light_verbs | other.light_verbs,
            object_control=self.object_control | other.object_control,
            status_cues={**self.status_cues, **other.status_cues},
            adverbs={**self.adverbs, **other.adverbs},
            accusation_words=self.accusation_words | other.accusation_words,
            state_acts=tuple(dict.fromkeys(self.state_acts + other.state_acts)),
            undergo_verbs=self.undergo_verbs | other.undergo_verbs,
        )
        return merged


def _inflections(verb: str) -> list[str]:
    """Regular forms of a verb: wage -> wages, waged, waging; ban -> bans, banned, banning."""
    stem = verb[:-1] if verb.endswith("e") else verb
    forms = [verb, verb + "s", stem + "ed", stem + "ing"]
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms += [verb[:-1] + "ies", verb[:-1] + "ied"]
    if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        forms += [verb + verb[-1] + "ed", verb + verb[-1] + "ing"]
    return forms


def _sense(raw: dict, particles: tuple[str, ...], where: str) -> Sense:
    code = str(raw.get("cameo", ""))
    if not ontology.is_cameo(code):
        raise LexiconError(f"{where}: unknown CAMEO code {code!r}")

    def words(key: str) -> frozenset[str] | None:
        value = raw.get(key)
        return frozenset(str(v).lower() for v in value) if value else None

    return Sense(
        cameo=code,
        target=tuple(str(t) for t in raw.get("target", [])),
        source=tuple(str(t) for t in raw.get("source", [])),
        object=words("object"),
        object_prep=tuple(
            (str(p), frozenset(str(w) for w in ws)) for p, ws in (raw.get("object_prep") or {}).items()
        ),
        prep=raw.get("prep"),
        place=bool(raw.get("place")),
        symmetric=bool(raw.get("symmetric")),
        actor_target=bool(raw.get("actor_target")),
        target_kinds=words("target_kinds"),
        subject_sectors=frozenset(raw["subject_sectors"]) if raw.get("subject_sectors") else None,
        complement=raw.get("complement"),
        passive_only=bool(raw.get("passive_only")),
        light_verbs=words("light_verbs"),
        modifier=words("modifier"),
        source_kinds=words("source_kinds"),
        not_target_sectors=frozenset(raw.get("not_target_sectors") or ()),
        target_optional=bool(raw.get("target_optional")),
        complement_quad=raw.get("complement_quad"),
        needs=tuple(str(n) for n in raw.get("needs") or ()),
        default_target=raw.get("default_target"),
        particles=particles,
    )


def parse_lexicon(data: dict, source: str = "<lexicon>") -> Lexicon:
    """Build a lexicon from its YAML data (see data/events.yaml for the format)."""
    if not isinstance(data, dict):
        raise LexiconError(f"{source}: expected a mapping with 'verbs' and/or 'nouns'")
    lex = Lexicon()
    for table, out in (("verbs", lex.verbs), ("nouns", lex.nouns)):
        for lemma, senses in (data.get(table) or {}).items():
            trigger, *particles = str(lemma).lower().split()
            if isinstance(senses, dict):
                senses = [senses]
            for n, raw in enumerate(senses or []):
                out.setdefault(trigger, []).append(
                    _sense(raw, tuple(particles), f"{source}: {table}.{lemma}[{n}]")
                )
    for adverb, raw in (data.get("adverbs") or {}).items():
        lex.adverbs[str(adverb)] = _sense(raw, (), f"{source}: adverbs.{adverb}")
    # a predicate that says how its complement is to be read ("accuse ... of" -> alleged)
    for table in (lex.verbs, lex.nouns):
        for lemma, senses in table.items():
            for sense in senses:
                if sense.complement:
                    lex.status_cues.setdefault(lemma, sense.complement)
    lex.accusation_words = frozenset(str(w).lower() for w in data.get("accusation_words") or [])
    lex.state_acts = tuple(str(c) for c in data.get("state_acts") or [])
    lex.undergo_verbs = frozenset(str(w) for w in data.get("undergo_verbs") or [])
    lex.light_verbs = frozenset(data.get("light_verbs") or [])
    lex.object_control = frozenset(data.get("object_control") or [])
    for status, verbs in (data.get("status_cues") or {}).items():
        for v in verbs:
            lex.status_cues.setdefault(str(v), status)
    return lex


@functools.cache
def default_lexicon() -> Lexicon:
    """``data/events.yaml`` (the core senses and the word lists), then every ``data/lexicon/*.yaml``
    section in name order; earlier senses of a lemma are tried first."""
    data = resources.files("communique.data")
    lex = parse_lexicon(
        yaml.safe_load(data.joinpath("events.yaml").read_text(encoding="utf-8")), "events.yaml"
    )
    sections = data.joinpath("lexicon")
    if sections.is_dir():
        for part in sorted((p for p in sections.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name):
            section = yaml.safe_load(part.read_text(encoding="utf-8")) or {}
            lex = parse_lexicon(section, f"lexicon/{part.name}").extend(lex)
    return lex


def load_lexicon(path: str | Path) -> Lexicon:
    """The default lexicon extended by a user's YAML file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise LexiconError(f"{path}: {e.strerror}") from None
    except yaml.YAMLError as e:
        raise LexiconError(f"{path}: not valid YAML ({e.__class__.__name__})") from None
    return default_lexicon().extend(parse_lexicon(data, str(path)))


# --------------------------------------------------------------------------------------------


@dataclass
class _Candidate:
    trigger: Token
    sense: Sense
    sources: list[ActorRef]
    targets: list[ActorRef]
    place: ActorRef | None


def find_events(
    doc: Doc,
    index: ActorIndex,
    times: list[TimeRef],
    *,
    published: str | None = None,
    title: str | None = None,
    dateline_place: Place | None = None,
    lexicon: Lexicon | None = None,
    quotes: Iterable[Quote] = (),
) -> list[Event]:
    """Every coded event of a parsed article, in text order. ``quotes`` (with their speakers) let "I" and
    "we" inside a quotation stand for whoever says it."""
    coder = _Coder(doc, index, times, lexicon or default_lexicon(), published, title, dateline_place, quotes)
    return coder.run()


class _Coder:
    def __init__(self, doc, index, times, lexicon, published, title, dateline_place, quotes=()):
        self.doc: Doc = doc
        # (start, end, speaker) of each direct quotation with a known speaker
        self.voices = [
            (q.start, q.end, q.speaker)
            for q in quotes
            if q.kind in ("direct", "mixed")
            and q.speaker is not None
            and (q.speaker.country or q.speaker.sector)
        ]
        self.index: ActorIndex = index
        self.lex: Lexicon = lexicon
        self.published = published
        self.title = title or ""
        self.dateline_place = dateline_place
        self.time_tokens = self._time_tokens(times)
        # "Beijing and Minsk agreed to diplomatic ties ... Those ties were upgraded": who a relation is between
        self.relations: dict[str, tuple[ActorRef | None, ActorRef | None]] = {}
        # "X accused Y ... Y rejected the allegations": who accused whom, by the accused
        self.accusers: dict[tuple, ActorRef] = {}

    def run(self) -> list[Event]:
        events: list[Event] = []
        seen: set[tuple] = set()
        charges = self._accusations()
        for e in charges:
            self._remember_accuser(e)
        found = [e for token in self.doc for cand in self._candidates(token) for e in self._events(cand)]
        for event in sorted(found + charges, key=lambda e: e.trigger.start):
            key = (event.evidence.start, event.plover, _key(event.source), _key(event.target))
            if key not in seen:
                seen.add(key)
                events.append(event)
        return events

    # ----- finding predicates and their arguments -----

    def _candidates(self, token: Token) -> Iterable[_Candidate]:
        as_noun = token.pos_ == "VERB" and any(c.dep_ == "det" and c.i < token.i for c in token.children)
        if token.pos_ == "VERB" and not as_noun:
            senses = self.lex.verbs.get(self.lex.lemma(token))
            if senses:
                for sense in senses:
                    cand = self._verb_candidate(token, sense)
                    if cand is not None:
                        yield cand
                        return
            for c in token.children:
                sense = self.lex.adverbs.get(c.lower_) if c.dep_ in ("advmod", "prt") else None
                if sense is not None:
                    cand = self._verb_candidate(token, sense)
                    if cand is not None:
                        yield cand
                    return
        elif token.pos_ == "NOUN" or as_noun or _named_event(token):
            senses = self.lex.nouns.get(token.lemma_.lower())
            if senses:
                for sense in senses:
                    cand = self._noun_candidate(token, sense)
                    if cand is not None:
                        yield cand
                        return

    def _has_particles(self, token: Token, particles: tuple[str, ...]) -> bool:
        words = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep", "advmod", "dobj", "npadvmod")}
        return all(p in words for p in particles)

    def _verb_candidate(self, token: Token, sense: Sense) -> _Candidate | None:
        if sense.particles and not self._has_particles(token, sense.particles):
            return None
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children) or (
            token.dep_ == "acl" and token.tag_ == "VBN"  # "the journalists detained by police"
        )
        if sense.passive_only and not passive:
            return None
        if sense.prep and not any(c.dep_ == "prep" and c.lower_ == sense.prep for c in token.children):
            return None
        if sense.object is not None and not (self._object_words(token, sense) & sense.object):
            return None
        if sense.object_prep and not self._object_prep_fits(token, sense):
            return None
        if sense.complement_quad is not None and sense.complement_quad not in self._complement_quads(token):
            return None
        if sense.needs and not any(_fills(c, sense.needs) for c in token.children):
            return None
        sources = self._verb_sources(token, passive)
        if sense.subject_sectors is not None and not any(s.sector in sense.subject_sectors for s in sources):
            return None
        if sense.source_kinds is not None and not any((s.kind or "") in sense.source_kinds for s in sources):
            return None
        targets, place = self._targets(token, sense, passive, sources)
        if targets is None and sense.symmetric and len(sources) >= 2:
            targets = []  # "Duterte and Suga spoke by phone": the two subjects are the two sides
        if targets is None:
            return None
        return _Candidate(token, sense, sources, targets, place)

    def _noun_candidate(self, token: Token, sense: Sense) -> _Candidate | None:
        if token.dep_ == "compound":
            return None
        if sense.light_verbs is not None and not (
            self.lex.lemma(token.head) in sense.light_verbs and token.dep_ == "dobj"
        ):
            return None
        modifiers = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
        if sense.modifier is not None and not modifiers & sense.modifier:
            return None
        undergone = self._undergone(token)
        if undergone is not None:
            return undergone if undergone.sources and undergone.targets else None
        sources: list[ActorRef] = []
        for how in sense.source:
            sources = self._noun_sources(token, how)
            if sources:
                break
        if not sources and sense.symmetric:
            sources = self._hyphenated(token)
        if not sources:
            return None  # a bare "the visit": who visited is not said here
        if sense.source_kinds is not None and not any((s.kind or "") in sense.source_kinds for s in sources):
            return None
        if sense.subject_sectors is not None and not any(s.sector in sense.subject_sectors for s in sources):
            return None
        if sense.symmetric and len(sources) >= 2:
            return _Candidate(token, sense, sources, [], None)  # "the clash between X and Y"
        targets, place = self._targets(token, sense, passive=False, sources=sources)
        if not targets:
            targets = self._insurgency_target(token, sense, sources)
        if not targets:
            return None  # "Mr. Lukashenko's visit" alone repeats an event told elsewhere
        return _Candidate(token, sense, sources, targets, place)

    def _insurgency_target(self, token: Token, sense: Sense, sources: list[ActorRef]) -> list[ActorRef]:
        """ "The BLA claimed responsibility for the attack on the train": violence by an armed group, with no
        victim named as an actor, is against the country where it happens (the place the sentence names,
        else the group's own country)."""
        if sense.cameo[:2] not in ("18", "19", "20") or not sources:
            return []
        if not all(s.sector in NON_STATE_ARMED for s in sources):
            return []
        places = [
            r
            for t in token.sent
            for r in [self.index.ref(t)]
            if r is not None and r.kind in (PLACE, "country") and r.country
        ]
        country = places[0].country if places else sources[0].country or self.index.focus_country
        if country is None:
            return []
        return [ActorRef(name=country, text="", country=country, sector=None, code=country, kind="group")]

    def _undergone(self, noun: Token) -> _Candidate | None:
        """ "Israel faced criticism from Turkey", "the convoy came under attack from rebels": the subject
        of a verb of undergoing is the target; the "from" or "by" phrase, on the noun or the verb, the source."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ == "under":
            verb = verb.head
            if self.lex.lemma(verb) not in ("come", "be", "fall"):
                return None
        elif noun.dep_ != "dobj" or self.lex.lemma(verb) not in self.lex.undergo_verbs:
            return None
        sense = next(iter(self.lex.nouns.get(noun.lemma_.lower(), [])), None)
        if sense is None:
            return None
        givers = [g for h in (noun, verb) for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
                  for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        sources = [r for g in givers for r in self._refs(g, agent=True)]
        targets = [r for t in self._subject_tokens(verb) for r in self._refs(t) or [self._owner(t)] if r]
        return _Candidate(noun, sense, sources, targets, None)

    def _object_words(self, token: Token, sense: Sense) -> set[str]:
        words = set()
        for c in token.children:
            if c.dep_ in ("dobj", "nsubjpass") or (
                c.dep_ == "prep" and (sense.prep is None or c.lower_ == sense.prep)
            ):
                heads = [c] if c.dep_ != "prep" else [g for g in c.children if g.dep_ == "pobj"]
                heads += [g for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in ("of", "in")
                          for g in p.children if g.dep_ == "pobj"]  # fmt: skip
                for h in heads:
                    for x in [h, *h.conjuncts]:
                        words.add(x.lemma_.lower())
                        words.add(x.lower_)
                        compounds = [t.lower_ for t in x.lefts if t.dep_ in ("compound", "amod")]
                        if compounds:
                            words.add(" ".join([*compounds[-2:], x.lemma_.lower()]))
                            words.add(" ".join([*compounds[-1:], x.lemma_.lower()]))
        return words

    def _complement_quads(self, token: Token) -> set[int]:
        """QuadClasses of the acts a verb's infinitive complement names ("vowed to keep attacking" -> 4)."""
        quads = set()
        for c in token.children:
            if c.dep_ in ("xcomp", "ccomp"):
                for t in (c, *(g for g in c.children if g.dep_ == "xcomp")):
                    for sense in self.lex.verbs.get(self.lex.lemma(t), []):
                        quads.add(ontology.quad_class(sense.cameo))
        return quads

    def _object_prep_fits(self, token: Token, sense: Sense) -> bool:
        return any(
            c.dep_ == "prep"
            and c.lower_ == prep
            and any(g.lemma_.lower() in nouns for g in c.children if g.dep_ == "pobj")
            for prep, nouns in sense.object_prep
            for c in token.children
        )

    def _subject_tokens(self, verb: Token, depth: int = 0, raising: bool = False) -> list[Token]:
        """The tokens that act as the subject of ``verb``, passed down from a governing verb if need be."""
        if depth > 6:
            return []
        for c in verb.children:
            # a governing passive passes its subject down: "X is expected to meet"
            if c.dep_ in ("nsubj", "csubj") or (raising and c.dep_ == "nsubjpass"):
                if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return [verb.head]
                return [c]
            if c.dep_ == "agent":
                return [g for g in c.children if g.dep_ == "pobj"]
        # "Azerbaijan massed troops": the small parser sometimes takes a sentence-initial name for an adverb
        names = [c for c in verb.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN" and c.i < verb.i]
        if names and names[0].is_sent_start:
            return names[:1]
        head = verb.head
        if head.i == verb.i:
            return []
        if (
            verb.dep_ == "advcl"
            and head.dep_ == "ROOT"
            and head.is_sent_start
            and self.index.actor_of(head) is not None
        ):
            return [head]  # "Trump at first imposed tariffs": the tagger took the name for the main verb
        if verb.dep_ == "advcl" and not _is_nonfinite(verb):
            return []  # "as protesters were killed", "after X left": a clause with its own subject
        if verb.dep_ in ("xcomp", "ccomp", "advcl") or (verb.dep_ == "pcomp" and head.pos_ == "ADP"):
            governor = head.head if verb.dep_ == "pcomp" else head
            object_controls = self.lex.lemma(governor) in self.lex.object_control or (
                verb.dep_ == "pcomp" and head.lower_ in ("of", "for", "into", "from")
            )
            if object_controls and verb.dep_ != "advcl":
                if governor.lemma_.lower() in CLAIMS and governor.dep_ == "dobj":
                    # "took credit for attacking": who claims the deed did it
                    return self._subject_tokens(governor.head, depth + 1)
                if governor.pos_ in ("NOUN", "PROPN"):
                    return [governor]  # "praised ECOWAS for activating": the preposition hangs on the noun
                obj = [c for c in governor.children if c.dep_ in ("dobj", "dative")]
                if obj:
                    return obj
            return self._subject_tokens(governor, depth + 1, raising=verb.dep_ == "xcomp")
        if verb.dep_ == "conj":
            return self._subject_tokens(head, depth + 1)
        if verb.dep_ == "relcl":
            return [head]
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and verb.tag_ == "VBG":
            return [head]  # "rebels fighting the president": the rebels fight
        if verb.dep_ == "acl" and head.pos_ == "NOUN":
            # "plans to help Russia": the plan's owner acts
            owner = [c for c in head.children if c.dep_ == "poss"]
            if owner:
                return owner
            if head.head.pos_ == "VERB":
                return self._subject_tokens(head.head, depth + 1)
        return []

    def _verb_sources(self, verb: Token, passive: bool) -> list[ActorRef]:
        if passive:
            # "demonstrators were killed": only a "by" phrase names who did it
            agents = [g for c in verb.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                      for g in c.children if g.dep_ in ("pobj", "pcomp")]  # fmt: skip
            return [r for t in agents for r in self._refs(t, agent=True) or self._doer(t)]
        return [r for t in self._subject_tokens(verb) for r in self._refs(t, agent=True) or self._doer(t)]

    def _doer(self, thing: Token) -> list[ActorRef]:
        """ "The attack, carried out by Islamic State fighters, killed nine soldiers": who did the act that acts."""
        if thing.pos_ not in ("NOUN", "VERB") or thing.lemma_.lower() not in self.lex.nouns:
            return []
        ref = self._owner(thing)
        return [ref] if ref is not None else []

    def _noun_sources(self, noun: Token, how: str) -> list[ActorRef]:
        if how == "poss":
            return [r for c in noun.children if c.dep_ == "poss" for r in self._refs(c, agent=True)]
        if how == "by":
            by = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
            after = noun.right_edge.i + 1
            if (
                not by
                and after < len(self.doc)
                and self.doc[after].lower_ == "by"
                and self.doc[after].dep_ == "prep"
            ):
                # "trips to Beijing by X": the parser often hangs the "by" phrase on the verb
                by = [self.doc[after]]
            return [r for c in by for g in c.children if g.dep_ == "pobj" for r in self._refs(g, agent=True)]
        if how in ("compound", "amod"):
            return [r for c in noun.children if c.dep_ == how and c.i < noun.i
                    for r in [self._modifier_ref(c)] if r is not None]  # fmt: skip
        if how in ("between", "from"):
            return [r for c in noun.children if c.dep_ == "prep" and c.lower_ == how
                    for g in c.children if g.dep_ == "pobj" for r in self._refs(g, agent=True)]  # fmt: skip
        if how == "light":
            head = noun.head
            if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "dobj":
                noun, head = head.head, head.head.head  # "led eight hours of talks", "held a round of talks"
            if noun.dep_ == "dobj" and self.lex.lemma(head) in self.lex.light_verbs:
                return [r for t in self._subject_tokens(head) for r in self._refs(t, agent=True)]
            claimed = _claimed_deed(noun)
            if claimed is not None:
                return [r for t in self._subject_tokens(claimed) for r in self._refs(t, agent=True)]
        return []

    def _hyphenated(self, noun: Token) -> list[ActorRef]:
        """ "U.S.-Ukraine talks", "the Israel-Hamas war": the two sides a hyphenated modifier names."""
        g = gazetteer.load()
        for c in noun.lefts:
            if c.dep_ in ("compound", "amod", "nmod") and "-" in c.text.strip("-"):
                parts = c.text.split("-")
                entries = [g.names.get(p) for p in parts]
                if len(parts) == 2 and all(e is not None and e.country for e in entries):
                    return [
                        ActorRef(name=e.name, text=c.text, country=e.country, sector="GOV" if e.kind == gazetteer.COUNTRY else e.sector,
                                 code=e.country + ("GOV" if e.kind == gazetteer.COUNTRY else e.sector or ""), kind=e.kind,
                                 start=c.idx, end=c.idx + len(c.text))
                        for e in entries
                    ]  # fmt: skip
        return []

    def _modifier_ref(self, token: Token) -> ActorRef | None:
        """An actor named by a modifier: "Western sanctions", "U.S. aid", "the tribunal's ruling"."""
        ref = self.index.ref(token, agent=True)
        if ref is not None:
            return ref
        return self.index.adjective_ref(token) or self.index.role_ref(token)

    def _targets(
        self, token: Token, sense: Sense, passive: bool, sources: list[ActorRef] = ()
    ) -> tuple[list[ActorRef] | None, ActorRef | None]:
        """The targets per the sense's order of places; None when the sense needs one and has none."""
        place = None
        for where in sense.target:
            tokens: list[Token] = []
            if where == "xobj":
                # "threatened to attack Israel", "agreed to resume talks with the EU": whom the act concerns
                acts = [c for c in token.children if c.dep_ in ("xcomp", "ccomp") and _is_nonfinite(c)]
                tokens = [g for c in acts for g in c.children if g.dep_ in ("dobj", "dative")]
                tokens += [g for c in acts for h in [c, *[d for d in c.children if d.dep_ == "dobj"]]
                           for p in h.children if p.dep_ == "prep" and p.lower_ in ("with", "to", "on", "between", "against", "into", "near")
                           for g in p.children if g.dep_ == "pobj"]  # fmt: skip
            elif where in ("dobj", "dative", "nsubjpass", "poss", "compound"):
                if where == "dobj" and passive:
                    # the object of an active verb is the subject of its passive: "Kenya was praised by
                    # the AU"; "the journalists detained by police"
                    where = "nsubjpass"
                    if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
                        tokens = [token.head]
                if not tokens:
                    tokens = [
                        c
                        for c in token.children
                        if c.dep_ == where and (where != "compound" or c.i < token.i)
                    ]
                if where == "dobj" and not tokens:
                    # "allowed Russia to use ...", "helped him crush ...": the complement's subject
                    tokens = [g for c in token.children if c.dep_ in ("ccomp", "xcomp") and _is_nonfinite(c)
                              for g in c.children if g.dep_ == "nsubj"]  # fmt: skip
            else:
                # "imposed sanctions on X", "maintain relations with X": the preposition may hang on the object
                objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"]
                objects += [g for p in token.children if p.dep_ == "prep" and p.lower_ == "with"
                            for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]  # fmt: skip
                # "a package of military aid for Israel": the preposition may hang on the object's noun
                objects += [g for o in objects for p in o.children if p.dep_ == "prep" and p.lower_ in ("of", "in")
                            for g in p.children if g.dep_ == "pobj"]  # fmt: skip
                holders = [token, *objects]
                if token.pos_ != "VERB" and token.dep_ == "dobj" and token.head.pos_ == "VERB":
                    holders.append(token.head)  # "kept new tariffs in place on Mexico": on the verb
                tokens = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == where
                          for g in c.children if g.dep_ == "pobj"]  # fmt: skip
            if not tokens:
                continue
            refs = [r for t in tokens for r in self._refs(t)]
            if not refs and sources and any(t.lemma_.lower() in CHARGES for t in tokens):
                # "Berisha rejected the allegations": those who made them, if the article says who
                if _key(sources[0]) not in self.accusers:
                    return [], None  # a rejection of charges stands without knowing who laid them
                refs = [self.accusers[_key(sources[0])]]
            if not refs and ontology.quad_class(sense.cameo) == 4:
                refs = [r for t in tokens for r in [self._civilians(t)] if r is not None]
            if not refs and not sense.actor_target:
                # whose a thing is; but "the United States' partners" are not the United States
                refs = [
                    r
                    for t in tokens
                    if t.lemma_.lower() not in RELATIONAL_PEOPLE
                    for r in [self._owner(t, skip=sources)]
                    if r
                ]
            if ontology.quad_class(sense.cameo) == 4:
                # a curfew "in Yangon" by the junta, a raid on a town at home: its people are the target
                home = {s.country for s in sources if s.country}
                refs = [
                    self._people_of(r) if r.kind in (PLACE, "country") and r.country in home else r
                    for r in refs
                ]
            if refs:
                if sense.target_kinds is not None and not any(
                    (r.kind or "") in sense.target_kinds for r in refs
                ):
                    return None, None
                if sense.place:
                    place = next((r for r in refs if r.kind in (PLACE,)), None)
                    refs = [_as_country(r) for r in refs]
                return refs, place
        if sense.default_target == "GOV" and sources and sources[0].country:
            # protesters with no target named protest against their own government
            c = sources[0].country
            return [
                ActorRef(
                    name=f"{c} government", text="", country=c, sector="GOV", code=c + "GOV", kind="group"
                )
            ], None
        if sense.default_target == "FOCUS" and sources:
            # "the envoy called for an end to the violence": a request concerns the country the
            # sentence names, else the one the article is about, if it is not the requester's own
            own = {r.country for r in sources}
            named = [
                r
                for t in token.sent
                for r in [self.index.ref(t)]
                if r is not None and r.kind in ("country", "place")
            ]
            country = next((r.country for r in named if r.country not in own), None)
            country = country or (self.index.focus_country if self.index.focus_country not in own else None)
            if country:
                return [self.index.country_ref(country, token)], None
        if sense.actor_target or sense.target_kinds is not None:
            return None, None
        return [], None

    def _owner(self, thing: Token, depth: int = 0, skip: Iterable[ActorRef] = ()) -> ActorRef | None:
        """Whose a thing is, or whom it concerns: "Mr. Lukashenko's visit" -> Lukashenko; "the brutality of
        the military" -> the military; "$20 billion worth of U.S. exports" -> USA; "exports from 35
        countries" -> those; "the announcement that Ukraine had agreed" -> Ukraine."""
        if depth > 3:
            return None
        skip = list(skip)

        def fresh(ref: ActorRef | None) -> bool:
            # "Venezuela moved troops to its border with Guyana": not Venezuela's own
            return ref is not None and not any(_same(ref, s) for s in skip)

        children = list(thing.children)
        preps = {c.lower_: [g for g in c.children if g.dep_ == "pobj"] for c in children if c.dep_ == "prep"}
        order: list[tuple[str, Token]] = [("mod", c) for c in children if c.dep_ == "poss"]
        order += [("pobj", g) for p in ("of", "by", "from") for g in preps.get(p, [])]
        # an organisation named before a noun is its framework, not its owner ("WTO dispute consultations")
        order += [("mod", c) for c in children if c.dep_ in ("compound", "amod", "nmod") and c.i < thing.i]
        order += [
            ("pobj", g) for p in ("with", "against", "on", "for", "to", "into") for g in preps.get(p, [])
        ]
        order += [("igo", c) for c in _compounds(thing) if c.dep_ in ("compound", "nmod")]
        order += [("pobj", g) for g in preps.get("in", [])]
        for how, c in order:
            if how in ("mod", "igo"):
                ref = self._modifier_ref(c)
                if fresh(ref) and (how == "igo" or c.dep_ == "poss" or ref.kind != "igo"):
                    return ref
                continue
            refs = [r for r in self._refs(c) if fresh(r)]
            if refs:
                return refs[0]
            deeper = self._owner(c, depth + 1, skip)
            if deeper is not None:
                return deeper
        for c in children:
            if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ == "VERB":
                subjects = [
                    g
                    for g in c.children
                    if g.dep_ in ("nsubj", "nsubjpass")
                    and g.lower_ not in RELATIVE_PRONOUNS
                    and c.dep_ != "relcl"
                ]  # a relative clause says who did something to the thing only through its agent
                subjects = [
                    g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"
                ] or subjects
                refs = [r for g in subjects for r in self._refs(g) if fresh(r)]
                if refs:
                    return refs[0]
            elif c.dep_ == "conj":
                deeper = self._owner(c, depth + 1, skip)
                if deeper is not None:
                    return deeper
        return None

    def _people_of(self, place: ActorRef) -> ActorRef:
        """Violence at home against a town is against its people; against the country, against someone in it."""
        sector = "CVL" if place.kind == PLACE else None
        return ActorRef(
            name=f"people of {place.name}", text=place.text, country=place.country, sector=sector,
            code=(place.country or "") + (sector or ""), kind="group", start=place.start, end=place.end,
        )  # fmt: skip

    def _civilians(self, token: Token) -> ActorRef | None:
        """ "Imposed martial law on six townships", "occupied hospitals": the people of a place; "attacked an
        airbase deep inside Russia": the country of a site."""
        lemma = token.lemma_.lower()
        if lemma not in CIVILIAN_PLACES and lemma not in SITES:
            return None
        # the place the phrase or its clause names ("a market in Omdurman", "deep inside Russia")
        clause = token.head if token.head.pos_ in ("VERB", "AUX") else token
        places = [r for t in (*token.subtree, *clause.subtree) for r in [self.index.ref(t)]
                  if r is not None and r.country and r.kind in ("country", "place")]  # fmt: skip
        country = places[0].country if places else self.index.focus_country
        if country is None:
            return None
        sector = "CVL" if lemma in CIVILIAN_PLACES else None
        return ActorRef(
            name=f"{country} {token.text}", text=token.text, country=country, sector=sector,
            code=country + (sector or ""), kind="group", start=token.idx, end=token.idx + len(token.text),
        )  # fmt: skip

    def _speaker(self, token: Token) -> ActorRef | None:
        """Who "I", "we", "my" or "our" is: the speaker of the quotation the word is in."""
        if token.lower_ not in FIRST_PERSON:
            return None
        for start, end, speaker in self.voices:
            if start <= token.idx < end:
                return dataclasses.replace(
                    speaker, text=token.text, start=token.idx, end=token.idx + len(token.text)
                )
        return None

    def _refs(self, token: Token, *, agent: bool = False) -> list[ActorRef]:
        """Actors of a noun phrase, coordinated ones and "such as" examples expanded, "the two countries" paired."""
        speaker = self._speaker(token)
        if speaker is not None:
            return [speaker]
        examples = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("as", "including")
                    and (c.lower_ == "including" or any(x.lower_ == "such" for x in c.lefts) or c.nbor(-1).lower_ == "such")
                    for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        size = _group_size(token)
        if size:
            group = self._group_of(token, size)
            if group:
                return group
        listed = [a for a in token.children if a.dep_ == "appos"]
        if listed and self.index.ref(token) is None:
            # "its biggest trading partners — Mexico, Canada and China": the names say who
            refs = [r for a in listed for r in self.index.refs(a, agent=agent)]
            if refs:
                return refs
        if token.lemma_.lower() in QUANTITY_WORDS:
            # "thousands of Georgians", "dozens of protesters": the people counted
            counted = [
                g
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if counted:
                return self._refs(counted[0], agent=agent)
        refs = self.index.refs(token, agent=agent)
        several = self._several_countries(token, refs)
        if several:
            return several
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is not None and refs and refs[0].country is None and refs[0].kind == "group":
            whose = self.index.ref(owner)  # "Trump and his Cabinet"
            if whose is not None and whose.country:
                refs[0].country, refs[0].code = whose.country, whose.country + (refs[0].sector or "")
        resolved = {r.start for r in refs}
        for t in [token, *(c for c in token.conjuncts if c.i > token.i)]:
            if t.idx not in resolved and self.index.ref(t) is None:
                role = self.index.role_ref(t, agent=agent)  # "an armed group", "the tribunal"
                if role is not None:
                    refs.append(role)
        for e in examples:
            # "35 countries, including the EU bloc": the named example
            named = self.index.refs(e, agent=agent) or [
                r for c in e.children if c.dep_ == "compound" for r in [self.index.ref(c, agent=agent)] if r
            ]
            refs = [r for r in refs if r.kind == PERSON or r.country] + named
            refs = [r for r in refs if r.text != token.text] or refs
        return refs

    def _several_countries(self, token: Token, refs: list[ActorRef]) -> list[ActorRef]:
        """ "Russian and Chinese warships", "negotiators from Russia and Ukraine": one actor per country."""
        if len(refs) > 1 or (refs and refs[0].kind not in ("group", None)):
            return []
        sector = refs[0].sector if refs else None
        countries: list[ActorRef] = []
        mods = [c for c in token.children if c.dep_ == "amod" and c.i < token.i]
        mods += [
            g
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in ("from", "of")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for m in mods:
            for x in [m, *m.conjuncts]:
                r = self.index.adjective_ref(x) or self.index.ref(x)
                if r is not None and r.country and r.kind in ("country", "place", "region"):
                    countries.append(r)
        if len({r.country for r in countries}) < 2:
            return []
        return [
            ActorRef(name=f"{r.name} {token.text}", text=token.text, country=r.country, sector=sector,
                     code=(r.country or "") + (sector or ""), kind="group", start=token.idx, end=token.idx + len(token.text))
            for r in countries
        ]  # fmt: skip

    def _group_of(self, token: Token, size: int) -> list[ActorRef]:
        """ "The two countries", "the three nations", "the trio": the last group of that many countries the
        text coordinated ("Burkina Faso, Mali and Niger", "the China-Russia relationship"), else the
        article's main countries."""
        doc, index = self.doc, self.index
        for t in reversed(doc[max(0, token.sent.start - 300) : token.i]):
            if t.i not in index.token_actor or t.dep_ == "conj":
                continue
            if t.dep_ == "compound" and t.head.i in index.token_actor:
                members = [t, t.head]
            elif t.conjuncts:
                members = [t, *t.conjuncts]
            else:
                continue
            refs = [
                r
                for m in sorted(members, key=lambda x: x.i)
                for r in [index.ref(m, agent=True)]
                if r is not None
            ]
            countries = {r.country for r in refs if r.country and r.kind != PERSON}
            if len(refs) == size and len(countries) == size:
                return refs
        ranked = index.country_ranking(self.title)
        if len(ranked) >= size:
            return [index.country_ref(c, token) for c in ranked[:size]]
        return []

    # ----- events from a candidate -----

    def _events(self, cand: _Candidate) -> list[Event]:
        sense, trigger = cand.sense, cand.trigger
        code = ontology.cameo(sense.cameo)
        sources, targets = cand.sources, cand.targets
        relation = _relation_noun(trigger)
        if relation and not sources and not targets and relation in self.relations:
            source, target = self.relations[relation]
            sources, targets = [x for x in [source] if x], [x for x in [target] if x]
        if not sources and targets:
            sources = self._implied_state(trigger, code.code, targets)
        if not sources:
            return []  # who acted is not said (or not understood): no event rather than half a one
        if (
            not targets
            and sense.target
            and not sense.target_optional
            and not (sense.symmetric and len(sources) >= 2)
            and not _rejects_charges(trigger)
        ):
            return []  # the sense names where its target is, and there is none
        pairs: list[tuple[ActorRef | None, ActorRef | None]]
        if sense.symmetric and not targets and len(sources) >= 2:
            pairs = list(itertools.combinations(sources, 2))
        else:
            pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]
        status = self._status(trigger)
        date = self._date(trigger)
        if status == "occurred" and _after(date, self.published):
            status = "expected"  # "meets on Friday" in an article of Tuesday
        sent = trigger.sent
        evidence = Span(sent.text, sent.start_char, sent.end_char)
        trig = Span(trigger.text, trigger.idx, trigger.idx + len(trigger.text))
        location = self._location(trigger, cand.place)
        out = []
        for source, target in pairs:
            if source is not None and target is not None and _same(source, target):
                continue
            if (
                source is not None
                and target is not None
                and target.kind in ("country", "place")
                and source.country == target.country
            ):
                if source.sector in ("GOV", "MIL", "COP", "JUD", "LEG", "SPY", None) or code.quad_class == 4:
                    continue  # arriving in one's own capital, sending troops to one's own border: no interaction
                # the opposition boycotting "the vote in Serbia" acts against its government
                target = self.index.country_ref(target.country, trigger)
            if target is not None and target.sector in sense.not_target_sectors:
                continue  # "speaking to reporters" is a statement, not a consultation
            confidence = 0.8 if trigger.pos_ == "VERB" else 0.6
            out.append(_event(code.code, evidence, trig, source, target, status, date, location, confidence))
            if (
                status == "hypothetical"
                and target is not None
                and code.quad_class == 4
                and self._threat(trigger, target)
            ):
                # "if Europe follows through, he will impose tariffs": a coercive act on a condition is a threat
                threat = THREATS.get(code.code[:2], "130")
                out.append(
                    _event(threat, evidence, trig, source, target, "occurred", date, location, confidence)
                )
        if relation and out:
            self.relations[relation] = (out[0].source, out[0].target)
        for e in out:
            self._remember_accuser(e)
        return out

    def _implied_state(self, trigger: Token, cameo: str, targets: list[ActorRef]) -> list[ActorRef]:
        """ "He was arrested in July", "they are barred from travel": an agentless passive of an act only a
        state does is the act of the state where it happens (the place its clause names, else the
        dateline's, else the target's country, else the article's)."""
        if not any(cameo.startswith(prefix) for prefix in self.lex.state_acts):
            return []
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in trigger.children) or (
            trigger.dep_ == "acl" and trigger.tag_ == "VBN"
        )
        if not passive or any(c.dep_ == "agent" for c in trigger.children):
            return []
        country = None
        for t in trigger.subtree:
            a = self.index.actor_of(t)
            if (
                a is not None
                and a.kind in (PLACE, "country")
                and a.country
                and t.head.lower_ in ("in", "at", "from")
            ):
                country = a.country
                break
        if country is None and self.dateline_place is not None:
            country = self.dateline_place.country
        if country is None:
            country = next((r.country for r in targets if r.country and r.kind != "igo"), None)
        country = country or self.index.focus_country
        if country is None:
            return []
        ref = self.index.country_ref(country, trigger)
        return [dataclasses.replace(ref, name=f"{ref.name} authorities", text="", start=None, end=None)]

    def _remember_accuser(self, event: Event) -> None:
        if event.plover == "ACCUSE" and event.source is not None and event.target is not None:
            self.accusers[_key(event.target)] = event.source

    def _charged_subject(self, word: Token, top: Token) -> list[ActorRef]:
        """Who a charge is laid on: the subject of the clause the word is the predicate of ("Putin is the
        aggressor", "was involved in corrupt acts"); a charge named as a topic ("the issue of corruption")
        is none."""
        node, hops = word, 0
        clause_verbs = {top.i} | {t.i for t in top.children if t.dep_ in ("conj", "xcomp", "ccomp")}
        while node.pos_ not in ("VERB", "AUX"):
            if node.dep_ not in CHARGE_DEPS or node.head.i == node.i or hops > 2:
                return []
            # "involved in corrupt acts" counts one step; "the issue of corruption" is too far
            hops += node.dep_ not in ("amod", "compound")
            node = node.head
        if node.i not in clause_verbs:
            return []  # in a relative clause or deeper: "the seriousness with which X takes corruption"
        for _ in range(8):
            if node.pos_ in ("VERB", "AUX"):
                if any(c.dep_ == "neg" for c in node.children):
                    return []
                subjects = [
                    c
                    for c in node.children
                    if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("we", "i", "you")
                ]
                refs = [r for t in subjects for r in self._refs(t)]
                if refs:
                    return refs
            if node.i == top.i or node.head.i == node.i:
                return []
            node = node.head
        return []

    def _threat(self, trigger: Token, target: ActorRef) -> bool:
        """A coercive act on a condition the target controls is a threat: "if Europe follows through, he
        will impose tariffs"; "if elected, she would cut ties" is a promise to voters, not a threat."""
        condition = _condition(trigger)
        if condition is None:
            return False
        subjects = [r for c in condition.children if c.dep_ in ("nsubj", "nsubjpass") for r in self._refs(c)]
        return any(
            r.country == target.country or (r.actor_id and r.actor_id == target.actor_id) for r in subjects
        )

    def _accusations(self) -> list[Event]:
        """ "Blinken said Berisha was involved in corrupt acts", "Putin is the aggressor": reported speech that
        charges someone with wrongdoing is an accusation by the speaker."""
        out = []
        words = self.lex.accusation_words
        for verb in self.doc:
            if verb.pos_ != "VERB" or self.lex.lemma(verb) not in ACCUSING_SPEECH:
                continue
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                if any(c.dep_ == "neg" for c in clause.children):
                    continue
                subject_tokens = {
                    t.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree
                }
                charged = [
                    t
                    for t in clause.subtree
                    if (t.lemma_.lower() in words or t.lower_ in words) and t.i not in subject_tokens
                ]
                targets = [r for w in charged[:1] for r in self._charged_subject(w, clause)]
                sources = [r for t in self._subject_tokens(verb) for r in self._refs(t, agent=True)]
                sources += [
                    r
                    for c in verb.children
                    if c.dep_ == "nsubj" and c.i > verb.i
                    for r in self._refs(c, agent=True)
                ]
                if not sources or not targets:
                    continue
                sent = verb.sent
                evidence = Span(sent.text, sent.start_char, sent.end_char)
                trig = Span(verb.text, verb.idx, verb.idx + len(verb.text))
                date = self._date(verb)
                for source in sources[:1]:
                    for target in targets:
                        if not _same(source, target):
                            out.append(
                                _event("112", evidence, trig, source, target, "occurred", date, None, 0.6)
                            )
        return out

    def _status(self, trigger: Token) -> str:
        """occurred, expected, hypothetical, negated or alleged, from the trigger and the verbs above it."""
        status = "occurred"

        def bump(new: str) -> None:
            nonlocal status
            if STATUS_RANK[new] > STATUS_RANK[status]:
                status = new

        # on the trigger itself: negation, modals, "no sanctions", a condition, "allegedly"
        for c in trigger.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                bump("negated")
            elif c.dep_ == "advmod" and c.lower_ in HEARSAY:
                bump("alleged")
            elif c.dep_ == "aux" and c.lower_ in MODAL_STATUS:
                bump(
                    "expected"
                    if c.lower_ == "would" and _reported_future(trigger)
                    else MODAL_STATUS[c.lower_]
                )
            elif c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                bump("hypothetical")
            elif c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children
            ):
                bump("hypothetical")  # "if Europe follows through, he will impose"
        if trigger.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in trigger.children
        ):
            bump("hypothetical")
        # the verbs it is the complement of
        node = trigger
        for _ in range(8):
            head = node.head
            if head.i == node.i or node.dep_ not in COMPLEMENT_DEPS:
                break
            if node.dep_ == "conj" and head.dep_ == "ccomp" and _after_comma_and(node):
                # "denied that it had X, and has accused Y": the parser hangs "accused" inside the
                # that-clause; news syntax coordinates it with "denied"
                node = head.head
                continue
            lemma = self.lex.lemma(head)
            # a verb colours what it governs as its complement, not a clause that only modifies it
            cue = self.lex.status_cues.get(lemma) if node.dep_ in CUE_DEPS else None
            if lemma == "suppose" and node.dep_ == "xcomp":
                # "were supposed to sign": it did not happen; "is supposed to sign": it is planned
                cue = "expected" if _is_present_or_future(head) else "negated"
            if head.pos_ in ("VERB", "ADJ", "NOUN") and cue and node.dep_ != "conj":
                if lemma in ("expect", "set", "due", "schedule") and not _is_present_or_future(head):
                    cue = None
                if cue:
                    bump(cue)
            for c in head.children:
                if node.dep_ in CUE_DEPS and c.dep_ == "neg" and head.pos_ == "VERB":
                    bump("negated")
                elif c.dep_ == "aux" and c.lower_ in MODAL_STATUS and node.dep_ in ("xcomp",):
                    bump(MODAL_STATUS[c.lower_])
            if head.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in head.children
            ):
                bump("hypothetical")
            node = head
        return status

    def _time_tokens(self, times: list[TimeRef]) -> list[tuple[TimeRef, Token]]:
        out = []
        for t in times:
            if t.start is None or t.end is None:
                continue
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None and len(span):
                out.append((t, span.root))
        return out

    def _date(self, trigger: Token) -> TimeRef | None:
        """The time expression attached to the trigger's clause, else the article's date."""
        sent = trigger.sent
        best: tuple[int, TimeRef] | None = None
        ancestors = {a.i: n for n, a in enumerate(trigger.ancestors, 1)}
        for ref, root in self.time_tokens:
            if not (sent.start <= root.i < sent.end):
                continue
            # distance: inside the trigger's subtree (depth below it), else attached to an ancestor
            depth = _depth_below(root, trigger)
            if depth is not None:
                score = depth
            else:
                gov = root.head
                while gov.pos_ not in ("VERB", "AUX") and gov.head.i != gov.i:
                    gov = gov.head
                if gov.i not in ancestors:
                    continue
                score = 100 + ancestors[gov.i]
            if best is None or score < best[0]:
                best = (score, ref)
        if best is not None:
            return best[1]
        return article_time(self.published)

    def _location(self, trigger: Token, place: ActorRef | None) -> Place | None:
        if place is not None:
            return Place(
                name=place.name or place.text, country=place.country, start=place.start, end=place.end
            )
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                for g in c.children:
                    a = self.index.actor_of(g)
                    if g.dep_ == "pobj" and a is not None and a.kind == PLACE:
                        return Place(name=a.name, country=a.country, start=g.idx, end=g.idx + len(g.text))
        return self.dateline_place


def _relation_noun(trigger: Token) -> str | None:
    """The relation a predicate is about: "agreed to diplomatic ties", "ties were upgraded"."""
    for c in trigger.children:
        heads = (
            [c]
            if c.dep_ in ("dobj", "nsubjpass")
            else [g for g in c.children if g.dep_ == "pobj"]
            if c.dep_ == "prep"
            else []
        )
        for h in heads:
            if h.lemma_.lower() in RELATION_NOUNS:
                return h.lemma_.lower()
    return None


def _event(
    cameo: str, evidence: Span, trigger: Span, source: ActorRef | None, target: ActorRef | None, status: str,
    date: TimeRef | None, location: Place | None, confidence: float,
) -> Event:  # fmt: skip
    code = ontology.cameo(cameo)
    return Event(
        evidence=evidence, trigger=trigger, source=source, target=target, cameo=code.code, plover=code.plover,
        status=status, cameo_name=code.name, plover_mode=code.plover_mode, quad_class=code.quad_class,
        goldstein=code.goldstein, date=date, location=location, confidence=confidence,
    )  # fmt: skip


def _condition(trigger: Token) -> Token | None:
    """The if-clause that governs the predicate ("if X, he will impose ..."), if any."""
    node = trigger
    for _ in range(4):
        for c in node.children:
            if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children
            ):
                return c
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _named_event(token: Token) -> bool:
    """ "held the Malabar Joint Maritime Exercise", "the Singapore Summit": an event noun capitalised in a name."""
    return (
        token.pos_ == "PROPN"
        and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")
        and any(c.dep_ == "compound" for c in token.children)
    )


def _rejects_charges(trigger: Token) -> bool:
    """ "He rejects the charges", "authorities rejected those claims": a rejection whose object is a charge."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in CHARGES for c in trigger.children)


def _claimed_deed(noun: Token) -> Token | None:
    """The verb of "X claimed responsibility for the attack" when ``noun`` is the attack."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for":
        return None
    claim = prep.head
    if claim.lemma_.lower() in CLAIMS and claim.dep_ == "dobj":
        return claim.head
    return None


def _compounds(token: Token) -> list[Token]:
    """Noun modifiers before a noun and before its compounds: "the EU sanctions package" -> EU, sanctions."""
    out = []
    for c in token.lefts:
        if c.dep_ in ("compound", "nmod", "amod"):
            out += [c, *_compounds(c)]
    return out


def _fills(child: Token, needs: tuple[str, ...]) -> bool:
    """Whether a dependent is one a sense needs; a question ("asked whether ...") is no request."""
    if child.dep_ == "prep":
        return child.lower_ in needs
    if child.dep_ in needs:
        return not any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in child.children)
    return False


def _after(date: TimeRef | None, published: str | None) -> bool:
    """Whether a date the text gives lies after the article's date."""
    if date is None or date.from_article or not date.value or not published:
        return False
    value = date.value[:10]
    return value > published[: len(value)]


def _is_nonfinite(verb: Token) -> bool:
    """An infinitive or participle clause ("to use", "crush", "highlighting"), which takes its subject from above."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and verb.tag_ not in ("VB",):
        return False
    return verb.tag_ in ("VB", "VBG", "VBN") or any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _reported_future(verb: Token) -> bool:
    """ "announced that it would cease": a past "will", reported; not a condition."""
    head = verb.head
    return verb.dep_ == "ccomp" and head.tag_ in ("VBD", "VBG", "VBN") and head.lemma_ in REPORTING_VERBS


def _after_comma_and(verb: Token) -> bool:
    doc = verb.doc
    cc = [c for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i]
    return bool(cc) and cc[-1].i > 0 and doc[cc[-1].i - 1].text == ","


def _depth_below(token: Token, top: Token) -> int | None:
    depth, node = 0, token
    while node.i != top.i:
        if node.head.i == node.i:
            return None
        node, depth = node.head, depth + 1
        if depth > 30:
            return None
    return depth


def _is_present_or_future(verb: Token) -> bool:
    """ "is expected to" plans; "was expected to" reports what did or did not happen."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return not any(a.tag_ == "VBD" for a in auxes) and verb.tag_ != "VBD"


def _same(a: ActorRef, b: ActorRef) -> bool:
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    return (
        a.kind != PERSON
        and b.kind != PERSON
        and a.country is not None
        and a.country == b.country
        and a.sector == b.sector
    )


def _key(ref: ActorRef | None) -> tuple:
    if ref is None:
        return (None,)
    return (ref.actor_id or ref.name, ref.country)


def _as_country(ref: ActorRef) -> ActorRef:
    """A place as a target stands for its country ("arrived in Beijing" -> CHN)."""
    if ref.kind != PLACE or not ref.country:
        return ref
    return ActorRef(
        name=ref.name, text=ref.text, country=ref.country, sector=None, code=ref.country, kind=ref.kind,
        actor_id=ref.actor_id, start=ref.start, end=ref.end,
    )  # fmt: skip
