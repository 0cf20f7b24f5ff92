"""Nothing lost, nothing duplicated, on the real broker: a worker killed with SIGKILL, a broker outage."""
from __future__ import annotations

import signal
import time

import orjson
import pytest

from fixtures.kafka import publish_raw, read_settled, read_topic
from fixtures.worker import scrape
from streams import localkafka
from support import assert_conforms, synthetic_articles

pytestmark = pytest.mark.integration


def publish_articles(producer, settings, articles: list[dict]) -> None:
    publish_raw(producer, settings.topics.raw, [(a["id"].encode(), orjson.dumps(a)) for a in articles])


def wait_for_enriched(worker, at_least: int, timeout_s: float = 180.0) -> float:
    """Until the worker's own counter says `at_least` articles are enriched; fail with its log if not."""
    deadline = time.monotonic() + timeout_s
    done = 0.0
    while time.monotonic() < deadline:
        assert worker.process.poll() is None, f"worker exited with {worker.process.returncode}:\n{worker.log()}"
        try:
            done = scrape(worker.metrics_url).get("newsstream_articles_enriched_total", 0.0)
        except OSError:
            pass
        if done >= at_least:
            return done
        time.sleep(0.2)
    raise AssertionError(f"{done:.0f} of {at_least} enriched within {timeout_s:.0f}s:\n{worker.log()}")


def assert_exactly_once(settings, articles: list[dict]) -> None:
    """Every article enriched exactly once, nothing dead-lettered, and one alert per sanctions story."""
    topics = settings.topics
    enriched = [orjson.loads(m.value) for m in read_topic(settings, topics.enriched, len(articles), timeout_s=300)]
    enriched += [orjson.loads(m.value) for m in read_settled(settings, topics.enriched, quiet_s=3)][len(enriched):]
    ids = [record["id"] for record in enriched]
    assert len(ids) == len(set(ids)), f"{len(ids) - len(set(ids))} enriched records appear twice"
    assert set(ids) == {a["id"] for a in articles}
    sources = {(r["processing"]["source_offset"]["partition"], r["processing"]["source_offset"]["offset"])
               for r in enriched}
    assert len(sources) == len(articles)  # one record per input offset
    assert read_settled(settings, topics.deadletter, quiet_s=1) == []

    with_sanctions = {r["id"] for r in enriched if r["sanctions"]}
    assert len(with_sanctions) >= len(articles) // 4  # every third article is about sanctions
    alerts = [orjson.loads(m.value) for m in read_topic(settings, topics.alerts_sanctions, len(with_sanctions))]
    alerts += [orjson.loads(m.value) for m in read_settled(settings, topics.alerts_sanctions, quiet_s=3)][len(alerts):]
    alert_ids = [a["alert_id"] for a in alerts]
    assert len(alert_ids) == len(set(alert_ids)), f"{len(alert_ids) - len(set(alert_ids))} alerts raised twice"
    assert {a["article"]["id"] for a in alerts} == with_sanctions
    for document in enriched[:50] + alerts[:50]:
        assert_conforms("alert" if "alert_id" in document else "enriched", document)


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(pipeline_settings, start_worker, producer):
    articles = synthetic_articles(1000, seed=11)
    first = start_worker(pipeline_settings)
    publish_articles(producer, pipeline_settings, articles)
    wait_for_enriched(first, at_least=300)
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(timeout=10)

    second = start_worker(pipeline_settings)
    assert_exactly_once(pipeline_settings, articles)
    assert "processing" in second.log()  # it picked up the partitions where the first left them


def test_the_worker_rides_out_a_15s_broker_outage(kafka, pipeline_settings, start_worker, producer):
    if kafka.external_kafka:
        pytest.skip("stops the broker: only with the local one")
    articles = synthetic_articles(400, seed=12)
    worker = start_worker(pipeline_settings)
    publish_articles(producer, pipeline_settings, articles)
    wait_for_enriched(worker, at_least=100)
    localkafka.stop(kafka)
    try:
        outage_ends = time.monotonic() + 15
        while time.monotonic() < outage_ends:  # the outage itself; the worker must stay up through it
            assert worker.process.poll() is None, f"worker died in the outage:\n{worker.log()}"
            time.sleep(0.5)
    finally:
        localkafka.start(kafka)
    assert_exactly_once(pipeline_settings, articles)
    assert worker.process.poll() is None
