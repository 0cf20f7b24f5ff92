"""Geoparsing: coverage of the gazetteer and context-aware choice between same-named places."""
import pytest

from collections import Counter

from streams.enrichment.entities import Mention
from streams.enrichment.gazetteer import ALTERNATE, EXACT, TOWNS_SECTION, Gazetteer, Place, normalise
from streams.enrichment.places import _shared_vote, _Votes, choose, resolve_places
from streams.evaluation.places import distance_km


def mention(text, label="GPE", start=0):
    return Mention(start, start + len(text), text, label, label)


def resolve(gazetteer, *texts, dateline=None):
    mentions, start = [], 0
    for text in texts:
        label = "NORP" if text[:1].isupper() and text.endswith(("ish", "ian", "ese")) else "GPE"
        mentions.append(mention(text, label, start))
        start += len(text) + 5
    places, resolved = resolve_places(mentions, gazetteer, dateline=dateline)
    return places, {m.text: p for m, p in resolved.items()}


@pytest.mark.parametrize("name, feature, country, box", [
    ("Florida", "region", "US", (24.5, 31.0, -87.7, -80.0)),
    ("Arizona", "region", "US", (31.3, 37.0, -114.8, -109.0)),
    ("Texas", "region", "US", (25.8, 36.5, -106.7, -93.5)),
    ("Tamil Nadu", "region", "IN", (8.0, 13.6, 76.2, 80.4)),
    ("Wales", "region", "GB", (51.3, 53.5, -5.4, -2.6)),
    ("Alberta", "region", "CA", (49.0, 60.0, -120.0, -110.0)),
    ("Liverpool", "city", "GB", (53.3, 53.5, -3.1, -2.8)),
    ("Tunis", "city", "TN", (36.7, 36.9, 10.0, 10.3)),
    ("Harare", "city", "ZW", (-18.0, -17.7, 30.9, 31.2)),
    ("Orange County", "region", "US", (33.3, 34.0, -118.2, -117.4)),
])
def test_regions_and_cities_resolve_with_a_point_inside(gazetteer, name, feature, country, box):
    places, _ = resolve(gazetteer, name)
    [place] = places
    assert (place["feature"], place["country_code"]) == (feature, country)
    assert place["geonameid"]
    lat_min, lat_max, lon_min, lon_max = box
    assert lat_min <= place["latitude"] <= lat_max and lon_min <= place["longitude"] <= lon_max


@pytest.mark.parametrize("name, feature", [
    ("Asia", "continent"), ("Europe", "continent"), ("Middle East", "region"), ("North Africa", "region"),
    ("Korean Peninsula", "region"), ("the Atlantic", "sea"), ("Pacific", "sea"), ("Red Sea", "sea"),
])
def test_continents_oceans_and_macro_regions(gazetteer, name, feature):
    [place], _ = resolve(gazetteer, name)
    assert place["feature"] == feature
    assert place["latitude"] is not None and place["longitude"] is not None


def test_the_holy_see_is_the_vatican(gazetteer):
    [place], _ = resolve(gazetteer, "Holy See")
    assert (place["country_code"], place["feature"]) == ("VA", "country")


def test_every_place_has_coordinates(gazetteer):
    for name in ("France", "United States", "Canada", "Scotland", "Bavaria", "Kentucky", "Walker County", "Gulf"):
        places, _ = resolve(gazetteer, name)
        assert places and all(p["latitude"] is not None and p["longitude"] is not None for p in places), name


def test_newsroom_abbreviations_of_states(gazetteer):
    [place], _ = resolve(gazetteer, "Ky.")
    assert (place["name"], place["country_code"]) == ("Kentucky", "US")
    [place], _ = resolve(gazetteer, "N.Y.")  # "Albany, N.Y.": the state, as for every AP abbreviation
    assert (place["feature"], place["admin1"]) == ("region", "NY")


def test_salisbury_takes_the_country_of_the_story(gazetteer):
    _, by_text = resolve(gazetteer, "England", "Wiltshire", "Salisbury")
    assert by_text["Salisbury"].country_code == "GB"
    assert distance_km(by_text["Salisbury"].latitude, by_text["Salisbury"].longitude, 51.07, -1.79) < 20


