"""The founding article, enriched offline: what issue 2 promises of it."""
import pytest

from streams.articles.models import Article
from support import assert_conforms, person_names, places_by_name


@pytest.fixture(scope="module")
def seed_record(enricher, seed_text):
    [record] = enricher.enrich_many([Article(id="seed", body=seed_text)])
    return record


def test_persons(seed_record):
    assert {"John Kerry", "Sergey Lavrov", "Vladimir Putin", "David Cameron", "Obama"} <= person_names(seed_record)
    assert "Kerry" not in person_names(seed_record)  # merged into John Kerry


def test_places_and_crimea_despite_the_model(seed_record):
    places = places_by_name(seed_record)
    for name in ("Ukraine", "Russia", "Crimea", "Moscow"):
        assert name in places
    crimea = places["Crimea"]
    assert crimea["country_code"] == "UA"
    assert any(m.get("label") == "ORG" for m in crimea["mentions"]), "the model's ORG label is kept as evidence"
    assert not {"Crimea", "Rostov", "Kiev"} & person_names(seed_record)


def test_sanctions_sentences(seed_record, seed_text):
    sentences = {s["sentence"]: s for s in seed_record["sanctions"]}
    slap = next(s for text, s in sentences.items() if "plan to slap sanctions" in text)
    assert slap["status"] == "planned"
    assert "US" in slap["sanctioners"] and "RU" in slap["targets"]
    for mention in seed_record["sanctions"]:
        assert seed_text[mention["start"]:mention["end"]] == mention["sentence"]


def test_offsets_point_into_the_body(seed_record, seed_text):
    for entity in seed_record["entities"]:
        for m in entity["mentions"]:
            assert seed_text[m["start"]:m["end"]] == m["text"]


def test_the_record_conforms_to_its_schema(seed_record):
    assert_conforms("enriched", seed_record)
