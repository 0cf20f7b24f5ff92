"""The enrichment agent: moves records, batches and counts. The work itself is in BatchProcessor."""
from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import orjson

import streams
from streams.records.decode import Limits
from streams.records.models import SourcePosition
from streams.runtime import metrics
from streams.runtime.process import BatchProcessor, BatchResult, RawMessage, dead_letter
from streams.runtime.transactions import (Output, PartitionBatch, PermanentKafkaError, TransactionalPublisher,
                                          claim_batches, commit_batch)
from streams.settings import Settings

log = logging.getLogger(__name__)

MAX_CONSECUTIVE_ERRORS = 10


class InjectedFault(RuntimeError):
    """Raised on purpose by NEWSSTREAM_TEST_FAULTS, to prove that a failing batch loses nothing."""


def fault_batches(spec: str) -> set[int]:
    """NEWSSTREAM_TEST_FAULTS=enrich_batch=3,7: the batch numbers (from 1) that raise mid-batch."""
    for item in filter(None, (part.strip() for part in spec.split(";"))):
        name, _, numbers = item.partition("=")
        if name.strip() == "enrich_batch":
            return {int(n) for n in numbers.split(",") if n.strip()}
    return set()


def build_processor(settings: Settings) -> BatchProcessor:
    from streams.enrichment.enrich import Enricher  # spaCy loads here, at start-up, not on import

    enricher = Enricher.from_settings(settings)
    metrics.BUILD_INFO.info(
        {"app_version": streams.__version__, "model": enricher.model_name, "model_version": enricher.model_version}
    )
    return BatchProcessor(enricher, Limits.from_settings(settings))


def raw_message(event) -> RawMessage:
    message = event.message
    return RawMessage(
        message.value,
        SourcePosition(message.topic, message.partition, message.offset, message.key, message.timestamp),
    )


