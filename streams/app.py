"""The one Faust app, its topics, and the settings it was built from."""
from __future__ import annotations

import faust

from streams.settings import Settings

settings = Settings.from_env()

app = faust.App(
    settings.app_id,
    broker=settings.broker_urls,
    autodiscover=["streams.pipeline", "streams.alerts"],
    origin="streams",
    store="memory://",
    datadir=str(settings.home / "worker-data" / settings.app_id),
    web_enabled=False,
    topic_partitions=settings.topic_partitions,
    topic_replication_factor=settings.topic_replication,
    consumer_auto_offset_reset="earliest",
    producer_acks=-1,
    # Topics set their own (raw) serializers; these apply to the alerting state tables.
    key_serializer="json",
    value_serializer="json",
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


# Alerting keeps story-level state (de-duplication, sanctions lifecycles) in tables. Every enriched
# record is re-keyed onto this one-partition topic, so that all of the state lives in one place
# whichever worker enriched the article; alerting is light enough for one partition.
alerting = app.topic(f"{settings.app_id}-alerting", key_serializer="raw", value_serializer="raw", partitions=1,
                     internal=True)


def _state_table(name: str):
    return app.Table(name, default=None, partitions=1)


class StoryTables:
    articles = _state_table("alert-articles")
    bands = _state_table("alert-story-bands")
    alerted = _state_table("alert-alerted")
    relationships = _state_table("alert-relationships")
