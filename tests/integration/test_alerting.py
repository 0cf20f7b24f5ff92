"""Alerting on the real broker: one alert per story, lifecycles, watchlists, state across restarts."""
from __future__ import annotations

import subprocess

import orjson
import pytest

from fixtures.kafka import publish_raw, read_settled, read_topic
from fixtures.worker import NEWSSTREAM, settings_env
from support import SANCTIONS_IMPOSED, SANCTIONS_THREATENED, SEED, assert_conforms, lightly_edited, shared_file

pytestmark = pytest.mark.integration

RULES = """
sanctions:
  - name: story
    severity: high
    statuses: [planned, threatened, imposed, expanded, lifted]
  - name: lifecycle
    severity: high
    track: lifecycle
    statuses: [threatened, planned, imposed, expanded, lifted]
    targets: [BY]
watchlist:
  - name: ukraine
    severity: medium
    countries: [UA]
"""


@pytest.fixture
def alert_settings(pipeline_settings, tmp_path):
    rules = tmp_path / "rules.yml"
    rules.write_text(RULES)
    return pipeline_settings.with_(rules_path=str(rules))


def article(article_id: str, body: str, title: str | None = None) -> tuple[bytes, bytes]:
    return article_id.encode(), orjson.dumps({"id": article_id, "title": title, "body": body})


def alerts_on(settings, topic: str, count: int) -> list[dict]:
    alerts = [orjson.loads(m.value) for m in read_topic(settings, topic, count)]
    for alert in alerts:
        assert_conforms("alert", alert)
    return alerts


def test_one_alert_per_story_lifecycle_changes_and_a_watchlist(alert_settings, start_worker, producer):
    topics = alert_settings.topics
    start_worker(alert_settings)
    seed = shared_file(SEED).read_text(encoding="utf-8")
    publish_raw(producer, topics.raw, [article("seed-ap", seed)])
    read_topic(alert_settings, topics.enriched, 1)
    publish_raw(producer, topics.raw, [article("seed-copy-other-outlet", lightly_edited(seed))])
    read_topic(alert_settings, topics.enriched, 2)
    publish_raw(producer, topics.raw, [article("by-1", SANCTIONS_THREATENED)])
    first = alerts_on(alert_settings, topics.alerts_sanctions, 3)  # seed story, by-1 story, by-1 lifecycle
    publish_raw(producer, topics.raw, [article("by-2", SANCTIONS_IMPOSED)])

    sanctions = alerts_on(alert_settings, topics.alerts_sanctions, 5)
    story_alerts = [a for a in sanctions if a["rule"] == "story"]
    assert sorted(a["article"]["id"] for a in story_alerts) == ["by-1", "by-2", "seed-ap"]  # the copy raised nothing
    [seed_alert] = [a for a in story_alerts if a["article"]["id"] == "seed-ap"]
    assert any("plan to slap sanctions" in e["sentence"] for e in seed_alert["evidence"])

    # Alerts of different articles may sit on different partitions: order them by the relationship's history.
    lifecycle = sorted((a["relationship"] for a in sanctions if a["rule"] == "lifecycle"),
                       key=lambda r: r["previous_status"] is not None)
    assert lifecycle == [
        {"sanctioner": "LT", "target": "BY", "status": "threatened", "previous_status": None},
        {"sanctioner": "LT", "target": "BY", "status": "imposed", "previous_status": "threatened"},
    ]
    assert all(alert in sanctions for alert in first)  # nothing published twice or changed

    tail = subprocess.run(
        [NEWSSTREAM, "tail", "sanctions", "--from-beginning", "--country", "BY", "--severity", "high", "--format", "line",
         "--max", "4", "--timeout", "30"],
        env=settings_env(alert_settings), capture_output=True, text=True, timeout=60,
    )
    assert tail.returncode == 0, tail.stderr
    lines = tail.stdout.splitlines()
    assert len(lines) == 4 and all("[BY" in line or ",BY" in line for line in lines), lines
    assert any("LT->BY threatened->imposed" in line for line in lines), lines

    [watch] = alerts_on(alert_settings, topics.alerts_watchlist, 1)
    assert (watch["rule"], watch["article"]["id"]) == ("ukraine", "seed-ap")
    assert "Ukraine" in watch["places"] and watch["evidence"]


def test_story_state_survives_a_restart(alert_settings, start_worker, producer):
    topics = alert_settings.topics
    seed = shared_file(SEED).read_text(encoding="utf-8")
    worker = start_worker(alert_settings)
    publish_raw(producer, topics.raw, [article("seed-ap", seed)])
    before = alerts_on(alert_settings, topics.alerts_sanctions, 1)
    worker.stop()

    start_worker(alert_settings)
    publish_raw(producer, topics.raw, [article("seed-ap", seed)])
    read_topic(alert_settings, topics.enriched, 2)  # the re-published seed went through enrichment
    # A new story after it: once its alert is out, the seed's turn in the alerting queue has passed.
    publish_raw(producer, topics.raw, [article("by-1", SANCTIONS_THREATENED)])
    alerts_on(alert_settings, topics.alerts_sanctions, 3)  # by-1's story and lifecycle alerts are out
    after = [orjson.loads(m.value) for m in read_settled(alert_settings, topics.alerts_sanctions, quiet_s=3)]
    assert sorted(a["article"]["id"] for a in after) == ["by-1", "by-1", "seed-ap"]
    assert [a for a in after if a["article"]["id"] == "seed-ap"] == before
