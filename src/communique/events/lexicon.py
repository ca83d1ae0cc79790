"""The event lexicon: which verbs and nouns are events, in which CAMEO code, with which argument
constraints; read from ``data/events.yaml`` and ``data/lexicon/*.yaml``, extended by a user's file."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml
from spacy.tokens import Token

from .. import ontology

CUE_STATUSES = frozenset({"expected", "hypothetical", "negated", "alleged"})


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
    # a cue a sense gives its complement holds only with the dependents that sense needs: "held Iran
    # responsible for the attack" (alleged), not "held joint exercises"
    cue_needs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # "jointly develop", "work together": any verb with one of these adverbs is cooperation
    adverbs: dict[str, Sense] = field(default_factory=dict)
    # words that make reported speech an accusation ("said Berisha was involved in corrupt acts")
    accusation_words: frozenset[str] = frozenset()
    # nouns of money: an object list naming "money" takes "4.2 billion euros" and "$500 million"
    currencies: frozenset[str] = frozenset()
    # CAMEO codes (prefixes) of acts only a state does: their agentless passive is the state's act
    state_acts: tuple[str, ...] = ()
    # verbs whose subject undergoes the act their object names ("faced criticism from", "drew condemnation")
    undergo_verbs: frozenset[str] = frozenset()
    # acts made whatever their condition ("threatened X with sanctions if it did not ..."): an if-clause
    # under them is the act's content, not a doubt that it happened
    conditional_acts: frozenset[str] = frozenset()
    # "called the move a provocation", "described the deal as a milestone": verbs of calling, and what
    # calling someone's act a word codes (word -> CAMEO code)
    calling_verbs: frozenset[str] = frozenset()
    evaluations: dict[str, str] = field(default_factory=dict)
    attitudes: dict[str, str] = field(default_factory=dict)  # "concerned about X" -> 110
    reactions: dict[str, str] = field(default_factory=dict)  # "the visit angered Beijing" -> 110

    def __post_init__(self) -> None:
        self._forms: dict[str, str] | None = None

    def lemma(self, token: Token) -> str:
        """The token's lemma, or the lexicon verb it is a regular form of when the lemmatizer slips
        ("waging" -> "wag")."""
        lemma = token.lemma_.lower()
        if token.pos_ not in ("VERB", "AUX"):
            return lemma
        # "raped" read as "rap": a form that is not the doubled one of the lemma ("rapped") is the e-verb's
        if lemma + "e" in self.verbs and token.lower_ in (lemma + "ed", lemma + "ing") and _doubles(lemma):
            return lemma + "e"
        if lemma in self.verbs or lemma in self.light_verbs:
            return lemma
        if self._forms is None:
            words = set(self.verbs) | self.light_verbs | self.object_control | set(self.status_cues)
            self._forms = {form: w for w in words for form in _inflections(w)}
        found = self._forms.get(token.lower_, _IRREGULAR.get(token.lower_, lemma))
        rest = token.lower_[2:]
        if (
            found not in self.verbs
            and token.lower_.startswith("re")
            and rest[:1] in "aeiou"
            and len(rest) > 4
        ):
            # "rearrested", "reimposed", "reopened": the act again; only before a vowel, where "re" cannot
            # begin another word ("resign" is no signing, "represent" no present)
            return self._forms.get(rest, found)
        return found

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
            cue_needs={**self.cue_needs, **other.cue_needs},
            adverbs={**self.adverbs, **other.adverbs},
            accusation_words=self.accusation_words | other.accusation_words,
            currencies=self.currencies | other.currencies,
            state_acts=tuple(dict.fromkeys(self.state_acts + other.state_acts)),
            undergo_verbs=self.undergo_verbs | other.undergo_verbs,
            conditional_acts=self.conditional_acts | other.conditional_acts,
            calling_verbs=self.calling_verbs | other.calling_verbs,
            evaluations={**self.evaluations, **other.evaluations},
            attitudes={**self.attitudes, **other.attitudes},
            reactions={**self.reactions, **other.reactions},
        )
        return merged


# irregular forms of lexicon verbs the tagger's lemmatizer leaves as they are
_IRREGULAR = {"forgave": "forgive"}


def _doubles(verb: str) -> bool:
    """Whether a verb ends consonant-vowel-consonant, doubling its last letter: rap -> rapped."""
    return len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou"


def _inflections(verb: str) -> list[str]:
    """Regular forms of a verb: wage -> wages, waged, waging; ban -> bans, banned, banning."""
    stem = verb[:-1] if verb.endswith("e") else verb
    forms = [verb, verb + "s", stem + "ed", stem + "ing"]
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms += [verb[:-1] + "ies", verb[:-1] + "ied"]
    if _doubles(verb):
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
                if sense.complement and lemma not in lex.status_cues:
                    lex.status_cues[lemma] = sense.complement
                    if sense.needs:
                        lex.cue_needs[lemma] = sense.needs
    lex.accusation_words = frozenset(str(w).lower() for w in data.get("accusation_words") or [])
    lex.currencies = frozenset(str(w).lower() for w in data.get("currencies") or [])
    lex.state_acts = tuple(str(c) for c in data.get("state_acts") or [])
    lex.undergo_verbs = frozenset(str(w) for w in data.get("undergo_verbs") or [])
    lex.conditional_acts = frozenset(str(w) for w in data.get("conditional_acts") or [])
    lex.calling_verbs = frozenset(str(w) for w in data.get("calling_verbs") or [])
    for key, table in (("attitudes", lex.attitudes), ("reactions", lex.reactions)):
        for code, words in (data.get(key) or {}).items():
            for w in words:
                table.setdefault(str(w).lower(), str(code))
    for code, words in (data.get("evaluations") or {}).items():
        for w in words:
            lex.evaluations.setdefault(str(w).lower(), str(code))
    lex.light_verbs = frozenset(data.get("light_verbs") or [])
    lex.object_control = frozenset(data.get("object_control") or [])
    for status, verbs in (data.get("status_cues") or {}).items():
        if status not in CUE_STATUSES:
            raise LexiconError(
                f"{source}: status_cues.{status}: not one of {', '.join(sorted(CUE_STATUSES))}"
            )
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
