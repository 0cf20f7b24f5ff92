"""SASL/SCRAM-SHA-512 and ACLs on the local broker: the worker with its credentials, a wrong password, a reader without ACLs."""
from __future__ import annotations

import secrets
import subprocess
import uuid

import orjson
import pytest
from kafka import KafkaConsumer, TopicPartition

from fixtures.kafka import publish_raw, read_topic
from fixtures.worker import NEWSSTREAM, settings_env
from streams.ops import localkafka
from streams.ops.kafka_admin import client_config, grant_pipeline_access
from support import SANCTIONS_IMPOSED

pytestmark = pytest.mark.integration


@pytest.fixture
def scram(kafka, pipeline_settings):
    """Two SCRAM users of this test's own: one allowed to run the pipeline, one with no ACLs at all."""
    if kafka.external_kafka:
        pytest.skip("creates users on the local broker")
    run = uuid.uuid4().hex[:8]
    users = {"worker": (f"worker-{run}", secrets.token_urlsafe(16)), "reader": (f"reader-{run}", secrets.token_urlsafe(16))}
    for name, password in users.values():
        localkafka.add_scram_user(kafka, name, password)
    grant_pipeline_access(kafka, users["worker"][0], pipeline_settings)

    def as_user(role: str, password: str | None = None) -> object:
        name, real_password = users[role]
        return pipeline_settings.with_(
            bootstrap_servers=f"127.0.0.1:{localkafka.sasl_port(kafka)}", external_kafka=True,
            security_protocol="SASL_PLAINTEXT", sasl_mechanism="SCRAM-SHA-512", sasl_username=name,
            sasl_password=password or real_password,
        )

    as_user.password = lambda role: users[role][1]
    return as_user


def test_the_worker_runs_with_its_scram_credentials_and_never_logs_the_password(scram, pipeline_settings, start_worker,
                                                                                 producer):
    worker = start_worker(scram("worker"))
    publish_raw(producer, pipeline_settings.topics.raw, [(b"auth-1", orjson.dumps({"id": "auth-1", "body": SANCTIONS_IMPOSED}))])
    [message] = read_topic(scram("worker"), pipeline_settings.topics.enriched, 1)  # read back as the worker user
    assert orjson.loads(message.value)["sanctions"][0]["status"] == "imposed"
    read_topic(pipeline_settings, pipeline_settings.topics.alerts_sanctions, 1)
    assert scram.password("worker") not in worker.log()


def test_a_wrong_password_stops_the_worker_at_start_up_with_a_clear_message(scram, tmp_path):
    password_file = tmp_path / "password"
    password_file.write_text("not-the-password\n")
    env = settings_env(scram("worker"))
    env.pop("KAFKA_SASL_PASSWORD")
    env["KAFKA_SASL_PASSWORD_FILE"] = str(password_file)
    done = subprocess.run([NEWSSTREAM, "worker"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    output = " ".join((done.stdout + done.stderr).split())
    assert "refused user" in output and "invalid credentials" in output, output
    assert "not-the-password" not in output


def _poll_all(settings, topic: str, rounds: int = 10) -> list:
    consumer = KafkaConsumer(**client_config(settings), group_id=None, enable_auto_commit=False,
                             auto_offset_reset="earliest")
    try:
        consumer.assign([TopicPartition(topic, 0)])
        messages = []
        for _ in range(rounds):  # bounded
            for batch in consumer.poll(timeout_ms=300).values():
                messages.extend(batch)
            if messages:
                break
        return messages
    finally:
        consumer.close()


def test_a_user_without_acls_cannot_read_the_alert_topics(scram, pipeline_settings, producer, caplog):
    topic = pipeline_settings.topics.alerts_sanctions
    publish_raw(producer, topic, [(b"a", b'{"alert": "for the pipeline user only"}')])
    assert len(_poll_all(scram("worker"), topic)) == 1  # the granted user reads it: the topic has data
    assert _poll_all(scram("reader"), topic) == []
    # kafka-python does not raise on a refused topic: it logs the broker's answer and returns nothing.
    assert f"Topic {topic} is not authorized" in caplog.text


def test_a_permanent_refusal_stops_the_worker_with_code_2_and_says_what_to_check(kafka, pipeline_settings, producer,
                                                                                  tmp_path):
    """A user allowed everything but the transactional ids: no retry can fix that, so the worker stops."""
    import time

    from kafka.admin import ACL, ACLOperation, ACLPermissionType, ACLResourcePatternType, ResourcePattern, ResourceType

    from streams.ops.kafka_admin import admin_client

    if kafka.external_kafka:
        pytest.skip("creates users on the local broker")
    name, password = f"half-{uuid.uuid4().hex[:8]}", secrets.token_urlsafe(16)
    localkafka.add_scram_user(kafka, name, password)
    literal, prefixed = ACLResourcePatternType.LITERAL, ACLResourcePatternType.PREFIXED
    patterns = [ResourcePattern(ResourceType.TOPIC, topic, literal) for topic in pipeline_settings.topics.all()]
    patterns += [ResourcePattern(ResourceType.TOPIC, f"{pipeline_settings.app_id}-", prefixed),
                 ResourcePattern(ResourceType.GROUP, pipeline_settings.app_id, literal)]
    admin = admin_client(kafka)
    try:
        admin.create_acls([ACL(f"User:{name}", "*", ACLOperation.ALL, ACLPermissionType.ALLOW, p) for p in patterns])
    finally:
        admin.close()
    settings = pipeline_settings.with_(
        bootstrap_servers=f"127.0.0.1:{localkafka.sasl_port(kafka)}", external_kafka=True,
        security_protocol="SASL_PLAINTEXT", sasl_mechanism="SCRAM-SHA-512", sasl_username=name, sasl_password=password)
    publish_raw(producer, pipeline_settings.topics.raw, [(b"acl-1", orjson.dumps({"id": "acl-1", "body": SANCTIONS_IMPOSED}))])
    log_path = tmp_path / "worker.log"
    with open(log_path, "wb") as log:
        started = time.monotonic()
        process = subprocess.Popen([NEWSSTREAM, "worker"], env=settings_env(settings), stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            code = process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            raise AssertionError(f"the worker kept running:\n{log_path.read_text()[-4000:]}") from None
    output = log_path.read_text(errors="replace")
    print(f"\nexit {code} after {time.monotonic() - started:.1f}s")
    assert code == 2, output[-4000:]
    assert "TransactionalIdAuthorizationFailed" in output and "check the user's ACLs" in output, output[-4000:]
    assert password not in output
