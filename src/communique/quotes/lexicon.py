"""The cue words of ``data/speech_verbs.yaml``: speech, cognition and evidence verbs, claim nouns, naming words."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml


@dataclass(frozen=True)
class Lexicon:
    speech: frozenset[str]
    addressee: frozenset[str]
    cognition: frozenset[str]
    evidence: frozenset[str]
    infinitive: frozenset[str]
    anonymity: frozenset[str]
    office_synonyms: dict[str, frozenset[str]]
    object_control: frozenset[str]
    speech_events: frozenset[str]
    gendered: dict[str, frozenset[str]]
    object_verbs: frozenset[str]
    agentive_verbs: frozenset[str]
    object_preps: dict[str, frozenset[str]]
    source_nouns: frozenset[str]
    finding_nouns: frozenset[str]
    naming_verbs: frozenset[str]
    naming_nouns: frozenset[str]
    naming_words: frozenset[str]
    claim_nouns: frozenset[str]
    cognition_adjectives: frozenset[str]
    complement_verbs: dict[str, frozenset[str]]
    light_verbs: frozenset[str]
    headline_labels: frozenset[str]

    @property
    def clause_verbs(self) -> frozenset[str]:
        return self.speech | self.cognition | self.evidence


@functools.cache
def lexicon() -> Lexicon:
    """The cue words of ``data/speech_verbs.yaml`` (read once per process)."""
    data = yaml.safe_load(resources.files("communique.data").joinpath("speech_verbs.yaml").read_text("utf-8"))

    def words(items) -> frozenset[str]:
        return frozenset(str(w).lower() for w in items or [])

    return Lexicon(
        speech=words(data["speech"]),
        addressee=words(data["addressee"]),
        cognition=words(data["cognition"]),
        evidence=words(data["evidence"]),
        infinitive=words(data["infinitive"]),
        anonymity=words(data.get("anonymity")),
        office_synonyms={k: words(v) for k, v in (data.get("office_synonyms") or {}).items()},
        object_control=words(data.get("object_control")),
        speech_events=words(data.get("speech_events")),
        gendered={k: words(v) for k, v in (data.get("gendered") or {}).items()},
        object_verbs=words(data["object"]["verbs"]),
        agentive_verbs=words(data["object"].get("agentive")),
        object_preps={k: words(v) for k, v in (data["object"].get("prepositions") or {}).items()},
        source_nouns=words(data["source_nouns"]),
        finding_nouns=words(data["finding_nouns"]),
        naming_verbs=words(data["naming"]["verbs"]),
        naming_nouns=words(data["naming"]["nouns"]),
        naming_words=words(data["naming"]["words"]),
        claim_nouns=words(data["claim_nouns"]),
        cognition_adjectives=words(data["cognition_adjectives"]),
        complement_verbs={k: words(v) for k, v in (data["complement_verbs"] or {}).items()},
        light_verbs=words(data["light_verbs"]),
        headline_labels=words(data["headline_labels"]),
    )
