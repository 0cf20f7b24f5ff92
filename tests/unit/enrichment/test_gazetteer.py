import json

import pytest

from streams.enrichment.gazetteer import DATA_DIR, Gazetteer


def test_short_forms_and_regions_resolve(gazetteer):
    assert gazetteer.candidates("U.S.")[0].country_code == "US"
    [crimea] = gazetteer.candidates("Crimea")
    assert (crimea.feature, crimea.country_code, crimea.country_code3) == ("region", "UA", "UKR")
    assert gazetteer.candidates("Kiev")[0].geonameid == gazetteer.candidates("Kyiv")[0].geonameid
    assert gazetteer.candidates("the Black Sea")[0].feature == "sea"


def test_demonyms_attach_to_their_country(gazetteer):
    assert gazetteer.demonym_country("Russian").country_code == "RU"
    assert gazetteer.demonym_country("Ukrainians").country_code == "UA"
    assert gazetteer.demonym_country("Martian") is None


def test_noise_is_not_a_place(gazetteer):
    assert gazetteer.candidates("West") == []
    assert gazetteer.candidates("EU") == []  # the European Union, a body: not Eu, a town in Normandy
    assert not gazetteer.is_strict_place("Stalin")  # an old name of Donetsk, and a person


def test_alias_data_naming_an_unknown_place_fails_at_load():
    data = json.loads((DATA_DIR / "places.json").read_text())
    data["city_aliases"]["Atlantis"] = 1
    with pytest.raises(ValueError, match="Atlantis"):
        Gazetteer(data)


def test_a_country_point_lies_inside_the_country(gazetteer):
    # countryinfo puts Kuwait at 45.75 E, in Saudi Arabia; the country's point is GeoNames' own instead.
    [kuwait] = [p for p in gazetteer.candidates("Kuwait") if p.feature == "country"]
    [kuwait_city] = [p for p in gazetteer.candidates("Kuwait City") if p.feature == "city"]
    assert abs(kuwait.latitude - kuwait_city.latitude) < 0.5 and abs(kuwait.longitude - kuwait_city.longitude) < 0.5


def test_a_region_of_no_known_population_is_small_but_a_curated_one_is_not():
    from streams.enrichment.gazetteer import Place, prominence

    parish = Place("Saint George", "region", "BB", "BRB", 1, 13.1, -59.5, admin1="03", level=1)
    city = Place("Saint George", "city", "US", "USA", 2, 37.1, -113.6, admin1="UT", population=72_897)
    middle_east = Place("Middle East", "region", None, None, None, 29.0, 41.0)  # curated: no level, no population
    assert prominence(parish) < prominence(city) < prominence(middle_east)
