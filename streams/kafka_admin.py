"""Talking to Kafka outside the Faust worker: reachability and topic creation, with kafka-python."""
from __future__ import annotations

import logging
import time

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import KafkaError, NoBrokersAvailable, TopicAlreadyExistsError

from streams.settings import Settings

log = logging.getLogger(__name__)


class KafkaUnavailable(RuntimeError):
    pass


def client_config(settings: Settings) -> dict:
    """Connection settings shared by every kafka-python client the project creates."""
    return {"bootstrap_servers": settings.bootstrap_list, "client_id": f"{settings.app_id}-cli"}


def admin_client(settings: Settings, timeout_s: float = 30.0) -> KafkaAdminClient:
    """An admin client, retrying until the broker answers or `timeout_s` passes."""
    deadline = time.monotonic() + timeout_s
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            return KafkaAdminClient(**client_config(settings), request_timeout_ms=10_000)
        except (NoBrokersAvailable, KafkaError, OSError) as exc:
            last_error = exc
            time.sleep(0.5)
    raise KafkaUnavailable(
        f"Kafka at {settings.bootstrap_servers} did not answer within {timeout_s:.0f}s ({last_error}). "
        "Start the local broker with `newsstream kafka start`, or set KAFKA_BOOTSTRAP_SERVERS to a reachable cluster."
    )


def ensure_topics(settings: Settings, timeout_s: float = 30.0) -> list[str]:
    """Create the pipeline's topics that do not exist yet; return the names created."""
    admin = admin_client(settings, timeout_s)
    try:
        existing = set(admin.list_topics())
        wanted = [name for name in settings.topics.all() if name not in existing]
        created = []
        for name in wanted:
            try:
                admin.create_topics(
                    [NewTopic(name, num_partitions=settings.topic_partitions, replication_factor=settings.topic_replication)]
                )
                created.append(name)
            except TopicAlreadyExistsError:
                pass  # another process created it between our list and create
        return created
    finally:
        admin.close()
