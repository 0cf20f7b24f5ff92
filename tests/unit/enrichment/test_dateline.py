"""Datelines and agency credits: where a wire story was filed is a place, never an organisation or a party."""
import pytest

from streams.records.models import Article
from streams.enrichment.dateline import DatelineReader


@pytest.fixture(scope="module")
def reader():
    return DatelineReader.load()


@pytest.mark.parametrize(
    "body, places, credit",
    [
        ("BRUSSELS (Reuters) - Ministers met on Monday.", ["BRUSSELS"], "(Reuters)"),
        ("WASHINGTON, March 3 (AP) \u2014 The Senate voted.", ["WASHINGTON"], "(AP)"),
        ("MOSCOW \u2014 The Kremlin said nothing.", ["MOSCOW"], None),
        ("BEIJING/WASHINGTON (Reuters) - Talks resumed.", ["BEIJING", "WASHINGTON"], "(Reuters)"),
        ("NEW YORK (Reuters) - Stocks fell.", ["NEW YORK"], "(Reuters)"),
        ("A headline of our own\nKIEV, Ukraine (Reuters) - Fighting went on.", ["KIEV"], "(Reuters)"),
    ],
)
def test_datelines_are_read(reader, body, places, credit):
    dateline = reader.read(body)
    assert [p.text for p in dateline.places] == places
    assert all(body[p.start:p.end] == p.text for p in dateline.places)
    assert (dateline.credit.text if dateline.credit else None) == credit


@pytest.mark.parametrize("body", ["The U.S. - Japan dispute went on.", "US - led forces moved.", "A - b", "Ministers met."])
def test_ordinary_openings_are_not_datelines(reader, body):
    assert reader.read(body) is None


def test_a_wire_story_dateline_is_a_place_and_never_an_actor(enricher):
    body = ("BRUSSELS (Reuters) - European Union governments agreed on Monday to impose new sanctions on Iran "
            "over its ballistic missile programme, diplomats said.")
    [record] = enricher.enrich_many([Article(id="d", body=body)])
    names = {e["name"] for e in record["entities"]}
    assert "BRUSSELS" not in names and "Reuters" not in names
    [brussels] = [p for p in record["places"] if p.get("dateline")]
    assert brussels["country_code"] == "BE" and brussels["mentions"][0]["found_by"] == "dateline"
    [event] = record["sanctions"]
    assert event["sanctioners"] == ["EU"]
    assert event["targets"] == ["IR"]
    assert event["status"] in ("imposed", "expanded")  # a decision taken to add to existing sanctions
    assert "Reuters" not in event["sanctioner_entities"] and "BRUSSELS" not in event["sanctioner_entities"]


def test_a_dateline_qualifier_says_where_the_place_is(reader):
    dateline = reader.read("BANGOR, Maine, March 3 (Reuters) - The mill closed.")
    assert [p.text for p in dateline.places] == ["BANGOR"]
    assert [q.text for q in dateline.qualifiers] == ["Maine"]  # the date is not a place


@pytest.mark.parametrize("body, places", [
    ("Prosecution rests in Ohio drowning trial . LEBANON (AP) \u2014 A pathologist testified.", ["LEBANON"]),
    ("Missing Ill. man found in lake. HUDSON -- Officials in central Illinois said.", ["HUDSON"]),
    ("Gov. Smith signs budget. COLUMBUS \u2014 The governor signed it.", ["COLUMBUS"]),
])
def test_a_dateline_a_headline_runs_into_is_read_when_it_names_a_place(reader, body, places):
    known = {"LEBANON", "HUDSON", "COLUMBUS"}
    dateline = reader.read(body, is_place=lambda name: name in known)
    assert [p.text for p in dateline.places] == places
    assert reader.read(body) is None  # without a gazetteer to ask, only the opening of a line counts


def test_a_run_on_dateline_must_name_a_known_place(reader):
    body = "Talks fail again. NATO \u2014 the alliance \u2014 said nothing."
    assert reader.read(body, is_place=lambda name: name in {"LEBANON"}) is None
