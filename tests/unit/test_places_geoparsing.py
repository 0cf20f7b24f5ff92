"""Geoparsing: coverage of the gazetteer and context-aware choice between same-named places."""
import pytest

from streams.enrichment.entities import Mention
from streams.enrichment.gazetteer import ALTERNATE, EXACT, Gazetteer, Place, normalise
from streams.enrichment.places import choose, resolve_places
from streams.evaluation_places import distance_km


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


def test_an_exact_name_beats_an_alternate_name(gazetteer):
    small = Place("Smalltown", "city", "FR", "FRA", 1, 45.0, 3.0, population=200_000)
    big = Place("Bigcity", "city", "DE", "DEU", 2, 50.0, 8.0, population=5_000_000)
    gazetteer._add("Smalltown", small, strict=False)
    gazetteer._add("Smalltown", big, strict=False, kind=ALTERNATE)
    try:
        entries = gazetteer.lookup("Smalltown")
        assert entries[0] == (small, EXACT) or (small, EXACT) in entries
        places, _ = resolve_places([mention("Smalltown")], gazetteer)
        assert places[0]["geonameid"] == 1
    finally:
        gazetteer._by_name.pop(normalise("Smalltown"))


def test_a_well_known_alternate_name_beats_an_obscure_exact_one(gazetteer):
    [place], _ = resolve(gazetteer, "Basra")
    assert place["country_code"] == "IQ"


def test_alternate_names_still_resolve_when_nothing_is_exact(gazetteer):
    [place], _ = resolve(gazetteer, "Koeln")
    assert place["country_code"] == "DE" and place["feature"] == "city"


def test_choose_prefers_the_larger_place_without_context():
    town = Place("Springfield", "city", "US", "USA", 1, 39.8, -89.6, admin1="IL", population=115_000)
    village = Place("Springfield", "city", "GB", "GBR", 2, 51.7, 0.5, population=30_000)
    from collections import Counter

    assert choose([village, town], Counter()) is town
    assert choose([village, town], Counter({"GB": 3})) is village


def test_diacritics_fold():
    assert normalise("Tamil Nādu") == normalise("Tamil Nadu")
