"""Places of an article: place mentions resolved to GeoNames entries, using the article as context.

A mention's candidates are scored by
- prominence: log10 of the population, plus a bonus for higher kinds of place (a country outranks a
  same-named town, a first-level region a second-level one), a malus for towns under 15,000;
- context: the countries and first-level regions the article's other places lie in, counted from
  names with a single reading, from demonyms and, strongest, from the dateline ("BRUSSELS (Reuters) -");
  a second pass counts the first pass's readings of every other mention as well;
- the local story's own region: a state name counts for its state though villages share it ("Kansas"); an
  ambiguous name shares one vote among the regions of its readings, so that the region several names could
  lie in wins ("Athens" and "Henderson County" both have a Texas reading); a reading near the article's
  towns and counties of a single reading gains (PROXIMITY_WEIGHT, falling to nothing at NEAR_KM), and in a last
  pass, less (GUESSED_WEIGHT), one near the readings chosen for its other ambiguous names (capitals never count
  as near); a bare name also named as a county ("DeKalb" beside "DeKalb County") lies in that county's state,
  or is the county; a bare name that no town of the story's leading state bears, but one of its counties does,
  is that county ("Anderson and Cherokee counties" in an East Texas story);
- the story's money: in a story whose names speak for no country, a reading in the country whose money it counts
  in gains a little (`home`).
Only candidates matched by their own name are considered when there is one: an alternate name
(a GeoNames variant of a well-known city) never beats an exact name. A short form of a town the story names in
full ("Avondale" beside "Avondale Estates") is that town when no place of the short name lies near it. A name qualified by its region or
country ("Athens, Ga.", "Albany, New York") only has candidates inside it.

Places of the article are also those named inside organisations' names ("the Kentucky State Police") and
countries named only by a demonym ("Cypriot officials", "American Airlines") and continents or their parts by
their adjectives ("European officials", "Southeast Asian nations"): the record's mention then carries the label
ORG (anything inside an organisation's name) or NORP.

`article_countries` tells which of the places' countries the article is about (its dateline, its lead,
named twice or in a list), for country-level use such as Reuters' `places`.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict

from streams.enrichment.entities import PLACE_LABELS, Mention
from streams.enrichment.gazetteer import COMPASS_WORDS, EXACT, FEATURE_RANK, Gazetteer, Place, normalise, prominence

# How much the article's own countries count against sheer size: enough for Donetsk (UA, 900k)
# to lose to Donetsk (RU, 50k) in a story about Russia, not enough for Moscow, Idaho to beat Moscow
# in a story that also mentions the United States.
CONTEXT_WEIGHT = 2.0
# The same for the first-level region the article's places lie in: stronger, since a local story's towns
# mostly lie in one state (Athens in a story about East Texas is Athens, Texas, not Athens, Georgia).
REGION_WEIGHT = 3.0
DATELINE_VOTES = 3  # the dateline counts as this many unambiguous mentions
SECOND_PASS_WEIGHT = 0.5  # a first-pass reading of another mention counts this much
# A reading near the article's local places (its towns and counties of a single reading): up to this much,
# falling to nothing at NEAR_KM.
PROXIMITY_WEIGHT = 3.0
NEAR_KM = 200.0
# A reading near the readings chosen for the article's other ambiguous names: those are guesses, so they count
# less than places of a single reading (LGL tuning half, within 161 km: 0.9117 at 3.0, 0.9139 at 1.5-2.0, 0.9111 at 1.0).
GUESSED_WEIGHT = 2.0
# The country whose money the story counts in, when no name of the story speaks for a country: a weak cue, which
# settles near-ties (Mansfield, England or Texas, in a story of a city budget in dollars) but not against a city
# three times the size (Hamilton, Ontario, or Wellington, in a Canadian or New Zealand story in dollars).
# LGL tuning half, within 161 km: 0.9221 at 0.5, 1.0 and 2.0.
HOME_WEIGHT = 0.5
SHARED_WEIGHT = 1.0  # an ambiguous name's vote, shared among the countries its readings lie in
# ... and, whole, for each region its readings lie in: the region that could hold most of the article's names
# wins ("Springfield", "Greene County" and "Clinton" can all lie in Missouri), where a share split among a
# name's regions let a name of two small towns outvote a name of many.
REGION_SHARE = 0.5


def _region_key(place: Place) -> tuple[str, str] | None:
    if place.feature == "country" or not place.country_code or not place.admin1:
        return None
    return place.country_code, place.admin1


class _Votes:
    def __init__(self):
        self.countries: Counter = Counter()
        self.regions: Counter = Counter()
        self.home: str | None = None  # the story's money's country, when no name speaks for a country (HOME_WEIGHT)

    def add(self, place: Place, weight: float = 1.0) -> None:
        if place.country_code:
            self.countries[place.country_code] += weight
        key = _region_key(place)
        if key:
            self.regions[key] += weight

    def copy(self) -> "_Votes":
        other = _Votes()
        other.countries, other.regions, other.home = self.countries.copy(), self.regions.copy(), self.home
        return other

    def merge(self, other: "_Votes") -> None:
        self.countries.update(other.countries)
        self.regions.update(other.regions)

    def less(self, other: "_Votes") -> "_Votes":
        """These votes without another's (a name's own share): counts stay as they are, negatives too."""
        result = self.copy()
        result.countries.subtract(other.countries)
        result.regions.subtract(other.regions)
        return result


def _sure_vote(found: list[Place], votes: _Votes) -> None:
    """The vote of a name with a single reading of its country (and region), or of a name that is first and by far
    a country or a first-level region ("Kansas", not the villages of that name in Illinois and Oklahoma)."""
    if _area_first(found):
        votes.add(found[0], 1.0)
        return
    countries = {p.country_code for p in found}
    if len(countries) == 1 and found[0].country_code:
        votes.countries[found[0].country_code] += 1
        regions = {_region_key(p) for p in found}
        if len(regions) == 1 and None not in regions:
            votes.regions[regions.pop()] += 1


AREA_MARGIN = 2.0  # how much more prominent than any other reading a country or region must be to count as sure


def _area_first(found: list[Place]) -> bool:
    top = found[0]
    if top.feature != "country" and not (top.feature == "region" and top.level == 1):
        return False
    # ... and no other reading is a well-known city: Delta, British Columbia (100,000) is no village beside Delta State
    return all(prominence(p) + AREA_MARGIN <= prominence(top) and not (p.feature == "city" and _well_known(p))
               for p in found[1:])


def _ambiguous(found: list[Place]) -> bool:
    return not _area_first(found) and len({_region_key(p) or p.country_code for p in found}) > 1


def _shared_vote(found: list[Place]) -> _Votes:
    """An ambiguous name's vote: shared among the countries its readings lie in, whole for each of their regions."""
    vote = _Votes()
    countries = {p.country_code for p in found if p.country_code}
    if len(countries) > 1:
        for code in countries:
            vote.countries[code] += SHARED_WEIGHT / len(countries)
    for key in {key for p in found if (key := _region_key(p))}:
        vote.regions[key] += REGION_SHARE
    return vote


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


