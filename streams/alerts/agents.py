"""The alerting stage: enriched records in, alerts out, story state in changelog-backed tables."""
from __future__ import annotations

import asyncio
import datetime as dt
import time

import orjson

from streams import metrics, schemas
from streams.alerts.evaluate import AlertState, evaluate
from streams.alerts.rules import Rules, load_rules
from streams.app import StoryTables, Topics, alerting, app, settings

ALERT_OUTPUTS = {"sanctions": Topics.alerts_sanctions, "watchlist": Topics.alerts_watchlist}
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


@app.agent(Topics.enriched)
async def route_to_alerting(stream):
    """Re-key every enriched record onto the single alerting partition."""
    async for value in stream:
        await alerting.send(key=b"story-state", value=value)


@app.agent(alerting)
async def raise_alerts(stream):
    state = AlertState(StoryTables.articles, StoryTables.bands, StoryTables.alerted, StoryTables.relationships)
    active = rules()
    async for value in stream:
        record = orjson.loads(value)
        pending = []
        for alert in evaluate(record, active, state):
            schemas.validate("alert", alert, settings.schemas_dir)
            future = await ALERT_OUTPUTS[alert["type"]].send(key=alert["article"]["id"].encode(), value=orjson.dumps(alert))
            pending.append((alert, future))
        await asyncio.gather(*(future for _, future in pending))
        age = _age_seconds(record)
        for alert, _ in pending:
            metrics.ALERTS_PUBLISHED.labels(alert["type"], alert["rule"]).inc()
            if age is not None:
                metrics.END_TO_END_SECONDS.labels(alert["type"]).observe(age)
