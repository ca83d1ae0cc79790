"""The words and small token tests of actor finding: kinds, role and pronoun lists, and the role nouns' reading."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .. import gazetteer as gz

PERSON, ORGANIZATION, COUNTRY, PLACE, REGION, IGO, GROUP = (
    "person", "organization", "country", "place", "region", "igo", "group",
)  # fmt: skip
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
PRONOUNS_PERSON = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
PRONOUNS_THING = {"it", "its", "itself"}
PRONOUNS_PLURAL = {"they", "them", "their", "theirs", "themselves"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their"}
# Plural role nouns form groups; these singular ones are collectives too.
COLLECTIVE = {
    "government", "administration", "military", "army", "junta", "regime", "police", "opposition", "media",
    "cabinet", "parliament", "congress", "navy", "air force", "leadership", "press", "public", "population",
    "ministry", "court", "judiciary", "legislature", "senate", "assembly", "committee", "coalition", "authority",
    "state media", "state news media", "news media", "security forces", "armed forces", "security force",
    "delegation",
}  # fmt: skip


# nouns for a part of a body that acts for it ("the U.N. rights office", "the EU delegation")
OFFICES = {"office", "agency", "mission", "delegation", "bureau", "secretariat", "commission", "council", "committee",
           "team", "embassy", "consulate", "branch", "wing", "unit", "program", "programme", "fund", "panel",
           "spokesperson", "spokesman", "spokeswoman", "statement"}  # fmt: skip
# verbs of saying whose subject may name the unnamed role of the sentence before
SPEAKING = {"say", "tell", "add", "state", "write", "explain", "insist", "warn", "declare"}
# Verbs of a relative clause that gives a person's office ("who is the mayor", "who served as envoy")
OFFICE_VERBS = {"be", "serve", "work", "head", "lead", "chair", "direct", "run", "become", "act"}
# verbs whose subject is what their complement says ("X is the director of ...", "X served as envoy")
COPULAS = {"be", "become", "remain", "serve"}
# verbs whose subject runs or founded the body they name ("X founded Beru Corporation", "she heads Amnesty")
RUNS_BODY = {"found", "co-found", "cofound", "establish", "head", "lead", "run", "chair", "direct", "own",
             "manage", "launch", "start"}  # fmt: skip
# ... or works for the body after "for", "at" or "with" ("he works for the Red Cross")
WORKS_FOR = {"work", "volunteer", "serve"}
# Nouns that point back to an organisation named before: an intergovernmental one, or any
IGO_ANAPHORS = {"bloc", "alliance", "union", "grouping"}
BODY_ANAPHORS = IGO_ANAPHORS | {
    "body", "organization", "organisation", "group", "coalition", "agency", "charity", "watchdog",
}  # fmt: skip
# ... and an armed group or party named shortly before
MOVEMENT_ANAPHORS = {"movement", "militia", "faction", "outfit", "party"}
RELATIVE_PRONOUNS = {"who", "whom", "which", "that", "whose"}


# adjectives of a disposition to act: "it is ready to", never "it is important to"
WILLING = {"ready", "willing", "unwilling", "prepared", "eager", "determined", "keen", "reluctant", "able",
           "unable", "happy", "open", "committed", "set", "poised", "free", "quick", "slow"}  # fmt: skip


# participles that say where a group is based: "Pakistan-based", "based in", "present on", "operating from"
BASED = {"base", "present", "operate", "station", "locate", "hide", "shelter"}


def _impersonal(it: Token) -> bool:
    """An "it" that stands for no one: an expletive, or the subject of "it is ... to/that ..."."""
    if it.dep_ == "expl":
        return True
    head = it.head
    if it.dep_ not in ("nsubj", "nsubjpass") or head.lemma_ not in (
        "be",
        "seem",
        "appear",
        "remain",
        "become",
    ):
        return False
    predicates = [c for c in head.children if c.dep_ in ("acomp", "attr")]
    if any(c.lemma_.lower() in WILLING for c in predicates):
        return False  # "it is ready to accept", "it was unwilling to": someone's disposition
    has_predicate = bool(predicates)
    extraposed = any(c.dep_ in ("xcomp", "ccomp") for c in head.children) or any(
        g.dep_ in ("xcomp", "ccomp") for c in head.children if c.dep_ in ("acomp", "attr") for g in c.children
    )
    return has_predicate and extraposed


def _main_clause(verb: Token) -> bool:
    """The root verb of a sentence or a verb coordinated with it."""
    while verb.dep_ == "conj":
        verb = verb.head
    return verb.dep_ == "ROOT"


def _definite(token: Token) -> bool:
    """ "The bloc", "the rights group": a definite noun with no name, possessor or clause of its own."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children) and not any(
        c.dep_ in ("prep", "relcl", "acl", "poss") or (c.dep_ == "compound" and c.pos_ == "PROPN")
        for c in token.children
    )


# sectors whose bare plural role noun ("the insurgents", "the protesters") is the group of that sector last named
ANAPHORIC_SECTORS = {"REB", "OPP"}
DOMESTIC_SECTORS = {"MIL", "COP", "OPP", "REB", "CVL", "REF", "JUD", "LEG", "LAB", "CRM", "SPY", "HLH"}


