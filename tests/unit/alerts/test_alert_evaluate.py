"""Alerting logic on enriched records of our own writing, with the state in plain dicts."""
import pytest

from streams.alerts.evaluate import AlertState, evaluate
from streams.alerts.rules import parse_rules
from streams.records.models import Article
from support import SANCTIONS_IMPOSED, SANCTIONS_THREATENED, assert_conforms

RULES = parse_rules(
    """
sanctions:
  - name: any-sanctions
    severity: medium
  - name: lifecycle
    severity: high
    track: lifecycle
    statuses: [threatened, planned, imposed, expanded, lifted]
watchlist:
  - name: belarus
    severity: low
    countries: [BY]
  - name: belarus-troops
    severity: high
    countries: [BY]
    keywords: [troops]
""",
    "test rules",
)

THREAT, IMPOSED = SANCTIONS_THREATENED, SANCTIONS_IMPOSED


@pytest.fixture
def enrich(enricher):
    def run(article_id, body):
        [record] = enricher.enrich_many([Article(id=article_id, body=body)])
        return record
    return run


def test_a_story_alerts_once_however_often_it_comes(enrich):
    state = AlertState.in_memory()
    first = evaluate(enrich("a-1", THREAT), RULES, state)
    assert {a["rule"] for a in first} == {"any-sanctions", "lifecycle", "belarus"}
    for alert in first:
        assert_conforms("alert", alert)
    assert evaluate(enrich("a-1", THREAT), RULES, state) == []  # the same article again
    edited = THREAT.replace("on Tuesday", "on Tuesday evening")
    assert evaluate(enrich("other-outlet-7", edited), RULES, state) == []  # a near-copy from another outlet


def test_each_change_of_status_raises_one_lifecycle_alert(enrich):
    state = AlertState.in_memory()
    evaluate(enrich("t-1", THREAT), RULES, state)
    second = evaluate(enrich("t-2", IMPOSED), RULES, state)
    [change] = [a for a in second if a["rule"] == "lifecycle"]
    assert change["relationship"] == {"sanctioner": "LT", "target": "BY", "status": "imposed", "previous_status": "threatened"}
    assert {a["rule"] for a in second} == {"any-sanctions", "lifecycle", "belarus"}  # a new story
    assert [a for a in evaluate(enrich("t-3", IMPOSED + " More to follow."), RULES, state) if a["rule"] == "lifecycle"] == []


def test_keywords_narrow_a_watchlist_rule(enrich):
    state = AlertState.in_memory()
    alerts = evaluate(enrich("k-1", "Belarus moved troops to the border near Grodno, officials in Minsk said."), RULES, state)
    [troops] = [a for a in alerts if a["rule"] == "belarus-troops"]
    assert "troops" in troops["evidence"][0]["sentence"]
    assert troops["places"] and troops["severity"] == "high"


def test_keywords_are_looked_for_in_the_evidence_sentences_not_the_title(enricher):
    article = Article(id="k-2", title="Belarus moves troops to the border",
                      body="Belarus closed the border near Grodno on Monday, officials in Minsk said.")
    [record] = enricher.enrich_many([article])
    rules = {a["rule"] for a in evaluate(record, RULES, AlertState.in_memory())}
    assert "belarus" in rules  # the place is there, in a sentence of the body
    assert "belarus-troops" not in rules  # "troops" is only in the title


def test_alert_ids_are_deterministic(enrich):
    ids = [sorted(a["alert_id"] for a in evaluate(enrich("d-1", THREAT), RULES, AlertState.in_memory())) for _ in range(2)]
    assert ids[0] == ids[1]
