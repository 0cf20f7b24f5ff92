"""The one Faust app, its topics, and the settings it was built from."""
from __future__ import annotations

import faust

from streams.settings import Settings

settings = Settings.from_env()

app = faust.App(
    settings.app_id,
    broker=settings.broker_urls,
    autodiscover=["streams.pipeline"],
    origin="streams",
    store="memory://",
    datadir=str(settings.home / "worker-data" / settings.app_id),
    web_enabled=False,
    topic_partitions=settings.topic_partitions,
    topic_replication_factor=settings.topic_replication,
    consumer_auto_offset_reset="earliest",
    producer_acks=-1,
    # NLP batches run in a thread; leave generous room before Kafka thinks the worker died.
    broker_session_timeout=60.0,
    broker_heartbeat_interval=3.0,
    broker_max_poll_interval=600.0,
)


def _raw_topic(name: str) -> faust.TopicT:
    return app.topic(name, key_serializer="raw", value_serializer="raw", partitions=settings.topic_partitions)


class Topics:
    raw = _raw_topic(settings.topics.raw)
    enriched = _raw_topic(settings.topics.enriched)
    alerts_sanctions = _raw_topic(settings.topics.alerts_sanctions)
    alerts_watchlist = _raw_topic(settings.topics.alerts_watchlist)
    deadletter = _raw_topic(settings.topics.deadletter)
