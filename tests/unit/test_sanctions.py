"""Sanctions detection on sentences of our own writing, through the real model."""
import pytest

from streams.records.models import Article


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


# Status as the labelling guide defines it: modality, conditions, negation, vetoes and calls by others decide.
@pytest.mark.parametrize(
    "text, status",
    [
        ("Washington may be able to lift the sanctions on Havana by summer.", "discussed"),
        ("The foreign minister said he hopes to lift the sanctions on Minsk soon.", "discussed"),
        ("The minister urged the president to lift the sanctions on Caracas.", "discussed"),
        ("Two permanent members vetoed a resolution to impose sanctions on Syria.", "discussed"),
        ("Ottawa did not impose sanctions on Belarus.", "discussed"),
        ("The European Union agreed to impose sanctions on Belarus from Monday.", "planned"),
        ("If the vote goes ahead, Britain will impose sanctions on Belarus.", "threatened"),
        ("Belarus has been under European Union sanctions since 2006.", "imposed"),
        ("The sanctions-hit economy of Iran shrank again.", "imposed"),
        ("The government lifted its embargo on Cuban cigars on Friday.", "lifted"),
        ("The agenda includes the lifting of sanctions and the status of the language.", "discussed"),
        ("Activists called for an arms embargo against Myanmar.", "discussed"),
        ("Sanctions must be further strengthened.", "discussed"),
    ],
)
def test_status_follows_the_labelling_guide(enricher, text, status):
    [found] = sanctions_of(enricher, text)
    assert found["status"] == status


@pytest.mark.parametrize(
    "text, sanctioner, target",
    [
        ("Reagan's sanctions against Japan took effect on Friday.", "US", "JP"),  # a leader from the dated table
        ("U.S. trade sanctions on Japan hit chip makers.", "US", "JP"),  # an adjective
        ("Australian sanctions on Russian officials came into force.", "AU", "RU"),  # a demonym; people as targets
        ("The Treasury blacklisted three Iranian oil tankers.", "US", "IR"),  # a stand-in; goods as targets
        ("The Kremlin imposed an embargo on Georgian wine.", "RU", "GE"),
        ("U.S. President Barack Obama imposed sanctions on North Korea.", "US", "KP"),
    ],
)
def test_sanctioners_and_targets_from_the_parse(enricher, text, sanctioner, target):
    [found] = sanctions_of(enricher, text)
    assert sanctioner in found["sanctioners"] and len(found["sanctioners"]) <= 2
    assert target in found["targets"] and len(found["targets"]) <= 2


def test_a_person_with_a_title_stands_for_the_country_named_with_it(enricher):
    [found] = sanctions_of(enricher, "Ruritanian President Anton Blumfeld imposed sanctions on Syria.")
    assert "SY" in found["targets"]
    [found] = sanctions_of(enricher, "French Foreign Minister Anne Dupuis said Paris would impose sanctions on Syria.")
    assert "FR" in found["sanctioners"]


def test_the_verb_sanction_needs_someone_punished(enricher):
    assert sanctions_of(enricher, "The Treasury sanctioned ten Venezuelan officials on Thursday.")
    assert sanctions_of(enricher, "The board sanctioned the repurchase of shares.") == []