def _dateline_readings(found: list[Place], votes: _Votes) -> list[Place]:
    """A dateline names the city the story was filed from: its city readings come first ("LUXEMBOURG" is the
    city). A country's name keeps its country reading, though, unless the story speaks more of the country of a
    city of that name ("LEBANON (AP) -" over a story about Ohio is Lebanon, Ohio; over one about Israel, Lebanon)."""
    cities = [p for p in found if p.feature == "city"]
    nations = [p for p in found if p.feature == "country"]
    if nations:
        home = nations[0].country_code
        cities = [p for p in cities
                  if p.country_code == home or votes.countries.get(p.country_code, 0) > votes.countries.get(home, 0)]
    return cities or found


def choose(candidates: list[Place], votes, near: list[Place] = (), guessed: list[Place] = ()) -> Place:
    """The candidate that is both prominent and in the countries (and regions) the article speaks of, and near
    the article's local places (`near`: towns and counties it names that have a single reading; `guessed`: the
    readings chosen for its other ambiguous names, which count less).

    `votes` is a Counter of country codes, or a _Votes of countries and first-level regions.
    """
    if len(candidates) == 1:
        return candidates[0]
    if isinstance(votes, Counter):
        countries, regions, home = votes, Counter(), None
    else:
        countries, regions, home = votes.countries, votes.regions, votes.home
    most_country = max(countries.values(), default=0) or 1
    most_region = max(regions.values(), default=0) or 1

    def score(place: Place) -> tuple[float, int, int]:
        context = CONTEXT_WEIGHT * max(countries.get(place.country_code, 0), 0) / most_country
        if home and place.country_code == home:
            context += HOME_WEIGHT
        key = _region_key(place)
        if key:
            context += REGION_WEIGHT * max(regions.get(key, 0), 0) / most_region
        if near and place.latitude is not None:
            context += PROXIMITY_WEIGHT * _closeness(place, near)
        if guessed and place.latitude is not None:
            context += GUESSED_WEIGHT * _closeness(place, guessed)
        return prominence(place) + context, -FEATURE_RANK.get(place.feature, 9), place.population

    return max(candidates, key=score)


