"""At the largest batch the settings allow, the NLP never keeps the worker's event loop from its heartbeats."""
from __future__ import annotations


import pytest

from fixtures.delivery import publish_articles, wait_for_enriched
from fixtures.worker import scrape
from streams.settings import HEARTBEAT_INTERVAL_S, MAX_BATCH_SIZE
from support import synthetic_articles

pytestmark = pytest.mark.integration


def test_the_event_loop_stays_free_while_the_largest_batch_is_parsed(pipeline_settings, start_worker, producer):
    settings = pipeline_settings.with_(batch_size=MAX_BATCH_SIZE, batch_window_s=5.0, topic_partitions=1)
    short = synthetic_articles(MAX_BATCH_SIZE * 10, seed=14)
    # Long articles (about 600 words), so that one batch keeps the NLP thread busy for many seconds.
    articles = [dict(short[i * 10], body=" ".join(a["body"] for a in short[i * 10:i * 10 + 10]))
                for i in range(MAX_BATCH_SIZE)]
    publish_articles(producer, settings, articles)  # all waiting before the worker starts: full batches
    worker = start_worker(settings)
    wait_for_enriched(worker, at_least=len(articles), timeout_s=600)
    samples = scrape(worker.metrics_url)
    assert samples.has("newsstream_batch_size_messages_bucket", le=f"{MAX_BATCH_SIZE / 2}")
    at_most_half = samples.value("newsstream_batch_size_messages_bucket", le=f"{MAX_BATCH_SIZE / 2}")
    assert at_most_half < samples.value("newsstream_batch_size_messages_count"), "no batch above half the maximum size"
    assert samples.has("newsstream_event_loop_lag_max_seconds")
    worst_lag = samples.value("newsstream_event_loop_lag_max_seconds")
    assert worst_lag < HEARTBEAT_INTERVAL_S, f"the event loop was blocked for {worst_lag:.2f}s"
