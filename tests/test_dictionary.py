"""Actor dictionaries: the user's YAML/CSV file and the bundled data/people.yaml."""

from __future__ import annotations

from importlib import resources

import pycountry
import pytest
import yaml

from communique.dictionary import DictionaryError, builtin_dictionary, load

PEOPLE_YAML = """
- name: Marta Kowalczyk
  aliases: [Marta K. Kowalczyk, Minister Kowalczyk]
  country: POL
  sector: GOV
  from: 2009-03-01
  to: 2014
- name: Tomas Vidal
  aliases: [Tomás Vidal]
  country: ESP
  sector: LEG
  from: 2010-05
  to: 2014
- name: Ana Vidal
  country: PRT
  sector: GOV
  from: 2012
- name: Ines Okafor
  country: null
  sector: IGO
  group: United Nations
  from: 2016-01-01
  to: 2020-06-30
"""

PEOPLE_CSV = (
    "name,aliases,country,sector,group,from,to\n"
    "Rafael Quintero,R. Quintero;Rafa Quintero,VEN,MIL,,2015-02-01,2018\n"
    "Lena Brandt,,DEU,GOV,,,\n"
)


@pytest.fixture
def people(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text(PEOPLE_YAML, encoding="utf-8")
    return load(path)


def test_lookup_by_full_name(people):
    entry = people.lookup("Marta Kowalczyk", date="2012-05-04")
    assert (entry.country, entry.sector) == ("POL", "GOV")


def test_lookup_by_alias_ignores_case(people):
    assert people.lookup("minister kowalczyk", date="2010-01-01").name == "Marta Kowalczyk"
    assert people.lookup("Tomás Vidal", date="2011-01-01").country == "ESP"


def test_lookup_by_a_mention_when_the_name_is_unknown(people):
    entry = people.lookup("the minister", mentions=["Marta K. Kowalczyk"], date="2013-03-03")
    assert entry.name == "Marta Kowalczyk"


def test_lone_surname_matches_when_unique(people):
    assert people.lookup("Kowalczyk", date="2011-07-07").name == "Marta Kowalczyk"


def test_surname_shared_by_two_valid_entries_gives_nothing(people):
    # Tomas Vidal (2010-05..2014) and Ana Vidal (2012..) are both valid in 2013
    assert people.lookup("Vidal", date="2013-06-01") is None
    # before 2012 only Tomas Vidal holds office, so the surname is unique again
    assert people.lookup("Vidal", date="2011-06-01").name == "Tomas Vidal"


def test_dates_outside_the_office_give_nothing(people):
    assert people.lookup("Marta Kowalczyk", date="2009-02-28") is None
    assert people.lookup("Tomas Vidal", date="2010-04-30") is None
    assert people.lookup("Tomas Vidal", date="2010-05-01") is not None


def test_to_given_as_a_year_covers_that_whole_year(people):
    assert people.lookup("Tomas Vidal", date="2014-12-31") is not None
    assert people.lookup("Tomas Vidal", date="2015-01-01") is None


def test_without_an_article_date_every_entry_applies(people):
    assert people.lookup("Ines Okafor").group == "United Nations"
    assert people.lookup("Ines Okafor").country is None


def test_csv_dictionary(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE_CSV, encoding="utf-8")
    people = load(path)
    entry = people.lookup("Rafa Quintero", date="2016-01-01")
    assert (entry.name, entry.country, entry.sector) == ("Rafael Quintero", "VEN", "MIL")
    assert people.lookup("R. Quintero", date="2019-01-01") is None
    assert people.lookup("Lena Brandt", date="1999-01-01").country == "DEU"


@pytest.mark.parametrize(
    ("filename", "text"),
    [
        ("broken.yaml", "- name: [unclosed\n"),
        ("mapping.yaml", "just a string\n"),
        ("noname.yaml", "- {country: FRA, sector: GOV}\n"),
        ("noname.csv", "name,country\n,FRA\n"),
    ],
)
def test_bad_file_raises_dictionary_error_naming_the_file(tmp_path, filename, text):
    path = tmp_path / filename
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DictionaryError) as error:
        load(path)
    assert str(path) in str(error.value)


