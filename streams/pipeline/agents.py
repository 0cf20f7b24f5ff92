"""The enrichment agent: moves records, batches and counts. The work itself is in BatchProcessor."""
from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import orjson

import streams
from streams import metrics
from streams.app import Topics, app, settings
from streams.articles.decode import Limits
from streams.articles.models import SourcePosition
from streams.pipeline.process import BatchProcessor, BatchResult, RawMessage

# One thread for the NLP: spaCy holds the GIL for most of its work, so more threads would
# not help, while running it off the event loop keeps heartbeats and commits on time.
_nlp_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsstream-nlp")
_processor: BatchProcessor | None = None
_processor_lock = asyncio.Lock()

# Where each kind of output goes. Agent tests swap these for in-memory sinks.
OUTPUTS = {"enriched": Topics.enriched, "deadletter": Topics.deadletter}


def build_processor() -> BatchProcessor:
    from streams.enrichment.enrich import Enricher  # spaCy loads here, at start-up, not on import

    enricher = Enricher.from_settings(settings)
    metrics.BUILD_INFO.info(
        {"app_version": streams.__version__, "model": enricher.model_name, "model_version": enricher.model_version}
    )
    return BatchProcessor(enricher, Limits.from_settings(settings))


async def get_processor() -> BatchProcessor:
    global _processor
    async with _processor_lock:
        if _processor is None:
            loop = asyncio.get_running_loop()
            _processor = await loop.run_in_executor(_nlp_thread, build_processor)
    return _processor


def raw_message(event) -> RawMessage:
    message = event.message
    return RawMessage(
        message.value,
        SourcePosition(message.topic, message.partition, message.offset, message.key, message.timestamp),
    )


async def publish(result: BatchResult) -> None:
    """Send every output of the batch and wait for Kafka to acknowledge all of them.

    Only then does the agent take the next batch, which lets Faust commit this one's
    offsets: an output is never lost to a crash after its input was committed.
    """
    pending = []
    for article_id, record, position in result.enriched:
        future = await OUTPUTS["enriched"].send(key=article_id.encode(), value=orjson.dumps(record))
        pending.append(("enriched", position, future))
    for _reason, letter in result.dead:
        future = await OUTPUTS["deadletter"].send(key=None, value=orjson.dumps(letter))
        pending.append(("deadletter", None, future))
    await asyncio.gather(*(future for _, _, future in pending))
    acknowledged = time.time()
    for output, position, _ in pending:
        if position is not None and position.timestamp_s:
            metrics.END_TO_END_SECONDS.labels(output).observe(max(0.0, acknowledged - position.timestamp_s))


def count(result: BatchResult, batch_size: int, publish_seconds: float) -> None:
    metrics.ARTICLES_CONSUMED.labels(settings.topics.raw).inc(batch_size)
    metrics.BATCH_SIZE.observe(batch_size)
    metrics.ARTICLES_ENRICHED.inc(len(result.enriched))
    for reason, _ in result.dead:
        metrics.ARTICLES_DEADLETTERED.labels(reason).inc()
    for label, n in result.entity_labels.items():
        metrics.ENTITIES_EXTRACTED.labels(label).inc(n)
    for stage, seconds in result.stage_seconds.items():
        metrics.STAGE_SECONDS.labels(stage).observe(seconds)
    metrics.STAGE_SECONDS.labels("publish").observe(publish_seconds)


# (topic, partition) -> (offset, Kafka timestamp) of the last message this worker processed.
_progress: dict[tuple[str, int], tuple[int, float | None]] = {}


@app.agent(Topics.raw)
async def enrich_articles(stream):
    processor = await get_processor()
    metrics.WORKER_READY.set(1)
    loop = asyncio.get_running_loop()
    async for events in stream.take_events(settings.batch_size, within=settings.batch_window_s):
        messages = [raw_message(event) for event in events]
        result = await loop.run_in_executor(_nlp_thread, processor.process, messages)
        started = time.perf_counter()
        await publish(result)
        count(result, len(messages), time.perf_counter() - started)
        for message in messages:
            pos = message.position
            _progress[(pos.topic, pos.partition)] = (pos.offset, pos.timestamp_s)


_lag_labels: set[tuple[str, str]] = set()


@app.timer(interval=settings.lag_interval_s)
async def report_consumer_lag():
    """Lag per assigned raw-topic partition, from the consumer's high-water marks and our own progress.

    Partitions a rebalance took away are removed from the gauges, so that every partition is reported
    by exactly one worker.
    """
    consumer = app.consumer
    now = time.time()
    reported: set[tuple[str, str]] = set()
    for tp in consumer.assignment():
        if tp.topic != settings.topics.raw:
            continue
        highwater = consumer.highwater(tp)
        if highwater is None:
            continue
        offset, timestamp = _progress.get((tp.topic, tp.partition), (None, None))
        if offset is None:
            committed = await consumer.committed(tp) if hasattr(consumer, "committed") else None
            lag = highwater - (committed or 0)
        else:
            lag = highwater - (offset + 1)
        lag = max(0, lag)
        labels = (tp.topic, str(tp.partition))
        reported.add(labels)
        metrics.CONSUMER_LAG_MESSAGES.labels(*labels).set(lag)
        metrics.CONSUMER_LAG_SECONDS.labels(*labels).set(max(0.0, now - timestamp) if lag and timestamp else 0.0)
    for labels in _lag_labels - reported:
        metrics.CONSUMER_LAG_MESSAGES.remove(*labels)
        metrics.CONSUMER_LAG_SECONDS.remove(*labels)
    _lag_labels.clear()
    _lag_labels.update(reported)