# sectors an organisation's name gives by its head word before any role word inside it (not the state's:
# "Kenya Police Service" is the police)
NON_STATE_NAMES = {"NGO", "BUS", "MED", "EDU"}


def _name_sector(words: list[str], g: gz.Gazetteer) -> str | None:
    """The sector an organisation's name gives by its words: its last word of one ("Elephant Protection
    Society" -> NGO), or IGO for "International ... Agency"."""
    if not words:
        return None
    if (words[0] in g.international_openers or " ".join(words[:2]) in g.international_openers) and (
        words[-1] in g.intergovernmental_heads
    ):
        return "IGO"
    parts = [words]
    if "of" in words[1:]:
        # "Department of Energy": the head is before "of"; "Council of Non-Governmental Organisations":
        # with no word there, after it
        k = words.index("of", 1)
        parts = [words[:k], words[k + 1 :]]
    for part in parts:
        for i in range(len(part) - 1, -1, -1):
            for n in (3, 2, 1):
                sector = g.organisation_words.get(tuple(part[max(0, i - n + 1) : i + 1]))
                if sector:
                    return sector
    return None


def _guess_country(sector: str | None, role: str, plural: bool) -> bool:
    """Whether a body named without a country is the article's own country's: the military, police,
    protesters, the government are; analysts, journalists or unnamed "leaders" may be anyone's."""
    return (
        sector in DOMESTIC_SECTORS
        or (sector == "GOV" and (role in COLLECTIVE or (plural and role in ("official", "authority"))))
        or role in gz.load().domestic
    )


def _title_names(title: str, names: dict[str, gz.Entry]) -> list[str]:
    """Countries named in a headline (names and adjectives), by plain word matching."""
    words = title.replace("\u2019", "'").split()
    found = []
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            entry = names.get(" ".join(words[i : i + n]).strip(".,:;!?\"'"))
            if entry is not None and entry.country and entry.kind in (gz.COUNTRY, gz.PLACE, gz.SEAT):
                found.append(entry.country)
    return found


def ent_at_token(ents: list[SpacySpan], i: int) -> SpacySpan | None:
    return next((e for e in ents if e.start <= i < e.end), None)


def role_at(token: Token, g: gz.Gazetteer) -> tuple[int, str] | None:
    """The role phrase ending at ``token`` (its start token index and sector), longest first."""
    if token.lemma_.lower() not in g.role_heads and token.lower_ not in g.role_heads:
        return None
    doc = token.doc
    for n in range(min(g.max_role_words, token.i + 1), 0, -1):
        before = doc[token.i - n + 1 : token.i]
        lemmas, lowers = tuple(t.lemma_.lower() for t in before), tuple(t.lower_ for t in before)
        # "leaders" -> leader, "media" as written, "human rights groups" -> human rights group
        for words in (
            lemmas + (token.lemma_.lower(),),
            lowers + (token.lower_,),
            lowers + (token.lemma_.lower(),),
        ):
            sector = g.roles.get(words)
            if sector:
                start = token.i - n + 1
                # "a military spokesman", "the rebel commander", "a court official": the role speaks or acts
                # for the body its modifier names
                before = doc[start - 1] if start > 0 else None
                if (
                    " ".join(words) in g.modifiable_roles
                    and before is not None
                    and before.head.i == token.i
                    and before.dep_ in ("compound", "amod", "nmod")
                    and before.i != token.i
                ):
                    inner = role_at(before, g)
                    if inner is not None and inner[1] not in (sector, "CVL"):
                        return inner
                return start, sector
    return None


def _role_words(span: SpacySpan, g: gz.Gazetteer) -> str:
    """The role as the lexicon spells it ("state news media", not the lemmatizer's "medium")."""
    lemmas = tuple(t.lemma_.lower() for t in span)
    return " ".join(lemmas if lemmas in g.roles else (t.lower_ for t in span))


def _nominal(token: Token) -> bool:
    """A common noun, also where the tagger says otherwise: "the defense ministry" (PROPN), "by Russian
    shelling" (a gerund)."""
    if token.pos_ == "NOUN":
        return True
    if token.pos_ == "PROPN":
        return token.text[:1].islower()
    return token.tag_ == "VBG" and token.dep_ in ("pobj", "pcomp", "nsubj", "nsubjpass", "dobj")


def _modifiers(token: Token) -> list[Token]:
    """Left modifiers of a noun and of its compounds: "the Russian state news media" -> Russian, state, news."""
    out = []
    for c in token.lefts:
        out.append(c)
        if c.dep_ == "compound":
            out += _modifiers(c)
    return out


def _conjuncts(token: Token) -> list[Token]:
    return [c for c in token.conjuncts if c.i > token.i]


def _code(country: str | None, sector: str | None, igo_code: str | None = None) -> str:
    if igo_code:
        return igo_code
    code = (country or "") + (sector or "")
    return code or "UNK"


# --------------------------------------------------------------------------------------------
# Building the index
