"""The alerting stage: enriched records in, alerts out; story state in a changelog written with them."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from typing import Awaitable, Callable

import orjson
from aiokafka import TopicPartition

from streams.alerts.evaluate import evaluate
from streams.alerts.rules import Rules, load_rules
from streams.alerts.store import StoryState
from streams.common import schemas
from streams.runtime import metrics
from streams.runtime.transactions import (Output, PartitionBatch, PermanentKafkaError, TransactionalPublisher,
                                          by_partition, claim_batches, commit_batch, read_to_end)
from streams.settings import Settings

log = logging.getLogger(__name__)

ALERT_BATCH_SIZE = 64
# Short batches: this stage shares the event loop with the enrichment agent, which must hand the NLP
# thread its next batch without waiting (with a 0.2 s window, two 1-worker benches fell from ~17 to ~15 articles/s).
ALERT_BATCH_WINDOW_S = 0.05


def _age_seconds(record: dict) -> float | None:
    produced = record["processing"].get("produced_at")
    if not produced:
        return None
    return max(0.0, time.time() - dt.datetime.fromisoformat(produced).timestamp())


class AlertingStage:
    """Enriched records in (one partition), alerts out, and the story state that decides them."""

    def __init__(self, settings: Settings, publisher: TransactionalPublisher, alerting_topic: str, state_topic: str,
                 rules: Rules | None = None, declare_state: Callable[[], Awaitable] | None = None):
        self.settings = settings
        self.declare_state = declare_state  # creates the changelog topic where missing, before the first restore
        self.publisher = publisher
        self.alerting_topic = alerting_topic
        self.state_topic = state_topic
        self.alert_topics = {"sanctions": settings.topics.alerts_sanctions,
                             "watchlist": settings.topics.alerts_watchlist}
        self._rules = rules
        # The state is the agent's; the expiry sweep touches it too, under the same lock.
        self.state = StoryState(ttl_s=settings.alert_state_ttl_s)
        self.lock = asyncio.Lock()
        # How often expired state is swept when no records come (records sweep it anyway).
        self.sweep_interval_s = max(1.0, min(3600.0, settings.alert_state_ttl_s / 10))

    def rules(self) -> Rules:
        """Loaded once; `newsstream worker` loads them before Faust starts, so a bad file stops it there."""
        if self._rules is None:
            self._rules = load_rules(self.settings.rules_path or None)
        return self._rules

    def changelog(self) -> list[Output]:
        return [Output(self.state_topic, change.key, change.value) for change in self.state.take_changes()]

    async def restore(self) -> None:
        started = time.perf_counter()
        if self.declare_state is not None:
            await self.declare_state()
        records = await read_to_end(self.settings, self.state_topic, f"{self.settings.app_id}-alerting-restore")
        keys = self.state.restore(records)
        log.info("alerting: restored %d live state keys from %s (%d records read, %d expired to tombstone) in %.2fs",
                 keys, self.state_topic, len(records), len(self.state.to_tombstone), time.perf_counter() - started)

    async def process(self, batch: PartitionBatch, active: Rules) -> None:
        if batch.fresh:
            # After the claim's fence: no older owner can still change it. A Kafka error here propagates, and the
            # batch is abandoned (never evaluated against an empty state).
            await self.restore()
        outputs, observed = [], []
        self.state.expire()
        for event in batch.events:
            await asyncio.sleep(0)  # let the enrichment agent run between records
            record = orjson.loads(event.message.value)
            age = _age_seconds(record)
            for alert in evaluate(record, active, self.state.alert_state):
                schemas.validate("alert", alert, self.settings.schemas_dir)
                outputs.append(Output(self.alert_topics[alert["type"]], alert["article"]["id"].encode(),
                                      orjson.dumps(alert)))
                observed.append((alert, age))
        outputs.extend(self.changelog())
        if not await commit_batch(self.publisher, batch, outputs):
            self.state.restore(())  # not ours any more: whatever we held may be stale
            return
        for alert, age in observed:
            metrics.ALERTS_PUBLISHED.labels(alert["type"], alert["rule"]).inc()
            if age is not None:
                metrics.END_TO_END_SECONDS.labels(alert["type"]).observe(age)

    async def consume(self, stream) -> None:
        active = self.rules()
        async for events in stream.take_events(ALERT_BATCH_SIZE, within=ALERT_BATCH_WINDOW_S):
            async with self.lock:
                batches = []
                try:
                    batches = await claim_batches(self.publisher, events)
                    for batch in batches:
                        await self.process(batch, active)
                except (asyncio.CancelledError, SystemExit, KeyboardInterrupt, PermanentKafkaError):
                    raise
                except Exception as exc:  # noqa: BLE001 - the batch is redone, the stream goes on
                    metrics.AGENT_ERRORS.labels("alerting").inc()
                    log.exception("alerting: a batch failed")
                    self.state.restore(())  # rebuilt from the changelog by the next claim
                    failed = batches or [PartitionBatch(tp, group, False) for tp, group in by_partition(events).items()]
                    await self.publisher.abandon(failed, f"the batch failed ({type(exc).__name__}: {exc})")
                    await asyncio.sleep(1.0)

    async def sweep(self) -> None:
        """Tombstone expired state even when no records come: an empty transaction at the current offset."""
        tp = TopicPartition(self.alerting_topic, 0)
        async with self.lock:
            offset = self.publisher.position(tp)
            if offset is None or not self.state.expire() and not self.state.to_tombstone:
                return
            outputs = self.changelog()
            try:
                await self.publisher.commit(tp, outputs, offset)
            except Exception as exc:  # noqa: BLE001 - the next batch or sweep tries again
                log.warning("alerting: tombstoning expired state failed (%s: %s); retried later",
                            type(exc).__name__, exc)
                self.state.restore(())
                await self.publisher.release([tp])
                return
            log.info("alerting: tombstoned %d expired state keys", sum(1 for o in outputs if o.value is None))


def register_alerting(app, publisher: TransactionalPublisher, rules: Rules | None = None,
                      on_fatal: Callable[[int, str], None] | None = None) -> AlertingStage:
    """Add the alerting agent and its expiry sweep to `app`; returns the stage (its `agent` too)."""
    channels = app.channels
    stage = AlertingStage(app.settings, publisher, channels.alerting.get_topic_name(),
                          channels.alerting_state.get_topic_name(), rules, channels.alerting_state.maybe_declare)

    async def raise_alerts(stream):
        await stage.consume(stream)

    async def expire_alerting_state():
        await stage.sweep()

    stage.agent = app.agent(channels.alerting, name="raise_alerts")(raise_alerts)
    app.timer(interval=stage.sweep_interval_s, name="expire_alerting_state")(expire_alerting_state)
    return stage