def test_a_town_takes_the_state_the_story_is_about(gazetteer):
    _, by_text = resolve(gazetteer, "Georgia", "Atlanta", "Athens")
    assert by_text["Athens"].country_code == "US" and by_text["Athens"].admin1 == "GA"
    assert by_text["Georgia"].country_code == "US"  # the state, not the country, among Atlanta and Athens
    _, by_text = resolve(gazetteer, "Greece", "Athens")
    assert by_text["Athens"].country_code == "GR"


def test_the_dateline_is_strong_context_and_marked(gazetteer):
    dateline = mention("PORTLAND", start=0)
    places, by_text = resolve_places([mention("Salem", start=40)], gazetteer, dateline=None)
    places, resolved = resolve_places([dateline, mention("Salem", start=40)], gazetteer,
                                      dateline=Mention(0, 8, "Portland", "GPE", "GPE"))
    by_name = {p["name"]: p for p in places}
    assert by_name["Portland"]["dateline"] is True
    assert "dateline" not in by_name["Salem"]
    [salem] = [p for m, p in resolved.items() if m.text == "Salem"]
    assert salem.country_code == "US"


def test_dateline_alone_resolves_and_is_flagged(gazetteer):
    places, resolved = resolve_places([], gazetteer, dateline=Mention(0, 8, "BRUSSELS", "GPE", "GPE"))
    [place] = places
    assert (place["name"], place["country_code"], place["dateline"]) == ("Brussels", "BE", True)


def test_new_york_is_the_state_unless_the_story_makes_it_the_city(gazetteer):
    # GeoNames' own "New York" is the state; the city is a reading the dateline or nearby places choose
    _, by_text = resolve(gazetteer, "New York")
    assert (by_text["New York"].feature, by_text["New York"].admin1) == ("region", "NY")
    places, _ = resolve_places([], gazetteer, dateline=Mention(0, 8, "NEW YORK", "GPE", "GPE"))
    assert (places[0]["name"], places[0]["feature"]) == ("New York City", "city")
    _, by_text = resolve(gazetteer, "Brooklyn", "New York", "Queens")
    assert by_text["New York"].feature == "city"


def test_an_ambiguous_dateline_is_read_in_the_story_s_context(gazetteer):
    # "LEBANON (AP) —" over a story about Ohio is the city of Lebanon, Ohio: a dateline names a city,
    # and which one the story's other places say, as for any ambiguous name.
    dateline = mention("LEBANON", start=0)
    mentions = [dateline, mention("Ohio", start=30), mention("Warren County", start=60)]
    places, resolved = resolve_places(mentions, gazetteer, dateline=dateline)
    lebanon = resolved[dateline]
    assert (lebanon.feature, lebanon.country_code, lebanon.admin1) == ("city", "US", "OH")
    assert [p["name"] for p in places if p.get("dateline")] == ["Lebanon"]
    # Over a story about the Middle East, the same dateline is the country.
    dateline = mention("LEBANON", start=0)
    _, resolved = resolve_places([dateline, mention("Israel", start=30), mention("Syria", start=50)], gazetteer,
                                 dateline=dateline)
    assert (resolved[dateline].feature, resolved[dateline].country_code) == ("country", "LB")
    # A country's name that is also its capital's is the city: the story was filed from a city.
    luxembourg = mention("LUXEMBOURG")
    _, resolved = resolve_places([luxembourg], gazetteer, dateline=luxembourg)
    assert (resolved[luxembourg].feature, resolved[luxembourg].country_code) == ("city", "LU")


@pytest.mark.parametrize("short, written_out", [
    ("St. Petersburg", "Saint Petersburg"), ("St Petersburg", "Saint Petersburg"), ("Mt. Pleasant", "Mount Pleasant"),
    ("Ft. Worth", "Fort Worth"), ("Ste. Genevieve", "Sainte Genevieve"), ("East St. Louis", "East Saint Louis"),
])
def test_abbreviated_opening_words_are_the_same_name(short, written_out):
    assert normalise(short) == normalise(written_out)
    assert normalise("Stuttgart") == "stuttgart" and normalise("Mt") == "mt"  # only whole words are abbreviations