class EnrichmentStage:
    """Raw articles in; enriched records (also onto the alerting stage's topic) and dead letters out."""

    def __init__(self, settings: Settings, publisher: TransactionalPublisher, alerting_topic: str,
                 processor_factory: Callable[[], BatchProcessor] | None = None,
                 on_fatal: Callable[[int, str], None] = lambda code, message: None):
        self.settings = settings
        self.publisher = publisher
        self.on_fatal = on_fatal
        # Where each kind of output goes.
        self.topics = {"enriched": settings.topics.enriched, "deadletter": settings.topics.deadletter,
                       "alerting": alerting_topic}
        self._processor_factory = processor_factory or (lambda: build_processor(settings))
        self._processor: BatchProcessor | None = None
        self._processor_lock = asyncio.Lock()
        # One thread for the NLP: spaCy holds the GIL for most of its work, so more threads would
        # not help, while running it off the event loop keeps heartbeats and commits on time.
        self._nlp_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsstream-nlp")
        self._fault_batches = fault_batches(settings.test_faults)
        self._batches_run = 0
        # (topic, partition) -> (offset, Kafka timestamp) of the last message this worker published.
        self.progress: dict[tuple[str, int], tuple[int, float | None]] = {}
        # Readiness: the processor is loaded and the group has assigned this worker its partitions.
        self.ready = {"processor": False, "assigned": False}

    def set_ready(self, part: str, value: bool) -> None:
        self.ready[part] = value
        metrics.set_worker_ready(all(self.ready.values()))

    def preload(self) -> None:
        """Load the model, the gazetteer and the sanctions lists now (the worker does it before joining the group,
        so that a missing model or a corrupt list stops it at once, with the reason)."""
        self._processor = self._processor_factory()

    async def processor(self) -> BatchProcessor:
        async with self._processor_lock:
            if self._processor is None:
                loop = asyncio.get_running_loop()
                self._processor = await loop.run_in_executor(self._nlp_thread, self._processor_factory)
        return self._processor

    def _too_large_letter(self, message: RawMessage | None, article_id: str):
        """What replaces an enriched record the broker refuses as too large: a dead letter of its article."""

        def replace(reason: str) -> list[Output]:
            if message is None:
                return []
            letter = dead_letter(message, "output_too_large", reason, article_id,
                                 self.settings.deadletter_max_original_bytes)
            metrics.ARTICLES_DEADLETTERED.labels("output_too_large").inc()
            return [Output(self.topics["deadletter"], None, orjson.dumps(letter))]

        return replace

    def outputs_by_partition(self, result: BatchResult,
                             messages: list[RawMessage] = ()) -> dict[tuple[str, int], list[Output]]:
        """What each input partition's transaction publishes: enriched records (also onto the alerting
        stage's own topic) and dead letters."""
        by_position = {(m.position.topic, m.position.partition, m.position.offset): m for m in messages}
        outputs: dict[tuple[str, int], list[Output]] = defaultdict(list)
        for article_id, record, position in result.enriched:
            value = orjson.dumps(record)
            message = by_position.get((position.topic, position.partition, position.offset))
            outputs[(position.topic, position.partition)] += [
                Output(self.topics["enriched"], article_id.encode(), value,
                       on_too_large=self._too_large_letter(message, article_id)),
                Output(self.topics["alerting"], b"story-state", value, on_too_large=lambda reason: []),
            ]
        for _reason, letter in result.dead:
            source = letter["source"]
            outputs[(source["topic"], source["partition"])].append(
                Output(self.topics["deadletter"], None, orjson.dumps(letter)))
        return outputs

    async def publish(self, batches: list[PartitionBatch], result: BatchResult,
                      messages: list[RawMessage] = ()) -> set[tuple[str, int]]:
        """One transaction per input partition: its outputs and its offsets, all or nothing.

        Returns the partitions published; the others were reassigned meanwhile and their new owner redoes them.
        """
        outputs = self.outputs_by_partition(result, messages)
        committed = await asyncio.gather(*(commit_batch(self.publisher, b, outputs.get(b.tp, [])) for b in batches))
        published = {b.tp for b, ok in zip(batches, committed) if ok}
        acknowledged = time.time()
        for _, _, position in result.enriched:
            if (position.topic, position.partition) in published and position.timestamp_s:
                metrics.END_TO_END_SECONDS.labels("enriched").observe(max(0.0, acknowledged - position.timestamp_s))
        return published

    def count(self, result: BatchResult, batch_size: int, publish_seconds: float) -> None:
        metrics.ARTICLES_CONSUMED.labels(self.settings.topics.raw).inc(batch_size)
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

    async def run_batch(self, processor: BatchProcessor, events) -> None:
        loop = asyncio.get_running_loop()
        batches = await claim_batches(self.publisher, events)
        messages = [raw_message(event) for batch in batches for event in batch.events]
        if not messages:
            return  # all already published before a restart
        try:
            result = await loop.run_in_executor(self._nlp_thread, processor.process, messages)
            self._batches_run += 1
            if self._batches_run in self._fault_batches:
                raise InjectedFault(f"NEWSSTREAM_TEST_FAULTS: injected failure in enrichment batch {self._batches_run}")
            started = time.perf_counter()
            published = await self.publish(batches, result, messages)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            metrics.AGENT_ERRORS.labels("enrich").inc()
            await self.publisher.abandon(batches, f"the batch of {len(messages)} failed ({type(exc).__name__}: {exc})")
            raise
        self.count(result, len(messages), time.perf_counter() - started)
        for batch in batches:
            if batch.tp not in published:
                metrics.PARTITIONS_FENCED.labels("enrich").inc()
        for message in messages:
            pos = message.position
            if (pos.topic, pos.partition) in published:
                self.progress[(pos.topic, pos.partition)] = (pos.offset, pos.timestamp_s)

    async def consume(self, stream) -> None:
        """The agent's body: batches from the raw topic, one transaction per partition each."""
        processor = await self.processor()
        self.set_ready("processor", True)
        errors = 0
        async for events in stream.take_events(self.settings.batch_size, within=self.settings.batch_window_s):
            try:
                await self.run_batch(processor, events)
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
                    self.on_fatal(70, f"{errors} enrichment batches in a row failed, the last with "
                                      f"{type(exc).__name__}: {exc}; see the log above")
                    return
                await asyncio.sleep(min(5.0, 0.2 * 2 ** errors))


def register_enrichment(app, publisher: TransactionalPublisher, processor_factory=None,
                        on_fatal: Callable[[int, str], None] = lambda code, message: None) -> EnrichmentStage:
    """Add the enrichment agent to `app`, reading `app.channels.raw`; returns the stage (its `agent` too)."""
    stage = EnrichmentStage(app.settings, publisher, app.channels.alerting.get_topic_name(), processor_factory,
                            on_fatal)

    async def enrich_articles(stream):
        await stage.consume(stream)

    stage.agent = app.agent(app.channels.raw, name="enrich_articles")(enrich_articles)
    return stage
