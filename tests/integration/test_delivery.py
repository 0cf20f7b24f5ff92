"""Nothing lost, nothing duplicated, on the real broker: a worker killed with SIGKILL, a broker outage."""
from __future__ import annotations

import signal
import time

import pytest

from fixtures.delivery import assert_exactly_once, private_producer, publish_articles, wait_for_enriched
from streams.ops import localkafka
from support import synthetic_articles

pytestmark = pytest.mark.integration


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


def test_the_worker_rides_out_a_15s_broker_outage(private_pipeline_settings, start_worker):
    """On a private broker (tests/fixtures/kafka.py): stopping it leaves the shared one alone."""
    settings = private_pipeline_settings
    articles = synthetic_articles(400, seed=12)
    worker = start_worker(settings)
    with private_producer(settings) as producer:
        publish_articles(producer, settings, articles)
    wait_for_enriched(worker, at_least=100)
    localkafka.stop(settings)
    try:
        outage_ends = time.monotonic() + 15
        while time.monotonic() < outage_ends:  # the outage itself; the worker must stay up through it
            assert worker.process.poll() is None, f"worker died in the outage:\n{worker.log()}"
            time.sleep(0.5)
    finally:
        localkafka.start(settings)
    try:
        assert_exactly_once(settings, articles)
    except AssertionError as failure:  # what the worker did after the outage says why
        raise AssertionError(f"{failure}\n--- worker log (end) ---\n{worker.log()}") from None
    assert worker.process.poll() is None


def test_a_second_worker_joining_mid_run_duplicates_nothing(pipeline_settings, start_worker, producer):
    articles = synthetic_articles(1200, seed=13)
    first = start_worker(pipeline_settings)
    publish_articles(producer, pipeline_settings, articles[:600])
    wait_for_enriched(first, at_least=150)
    second = start_worker(pipeline_settings)  # the group rebalances, possibly while the first wave still runs
    # A second wave once the newcomer is in, so that it has work on its partitions however fast the first was.
    publish_articles(producer, pipeline_settings, articles[600:])
    assert_exactly_once(pipeline_settings, articles)
    for worker in (first, second):
        assert worker.process.poll() is None, worker.log()
    assert "processing" in second.log()  # the newcomer took partitions over