def test_missing_file_raises_dictionary_error_naming_the_file(tmp_path):
    path = tmp_path / "absent.yaml"
    with pytest.raises(DictionaryError) as error:
        load(path)
    assert str(path) in str(error.value)


# ----- the bundled dictionary -----


@pytest.mark.parametrize(
    ("name", "date", "country", "sector"),
    [
        ("Biden", "2023-02-28", "USA", "GOV"),
        ("Joe Biden", "2012-06-01", "USA", "GOV"),
        ("Joseph R. Biden Jr.", "2005-06-01", "USA", "LEG"),
        ("Aleksandr G. Lukashenko", "2023-02-28", "BLR", "GOV"),
        ("Lukashenko", "2023-02-28", "BLR", "GOV"),
        ("Xi Jinping", "2023-02-28", "CHN", "GOV"),
        ("Vladimir V. Putin", "2023-02-28", "RUS", "GOV"),
        ("Ned Price", "2023-02-28", "USA", "GOV"),
        ("Jake Sullivan", "2023-02-28", "USA", "GOV"),
        ("Ebrahim Raisi", "2023-02-28", "IRN", "GOV"),
        ("Hun Sen", "2023-02-28", "KHM", "GOV"),
        ("Valerii Zaluzhnyi", "2023-02-28", "UKR", "MIL"),
        ("Nancy Pelosi", "2020-03-01", "USA", "LEG"),
        ("Min Aung Hlaing", "2022-01-01", "MMR", "GOV"),
        ("Albin Kurti", "2022-01-01", "XKX", "GOV"),
    ],
)
def test_bundled_dictionary_knows_office_holders(name, date, country, sector):
    entry = builtin_dictionary().lookup(name, date=date)
    assert entry is not None, name
    assert (entry.country, entry.sector) == (country, sector)


def test_bundled_dictionary_places_igo_officials_in_their_body():
    entry = builtin_dictionary().lookup("Stéphane Dujarric", date="2024-05-01")
    assert (entry.country, entry.sector, entry.group) == (None, "IGO", "United Nations")
    assert builtin_dictionary().lookup("Stoltenberg", date="2020-01-01").group == "NATO"
    # the same man as Norway's prime minister, before his NATO years
    assert builtin_dictionary().lookup("Jens Stoltenberg", date="2012-01-01").country == "NOR"


def test_bundled_dictionary_follows_office_dates():
    people = builtin_dictionary()
    assert people.lookup("Donald Trump", date="2019-05-01").sector == "GOV"
    assert people.lookup("Donald Trump", date="2022-05-01") is None  # between his terms
    assert people.lookup("Donald Trump", date="2025-05-01").sector == "GOV"
    assert people.lookup("Shoigu", date="2023-01-01").sector == "GOV"
    assert people.lookup("Gerasimov", date="2023-01-01").sector == "MIL"


def test_bundled_entries_are_well_formed():
    raw = yaml.safe_load(
        resources.files("communique.data").joinpath("people.yaml").read_text(encoding="utf-8")
    )
    entries = builtin_dictionary().entries
    assert len(entries) == len(raw) > 800
    countries = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    bodies = {
        "United Nations", "NATO", "European Union", "African Union", "ASEAN", "ECOWAS",
        "International Monetary Fund", "World Bank", "World Health Organization",
        "International Atomic Energy Agency", "World Trade Organization", "International Criminal Court",
    }  # fmt: skip
    seen = set()
    for entry in entries:
        assert (entry.name, entry.valid_from) not in seen, entry.name
        seen.add((entry.name, entry.valid_from))
        assert entry.sector in {"GOV", "LEG", "JUD", "MIL", "IGO"}, entry.name
        if entry.sector == "IGO":
            assert entry.country is None and entry.group in bodies, entry.name
        else:
            assert entry.country in countries and entry.group is None, entry.name
        if entry.valid_from and entry.valid_to:
            assert entry.valid_from[: len(entry.valid_to)] <= entry.valid_to, entry.name