def test_st_petersburg_is_an_exact_name_of_both_cities(gazetteer):
    # An abbreviation is no variant: Saint Petersburg (Russia) and St. Petersburg (Florida) both compete as exact
    # names, so the larger one wins without context and Florida wins in a story about Florida.
    exact = {(p.country_code, p.admin1) for p, kind in gazetteer.lookup("St. Petersburg") if kind == EXACT}
    assert {"RU", "US"} <= {country for country, _ in exact}
    _, by_text = resolve(gazetteer, "St. Petersburg")
    assert by_text["St. Petersburg"].country_code == "RU"
    _, by_text = resolve(gazetteer, "Florida", "Tampa", "St. Petersburg")
    assert (by_text["St. Petersburg"].country_code, by_text["St. Petersburg"].admin1) == ("US", "FL")


def test_a_country_s_name_may_be_a_town_of_the_story_s_own_state(gazetteer):
    # "Palestine" is the country, and also the county seat of Anderson County, Texas: among East Texas towns,
    # the town (our country alias keeps the same-named cities as readings).
    _, by_text = resolve(gazetteer, "Anderson County", "Elkhart", "Grapeland", "Palestine")
    assert (by_text["Palestine"].feature, by_text["Palestine"].admin1) == ("city", "TX")
    for context in (("Texas",), ("Israel", "Gaza")):
        _, by_text = resolve(gazetteer, *context, "Palestine")
        assert by_text["Palestine"].feature == "country"


def _table(tmp_path, rows, towns=()):
    """A start-up table of our own: the format gazetteer_build.build_table writes."""
    import gzip

    path = tmp_path / "gazetteer.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("# test table\n")
        handle.writelines("\t".join(map(str, row)) + "\n" for row in rows)
        handle.write(TOWNS_SECTION + "\n")
        handle.writelines("\t".join(map(str, row)) + "\n" for row in towns)
    return path


def test_an_exact_name_beats_an_alternate_name(tmp_path):
    # Bigcity (5 million) is also known as "Smalltown"; Smalltown (200,000) is its own name.
    path = _table(tmp_path, [
        ("city", 2, "Bigcity", "DE", "DEU", "", "", 50.0, 8.0, 5_000_000, 0, "!bigcity|~smalltown"),
        ("city", 1, "Smalltown", "FR", "FRA", "", "", 45.0, 3.0, 200_000, 0, "smalltown"),
    ])
    gazetteer = Gazetteer({}, table_path=path)
    assert [(p.geonameid, kind) for p, kind in gazetteer.lookup("Smalltown")] == [(1, EXACT), (2, ALTERNATE)]
    assert gazetteer.is_strict_place("Bigcity") and not gazetteer.is_strict_place("Smalltown")
    places, _ = resolve_places([mention("Smalltown")], gazetteer)
    assert places[0]["geonameid"] == 1


def test_towns_are_read_when_asked_for_and_rank_below_cities(tmp_path):
    path = _table(tmp_path, [("city", 1, "Lindsay", "CA", "CAN", "08", "", 44.35, -78.73, 20_000, 0, "lindsay")],
                  towns=[("city", 2, "Lindsay", "US", "USA", "TX", "", 33.64, -97.22, 1_000, 0, "lindsay"),
                         ("city", 3, "Cookville", "US", "USA", "TX", "", 33.18, -94.86, 600, 0, "cookville")])
    gazetteer = Gazetteer({}, table_path=path)
    assert [p.geonameid for p in gazetteer.candidates("Lindsay")] == [1, 2]
    [cookville] = gazetteer.candidates("Cookville")
    assert (cookville.country_code, cookville.admin1, cookville.population) == ("US", "TX", 600)
    in_texas = _Votes()
    in_texas.countries["US"], in_texas.regions[("US", "TX")] = 2, 2
    assert choose(gazetteer.candidates("Lindsay"), Counter()).geonameid == 1
    assert choose(gazetteer.candidates("Lindsay"), in_texas).geonameid == 2


