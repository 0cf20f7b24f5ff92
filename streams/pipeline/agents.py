"""The enrichment agent: moves records, batches and counts. The work itself is in BatchProcessor."""
from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import orjson

import streams
from streams import metrics
from streams.app import Topics, alerting, app, fatal, settings
from streams.articles.decode import Limits
from streams.articles.models import SourcePosition
from streams.pipeline.process import BatchProcessor, BatchResult, RawMessage, dead_letter
from streams.transactions import (Output, PartitionBatch, PermanentKafkaError, TransactionalPublisher, claim_batches,
                                  commit_batch)

log = logging.getLogger(__name__)

# One thread for the NLP: spaCy holds the GIL for most of its work, so more threads would
# not help, while running it off the event loop keeps heartbeats and commits on time.
_nlp_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsstream-nlp")
_processor: BatchProcessor | None = None
_processor_lock = asyncio.Lock()

# Where each kind of output goes, and who publishes it. Agent tests swap the publisher for memory.
TOPICS = {"enriched": settings.topics.enriched, "deadletter": settings.topics.deadletter,
          "alerting": alerting.get_topic_name()}
PUBLISHER = TransactionalPublisher(settings, "enrich").follow(app)
PUBLISHER.on_fatal = fatal


class InjectedFault(RuntimeError):
    """Raised on purpose by NEWSSTREAM_TEST_FAULTS, to prove that a failing batch loses nothing."""


def _fault_batches(spec: str) -> set[int]:
    """NEWSSTREAM_TEST_FAULTS=enrich_batch=3,7: the batch numbers (from 1) that raise mid-batch."""
    for item in filter(None, (part.strip() for part in spec.split(";"))):
        name, _, numbers = item.partition("=")
        if name.strip() == "enrich_batch":
            return {int(n) for n in numbers.split(",") if n.strip()}
    return set()


FAULT_BATCHES = _fault_batches(settings.test_faults)
_batches_run = 0


def build_processor() -> BatchProcessor:
    from streams.enrichment.enrich import Enricher  # spaCy loads here, at start-up, not on import

    enricher = Enricher.from_settings(settings)
    metrics.BUILD_INFO.info(
        {"app_version": streams.__version__, "model": enricher.model_name, "model_version": enricher.model_version}
    )
    return BatchProcessor(enricher, Limits.from_settings(settings))


def preload() -> None:
    """Load the model, the gazetteer and the sanctions lists now (the worker does it before joining the group,
    so that a missing model or a corrupt list stops it at once, with the reason)."""
    global _processor
    _processor = build_processor()


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


def _too_large_letter(message: RawMessage | None, article_id: str):
    """What replaces an enriched record the broker refuses as too large: a dead letter of its article."""

    def replace(reason: str) -> list[Output]:
        if message is None:
            return []
        letter = dead_letter(message, "output_too_large", reason, article_id, settings.deadletter_max_original_bytes)
        metrics.ARTICLES_DEADLETTERED.labels("output_too_large").inc()
        return [Output(TOPICS["deadletter"], None, orjson.dumps(letter))]

    return replace


def outputs_by_partition(result: BatchResult, messages: list[RawMessage] = ()) -> dict[tuple[str, int], list[Output]]:
    """What each input partition's transaction publishes: enriched records (also onto the alerting
    stage's own topic) and dead letters."""
    by_position = {(m.position.topic, m.position.partition, m.position.offset): m for m in messages}
    outputs: dict[tuple[str, int], list[Output]] = defaultdict(list)
    for article_id, record, position in result.enriched:
        value = orjson.dumps(record)
        message = by_position.get((position.topic, position.partition, position.offset))
        outputs[(position.topic, position.partition)] += [
            Output(TOPICS["enriched"], article_id.encode(), value, on_too_large=_too_large_letter(message, article_id)),
            Output(TOPICS["alerting"], b"story-state", value, on_too_large=lambda reason: []),
        ]
    for _reason, letter in result.dead:
        source = letter["source"]
        outputs[(source["topic"], source["partition"])].append(Output(TOPICS["deadletter"], None, orjson.dumps(letter)))
    return outputs


