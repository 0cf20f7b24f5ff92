"""The alerting stage: enriched records in, alerts out; story state in a changelog written with them."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time

import orjson

from streams import metrics, schemas
from streams.alerts.evaluate import evaluate
from streams.alerts.rules import Rules, load_rules
from streams.alerts.store import StoryState
from streams.app import alerting, alerting_state, app, settings
from streams.transactions import Output, TransactionalPublisher, claim_batches, commit_batch, read_to_end

log = logging.getLogger(__name__)

ALERT_TOPICS = {"sanctions": settings.topics.alerts_sanctions, "watchlist": settings.topics.alerts_watchlist}
ALERT_BATCH_SIZE = 64
# Short batches: this stage shares the event loop with the enrichment agent, which must hand the NLP
# thread its next batch without waiting (with a 0.2 s window, two 1-worker benches fell from ~17 to ~15 articles/s).
ALERT_BATCH_WINDOW_S = 0.05
PUBLISHER = TransactionalPublisher(settings, "alerting").follow(app)
_rules: Rules | None = None


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
    keys = state.restore(await read_to_end(settings, state_topic, f"{settings.app_id}-alerting-restore"))
    log.info("alerting: restored %d state keys from %s in %.2fs", keys, state_topic, time.perf_counter() - started)


@app.agent(alerting)
async def raise_alerts(stream):
    state = StoryState()
    active = rules()
    state_topic = alerting_state.get_topic_name()
    async for events in stream.take_events(ALERT_BATCH_SIZE, within=ALERT_BATCH_WINDOW_S):
        for batch in await claim_batches(PUBLISHER, events):
            if batch.fresh:
                await restore(state)  # after the claim's fence: no older owner can still change it
            outputs, observed = [], []
            for event in batch.events:
                await asyncio.sleep(0)  # let the enrichment agent run between records
                record = orjson.loads(event.message.value)
                age = _age_seconds(record)
                for alert in evaluate(record, active, state.alert_state):
                    schemas.validate("alert", alert, settings.schemas_dir)
                    outputs.append(Output(ALERT_TOPICS[alert["type"]], alert["article"]["id"].encode(), orjson.dumps(alert)))
                    observed.append((alert, age))
            outputs.extend(state.take_changes(state_topic))
            if not await commit_batch(PUBLISHER, batch, outputs):
                state.restore(())  # not ours any more: whatever we held may be stale
                continue
            for alert, age in observed:
                metrics.ALERTS_PUBLISHED.labels(alert["type"], alert["rule"]).inc()
                if age is not None:
                    metrics.END_TO_END_SECONDS.labels(alert["type"]).observe(age)

