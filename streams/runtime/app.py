"""`create_app(settings)`: the one place that builds the Faust app, its topics, publishers and agents.

Nothing here runs at import. The worker, the tests and the bench call `create_app` with the settings
they were given; a test passes in-memory publishers or a ready processor instead of the real ones.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import faust

from streams.runtime.alert_agent import AlertingStage, register_alerting
from streams.runtime.enrich_agent import EnrichmentStage, register_enrichment
from streams.runtime.faust_hooks import TransactionalApp
from streams.runtime.monitors import register_monitors
from streams.runtime.shutdown import fatal
from streams.runtime.transactions import TransactionalPublisher
from streams.settings import HEARTBEAT_INTERVAL_S, Settings

# The state's changelog: compacted, written in the same transactions as the alerts it led to.
# Expired keys get tombstones (see streams.alerts.store); compaction keeps a tombstone for a day, so that a
# restore never misses one, and leaves the newest hour alone.
STATE_TOPIC_CONFIG = {"min.compaction.lag.ms": str(3600 * 1000), "delete.retention.ms": str(24 * 3600 * 1000),
                      "cleanup.policy": "compact"}


@dataclass(frozen=True)
class Channels:
    """The topics Faust itself reads or declares. Outputs are published by `streams.runtime.transactions`, by name."""
    raw: faust.TopicT
    # Alerting keeps story-level state (de-duplication, sanctions lifecycles). The enrichment stage writes every
    # enriched record onto this one-partition topic too, so that all of the state lives in one place whichever
    # worker enriched the article; alerting is light enough for one partition.
    alerting: faust.TopicT
    alerting_state: faust.TopicT


class NewsstreamApp(TransactionalApp):
    """The Faust app with what `create_app` wired into it."""
    settings: Settings
    channels: Channels
    enrichment: EnrichmentStage
    alerting: AlertingStage


def broker_credentials(settings: Settings):
    """Faust's form of the Kafka security settings (None: plaintext, no authentication)."""
    from streams.ops.kafka_admin import ssl_context

    context = ssl_context(settings)
    if settings.uses_sasl:
        return faust.SASLCredentials(username=settings.sasl_username,
                                     password=settings.sasl_password.get_secret_value(),
                                     mechanism=settings.sasl_mechanism, ssl_context=context)
    if context is not None:
        return faust.SSLCredentials(context)
    return None


def _faust_app(settings: Settings) -> NewsstreamApp:
    return NewsstreamApp(
        settings.app_id,
        broker_credentials=broker_credentials(settings),
        broker=settings.broker_urls,
        autodiscover=False,  # agents are registered by create_app, from the settings it was given
        store="memory://",
        datadir=str(settings.home / "worker-data" / settings.app_id),
        web_enabled=False,
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        # NLP batches run in a thread; leave generous room before Kafka thinks the worker died.
        broker_session_timeout=settings.session_timeout_s,
        broker_heartbeat_interval=HEARTBEAT_INTERVAL_S,
        broker_max_poll_interval=600.0,
        # Faust warns when *it* has not committed a partition for this long; our transactions commit instead.
        broker_commit_livelock_soft_timeout=7 * 24 * 3600.0,
    )


def _channels(app: faust.App, settings: Settings) -> Channels:
    def raw_bytes(name: str, **options) -> faust.TopicT:
        return app.topic(name, key_serializer="raw", value_serializer="raw", **options)

    return Channels(
        raw=raw_bytes(settings.topics.raw, partitions=settings.topic_partitions),
        alerting=raw_bytes(f"{settings.app_id}-alerting", partitions=1, internal=True),
        alerting_state=raw_bytes(f"{settings.app_id}-alerting-state", partitions=1, internal=True, compacting=True,
                                 deleting=False, config=STATE_TOPIC_CONFIG),
    )


def create_app(settings: Settings, *, enrich_publisher: TransactionalPublisher | None = None,
               alert_publisher: TransactionalPublisher | None = None,
               processor_factory: Callable | None = None, rules=None,
               on_fatal: Callable[[int, str], None] | None = None) -> NewsstreamApp:
    """The app, its topics and its agents, built from `settings` alone.

    The keyword arguments swap an I/O end or a dependency (tests pass in-memory publishers, a processor on a
    blank pipeline, or rules); left out, each is built from the settings.
    """
    on_fatal = on_fatal or fatal
    app = _faust_app(settings)
    app.settings = settings
    app.channels = _channels(app, settings)
    app.enrichment = register_enrichment(app, _publisher(app, settings, "enrich", enrich_publisher, on_fatal),
                                         processor_factory, on_fatal)
    app.alerting = register_alerting(app, _publisher(app, settings, "alerting", alert_publisher, on_fatal),
                                     rules, on_fatal)
    register_monitors(app, app.enrichment)
    return app


def _publisher(app, settings: Settings, stage: str, given, on_fatal) -> TransactionalPublisher:
    if given is not None:
        return given
    publisher = TransactionalPublisher(settings, stage).follow(app)
    publisher.on_fatal = on_fatal
    return publisher
