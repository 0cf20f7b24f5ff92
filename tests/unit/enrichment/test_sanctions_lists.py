"""Matching names against the OFAC SDN and UN lists: tolerant of spelling, never of substrings."""
import pytest

from fixtures.nlp import OFAC_SDN
from streams.enrichment.sanctions_lists import SanctionsIndex, load_ofac_csv, skeleton


def ids(matches):
    return [(m["list"], m["entry_id"]) for m in matches]


@pytest.mark.parametrize(
    "name, entry_id",
    [("Vladimir Putin", "35096"), ("Putin Vladimir", "35096"), ("Vladimir Vladimirovich Putin", "35096"),
     ("Sergey Lavrov", "35233"), ("Sergei Lavrov", "35233"), ("Sergej Lavrov", "35233")],
)
def test_transliterations_and_word_order_match(sanctions_index, name, entry_id):
    assert ("OFAC SDN", entry_id) in ids(sanctions_index.match(name, "PERSON"))


@pytest.mark.parametrize(
    "name, label",
    [("Putin", "PERSON"), ("Computing Putin", "PERSON"), ("John Kerry", "PERSON"), ("Maria Lavrov", "ORG"),
     ("Putin Computing Company", "ORG")],
)
def test_no_false_positives(sanctions_index, name, label):
    assert sanctions_index.match(name, label) == []


def test_lavrova_is_not_lavrov(sanctions_index):
    assert "36404" not in [m["entry_id"] for m in sanctions_index.match("Sergey Lavrov", "PERSON")]
    assert [m["entry_id"] for m in sanctions_index.match("Maria Lavrova", "PERSON")][:1] == ["36404"]


def test_aliases_in_remarks_match_their_entry(sanctions_index):
    entry = next(e for e in load_ofac_csv(OFAC_SDN)
                 if e.kind == "individual" and any(len(a.split()) >= 2 for a in e.aliases))
    alias = next(a for a in entry.aliases if len(a.split()) >= 2)
    assert entry.entry_id in [m["entry_id"] for m in sanctions_index.match(alias, "PERSON")]


def test_un_entries_match(sanctions_index):
    matches = [m for m in sanctions_index.match("Kim Jong Un", "PERSON")]
    assert matches and matches[0]["score"] >= 0.95


def test_skeleton_folds_transliteration():
    assert skeleton("Sergey") == skeleton("Sergei") == skeleton("Sergej")
    assert skeleton("Mohammed") == skeleton("Mohamed")
    assert skeleton("COMPUTING") != skeleton("PUTIN")


def test_the_full_ofac_file_loads_every_row():
    index = SanctionsIndex()
    index.add(load_ofac_csv(OFAC_SDN))
    assert len(index) > 14_000
