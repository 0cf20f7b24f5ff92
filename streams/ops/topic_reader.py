"""Read a topic from the CLI (`newsstream tail`): read-committed, no consumer group, each value parsed once."""
from __future__ import annotations

import base64
import time
from typing import Iterator

import orjson

from streams.settings import Settings


def message_document(value: bytes | None):
    """A message value parsed once: its JSON, or a wrapper saying it was a tombstone or not JSON."""
    if value is None:
        return {"tombstone": True}
    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError:
        return {"not_json_b64": base64.b64encode(value).decode()}


class TopicReader:
    """A consumer of one topic; kafka.errors.KafkaError from the constructor when Kafka cannot be reached."""

    def __init__(self, settings: Settings, topic: str, from_beginning: bool):
        from kafka import KafkaConsumer

        from streams.ops.kafka_admin import client_config

        self.topic = topic
        self.consumer = KafkaConsumer(
            topic,
            **client_config(settings),
            group_id=None,
            auto_offset_reset="earliest" if from_beginning else "latest",
            enable_auto_commit=False,
            isolation_level="read_committed",
            consumer_timeout_ms=500,
        )

    def documents(self, deadline: float | None = None) -> Iterator:
        """Every message's document, until time.monotonic() passes the deadline (forever when None)."""
        while not (deadline and time.monotonic() > deadline):
            for message in self.consumer:  # gives up after 500 ms without a message, so the deadline is checked
                yield message_document(message.value)
                if deadline and time.monotonic() > deadline:
                    return

    def close(self) -> None:
        self.consumer.close()
