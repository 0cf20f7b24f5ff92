"""Places of an article: place mentions resolved to GeoNames entries, using the article as context.

A mention's candidates are scored by
- prominence: log10 of the population, plus a bonus for higher kinds of place (a country outranks a
  same-named town, a first-level region a second-level one), a malus for towns under 15,000;
- context: the countries and first-level regions the article's other places lie in, counted from
  names with a single reading, from demonyms and, strongest, from the dateline ("BRUSSELS (Reuters) -");
  a second pass counts the first pass's readings of every other mention as well.
Only candidates matched by their own name are considered when there is one: an alternate name
(a GeoNames variant of a well-known city) never beats an exact name. A name qualified by its region or
country ("Athens, Ga.", "Albany, New York") only has candidates inside it.

Places of the article are also those named inside organisations' names ("the Kentucky State Police") and
countries named only by a demonym ("Cypriot officials", "American Airlines"): the record's mention then
carries the label ORG (anything inside an organisation's name) or NORP.

`article_countries` tells which of the places' countries the article is about (its dateline, its lead,
named twice or in a list), for country-level use such as Reuters' `places`.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from streams.enrichment.entities import PLACE_LABELS, Mention
from streams.enrichment.gazetteer import EXACT, FEATURE_RANK, Gazetteer, Place, prominence

# How much the article's own countries count against sheer size: enough for Donetsk (UA, 900k)
# to lose to Donetsk (RU, 50k) in a story about Russia, not enough for Moscow, Idaho to beat Moscow
# in a story that also mentions the United States.
CONTEXT_WEIGHT = 2.0
# The same for the first-level region the article's places lie in: stronger, since a local story's towns
# mostly lie in one state (Athens in a story about East Texas is Athens, Texas, not Athens, Georgia).
REGION_WEIGHT = 3.0
DATELINE_VOTES = 3  # the dateline counts as this many unambiguous mentions
SECOND_PASS_WEIGHT = 0.5  # a first-pass reading of another mention counts this much


def _region_key(place: Place) -> tuple[str, str] | None:
    if place.feature == "country" or not place.country_code or not place.admin1:
        return None
    return place.country_code, place.admin1


class _Votes:
    def __init__(self):
        self.countries: Counter = Counter()
        self.regions: Counter = Counter()

    def add(self, place: Place, weight: float = 1.0) -> None:
        if place.country_code:
            self.countries[place.country_code] += weight
        key = _region_key(place)
        if key:
            self.regions[key] += weight

    def without(self, place: Place, weight: float) -> "_Votes":
        other = _Votes()
        other.countries, other.regions = self.countries.copy(), self.regions.copy()
        if place.country_code:
            other.countries[place.country_code] -= weight
        key = _region_key(place)
        if key:
            other.regions[key] -= weight
        return other


WELL_KNOWN_POPULATION = 100_000


def _well_known(place: Place) -> bool:
    return place.feature != "city" or place.population >= WELL_KNOWN_POPULATION


def _exact_first(gazetteer: Gazetteer, text: str) -> list[Place]:
    """Candidates by exact name; a well-known place's alternate name competes only with obscure exact ones
    ("Basra" is Basrah, Iraq, not a village of that exact name), never with a well-known exact one."""
    entries = gazetteer.lookup(text)
    exact = [p for p, kind in entries if kind == EXACT]
    if any(_well_known(p) for p in exact):
        return exact
    return exact + [p for p, kind in entries if kind != EXACT and _well_known(p) and p not in exact]


def choose(candidates: list[Place], votes) -> Place:
    """The candidate that is both prominent and in the countries (and regions) the article speaks of.

    `votes` is a Counter of country codes, or a _Votes of countries and first-level regions.
    """
    if len(candidates) == 1:
        return candidates[0]
    if isinstance(votes, Counter):
        countries, regions = votes, Counter()
    else:
        countries, regions = votes.countries, votes.regions
    most_country = max(countries.values(), default=0) or 1
    most_region = max(regions.values(), default=0) or 1

    def score(place: Place) -> tuple[float, int, int]:
        context = CONTEXT_WEIGHT * max(countries.get(place.country_code, 0), 0) / most_country
        key = _region_key(place)
        if key:
            context += REGION_WEIGHT * max(regions.get(key, 0), 0) / most_region
        return prominence(place) + context, -FEATURE_RANK.get(place.feature, 9), place.population

    return max(candidates, key=score)


def places_in_names(m: Mention, gazetteer: Gazetteer) -> list[Mention]:
    """The places an organisation's name is made of (`Gazetteer.places_in_name`), as place mentions that keep
    the model's label (ORG) of the whole: "Kentucky" in "the Kentucky Department of Fish and Wildlife"."""
    return [Mention(m.start + start, m.start + end, m.text[start:end], "GPE", m.model_label)
            for start, end in gazetteer.places_in_name(m.text)]


