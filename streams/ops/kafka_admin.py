"""Talking to Kafka outside the Faust worker: reachability and topic creation, with kafka-python."""
from __future__ import annotations

import logging
import time

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import (
    KafkaError,
    NoBrokersAvailable,
    SaslAuthenticationFailedError,
    TopicAlreadyExistsError,
    UnsupportedSaslMechanismError,
)

from streams.settings import Settings

log = logging.getLogger(__name__)


class KafkaUnavailable(RuntimeError):
    pass


class KafkaAuthenticationFailed(RuntimeError):
    """The broker refused our credentials: retrying will not help."""


def authentication_failed(settings: Settings, error: Exception | str) -> KafkaAuthenticationFailed:
    reason = error if isinstance(error, str) else type(error).__name__
    return KafkaAuthenticationFailed(
        f"Kafka at {settings.bootstrap_servers} refused user {settings.sasl_username!r} "
        f"({settings.sasl_mechanism} over {settings.security_protocol}): {reason}. "
        "Check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE)."
    )


def _connection(settings: Settings, client_id: str) -> dict:
    """Where Kafka is and who we are; kafka-python and aiokafka name these options alike."""
    config = {"bootstrap_servers": settings.bootstrap_list, "client_id": client_id,
              "security_protocol": settings.security_protocol}
    if settings.uses_sasl:
        config.update(sasl_mechanism=settings.sasl_mechanism, sasl_plain_username=settings.sasl_username,
                      sasl_plain_password=settings.sasl_password.get_secret_value())
    return config


def client_config(settings: Settings) -> dict:
    """Connection settings shared by every kafka-python client the project creates."""
    config = _connection(settings, f"{settings.app_id}-cli")
    if settings.uses_tls and settings.ssl_cafile:
        config["ssl_cafile"] = settings.ssl_cafile
    return config


def ssl_context(settings: Settings):
    """The TLS context aiokafka and Faust take; None without TLS."""
    import ssl

    return ssl.create_default_context(cafile=settings.ssl_cafile or None) if settings.uses_tls else None


def aiokafka_config(settings: Settings, client_id: str) -> dict:
    """The same connection settings for the aiokafka clients the worker creates besides Faust's own."""
    config = _connection(settings, client_id)
    if settings.uses_tls:
        config["ssl_context"] = ssl_context(settings)
    return config


class _AuthenticationFailures(logging.Handler):
    """kafka-python reports a refused login only in its log, then retries as if the broker were down."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.failure: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "SaslAuthenticationFailedError" in message or "UnsupportedSaslMechanism" in message:
            self.failure = message.rpartition("Error: ")[2] or message


def admin_client(settings: Settings, timeout_s: float = 30.0) -> KafkaAdminClient:
    """An admin client, retrying until the broker answers or `timeout_s` passes; a refused login fails at once."""
    deadline = time.monotonic() + timeout_s
    last_error: Exception | None = None
    failures = _AuthenticationFailures()
    kafka_log = logging.getLogger("kafka.conn")
    kafka_log.addHandler(failures)
    try:
        while time.monotonic() < deadline:
            try:
                return KafkaAdminClient(**client_config(settings), request_timeout_ms=10_000)
            except (SaslAuthenticationFailedError, UnsupportedSaslMechanismError) as exc:
                raise authentication_failed(settings, exc) from None
            except (NoBrokersAvailable, KafkaError, OSError) as exc:
                if failures.failure:
                    raise authentication_failed(settings, failures.failure) from None
                last_error = exc
                time.sleep(0.5)
    finally:
        kafka_log.removeHandler(failures)
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


def grant_pipeline_access(settings: Settings, username: str, pipeline: Settings | None = None) -> int:
    """Give `username` what a worker of `pipeline` needs, and nothing more; return the number of ACLs.

    Its topics (and the app's internal ones, prefixed with the app id), its consumer group, and
    transactional ids under the app id. Run as a user allowed to alter ACLs.
    """
    from kafka.admin import ACL, ACLOperation, ACLPermissionType, ACLResourcePatternType, ResourcePattern, ResourceType

    pipeline = pipeline or settings
    literal, prefixed = ACLResourcePatternType.LITERAL, ACLResourcePatternType.PREFIXED
    patterns = [ResourcePattern(ResourceType.TOPIC, name, literal) for name in pipeline.topics.all()]
    patterns += [
        ResourcePattern(ResourceType.TOPIC, f"{pipeline.app_id}-", prefixed),
        ResourcePattern(ResourceType.GROUP, pipeline.app_id, literal),
        ResourcePattern(ResourceType.TRANSACTIONAL_ID, f"{pipeline.app_id}.", prefixed),
    ]
    acls = [ACL(f"User:{username}", "*", ACLOperation.ALL, ACLPermissionType.ALLOW, pattern) for pattern in patterns]
    admin = admin_client(settings)
    try:
        result = admin.create_acls(acls)
    finally:
        admin.close()
    if result["failed"]:
        raise KafkaUnavailable(f"could not create ACLs for {username!r}: {result['failed']}")
    return len(acls)
