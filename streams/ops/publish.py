"""Articles from files onto a topic (`newsstream publish`): each checked as the worker would, keyed by its id."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

import orjson

from streams.records.sources import Item
from streams.settings import Settings


class PublishFailed(RuntimeError):
    """Kafka refused or lost a send; `sent` articles had been handed to the producer before."""

    def __init__(self, sent: int, error: Exception):
        super().__init__(str(error))
        self.sent = sent


@dataclass
class Published:
    topic: str
    sent: int = 0
    rejected: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # the first 20 rejections, "origin: reason: error"

    def summary(self) -> dict:
        return {"topic": self.topic, "sent": self.sent, "rejected": sum(self.rejected.values()),
                "rejected_by_reason": dict(self.rejected)}


def open_producer(settings: Settings):
    """An idempotent-enough producer for the CLI (acks=all); kafka.errors.KafkaError when Kafka cannot be reached."""
    from kafka import KafkaProducer

    from streams.ops.kafka_admin import client_config

    return KafkaProducer(**client_config(settings), acks="all", linger_ms=20,
                         max_request_size=settings.max_message_bytes + 10_000)


def publish_items(producer, topic: str, items: Iterable[Item], settings: Settings,
                  advance: Callable[[], None] = lambda: None) -> Published:
    """Send every acceptable article, count the others by reason; waits until Kafka has them all.

    Raises PublishFailed on a Kafka error, and FileNotFoundError from the items' source.
    """
    from kafka.errors import KafkaError

    from streams.records.decode import ArticleRejected, Limits, article_from_dict

    limits = Limits.from_settings(settings)
    result = Published(topic)
    futures = []
    try:
        for item in items:
            advance()
            problem = item.rejected
            if problem is None:
                try:
                    article_from_dict(item.article, limits)
                except ArticleRejected as exc:
                    problem = exc
            if problem is not None:
                result.rejected[problem.reason] += 1
                if len(result.failures) < 20:
                    result.failures.append(f"{item.origin}: {problem.reason}: {problem.error}")
                continue
            futures.append(producer.send(topic, key=item.article["id"].encode(), value=orjson.dumps(item.article)))
            result.sent += 1
        producer.flush(timeout=60)
        for future in futures:
            future.get(timeout=30)
    except KafkaError as exc:
        raise PublishFailed(result.sent, exc) from exc
    return result