def _within(place: Place, area: Place) -> bool:
    if area.feature == "country":
        return place.country_code == area.country_code and place != area
    return (area.feature == "region" and area.level == 1 and place.country_code == area.country_code
            and place.admin1 == area.admin1 and place != area)


def _apply_qualifiers(mentions: list[Mention], candidates: dict[Mention, list[Place]], gazetteer: Gazetteer) -> None:
    """A name qualified by its region or country right after it ("Athens, Ga.", "Paris, Texas", "Palencia,
    Spain", "Bronx County, N.Y.", "Albany, New York") can only be a place inside that region or country."""
    for m, qualifier in zip(mentions, mentions[1:]):
        if m not in candidates or qualifier not in candidates or not 1 <= qualifier.start - m.end <= 2:
            continue
        areas = gazetteer.areas(qualifier.text)
        inside = [p for p in candidates[m] if any(_within(p, a) for a in areas)]
        if inside:
            candidates[m] = inside
            candidates[qualifier] = [a for a in areas if any(_within(p, a) for p in inside)]


def resolve_places(mentions: list[Mention], gazetteer: Gazetteer,
                   dateline: Mention | None = None) -> tuple[list[dict], dict[Mention, Place]]:
    """Place records for the article, and which place each resolved mention names.

    `dateline` is the mention of the story's dateline place ("BRUSSELS" in "BRUSSELS (Reuters) -"): it is
    resolved first, counts strongly as context, and its record says `"dateline": true`.
    Places inside the names of organisations ("the Kentucky Department of Fish and Wildlife") are places of
    the article too: their mentions carry the model's label, ORG.
    """
    # Places inside the names of organisations, and inside the model's place names that are no known place as a
    # whole ("Fargo City", "Northwest D.C.", "the Province of Ontario").
    mentions = mentions + [inner for m in mentions
                           if m.label == "ORG" or (m.label in PLACE_LABELS and not gazetteer.candidates(m.text))
                           for inner in places_in_names(m, gazetteer)]
    mentions.sort(key=lambda m: m.start)
    candidates: dict[Mention, list[Place]] = {}
    votes = _Votes()
    demonyms: dict[Mention, Place] = {}
    for m in mentions:
        if m.label in PLACE_LABELS:
            found = _exact_first(gazetteer, m.text)
            if found:
                candidates[m] = found
    _apply_qualifiers(mentions, candidates, gazetteer)
    for m in mentions:
        if m.label in PLACE_LABELS:
            found = candidates.get(m)
            if found:
                if len({p.country_code for p in found}) == 1 and found[0].country_code:
                    votes.countries[found[0].country_code] += 1
                    regions = {_region_key(p) for p in found}
                    if len(regions) == 1 and None not in regions:
                        votes.regions[regions.pop()] += 1
        elif m.label == "NORP" or (m.label == "ORG" and m.text.split()[0] != m.text):
            # A demonym opening an organisation's name names its country as well: "American Airlines".
            word = m.text if m.label == "NORP" else m.text.split()[0]
            country = gazetteer.demonym_country(word)
            if country and m.label == "ORG":
                m = Mention(m.start, m.start + len(word), word, "NORP", m.model_label)
            if country:
                demonyms[m] = country
                votes.countries[country.country_code] += 1

    dateline_place = None
    if dateline is not None:
        found = _exact_first(gazetteer, dateline.text)
        if found:
            dateline_place = choose(found, votes)
            votes.add(dateline_place, DATELINE_VOTES)

    # First pass: each mention on its own against the unambiguous context.
    first = {m: choose(found, votes) for m, found in candidates.items()}
    # Second pass: every other mention's first reading counts too (a little), so that a run of towns
    # in one state pulls the ambiguous ones there.
    second = _Votes()
    second.countries, second.regions = votes.countries.copy(), votes.regions.copy()
    by_text: dict[str, Place] = {}
    for m, place in first.items():
        if len(candidates[m]) > 1:
            second.add(place, SECOND_PASS_WEIGHT)
    resolved: dict[Mention, Place] = {}
    for m, found in candidates.items():
        if len(found) == 1:
            resolved[m] = found[0]
            continue
        key = m.text
        if key not in by_text:  # the same name means the same place throughout an article
            by_text[key] = choose(found, second.without(first[m], SECOND_PASS_WEIGHT))
        resolved[m] = by_text[key]
    resolved.update(demonyms)
    if dateline is not None and dateline_place is not None:
        resolved[dateline] = dateline_place

    by_place: dict[Place, list[Mention]] = defaultdict(list)
    for m, place in resolved.items():
        by_place[place].append(m)
    records = []
    for place, ms in by_place.items():
        ms = sorted(set(ms), key=lambda m: m.start)
        record = place.as_record()
        # A demonym in an organisation's name ("American Airlines") keeps the label ORG, like the places in such names.
        record["mentions"] = [m.as_record() | ({"label": m.label} if m.label == "NORP" and m.model_label != "ORG" else {})
                              for m in ms]
        if dateline is not None and place == dateline_place:
            record["dateline"] = True
        records.append(record)
    records.sort(key=lambda r: (-len(r["mentions"]), r["mentions"][0]["start"]))
    return records, resolved


