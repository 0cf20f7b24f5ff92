"""The enrichment agent: moves records, batches and counts. The work itself is in BatchProcessor."""
from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import orjson

import streams
from streams import metrics
from streams.app import Topics, alerting, app, settings
from streams.articles.decode import Limits
from streams.articles.models import SourcePosition
from streams.pipeline.process import BatchProcessor, BatchResult, RawMessage
from streams.transactions import Output, PartitionBatch, TransactionalPublisher, claim_batches, commit_batch

# One thread for the NLP: spaCy holds the GIL for most of its work, so more threads would
# not help, while running it off the event loop keeps heartbeats and commits on time.
_nlp_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsstream-nlp")
_processor: BatchProcessor | None = None
_processor_lock = asyncio.Lock()

# Where each kind of output goes, and who publishes it. Agent tests swap the publisher for memory.
TOPICS = {"enriched": settings.topics.enriched, "deadletter": settings.topics.deadletter,
          "alerting": alerting.get_topic_name()}
PUBLISHER = TransactionalPublisher(settings, "enrich").follow(app)


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


def outputs_by_partition(result: BatchResult) -> dict[tuple[str, int], list[Output]]:
    """What each input partition's transaction publishes: enriched records (also onto the alerting
    stage's own topic) and dead letters."""
    outputs: dict[tuple[str, int], list[Output]] = defaultdict(list)
    for article_id, record, position in result.enriched:
        value = orjson.dumps(record)
        outputs[(position.topic, position.partition)] += [
            Output(TOPICS["enriched"], article_id.encode(), value),
            Output(TOPICS["alerting"], b"story-state", value),
        ]
    for _reason, letter in result.dead:
        source = letter["source"]
        outputs[(source["topic"], source["partition"])].append(Output(TOPICS["deadletter"], None, orjson.dumps(letter)))
    return outputs


async def publish(batches: list[PartitionBatch], result: BatchResult) -> set[tuple[str, int]]:
    """One transaction per input partition: its outputs and its offsets, all or nothing.

    Returns the partitions published; the others were reassigned meanwhile and their new owner redoes them.
    """
    outputs = outputs_by_partition(result)
    committed = await asyncio.gather(*(commit_batch(PUBLISHER, b, outputs.get(b.tp, [])) for b in batches))
    published = {b.tp for b, ok in zip(batches, committed) if ok}
    acknowledged = time.time()
    for _, _, position in result.enriched:
        if (position.topic, position.partition) in published and position.timestamp_s:
            metrics.END_TO_END_SECONDS.labels("enriched").observe(max(0.0, acknowledged - position.timestamp_s))
    return published


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
        batches = await claim_batches(PUBLISHER, events)
        messages = [raw_message(event) for batch in batches for event in batch.events]
        if not messages:
            continue  # all already published before a restart
        result = await loop.run_in_executor(_nlp_thread, processor.process, messages)
        started = time.perf_counter()
        published = await publish(batches, result)
        count(result, len(messages), time.perf_counter() - started)
        for message in messages:
            pos = message.position
            if (pos.topic, pos.partition) in published:
                _progress[(pos.topic, pos.partition)] = (pos.offset, pos.timestamp_s)


EVENT_LOOP_PROBE_S = 0.25


@app.task
async def measure_event_loop_lag():
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