@pytest.mark.parametrize("name, places", [
    ("Kentucky State Police", ["Kentucky"]),
    ("the Walker County Fairgrounds", ["Walker County"]),
    ("Corsicana Police Department", ["Corsicana"]),
    ("Dublin City Council", ["Dublin"]),  # the city's council, not the Irish county "Dublin City"
    ("Kansas City Council", ["Kansas City"]),  # the council of the city Kansas City
    ("Bank of Japan", ["Japan"]),
    ("U.S. Department of Justice", ["U.S."]),
    ("Fargo-Moorhead", ["Fargo", "Moorhead"]),
    ("GAO", []),
    ("Coca-Cola Co", []),
    ("American Express", []),
    ("Sichuan province", ["Sichuan"]),  # a region's word after its name
    ("Zion National Park", []),  # the head of the name, not the town National Park, New Jersey
    ("the Friends of the New Concord Reservoir", ["New Concord"]),
])
def test_places_inside_the_names_of_organisations(gazetteer, name, places):
    assert [name[s:e] for s, e in gazetteer.places_in_name(name)] == places


def test_places_inside_an_organisation_are_places_of_the_article(gazetteer):
    org = Mention(10, 37, "the Kentucky State Police", "ORG", "ORG")
    [kentucky], _ = resolve_places([org], gazetteer)
    assert (kentucky["name"], kentucky["feature"]) == ("Kentucky", "region")
    assert kentucky["mentions"] == [{"start": 14, "end": 22, "text": "Kentucky", "label": "ORG"}]


@pytest.mark.parametrize("name, qualifier, country, admin1", [
    ("Athens", "Ga.", "US", "GA"),
    ("Paris", "Texas", "US", "TX"),
    ("Albany", "New York", "US", "NY"),
    ("London", "Ont.", "CA", "08"),
])
def test_a_qualifier_after_the_name_decides(gazetteer, name, qualifier, country, admin1):
    mentions = [mention(name), mention(qualifier, start=len(name) + 2)]
    places, resolved = resolve_places(mentions, gazetteer)
    place = resolved[mentions[0]]
    assert (place.country_code, place.admin1) == (country, admin1)
    assert resolved[mentions[1]].feature == "region"


def test_a_well_known_alternate_name_beats_an_obscure_exact_one(gazetteer):
    [place], _ = resolve(gazetteer, "Basra")
    assert place["country_code"] == "IQ"


def test_alternate_names_still_resolve_when_nothing_is_exact(gazetteer):
    [place], _ = resolve(gazetteer, "Koeln")
    assert place["country_code"] == "DE" and place["feature"] == "city"


def test_choose_prefers_the_larger_place_without_context():
    town = Place("Springfield", "city", "US", "USA", 1, 39.8, -89.6, admin1="IL", population=115_000)
    village = Place("Springfield", "city", "GB", "GBR", 2, 51.7, 0.5, population=30_000)
    assert choose([village, town], Counter()) is town
    assert choose([village, town], Counter({"GB": 3})) is village


def test_a_place_of_a_single_reading_counts_more_than_a_guessed_reading():
    # Two Oakdales of the same size: the one near a town the story names unambiguously wins over the one near
    # the reading merely chosen for another ambiguous name; with no such town, the guessed reading decides.
    west = Place("Oakdale", "city", "US", "USA", 1, 37.77, -120.85, admin1="CA", population=20_000)
    east = Place("Oakdale", "city", "US", "USA", 2, 41.47, -72.19, admin1="CT", population=20_000)
    sure_neighbour = Place("Norwich", "city", "US", "USA", 3, 41.52, -72.08, admin1="CT", population=40_000)
    guessed_neighbour = Place("Waterford", "city", "US", "USA", 4, 37.64, -120.76, admin1="CA", population=8_000)
    assert choose([west, east], Counter(), near=[sure_neighbour], guessed=[guessed_neighbour]) is east
    assert choose([west, east], Counter(), guessed=[guessed_neighbour]) is west