def _closeness(place: Place, near: list[Place]) -> float:
    """1 at a local place of the article, falling to 0 at NEAR_KM from the nearest one."""
    nearest = min(_km(place, other) for other in near)
    return max(0.0, 1.0 - nearest / NEAR_KM)


def _km(a: Place, b: Place) -> float:
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(math.radians(b.longitude - a.longitude) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _local(place: Place) -> bool:
    return place.latitude is not None and (place.feature == "city" or (place.feature == "region" and place.level == 2))


def _near_anchor(place: Place, gazetteer: Gazetteer) -> bool:
    """A local place whose neighbours gain: not a capital, which is named for its government more than as a place
    ("Washington said" does not make Damascus the town in Maryland)."""
    return _local(place) and place.geonameid not in gazetteer.capitals


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


def _after_compass_word(m: Mention, mentions: list[Mention]) -> bool:
    """The mention right after another that ends in a compass word: "Asian" of "the South East Asian city-state"
    is no continent."""
    return any(0 <= m.start - other.end <= 1 and other.text.rsplit(" ", 1)[-1].lower() in COMPASS_WORDS for other in mentions)


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


COUNTY_WORDS = ("County", "Parish", "Borough")
# Words after a short name that make the longer one a different place of its own ("Kansas City", "York County").
OWN_PLACE_WORDS = frozenset({*COUNTY_WORDS, "City", "Township", "Town", "Village", "State", "Province", "Island", "Islands"})


def _apply_short_forms(candidates: dict[Mention, list[Place]], gazetteer: Gazetteer) -> None:
    """A name the article also gives in full, as the opening words of a town of a single reading ("Avondale"
    beside "Avondale Estates"), is that town when no place of the short name lies near it: the story's short form.
    Never a well-known name, nor one of a country or region ("Mexico" beside "Mexico Beach", "Dallas" beside
    "Dallas Center")."""
    full_towns: dict[str, Place] = {}
    for m, found in candidates.items():
        words = m.text.split()
        if len(found) == 1 and found[0].feature == "city" and len(words) > 1 and words[-1] not in OWN_PLACE_WORDS:
            for size in range(1, len(words)):
                full_towns.setdefault(" ".join(words[:size]), found[0])
    if not full_towns:
        return
    for m, found in candidates.items():
        town = full_towns.get(m.text)
        if town is not None and town not in found and not gazetteer.is_strict_place(m.text) \
                and all(p.feature == "city" for p in found) \
                and all(_km(p, town) > NEAR_KM for p in found if p.latitude is not None):
            candidates[m] = [town]


def _apply_counties(candidates: dict[Mention, list[Place]]) -> None:
    """A bare name that an article also names as a county ("DeKalb" beside "DeKalb County", "Kanawha Circuit Court"
    beside "Kanawha County") lies in that county's state: it is a place of that name there, or the county itself."""
    counties: dict[str, list[Place]] = {}
    for m, found in candidates.items():
        words = m.text.rsplit(" ", 1)
        if len(words) == 2 and words[1] in COUNTY_WORDS:
            counties.setdefault(words[0], []).extend(p for p in found if p.feature == "region" and p.level == 2)
    if not counties:
        return
    for m, found in candidates.items():
        areas = counties.get(m.text)
        if not areas:
            continue
        regions = {_region_key(a) for a in areas}
        inside = [p for p in found if _region_key(p) in regions and p.feature == "city"]
        candidates[m] = inside or list(dict.fromkeys(areas))


def _follow_counties(resolved: dict[Mention, Place], candidates: dict[Mention, list[Place]]) -> None:
    """Once the county is resolved, the bare name follows it into its state."""
    counties: dict[str, Place] = {}
    for m, place in resolved.items():
        words = m.text.rsplit(" ", 1)
        if len(words) == 2 and words[1] in COUNTY_WORDS and place.feature == "region" and place.level == 2:
            counties.setdefault(words[0], place)
    for m, place in resolved.items():
        county = counties.get(m.text)
        if county is None or _region_key(place) == _region_key(county):
            continue
        inside = [p for p in candidates.get(m, ()) if _region_key(p) == _region_key(county) and p.feature == "city"]
        resolved[m] = inside[0] if inside else county


def _bare_counties(resolved: dict[Mention, Place], votes: _Votes, gazetteer: Gazetteer) -> None:
    """A bare name that no town of the story's state bears, but one of its counties does, is that county: "Kanawha
    deputies" in a West Virginia story is Kanawha County, not the town in Iowa."""
    ranked = votes.regions.most_common(2)
    if not ranked or ranked[0][1] < 1 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return
    state = ranked[0][0]
    for m, place in resolved.items():
        # A national capital names its government wherever the story is ("talks in Washington").
        if place.feature != "city" or place.geonameid in gazetteer.capitals \
                or _region_key(place) == state or m.text.rsplit(" ", 1)[-1] in COUNTY_WORDS:
            continue
        readings = gazetteer.candidates(m.text)
        if any(_region_key(p) == state for p in readings):
            continue
        counties = [c for word in COUNTY_WORDS for c in gazetteer.candidates(f"{m.text} {word}")
                    if c.feature == "region" and c.level == 2 and _region_key(c) == state]
        if counties:
            resolved[m] = counties[0]


def resolve_places(mentions: list[Mention], gazetteer: Gazetteer,
                   dateline: Mention | None = None, home: str | None = None) -> tuple[list[dict], dict[Mention, Place]]:
    """Place records for the article, and which place each resolved mention names.

    `dateline` is the mention of the story's dateline place ("BRUSSELS" in "BRUSSELS (Reuters) -"): it is
    resolved first, counts strongly as context, and its record says `"dateline": true`.
    `home` is the country whose money the story counts in (`Gazetteer.money_country`): it counts, a little
    (HOME_WEIGHT), only when no name of the story speaks for a country (no name of a single country's places, no
    demonym): "Mansfield" in a story of a $2 million city budget is Mansfield, Texas, not the larger one in England.
    Places inside the names of organisations ("the Kentucky Department of Fish and Wildlife") are places of
    the article too: their mentions carry the model's label, ORG.
    """
    # Places inside the names of organisations, and inside the model's place names that are no known place as a
    # whole ("Fargo City", "Northwest D.C.", "the Province of Ontario").
    mentions = mentions + [inner for m in mentions
                           if m.label == "ORG" or (m.label in PLACE_LABELS and not gazetteer.candidates(m.text))
                           for inner in places_in_names(m, gazetteer)]
    # A county opening what the model took for a person's name: "according to Anderson County Sheriff Greg Taylor".
    mentions += [inner for m in mentions if m.label == "PERSON" and any(w in m.text for w in COUNTY_WORDS)
                 for inner in places_in_names(m, gazetteer) if inner.text.rsplit(" ", 1)[-1] in COUNTY_WORDS]
    if dateline is not None and dateline not in mentions:
        mentions.append(dateline)  # resolved as any other name, and flagged
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
    _apply_counties(candidates)
    _apply_short_forms(candidates, gazetteer)
    for m in mentions:
        if m.label in PLACE_LABELS:
            found = candidates.get(m)
            if found:
                _sure_vote(found, votes)
        elif m.label == "NORP" or (m.label == "ORG" and m.text.split()[0] != m.text):
            # A demonym opening an organisation's name names its country as well: "American Airlines".
            word = m.text if m.label == "NORP" else m.text.split()[0]
            country = gazetteer.demonym_country(word)
            if country and m.label == "ORG":
                m = Mention(m.start, m.start + len(word), word, "NORP", m.model_label)
            if country:
                demonyms[m] = country
                votes.countries[country.country_code] += 1
            elif m.label == "NORP" and (region := gazetteer.part_of_continent(word)):
                demonyms[m] = region  # "Southeast Asian nations": Southeast Asia
            elif m.label == "NORP" and (continent := gazetteer.continent_demonyms.get(normalise(word))) \
                    and not _after_compass_word(m, mentions):
                demonyms[m] = continent  # "U.S. and European officials": a place, no country's vote

    if not votes.countries:  # no name speaks for a country: a local story, of the country whose money it counts in
        votes.home = home
    dateline_place = None
    dateline_key = None  # an ambiguous dateline is read with the other ambiguous names, then counts strongly
    if dateline is not None and candidates.get(dateline):
        found = candidates[dateline] = _dateline_readings(candidates[dateline], votes)
        if len(found) > 1 and _ambiguous(found):
            dateline_key = (dateline.text, tuple(found))
        else:
            dateline_place = choose(found, votes)
            votes.add(dateline_place, DATELINE_VOTES)

    # The ambiguous names, once each: their readings' regions and countries share a vote, so that the
    # regions several names could lie in win ("Athens" and "Henderson County" are both in Texas).
    names: dict[tuple, list[Place]] = {}
    for m, found in candidates.items():
        if len(found) > 1 and _ambiguous(found):
            names.setdefault((m.text, tuple(found)), found)
    shared = {key: _shared_vote(found) for key, found in names.items()}
    for vote in shared.values():
        votes.merge(vote)

    # First pass: each name on its own against the context, less its own share.
    near = [found[0] for found in candidates.values() if len(found) == 1 and _near_anchor(found[0], gazetteer)]
    if dateline_place is not None and _local(dateline_place):
        near.append(dateline_place)
    first = {key: choose(found, votes.less(shared[key]), near) for key, found in names.items()}
    # Second pass: every other name's first reading counts too (a little), so that a run of towns
    # in one state pulls the ambiguous ones there.
    second = votes.copy()
    for place in first.values():
        second.add(place, SECOND_PASS_WEIGHT)
    if dateline_key in first:
        second.add(first[dateline_key], DATELINE_VOTES)
        if _local(first[dateline_key]):
            near = near + [first[dateline_key]]
    context = {}  # each name's context: every vote less its own
    for key in names:
        own = shared[key].copy()
        own.add(first[key], SECOND_PASS_WEIGHT + (DATELINE_VOTES if key == dateline_key else 0))
        context[key] = second.less(own)
    chosen = {key: choose(found, context[key], near) for key, found in names.items()}
    # Then, one name after the other, the other ambiguous names' readings are local places too: the towns and
    # counties of a local story lie together ("Walker County" and "Huntsville" are both in Texas, not one in
    # Alabama), where their votes alone tie.
    for key, found in names.items():
        others = [place for other, place in chosen.items() if other != key and _near_anchor(place, gazetteer)]
        chosen[key] = choose(found, context[key], near, guessed=others)
    resolved: dict[Mention, Place] = {}
    by_text: dict[str, Place] = {}
    for m, found in sorted(candidates.items(), key=lambda item: item[0].start):
        if len(found) == 1:
            resolved[m] = found[0]
            continue
        # The same name means the same place throughout an article.
        earlier = by_text.get(m.text)
        if earlier is not None and earlier in found:
            resolved[m] = earlier
        else:
            resolved[m] = by_text[m.text] = chosen.get((m.text, tuple(found))) or choose(found, votes, near)
    _follow_counties(resolved, candidates)
    _bare_counties(resolved, second, gazetteer)
    resolved.update(demonyms)
    if dateline_place is not None:
        resolved[dateline] = dateline_place
    elif dateline is not None:
        dateline_place = resolved.get(dateline)  # an ambiguous one, read with the others

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
