"""What the worker reports about itself besides its counts: readiness, event-loop lag and consumer lag."""
from __future__ import annotations

import asyncio
import logging
import time

from streams.runtime import metrics
from streams.runtime.enrich_agent import EnrichmentStage

log = logging.getLogger(__name__)
EVENT_LOOP_PROBE_S = 0.25


async def measure_event_loop_lag() -> None:
    """The NLP runs in its own thread so that nothing holds the loop for long; this shows it does not."""
    loop = asyncio.get_running_loop()
    worst = 0.0
    while True:
        started = loop.time()
        await asyncio.sleep(EVENT_LOOP_PROBE_S)
        lag = max(0.0, loop.time() - started - EVENT_LOOP_PROBE_S)
        metrics.EVENT_LOOP_LAG_SECONDS.observe(lag)
        if lag > worst:
            worst = lag
            metrics.EVENT_LOOP_LAG_MAX_SECONDS.set(worst)


class ConsumerLag:
    """Lag per assigned raw-topic partition, from the consumer's high-water marks and the stage's progress.

    Before this worker has published a partition's first batch, the lag counts from the group's committed
    offset (read once per partition and kept), so a resumed partition is not reported as its whole log.
    Partitions a rebalance took away are removed from the gauges, so that every partition is reported
    by exactly one worker.
    """

    def __init__(self, app, stage: EnrichmentStage):
        self.app = app
        self.stage = stage
        self.topic = app.settings.topics.raw
        self.labels: set[tuple[str, str]] = set()
        self.committed: dict = {}

    async def start_of(self, tp) -> int | None:
        """The group's committed offset of `tp` (0: never committed); None while it cannot be read."""
        if tp not in self.committed:
            try:
                self.committed[tp] = await self.stage.publisher.committed(tp) or 0
            except Exception as exc:  # noqa: BLE001 - a gauge must never stop the worker; the next round retries
                log.debug("consumer lag: no committed offset for %s:%d yet (%s)", tp.topic, tp.partition, exc)
                return None
        return self.committed[tp]

    async def report(self) -> None:
        consumer = self.app.consumer
        now = time.time()
        reported: set[tuple[str, str]] = set()
        for tp in consumer.assignment():
            if tp.topic != self.topic:
                continue
            highwater = consumer.highwater(tp)
            if highwater is None:
                continue
            offset, timestamp = self.stage.progress.get((tp.topic, tp.partition), (None, None))
            if offset is None:
                start = await self.start_of(tp)
                if start is None:
                    continue
                lag = highwater - start
            else:
                lag = highwater - (offset + 1)
            lag = max(0, lag)
            labels = (tp.topic, str(tp.partition))
            reported.add(labels)
            metrics.CONSUMER_LAG_MESSAGES.labels(*labels).set(lag)
            metrics.CONSUMER_LAG_SECONDS.labels(*labels).set(max(0.0, now - timestamp) if lag and timestamp else 0.0)
        for labels in self.labels - reported:
            metrics.CONSUMER_LAG_MESSAGES.remove(*labels)
            metrics.CONSUMER_LAG_SECONDS.remove(*labels)
        self.labels = reported

    def forget(self, revoked) -> None:
        for tp in revoked:
            self.committed.pop(tp, None)


def register_monitors(app, stage: EnrichmentStage) -> ConsumerLag:
    """Readiness from the group's rebalances, the event-loop probe, and the consumer-lag timer."""
    lag = ConsumerLag(app, stage)

    async def on_assigned(sender, assigned, **kwargs) -> None:
        stage.set_ready("assigned", True)

    async def on_revoked(sender, revoked, **kwargs) -> None:
        stage.set_ready("assigned", False)  # until the rebalance ends
        lag.forget(revoked)

    app.on_partitions_assigned.connect(on_assigned)
    app.on_partitions_revoked.connect(on_revoked)

    async def consumer_lag():  # Faust passes the app to a task or timer that takes an argument, as a method does
        await lag.report()

    app.task(measure_event_loop_lag)
    app.timer(interval=app.settings.lag_interval_s, name="report_consumer_lag")(consumer_lag)
    return lag
