"""Sanctions detection on sentences of our own writing, through the real model."""
import pytest

from streams.articles.models import Article


def sanctions_of(enricher, text):
    [record] = enricher.enrich_many([Article(id="s", body=text)])
    return record["sanctions"]


@pytest.mark.parametrize(
    "text, status",
    [
        ("The European Union imposed sanctions on Belarus on Monday.", "imposed"),
        ("Washington threatened sanctions against Venezuela if the vote is delayed.", "threatened"),
        ("Canada plans to slap sanctions on Iranian officials next week.", "planned"),
        ("Britain will impose an asset freeze on five Syrian generals.", "planned"),
        ("Japan expanded its sanctions on North Korea to cover shipping.", "expanded"),
        ("The United States lifted its embargo on Cuba.", "lifted"),
        ("Analysts in Moscow said the sanctions on Russia hurt the rouble.", "imposed"),  # "the sanctions have hurt"
    ],
)
def test_status_of_a_sanctions_sentence(enricher, text, status):
    [found] = sanctions_of(enricher, text)
    assert found["status"] == status
    assert text[found["start"]:found["end"]] == found["sentence"]


def test_sanctioners_and_targets_are_countries(enricher):
    [found] = sanctions_of(enricher, "The European Union and Britain imposed sanctions on Russia and Belarus.")
    assert "GB" in found["sanctioners"]
    assert found["targets"] == ["RU", "BY"]


@pytest.mark.parametrize(
    "text",
    [
        "The board sanctioned the repurchase of 2 million shares.",
        "The court-sanctioned settlement was paid in March.",
        "The insurer is subject to sanctions by state regulators if it misses the deadline.",
        "The union called for a boycott of the company's products.",
    ],
)
def test_other_senses_of_sanction_are_not_sanctions(enricher, text):
    assert sanctions_of(enricher, text) == []
