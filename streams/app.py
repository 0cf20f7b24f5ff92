"""The one Faust app, its topics, and the settings it was built from."""
from __future__ import annotations

import logging
import os
import signal
import threading
import time

import faust
from faust.transport.drivers import aiokafka as aiokafka_driver

from streams.settings import HEARTBEAT_INTERVAL_S, Settings

settings = Settings.from_env()


class _ReadCommittedConsumerThread(aiokafka_driver.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport):
        consumer = super()._create_worker_consumer(transport)
        # Our inputs are written in transactions: never hand an agent a record of an aborted one.
        # (Faust reads committed only in its own exactly_once mode, which we do not use, see transactions.py.)
        consumer._isolation_level = "read_committed"
        return consumer


class _TransactionalConsumer(aiokafka_driver.Consumer):
    """Faust's consumer, minus its offset commits: `streams.transactions` commits every input offset
    inside the transaction that published the outputs, and a second, out-of-band commit could
    move the group's offset backwards past them."""

    def _new_consumer_thread(self):
        return _ReadCommittedConsumerThread(self, loop=self.loop, beacon=self.beacon)

    def _should_commit(self, tp, offset) -> bool:
        return False


class _Transport(aiokafka_driver.Transport):
    Consumer = _TransactionalConsumer


class NewsstreamApp(faust.App):
    def _new_transport(self):
        return _Transport(self.conf.broker_consumer, self)


def broker_credentials(settings: Settings):
    """Faust's form of the Kafka security settings (None: plaintext, no authentication)."""
    from streams.kafka_admin import ssl_context

    context = ssl_context(settings)
    if settings.uses_sasl:
        return faust.SASLCredentials(username=settings.sasl_username, password=settings.sasl_password,
                                     mechanism=settings.sasl_mechanism, ssl_context=context)
    if context is not None:
        return faust.SSLCredentials(context)
    return None


app = NewsstreamApp(
    settings.app_id,
    broker_credentials=broker_credentials(settings),
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
    # NLP batches run in a thread; leave generous room before Kafka thinks the worker died.
    broker_session_timeout=settings.session_timeout_s,
    broker_heartbeat_interval=HEARTBEAT_INTERVAL_S,
    broker_max_poll_interval=600.0,
    # Faust warns when *it* has not committed a partition for this long; our transactions commit instead.
    broker_commit_livelock_soft_timeout=7 * 24 * 3600.0,
)


def _raw_topic(name: str) -> faust.TopicT:
    return app.topic(name, key_serializer="raw", value_serializer="raw", partitions=settings.topic_partitions)


class Topics:
    # The only pipeline topic Faust reads. Outputs are published by streams.transactions, by name.
    raw = _raw_topic(settings.topics.raw)


# Alerting keeps story-level state (de-duplication, sanctions lifecycles). The enrichment stage
# writes every enriched record onto this one-partition topic too, so that all of the state lives in
# one place whichever worker enriched the article; alerting is light enough for one partition.
alerting = app.topic(f"{settings.app_id}-alerting", key_serializer="raw", value_serializer="raw", partitions=1,
                     internal=True)
# The state's changelog: compacted, written in the same transactions as the alerts it led to.
# Expired keys get tombstones (see streams.alerts.store); compaction keeps a tombstone for a day, so that a
# restore never misses one, and leaves the newest hour alone.
STATE_TOPIC_CONFIG = {"min.compaction.lag.ms": str(3600 * 1000), "delete.retention.ms": str(24 * 3600 * 1000),
                      "cleanup.policy": "compact"}
alerting_state = app.topic(f"{settings.app_id}-alerting-state", key_serializer="raw", value_serializer="raw",
                           partitions=1, internal=True, compacting=True, deleting=False, config=STATE_TOPIC_CONFIG)


# --- shutdown: bounded in every state ----------------------------------------------------------------

log = logging.getLogger(__name__)
_exit = {"code": None, "armed": False}


def exit_code(default: int) -> int:
    """The code the worker exits with: the one `fatal` set, else `default`."""
    return _exit["code"] if _exit["code"] is not None else default


def arm_shutdown_watchdog(timeout_s: float) -> None:
    """From now on the process ends within `timeout_s`, however the graceful stop goes. Ending it hard is
    safe: every batch is one Kafka transaction, so an unfinished one is aborted, never half committed."""
    if _exit["armed"]:
        return
    _exit["armed"] = True

    def watch() -> None:
        time.sleep(timeout_s)
        log.warning("the worker did not stop within %.0fs of being asked to (NEWSSTREAM_SHUTDOWN_TIMEOUT_S); "
                    "exiting now: open transactions are aborted, their input is redone by the next owner", timeout_s)
        logging.shutdown()
        os._exit(exit_code(143))

    threading.Thread(target=watch, name="newsstream-shutdown-watchdog", daemon=True).start()


def install_shutdown_watchdog() -> None:
    """SIGTERM and SIGINT start Faust's graceful stop and the watchdog; a second signal ends the process at once."""
    from faust.worker import Worker

    for name in ("_on_sigterm", "_on_sigint"):
        original = getattr(Worker, name)

        def handler(self, _original=original):
            if _exit["armed"]:
                log.warning("second stop signal: exiting now")
                os._exit(exit_code(143))
            arm_shutdown_watchdog(settings.shutdown_timeout_s)
            _original(self)

        setattr(Worker, name, handler)


def fatal(code: int, message: str) -> None:
    """Stop the worker with `code`: something no retry can fix (the message says what to do)."""
    if _exit["code"] is None:
        _exit["code"] = code
    log.critical("stopping the worker (exit code %d): %s", code, message)
    os.kill(os.getpid(), signal.SIGTERM)
