from streams.enrichment.entities import Mention
from streams.enrichment.places import resolve_places


def mention(text, label="GPE", start=0):
    return Mention(start, start + len(text), text, label, label)


def test_an_ambiguous_city_takes_the_country_the_article_is_about(gazetteer):
    in_ukraine = [mention("Ukraine"), mention("Ukrainian", "NORP", 10), mention("Donetsk", start=30)]
    places, _ = resolve_places(in_ukraine, gazetteer)
    assert {p["name"]: p["country_code"] for p in places}["Donetsk"] == "UA"
    in_russia = [mention("Russia"), mention("Rostov", start=10), mention("Donetsk", start=30)]
    places, _ = resolve_places(in_russia, gazetteer)
    assert {p["name"]: p["country_code"] for p in places}["Donetsk"] == "RU"


def test_places_carry_codes_ids_and_coordinates(gazetteer):
    places, resolved = resolve_places([mention("Moscow"), mention("U.S.", start=20), mention("US", start=30)], gazetteer)
    by_name = {p["name"]: p for p in places}
    moscow = by_name["Moscow"]
    assert (moscow["country_code"], moscow["country_code3"], moscow["geonameid"], moscow["feature"]) == ("RU", "RUS", 524901, "city")
    assert 55 < moscow["latitude"] < 56 and 37 < moscow["longitude"] < 38
    assert [m["text"] for m in by_name["United States"]["mentions"]] == ["U.S.", "US"]


def test_a_demonym_alone_makes_its_country_a_place_with_the_mention_labelled(gazetteer):
    # The gold corpora (TR-News, LGL) count "Turkish", "Cypriot officials" as toponyms of their country.
    places, resolved = resolve_places([mention("Russian", "NORP")], gazetteer)
    [russia] = places
    assert (russia["country_code"], russia["feature"]) == ("RU", "country")
    assert russia["mentions"] == [{"start": 0, "end": 7, "text": "Russian", "label": "NORP"}]
    assert next(iter(resolved.values())).country_code == "RU"
