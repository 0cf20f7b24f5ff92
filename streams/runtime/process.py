"""One batch of raw messages in, everything to publish out.

Pure of transport: the Faust agent hands in bytes and positions and publishes what
comes back; tests call it directly. Every message ends up enriched or dead-lettered.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field

import orjson

import streams
from streams.common import schemas
from streams.records.decode import ArticleRejected, Limits, decode_article
from streams.records.models import Article, DeadLetter, DeadLetterSource, SourcePosition
from streams.common.clock import utc_now
from streams.enrichment.enrich import Enricher, StageTimer


@dataclass(frozen=True)
class RawMessage:
    value: bytes | None
    position: SourcePosition


@dataclass
class BatchResult:
    enriched: list[tuple[str, dict, SourcePosition]] = field(default_factory=list)
    dead: list[tuple[str, dict]] = field(default_factory=list)  # (reason, dead letter)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    entity_labels: Counter = field(default_factory=Counter)
    unknown_fields: Counter = field(default_factory=Counter)  # top-level fields kept under metadata.extra


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def _iso(timestamp_s: float | None) -> str | None:
    if timestamp_s is None:
        return None
    return dt.datetime.fromtimestamp(timestamp_s, dt.timezone.utc).isoformat(timespec="milliseconds")


DEFAULT_KEEP_BYTES = 65_536


def dead_letter(message: RawMessage, reason: str, error: str, article_id: str | None = None,
                keep_bytes: int = DEFAULT_KEEP_BYTES) -> dict:
    """The dead letter of `message`: why, where it was, and at most `keep_bytes` of it (with the size and
    sha256 of the whole), so that a dead letter always fits on the topic whatever came in."""
    pos = message.position
    value = message.value
    kept = None if value is None else value[:keep_bytes]
    if error and len(error) > 2000:
        error = error[:2000] + "…"
    if article_id is not None and len(article_id) > 256:
        article_id = article_id[:256]
    return DeadLetter(
        reason=reason,
        error=error,
        original_b64=_b64(kept),
        original_size=len(value or b""),
        original_truncated=value is not None and len(kept) < len(value),
        original_sha256=None if value is None else hashlib.sha256(value).hexdigest(),
        article_id=article_id,
        source=DeadLetterSource(topic=pos.topic, partition=pos.partition, offset=pos.offset, key_b64=_b64(pos.key),
                                timestamp=_iso(pos.timestamp_s)),
        failed_at=utc_now(),
        app_version=streams.__version__,
    ).to_dict()


class BatchProcessor:
    def __init__(self, enricher: Enricher, limits: Limits):
        self.enricher = enricher
        self.limits = limits

    def _dead(self, message: RawMessage, reason: str, error: str, article_id: str | None = None) -> tuple[str, dict]:
        return reason, dead_letter(message, reason, error, article_id, self.limits.deadletter_max_original_bytes)

    def process(self, messages: list[RawMessage]) -> BatchResult:
        result = BatchResult()
        received_at = utc_now()
        started = time.perf_counter()
        accepted: list[tuple[RawMessage, Article]] = []
        for message in messages:
            try:
                accepted.append((message, decode_article(message.value, self.limits)))
            except ArticleRejected as exc:
                result.dead.append(self._dead(message, exc.reason, exc.error, exc.article_id))
        timer = StageTimer()
        timer.seconds["decode"] = time.perf_counter() - started
        for (message, article), record in zip(accepted, self._enrich(accepted, result, timer)):
            if record is None:
                continue
            record["processing"].update(  # the worker's fields of records.models.Processing
                received_at=received_at,
                produced_at=_iso(message.position.timestamp_s),
                source_offset={
                    "topic": message.position.topic,
                    "partition": message.position.partition,
                    "offset": message.position.offset,
                },
            )
            try:
                schemas.validate("enriched", record, self.limits.schemas_dir)
            except schemas.SchemaViolation as exc:
                # Our own output is wrong: keep the article, say why, and do not publish half of it.
                result.dead.append(self._dead(message, "enrichment_failed", f"output failed its schema: {exc}", article.id))
                continue
            size = len(orjson.dumps(record))
            if size > self.limits.max_output_bytes:
                result.dead.append(self._dead(
                    message, "output_too_large",
                    f"the enriched record is {size} bytes, over NEWSSTREAM_MAX_OUTPUT_BYTES={self.limits.max_output_bytes} "
                    "(the broker's message.max.bytes must allow it): lower NEWSSTREAM_MAX_BODY_CHARS or raise both",
                    article.id))
                continue
            result.unknown_fields.update(article.extra_fields)
            result.enriched.append((article.id, record, message.position))
            result.entity_labels.update(e["label"] for e in record["entities"] for _ in e["mentions"])
        result.stage_seconds = timer.seconds
        return result

    def _enrich(self, accepted, result: BatchResult, timer: StageTimer) -> list[dict | None]:
        articles = [article for _, article in accepted]
        try:
            return self.enricher.enrich_many(articles, timer)
        except Exception:  # noqa: BLE001 - one bad article must not sink its batch
            records: list[dict | None] = []
            for message, article in accepted:
                try:
                    records.extend(self.enricher.enrich_many([article], timer))
                except Exception as exc:  # noqa: BLE001
                    error = f"{type(exc).__name__}: {exc}"
                    result.dead.append(self._dead(message, "enrichment_failed", error, article.id))
                    records.append(None)
            return records
