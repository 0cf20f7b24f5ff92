"""Places of an article: place mentions resolved to GeoNames entries, using the article as context."""
from __future__ import annotations

import math
from collections import Counter, defaultdict

from streams.enrichment.entities import PLACE_LABELS, Mention
from streams.enrichment.gazetteer import FEATURE_RANK, Gazetteer, Place


def _country_votes(mentions: list[Mention], gazetteer: Gazetteer) -> Counter:
    """Which countries the article is about, from names that are not ambiguous and from demonyms."""
    votes: Counter = Counter()
    for m in mentions:
        if m.label == "NORP":
            country = gazetteer.demonym_country(m.text)
            if country:
                votes[country.country_code] += 1
        elif m.label in PLACE_LABELS:
            codes = {p.country_code for p in gazetteer.candidates(m.text) if p.country_code}
            if len(codes) == 1:
                votes[codes.pop()] += 1
    return votes


# How much the article's own countries count against sheer size: enough for Donetsk (UA, 900k)
# to lose to Donetsk (RU, 50k) in a story about Russia, not enough for Moscow, Idaho to beat Moscow
# in a story that also mentions the United States.
CONTEXT_WEIGHT = 2.0


def choose(candidates: list[Place], votes: Counter) -> Place:
    """The candidate that is both prominent (log population) and in the countries the article speaks of."""
    if len(candidates) == 1:
        return candidates[0]
    most = max(votes.values(), default=0) or 1

    def score(place: Place) -> tuple[float, int]:
        prominence = math.log10(place.population + 10)
        context = CONTEXT_WEIGHT * votes.get(place.country_code, 0) / most
        return (prominence + context, -FEATURE_RANK.get(place.feature, 9))

    return max(candidates, key=score)


def resolve_places(mentions: list[Mention], gazetteer: Gazetteer) -> tuple[list[dict], dict[Mention, Place]]:
    """Place records for the article, and which place each resolved mention names."""
    votes = _country_votes(mentions, gazetteer)
    resolved: dict[Mention, Place] = {}
    for m in mentions:
        if m.label in PLACE_LABELS:
            candidates = gazetteer.candidates(m.text)
            if candidates:
                resolved[m] = choose(candidates, votes)
        elif m.label == "NORP":
            country = gazetteer.demonym_country(m.text)
            if country:
                resolved[m] = country
    by_place: dict[Place, list[Mention]] = defaultdict(list)
    for m, place in resolved.items():
        by_place[place].append(m)
    records = []
    for place, ms in by_place.items():
        if all(m.label == "NORP" for m in ms):
            continue  # a demonym alone does not make the country a place of the article
        record = place.as_record()
        record["mentions"] = [m.as_record() | ({"label": m.label} if m.label == "NORP" else {}) for m in ms]
        records.append(record)
    records.sort(key=lambda r: (-len(r["mentions"]), r["mentions"][0]["start"]))
    return records, resolved
