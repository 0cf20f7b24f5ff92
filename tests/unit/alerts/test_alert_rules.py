"""The alerting stage's YAML alert rules (NEWSSTREAM_RULES, streams/alerts/rules.py): loading and mistakes.

Not the Prometheus alerting rules (test_prometheus_alerting_rules.py), nor the sanctions trigger tables."""
import pytest

from streams.alerts.rules import RulesError, load_rules, parse_rules
from streams.settings import PROJECT_ROOT


def test_the_example_rules_load():
    rules = load_rules(PROJECT_ROOT / "deploy" / "rules.example.yml")
    assert [r.name for r in rules.sanctions] == ["sanctions-on-russia", "sanctions-lifecycle"]
    assert rules.sanctions[1].track == "lifecycle"
    assert rules.watchlist[1].countries == {"UA"} and rules.watchlist[1].geonameids == {703883}


def test_no_file_means_one_rule_on_any_sanctions_mention():
    rules = load_rules(None)
    [rule] = rules.sanctions
    assert (rule.name, rule.statuses, rule.track) == ("sanctions-mention", frozenset(), "story")


@pytest.mark.parametrize(
    "text, line, says",
    [
        ("sanctions:\n  - name: a\n    severity: huge\n", 3, "'huge' is not one of"),
        ("sanctions:\n  - name: a\n    severity: low\n    statuses: [imposed, maybe]\n", 4, "'maybe' is not one of"),
        ("watchlist:\n  - name: w\n    severity: low\n", 2, "needs entities, list_matches, countries or geonameids"),
        ("watchlist:\n  - name: w\n    severity: low\n    countries: [Russia]\n", 4, "does not match"),
        ("sanctions:\n  - name: a\n    severity: low\n  - name: a\n    severity: high\n", 4, "used twice"),
        ("sanctions:\n  - name: a\n    severity: low\n    colour: red\n", 2, "'colour' was unexpected"),
        ("sanctions: [\n", 2, "not valid YAML"),
        ("", None, "empty"),
    ],
)
def test_a_bad_rules_file_names_the_line_and_the_reason(text, line, says):
    with pytest.raises(RulesError) as caught:
        parse_rules(text, "rules.yml")
    message = str(caught.value)
    assert says in message
    if line:
        assert message.startswith(f"rules.yml: line {line}:"), message