async def publish(batches: list[PartitionBatch], result: BatchResult,
                  messages: list[RawMessage] = ()) -> set[tuple[str, int]]:
    """One transaction per input partition: its outputs and its offsets, all or nothing.

    Returns the partitions published; the others were reassigned meanwhile and their new owner redoes them.
    """
    outputs = outputs_by_partition(result, messages)
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
    for name, n in result.unknown_fields.items():
        metrics.count_unknown_field(name, n)
    for stage, seconds in result.stage_seconds.items():
        metrics.STAGE_SECONDS.labels(stage).observe(seconds)
    metrics.STAGE_SECONDS.labels("publish").observe(publish_seconds)


# (topic, partition) -> (offset, Kafka timestamp) of the last message this worker processed.
_progress: dict[tuple[str, int], tuple[int, float | None]] = {}


# Readiness: the processor is loaded and the group has assigned this worker its partitions.
_ready = {"processor": False, "assigned": False}


def _update_ready() -> None:
    metrics.WORKER_READY.set(1 if all(_ready.values()) else 0)


@app.on_partitions_assigned.connect
async def _on_assigned(sender, assigned, **kwargs) -> None:
    _ready["assigned"] = True
    _update_ready()


@app.on_partitions_revoked.connect
async def _on_revoked(sender, revoked, **kwargs) -> None:
    _ready["assigned"] = False  # until the rebalance ends
    _update_ready()


MAX_CONSECUTIVE_ERRORS = 10


async def run_batch(processor: BatchProcessor, events) -> None:
    global _batches_run
    loop = asyncio.get_running_loop()
    batches = await claim_batches(PUBLISHER, events)
    messages = [raw_message(event) for batch in batches for event in batch.events]
    if not messages:
        return  # all already published before a restart
    try:
        result = await loop.run_in_executor(_nlp_thread, processor.process, messages)
        _batches_run += 1
        if _batches_run in FAULT_BATCHES:
            raise InjectedFault(f"NEWSSTREAM_TEST_FAULTS: injected failure in enrichment batch {_batches_run}")
        started = time.perf_counter()
        published = await publish(batches, result, messages)
    except asyncio.CancelledError:
        raise
    except Exception as exc:
        metrics.AGENT_ERRORS.labels("enrich").inc()
        await PUBLISHER.abandon(batches, f"the batch of {len(messages)} failed ({type(exc).__name__}: {exc})")
        raise
    count(result, len(messages), time.perf_counter() - started)
    for batch in batches:
        if batch.tp not in published:
            metrics.PARTITIONS_FENCED.labels("enrich").inc()
    for message in messages:
        pos = message.position
        if (pos.topic, pos.partition) in published:
            _progress[(pos.topic, pos.partition)] = (pos.offset, pos.timestamp_s)


@app.agent(Topics.raw)
async def enrich_articles(stream):
    processor = await get_processor()
    _ready["processor"] = True
    _update_ready()
    errors = 0
    async for events in stream.take_events(settings.batch_size, within=settings.batch_window_s):
        try:
            await run_batch(processor, events)
            errors = 0
        except (asyncio.CancelledError, SystemExit, KeyboardInterrupt):
            raise
        except PermanentKafkaError:
            return  # the worker is stopping (fatal was called with the reason)
        except Exception as exc:  # noqa: BLE001 - one failing batch must not stop the stream
            # run_batch aborted the batch's transactions: the next claim rewinds the input to the committed offset.
            errors += 1
            log.exception("enrich: a batch failed (%d in a row); it is redone from the committed offset", errors)
            if errors >= MAX_CONSECUTIVE_ERRORS:
                fatal(70, f"{errors} enrichment batches in a row failed, the last with {type(exc).__name__}: {exc}; "
                          "see the log above")
                return
            await asyncio.sleep(min(5.0, 0.2 * 2 ** errors))


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