# The article's countries: those it is about, not every country it names. A country counts when the story
# was filed there (its dateline), when it is named in the lead (the headline and the dateline line of a wire
# story), when it is named at least twice, or when it is one of a list of three or more countries ("the
# Netherlands, Denmark, West Germany and France"); names inside organisations' names ("U.S. Agriculture
# Department", "Bank of Japan") and countries the model took for an organisation count for none of these.
# On the Reuters-21578 dev articles 600-1199 and 1200-1799 (the tuning slices), against every country named:
# F1 0.83 -> 0.89 and 0.87 -> 0.90 (precision 0.73 -> 0.86 and 0.79 -> 0.89).
LEAD_CHARS = 150
TOPICAL_MENTIONS = 2
LIST_GAP_CHARS = 25  # at most this much text between two names of a list
LIST_COUNTRIES = 3


def article_countries(places: list[dict]) -> set[str]:
    """Country codes of the article's own countries, from its place records (`resolve_places`).

    When no country passes, the one named most often (outside organisations' names, if any is) stands in.
    """
    counts: dict[str, int] = {}
    topical: set[str] = set()
    spans: list[tuple[int, int, str]] = []
    for record in places:
        code = record.get("country_code")
        if not code:
            continue
        counts.setdefault(code, 0)
        if record.get("dateline"):
            topical.add(code)
        for mention in record["mentions"]:
            if mention.get("found_by") == "dateline":
                topical.add(code)
            if mention.get("label") == "ORG":
                continue
            counts[code] += 1
            spans.append((mention["start"], mention["end"], code))
            if mention["start"] < LEAD_CHARS:
                topical.add(code)
    topical.update(code for code, n in counts.items() if n >= TOPICAL_MENTIONS)
    spans.sort()
    run: list[tuple[int, int, str]] = []
    for span in spans + [(10**12, 10**12, "")]:
        if run and span[0] - run[-1][1] > LIST_GAP_CHARS:
            if len({c for _, _, c in run}) >= LIST_COUNTRIES:
                topical.update(c for _, _, c in run)
            run = []
        run.append(span)
    if not topical and counts:
        topical.add(max(counts, key=lambda code: counts[code]))
    return topical
