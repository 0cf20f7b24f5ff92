"""The founding article, enriched offline: every promise of issues 2 and 3 about it."""
import pytest

from streams.records.models import Article
from support import assert_conforms, person_names, places_by_name


@pytest.fixture(scope="module")
def seed_record(listed_enricher, seed_text):
    [record] = listed_enricher.enrich_many([Article(id="seed", body=seed_text)])
    return record


def test_persons(seed_record):
    expected = {"John Kerry", "Sergey Lavrov", "Vladimir Putin", "David Cameron", "Obama", "Ivan Simonovic", "Evgeny Perebiynis"}
    assert expected <= person_names(seed_record)
    assert "Kerry" not in person_names(seed_record)  # merged into John Kerry
    kerry = next(e for e in seed_record["entities"] if e["name"] == "John Kerry")
    assert kerry["count"] == len(kerry["mentions"]) > 5


@pytest.mark.parametrize(
    "mention, country, feature",
    [("Crimea", "UA", "region"), ("Ukraine", "UA", "country"), ("Russia", "RU", "country"), ("Moscow", "RU", "city"),
     ("Kiev", "UA", "city"), ("Donetsk", "UA", "city"), ("Rostov", "RU", "city"), ("London", "GB", "city"),
     ("Washington", "US", "city"), ("France", "FR", "country"), ("Black Sea", None, "sea")],
)
def test_places(seed_record, mention, country, feature):
    [place] = [p for p in seed_record["places"] if mention in {m["text"] for m in p["mentions"]}]
    assert (place["country_code"], place["feature"]) == (country, feature)
    assert place["geonameid"] and place["latitude"] is not None and place["longitude"] is not None
    if country:
        assert place["country_code3"] and len(place["country_code3"]) == 3
    assert mention not in person_names(seed_record)


def test_crimea_is_a_place_although_the_model_says_org(seed_record):
    crimea = places_by_name(seed_record)["Crimea"]
    assert any(m.get("label") == "ORG" for m in crimea["mentions"]), "the model's ORG label is kept as evidence"
    assert not {"Crimea", "Rostov", "Kiev"} & person_names(seed_record)


def sanctions_event(record, words):
    return next(s for s in record["sanctions"] if words in s["sentence"])


def test_us_and_eu_plan_sanctions_on_russian_officials(seed_record):
    event = sanctions_event(seed_record, "plan to slap sanctions")
    assert event["status"] in ("planned", "threatened")
    assert {"US", "EU"} <= set(event["sanctioners"])
    assert event["targets"] == ["RU"]
    assert event["confidence"] >= 0.8


def test_obama_has_imposed_limited_sanctions(seed_record):
    event = sanctions_event(seed_record, "Obama has imposed limited sanctions")
    assert event["sentence"].startswith("Obama")  # a sentence of its own, not run on from the quote before it
    assert event["status"] == "imposed"
    assert event["sanctioner_entities"] == ["Obama"]
    assert "RU" in event["targets"]


def test_congress_put_off_the_expansion(seed_record):
    event = sanctions_event(seed_record, "would have expanded those sanctions")
    assert event["status"] == "discussed"  # "Congress put off expanding sanctions" is discussed (labelling guide)
    assert event["sanctioners"] == ["US"] and "Congress" in event["sanctioner_entities"]


def test_a_speaker_is_not_a_sanctioner(seed_record):
    event = sanctions_event(seed_record, "said sanctions would harm relations")
    assert event["sanctioner_entities"] == [] and event["status"] == "discussed"


def test_ofac_matches_for_putin_and_lavrov(seed_record):
    matches = {e["name"]: e.get("list_matches", []) for e in seed_record["entities"]}
    [putin] = [m for m in matches["Vladimir Putin"] if m["list"] == "OFAC SDN"]
    assert (putin["entry_id"], putin["name"], putin["list_date"]) == ("35096", "PUTIN, Vladimir Vladimirovich", "2024-05-03")
    assert "RUSSIA-EO14024" in putin["programs"]
    [lavrov] = [m for m in matches["Sergey Lavrov"] if m["list"] == "OFAC SDN"]
    assert lavrov["entry_id"] == "35233"
    assert matches["John Kerry"] == [] and matches["David Cameron"] == []


def test_offsets_point_into_the_body(seed_record, seed_text):
    for entity in seed_record["entities"]:
        for m in entity["mentions"]:
            assert seed_text[m["start"]:m["end"]] == m["text"]
    for place in seed_record["places"]:
        for m in place["mentions"]:
            assert seed_text[m["start"]:m["end"]] == m["text"]
    for event in seed_record["sanctions"]:
        assert seed_text[event["start"]:event["end"]] == event["sentence"]


def test_the_record_conforms_to_its_schema(seed_record):
    assert_conforms("enriched", seed_record)