def test_diacritics_fold():
    assert normalise("Tamil Nādu") == normalise("Tamil Nadu")


# --- mentions the model missed or mislabelled --------------------------------------------------

def _doc(words, tags):
    import spacy
    from spacy.tokens import Doc

    doc = Doc(spacy.blank("en").vocab, words=words, ents=tags)  # English lexical attributes: is_upper, is_stop
    doc[0].is_sent_start = True
    return doc


def _mentions(doc, gazetteer):
    from streams.enrichment import entities as ents

    found = ents.correct_labels(ents.raw_mentions(doc), gazetteer) + ents.gazetteer_mentions(doc, gazetteer)
    return sorted((m.text, m.label, m.model_label) for m in found)


def test_a_town_the_model_took_for_an_organisation_is_a_place_in_a_place_context(gazetteer):
    doc = _doc(["Rebecca", "Sears", ",", "41", ",", "of", "Grovetown", ",", "and", "Torrington", "police", "."],
               ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-ORG", "O", "O", "B-ORG", "O", "O"])
    assert _mentions(doc, gazetteer) == [
        ("Grovetown", "GPE", "ORG"), ("Rebecca Sears", "PERSON", "PERSON"), ("Torrington", "GPE", "ORG")]


def test_a_company_after_of_stays_an_organisation(gazetteer):
    doc = _doc(["Shares", "of", "Barclay", "rose", "."], ["O", "O", "B-ORG", "O", "O"])
    assert _mentions(doc, gazetteer) == [("Barclay", "ORG", "ORG")]


def test_datelines_party_districts_and_one_sense_per_article(gazetteer):
    doc = _doc(["HUDSON", "--", "Officials", "met", "Rep.", "Gilliard", ",", "D", "-", "Charleston", ".",
                "Fargo", "plans", "more", "in", "Fargo", "."],
               ["O", "O", "O", "O", "O", "B-PERSON", "O", "O", "O", "O", "O", "O", "O", "O", "O", "B-GPE", "O"])
    doc[11].is_sent_start = True
    texts = [t for t, label, _ in _mentions(doc, gazetteer) if label == "GPE"]
    assert texts == ["Charleston", "Fargo", "Fargo", "HUDSON"]


def test_a_known_name_opening_a_local_body_is_a_place(gazetteer):
    # untagged by the model: "Grovetown police", "Tillsonburg Mayor Stephen Molnar"
    doc = _doc(["Later", ",", "Grovetown", "police", "questioned", "her", ";", "Tillsonburg", "Mayor", "Stephen", "Molnar",
                "agreed", "."],
               ["O", "O", "O", "O", "O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O"])
    texts = [t for t, label, _ in _mentions(doc, gazetteer) if label == "GPE"]
    assert texts == ["Grovetown", "Tillsonburg"]


def test_an_ordinary_word_is_no_place(gazetteer):
    # "Real" and "May" are towns, and ordinary words: "in REAL terms", "in May".
    doc = _doc(["Prices", "rose", "in", "REAL", "terms", "in", "May", ";", "real", "growth", "."],
               ["O"] * 11)
    assert _mentions(doc, gazetteer) == []


def _record(code, *mentions, dateline=False):
    record = {"country_code": code, "mentions": [dict(start=s, end=s + len(t), text=t, **extra)
                                                 for s, t, extra in mentions]}
    if dateline:
        record["dateline"] = True
    return record


def test_article_countries_are_those_the_story_is_about():
    from streams.enrichment.places import article_countries

    places = [
        _record("CA", (0, "TORONTO", {"found_by": "dateline"}), dateline=True),  # the dateline
        _record("JP", (20, "Japan", {})),  # in the lead
        _record("US", (400, "U.S.", {"label": "ORG"}), (900, "U.S.", {"label": "ORG"})),  # only in organisations' names
        _record("FR", (500, "France", {}), (1200, "Paris", {})),  # named twice
        _record("IR", (700, "Iran", {})),  # named once, deep in the story
        _record("NL", (1500, "Netherlands", {})), _record("DK", (1514, "Denmark", {})),  # a list of three
        _record("DE", (1527, "West Germany", {})),
    ]
    assert article_countries(places) == {"CA", "JP", "FR", "NL", "DK", "DE"}
    # With nothing topical, the country named most often stands in.
    assert article_countries([_record("IR", (700, "Iran", {})), _record("US", (300, "U.S.", {"label": "ORG"}))]) == {"IR"}
    assert article_countries([]) == set()


def test_box_centre_crosses_the_antimeridian_when_narrower():
    from streams.enrichment.gazetteer_build import _box_centre, _mid_longitude

    assert _box_centre([(10.0, -10.0, 0), (20.0, 30.0, 0)]) == (15.0, 10.0)
    lat, lon = _box_centre([(52.0, 179.0, 0), (60.0, -170.0, 0), (55.0, -160.0, 0)])
    assert lat == 56.0 and (lon > 170 or lon < -160)
    assert _mid_longitude(179.0, -179.0) in (180.0, -180.0)
    assert _mid_longitude(-100.0, -110.0) == -105.0


# --- a local story's own region: shared votes, sure state names, nearby places, counties -------------------

def test_two_ambiguous_names_agree_on_the_state_they_share(gazetteer):
    # Neither name alone says Texas; together they do: the Athens and the Henderson County of Texas.
    _, by_text = resolve(gazetteer, "Henderson County", "Athens", "Tyler")
    assert by_text["Athens"].admin1 == "TX" and by_text["Henderson County"].admin1 == "TX"


def test_a_state_name_counts_though_villages_share_it(gazetteer):
    # "Kansas" is also a village in Illinois and Oklahoma: the state still speaks for Manhattan, Kansas.
    _, by_text = resolve(gazetteer, "Manhattan", "Kansas")
    assert by_text["Manhattan"].admin1 == "KS"


def test_a_town_near_the_story_s_other_towns_wins(gazetteer):
    # Hanover beside a Vermont town is Hanover, New Hampshire, across the river, not a parish of Jamaica.
    mentions = [mention("Hanover"), mention("Bethel", start=20), mention("Vt.", start=28)]  # "... Bethel, Vt."
    _, resolved = resolve_places(mentions, gazetteer)
    by_text = {m.text: p for m, p in resolved.items()}
    assert by_text["Bethel"].admin1 == "VT"
    assert by_text["Hanover"].country_code == "US" and by_text["Hanover"].admin1 == "NH"


def test_a_capital_does_not_make_a_story_local_to_its_suburbs(gazetteer):
    # "Washington" here is the US government: Damascus stays the capital of Syria, not the town in Maryland.
    _, by_text = resolve(gazetteer, "Washington", "Damascus")
    assert by_text["Damascus"].country_code == "SY"


def test_the_ambiguous_towns_and_counties_of_a_story_lie_together(gazetteer):
    # Walker County lies in Alabama, Georgia and Texas, Huntsville in Alabama and Texas: never one in each.
    _, by_text = resolve(gazetteer, "Walker County", "Huntsville", "Walker County")
    assert by_text["Walker County"].admin1 == by_text["Huntsville"].admin1


def test_a_bare_name_no_town_of_the_story_s_state_bears_is_its_county(gazetteer):
    # No Kanawha is a town of West Virginia; Kanawha County is its county. Washington stays the capital.
    _, by_text = resolve(gazetteer, "West Virginia", "Charleston", "Kanawha", "Washington")
    assert (by_text["Kanawha"].name, by_text["Kanawha"].admin1) == ("Kanawha County", "WV")
    assert by_text["Washington"].feature == "city" and by_text["Washington"].geonameid in gazetteer.capitals
    # Without a state the story is about, the name keeps its town reading.
    _, by_text = resolve(gazetteer, "Kanawha")
    assert by_text["Kanawha"].feature == "city"


def test_a_region_is_no_sure_reading_beside_a_well_known_city_of_its_name(gazetteer):
    # Delta State (Nigeria) does not vote for Nigeria over Delta, British Columbia, beside Vancouver
    _, by_text = resolve(gazetteer, "Delta", "Vancouver", "Delta")
    assert by_text["Delta"].country_code == "CA"


def test_the_national_capitals_are_known(gazetteer):
    capitals = {p.name for name in ("Washington", "Damascus", "Moscow", "Paris", "Dublin")
                for p in gazetteer.candidates(name) if p.geonameid in gazetteer.capitals}
    assert capitals == {"Washington", "Damascus", "Moscow", "Paris", "Dublin"}
    assert not any(p.geonameid in gazetteer.capitals for p in gazetteer.candidates("Springfield"))


def test_a_bare_name_follows_the_county_of_that_name(gazetteer):
    _, by_text = resolve(gazetteer, "DeKalb County", "North Druid Hills", "DeKalb")
    assert by_text["DeKalb County"].admin1 == "GA"
    assert by_text["DeKalb"].admin1 == "GA"


def test_a_county_opening_a_person_s_name_is_a_place(gazetteer):
    mentions = [mention("Anderson County Sheriff", "PERSON"), mention("Palestine", start=40), mention("Texas", start=60)]
    places, resolved = resolve_places(mentions, gazetteer)
    counties = [p for m, p in resolved.items() if m.text == "Anderson County"]
    assert counties and counties[0].admin1 == "TX"


def test_more_demonyms_name_their_country(gazetteer):
    _, resolved = resolve_places([mention("Cypriot", "NORP"), mention("Czech", "NORP", start=20)], gazetteer)
    by_text = {m.text: p for m, p in resolved.items()}
    assert by_text["Cypriot"].country_code == "CY" and by_text["Czech"].country_code == "CZ"


@pytest.mark.parametrize("text, names", [
    ("Council meets. HAMILTON \u2014 The council met.", ["HAMILTON"]),
    ("Deal reviewed . COLUMBUS, Ohio (AP) \u2014 Officials said.", ["COLUMBUS"]),
    ("Gunman named. CARTHAGE, N.C. (AP) - Police said.", ["CARTHAGE"]),
    ("Budget passes. FALLS VILLAGE\u2014The board voted.", ["FALLS VILLAGE"]),
    ("Tidy streets. DeKALB \u2013 Residents asked.", ["DeKALB"]),
    ("NEW YORK, March 3 - Shares rose.", []),
    ("He left. The FBI said so.", []),
    ("SOCCER - JAPAN GET LUCKY WIN", []),  # a headline's topic, not a dateline
])
def test_datelines_inside_the_text(text, names):
    from streams.enrichment.entities import inner_datelines

    assert [text[s:e] for s, e in inner_datelines(text)] == names


def test_an_inner_dateline_is_a_place_whatever_the_model_made_of_it(gazetteer):
    doc = _doc(["Council", "meets", ".", "DANIELSVILLE", "-", "Madison", "County", "commissioners", "voted", "."],
               ["O", "O", "O", "B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O"])
    doc[3].is_sent_start = True
    found = _mentions(doc, gazetteer)
    assert ("DANIELSVILLE", "GPE", "PERSON") in found
    assert ("Madison County", "GPE", "PERSON") in found


def test_an_ambiguous_name_votes_whole_for_every_region_it_could_lie_in():
    # A name of towns in two states does not outvote a name of towns in ten: the region that could hold
    # most of the article's names wins, not the one a name with few readings points at.
    def town(state):
        return Place("Oakton", "city", "US", "USA", 1, 40.0, -90.0, admin1=state, population=20_000)

    two, ten = _shared_vote([town("AA"), town("BB")]), _shared_vote([town(f"S{i}") for i in range(9)] + [town("AA")])
    assert two.regions[("US", "AA")] == ten.regions[("US", "AA")] > 0
    both = two.copy()
    both.merge(ten)
    assert both.regions.most_common(1)[0][0] == ("US", "AA")


@pytest.mark.parametrize("text, country", [
    ("The council approved a $765,000 package and $85,000 in repairs.", "US"),
    ("Tickets cost US$ 40.", "US"),
    ("The club paid £2m for him.", "GB"),
    ("The mine cost C$1.2 billion.", "CA"),
    ("A$5 here, $5 there.", None),  # two currencies: neither is the story's own
    ("It cost AU$5.", None),  # a dollar sign of no currency we know, not the US dollar's
    ("Prices rose 5% and the $ fell.", None),  # a sign with no sum
    ("It cost €5m.", None),  # the euro is many countries'
    ("It cost $5 here and €5 there.", "US"),  # a sign of no one country's does not count
])
def test_the_money_a_story_counts_in_tells_its_country(gazetteer, text, country):
    assert gazetteer.money_country(text) == country


def test_a_story_that_names_no_country_is_of_its_money_s_country(gazetteer):
    # No country named: Mansfield alone is the larger Mansfield, in England; a story counting in dollars is American.
    [mansfield] = [mention("Mansfield")]
    assert resolve_places([mansfield], gazetteer)[1][mansfield].country_code == "GB"
    assert resolve_places([mansfield], gazetteer, home="US")[1][mansfield].country_code == "US"
    # The money is a weak cue, settling near-ties only: Canadian and New Zealand stories count in dollars too, and
    # Hamilton, Ontario is nine times Hamilton, Ohio; Wellington six times Wellington, Florida.
    for name, country in (("Hamilton", "CA"), ("Wellington", "NZ"), ("Melbourne", "AU")):
        [place] = [mention(name)]
        assert resolve_places([place], gazetteer, home="US")[1][place].country_code == country
    # A story whose names speak for a country needs no stand-in: Cambridge beside "Australian officials" is
    # Cambridge, Tasmania, though the story counts in dollars and Cambridge, Massachusetts is larger.
    mentions = [mention("Cambridge"), mention("Australian", "NORP", start=20)]
    _, resolved = resolve_places(mentions, gazetteer, home="US")
    assert resolved[mentions[0]].country_code == "AU"


def test_a_short_form_of_a_town_the_story_names_in_full_is_that_town(gazetteer):
    _, resolved = resolve(gazetteer, "Decatur", "Avondale Estates", "Avondale")
    assert resolved["Avondale"] == resolved["Avondale Estates"]
    # not when a place of the short name lies near the full one, nor for a county or a city of its own
    _, resolved = resolve(gazetteer, "Cleveland Heights", "Cleveland")
    assert resolved["Cleveland"].name == "Cleveland" and resolved["Cleveland"].admin1 == "OH"
    _, resolved = resolve(gazetteer, "Jersey City", "Jersey")
    assert resolved["Jersey"].name != "Jersey City"
    # nor for a country, a region or a well-known city
    _, resolved = resolve(gazetteer, "Mexico Beach", "Mexico")
    assert resolved["Mexico"].feature == "country"
    _, resolved = resolve(gazetteer, "Dallas Center", "Dallas")
    assert resolved["Dallas"].name == "Dallas" and resolved["Dallas"].admin1 == "TX"


def test_a_continent_s_adjective_is_that_continent_and_votes_for_no_country(gazetteer):
    mentions = [mention("European", "NORP", 0), mention("Asian", "NORP", 20), mention("Georgia", "GPE", 40)]
    places, resolved = resolve_places(mentions, gazetteer)
    assert [(resolved[m].name, resolved[m].feature) for m in mentions[:2]] == [("Europe", "continent"), ("Asia", "continent")]
    assert [m["label"] for p in places if p["feature"] == "continent" for m in p["mentions"]] == ["NORP", "NORP"]
    assert resolved[mentions[2]].country_code == resolve(gazetteer, "Georgia")[1]["Georgia"].country_code


def test_a_compound_of_a_continent_s_adjective_is_its_region_and_a_compass_word_before_it_is_no_continent(gazetteer):
    mentions = [mention("Southeast Asian", "NORP", 0), mention("the South East", "LOC", 30), mention("Asian", "NORP", 45)]
    _, resolved = resolve_places(mentions, gazetteer)
    assert resolved[mentions[0]].name == "Southeast Asia"
    assert mentions[2] not in resolved
