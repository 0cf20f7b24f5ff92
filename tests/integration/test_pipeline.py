"""The whole pipeline on the real broker with a real worker process."""
from __future__ import annotations

import base64
import subprocess
import time

import orjson
import pytest

from fixtures.kafka import publish_raw, read_topic
from fixtures.worker import NEWSSTREAM, scrape, settings_env
from support import SEED, assert_conforms, person_names, place_mention_texts, places_by_name, shared_file

pytestmark = pytest.mark.integration


def test_seed_article_end_to_end(pipeline_settings, start_worker):
    worker = start_worker(pipeline_settings)
    topics = pipeline_settings.topics
    published = subprocess.run(
        [NEWSSTREAM, "publish", str(shared_file(SEED))], env=settings_env(pipeline_settings),
        capture_output=True, text=True, timeout=120,
    )
    assert published.returncode == 0, published.stderr
    assert orjson.loads(published.stdout) == {"topic": topics.raw, "sent": 1, "rejected": 0, "rejected_by_reason": {}}

    [enriched_message] = read_topic(pipeline_settings, topics.enriched, 1)
    record = orjson.loads(enriched_message.value)
    assert_conforms("enriched", record)
    assert enriched_message.key == record["id"].encode()
    assert record["title"] == "Kerry: US won't recognize Crimea vote"
    assert {"John Kerry", "Sergey Lavrov", "Vladimir Putin"} <= person_names(record)
    places = places_by_name(record)
    for name, country in [("Ukraine", "UA"), ("Russia", "RU"), ("Crimea", "UA"), ("Moscow", "RU")]:
        assert places[name]["country_code"] == country, places.get(name)
    assert "Crimea" in place_mention_texts(record)
    assert record["processing"]["source_offset"]["topic"] == topics.raw

    alerts = [orjson.loads(m.value) for m in read_topic(pipeline_settings, topics.alerts_sanctions, 1)]
    for alert in alerts:
        assert_conforms("alert", alert)
    [alert] = alerts
    assert alert["article"]["id"] == record["id"]
    quoted = [e["sentence"] for e in alert["evidence"]]
    assert any("U.S. and European Union plan to slap sanctions" in s for s in quoted), quoted
    body = shared_file(SEED).read_text(encoding="utf-8")
    article_body = body.partition("\n")[2].strip("\n")
    for evidence in alert["evidence"]:
        assert article_body[evidence["start"]:evidence["end"]] == evidence["sentence"]
    worker.stop()


def test_bad_messages_are_dead_lettered_and_the_worker_goes_on(pipeline_settings, start_worker, producer):
    start_worker(pipeline_settings)
    topics = pipeline_settings.topics
    not_json = b"this is not JSON {"
    no_body = orjson.dumps({"id": "no-body-1", "title": "An article without a body"})
    good = orjson.dumps({"id": "good-1", "title": "Talks in Geneva",
                         "body": "Diplomats from France and Germany met in Geneva on Tuesday to discuss trade."})
    publish_raw(producer, topics.raw, [(b"k1", not_json), (b"no-body-1", no_body)])
    publish_raw(producer, topics.raw, [(b"good-1", good)])

    letters = [orjson.loads(m.value) for m in read_topic(pipeline_settings, topics.deadletter, 2)]
    for letter in letters:
        assert_conforms("deadletter", letter)
    by_reason = {letter["reason"]: letter for letter in letters}
    assert set(by_reason) == {"not_json", "invalid_article"}
    assert base64.b64decode(by_reason["not_json"]["original_b64"]) == not_json
    assert base64.b64decode(by_reason["invalid_article"]["original_b64"]) == no_body
    assert "body" in by_reason["invalid_article"]["error"]
    assert by_reason["invalid_article"]["article_id"] == "no-body-1"
    assert all(letter["source"]["topic"] == topics.raw for letter in letters)

    [enriched] = read_topic(pipeline_settings, topics.enriched, 1)
    record = orjson.loads(enriched.value)
    assert_conforms("enriched", record)
    assert record["id"] == "good-1"
    assert {"France", "Germany", "Geneva"} <= set(places_by_name(record))


def _samples_when(url: str, condition, timeout_s: float = 60.0):
    deadline = time.monotonic() + timeout_s
    samples = scrape(url)
    while not condition(samples) and time.monotonic() < deadline:
        time.sleep(0.2)
        samples = scrape(url)
    return samples


def test_metrics_count_consumed_and_enriched_articles(pipeline_settings, start_worker, producer):
    worker = start_worker(pipeline_settings)
    raw = pipeline_settings.topics.raw
    before = scrape(worker.metrics_url)
    assert before.has("newsstream_articles_enriched_total")  # served from the start, at 0
    assert before.value("newsstream_articles_enriched_total") == 0.0
    articles = [
        (f"m-{i}".encode(), orjson.dumps({"id": f"m-{i}", "body": f"Officials in Berlin and Paris met for round {i} of talks."}))
        for i in range(5)
    ]
    publish_raw(producer, pipeline_settings.topics.raw, articles)
    after = _samples_when(worker.metrics_url, lambda s: s.value("newsstream_articles_enriched_total") >= 5)
    assert after.value("newsstream_articles_enriched_total") == 5.0
    assert after.value("newsstream_articles_consumed_total", topic=raw) == 5.0
    publish_raw(producer, pipeline_settings.topics.raw, articles[:2])
    later = _samples_when(worker.metrics_url, lambda s: s.value("newsstream_articles_enriched_total") >= 7)
    assert later.value("newsstream_articles_enriched_total") == 7.0
    assert later.value("newsstream_articles_consumed_total", topic=raw) == 7.0
    assert later.value("newsstream_stage_duration_seconds_count", stage="nlp") >= 2
