"""The alerting stage: enriched records in, alerts out; story state in a changelog written with them."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time

import orjson
from aiokafka import TopicPartition

from streams import metrics, schemas
from streams.alerts.evaluate import evaluate
from streams.alerts.rules import Rules, load_rules
from streams.alerts.store import StoryState
from streams.app import alerting, alerting_state, app, fatal, settings
from streams.transactions import (Output, PartitionBatch, PermanentKafkaError, TransactionalPublisher, by_partition,
                                  claim_batches, commit_batch, read_to_end)

log = logging.getLogger(__name__)

ALERT_TOPICS = {"sanctions": settings.topics.alerts_sanctions, "watchlist": settings.topics.alerts_watchlist}
ALERT_BATCH_SIZE = 64
# Short batches: this stage shares the event loop with the enrichment agent, which must hand the NLP
# thread its next batch without waiting (with a 0.2 s window, two 1-worker benches fell from ~17 to ~15 articles/s).
ALERT_BATCH_WINDOW_S = 0.05
PUBLISHER = TransactionalPublisher(settings, "alerting").follow(app)
PUBLISHER.on_fatal = fatal
_rules: Rules | None = None
# The state is the agent's; the expiry sweep touches it too, under the same lock.
STATE = StoryState(ttl_s=settings.alert_state_ttl_s)
_state_lock = asyncio.Lock()
# How often expired state is swept when no records come (records sweep it anyway).
SWEEP_INTERVAL_S = max(1.0, min(3600.0, settings.alert_state_ttl_s / 10))


def rules() -> Rules:
    """Loaded once; `newsstream worker` loads them before Faust starts, so a bad file stops it there."""
    global _rules
    if _rules is None:
        _rules = load_rules(settings.rules_path or None)
    return _rules


def _age_seconds(record: dict) -> float | None:
    produced = record["processing"].get("produced_at")
    if not produced:
        return None
    return max(0.0, time.time() - dt.datetime.fromisoformat(produced).timestamp())


async def restore(state: StoryState) -> None:
    started = time.perf_counter()
    state_topic = alerting_state.get_topic_name()
    await alerting_state.maybe_declare()
    records = await read_to_end(settings, state_topic, f"{settings.app_id}-alerting-restore")
    keys = state.restore(records)
    log.info("alerting: restored %d live state keys from %s (%d records read, %d expired to tombstone) in %.2fs",
             keys, state_topic, len(records), len(state.to_tombstone), time.perf_counter() - started)


async def _process(batch: PartitionBatch, active: Rules, state_topic: str) -> None:
    if batch.fresh:
        # After the claim's fence: no older owner can still change it. A Kafka error here propagates, and the
        # batch is abandoned (never evaluated against an empty state).
        await restore(STATE)
    outputs, observed = [], []
    STATE.expire()
    for event in batch.events:
        await asyncio.sleep(0)  # let the enrichment agent run between records
        record = orjson.loads(event.message.value)
        age = _age_seconds(record)
        for alert in evaluate(record, active, STATE.alert_state):
            schemas.validate("alert", alert, settings.schemas_dir)
            outputs.append(Output(ALERT_TOPICS[alert["type"]], alert["article"]["id"].encode(), orjson.dumps(alert)))
            observed.append((alert, age))
    outputs.extend(STATE.take_changes(state_topic))
    if not await commit_batch(PUBLISHER, batch, outputs):
        STATE.restore(())  # not ours any more: whatever we held may be stale
        return
    for alert, age in observed:
        metrics.ALERTS_PUBLISHED.labels(alert["type"], alert["rule"]).inc()
        if age is not None:
            metrics.END_TO_END_SECONDS.labels(alert["type"]).observe(age)


@app.agent(alerting)
async def raise_alerts(stream):
    active = rules()
    state_topic = alerting_state.get_topic_name()
    async for events in stream.take_events(ALERT_BATCH_SIZE, within=ALERT_BATCH_WINDOW_S):
        async with _state_lock:
            batches = []
            try:
                batches = await claim_batches(PUBLISHER, events)
                for batch in batches:
                    await _process(batch, active, state_topic)
            except (asyncio.CancelledError, SystemExit, KeyboardInterrupt, PermanentKafkaError):
                raise
            except Exception as exc:  # noqa: BLE001 - the batch is redone, the stream goes on
                metrics.AGENT_ERRORS.labels("alerting").inc()
                log.exception("alerting: a batch failed")
                STATE.restore(())  # rebuilt from the changelog by the next claim
                failed = batches or [PartitionBatch(tp, group, False) for tp, group in by_partition(events).items()]
                await PUBLISHER.abandon(failed, f"the batch failed ({type(exc).__name__}: {exc})")
                await asyncio.sleep(1.0)


@app.timer(interval=SWEEP_INTERVAL_S)
async def expire_alerting_state():
    """Tombstone expired state even when no records come: an empty transaction at the current offset."""
    tp = TopicPartition(alerting.get_topic_name(), 0)
    async with _state_lock:
        offset = PUBLISHER.position(tp)
        if offset is None or not STATE.expire() and not STATE.to_tombstone:
            return
        outputs = STATE.take_changes(alerting_state.get_topic_name())
        try:
            await PUBLISHER.commit(tp, outputs, offset)
        except Exception as exc:  # noqa: BLE001 - the next batch or sweep tries again
            log.warning("alerting: tombstoning expired state failed (%s: %s); retried later", type(exc).__name__, exc)
            STATE.restore(())
            await PUBLISHER.release([tp])
            return
        log.info("alerting: tombstoned %d expired state keys", sum(1 for o in outputs if o.value is None))
