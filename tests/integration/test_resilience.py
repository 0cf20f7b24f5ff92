"""One bad message must never stop the stream (issue 12), on the real broker with real worker processes.

Every wait is bounded; every count is read with isolation.level=read_committed, as in test_delivery.py.
"""
from __future__ import annotations

import base64
import hashlib
import signal
import subprocess
import time
import urllib.error
import urllib.request

import orjson
import pytest

from fixtures.delivery import assert_exactly_once, private_producer, publish_articles, wait_for_enriched
from fixtures.kafka import publish_raw, read_settled, read_topic
from fixtures.worker import NEWSSTREAM, scrape, settings_env
from streams.ops import localkafka
from streams.ops.kafka_admin import client_config
from support import assert_conforms, synthetic_articles

pytestmark = pytest.mark.integration


def first_on(settings, topic: str, timeout_s: float) -> tuple[dict, float]:
    """The first committed message on `topic` and when it became readable (time.monotonic())."""
    [message] = read_topic(settings, topic, 1, timeout_s=timeout_s)[:1]
    return orjson.loads(message.value), time.monotonic()


def wait_for_log(worker, text: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if text in worker.log_path.read_text(errors="replace"):
            return
        assert worker.process.poll() is None, f"worker exited with {worker.process.returncode}:\n{worker.log()}"
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not in the worker's log within {timeout_s:.0f}s:\n{worker.log()}")



def test_poison_pills_are_dead_lettered_within_2s_and_the_stream_goes_on(pipeline_settings, start_worker, producer):
    # The NUL check must be what refuses the 1 MB body, not the length limits: let such a body through them.
    settings = pipeline_settings.with_(max_body_chars=1_000_000, max_message_bytes=1_040_000)
    topics = settings.topics
    worker = start_worker(settings)
    with urllib.request.urlopen(worker.metrics_url.replace("/metrics", "/ready"), timeout=5) as response:
        assert response.status == 200
    publish_raw(producer, topics.raw, [(b"warm-up", orjson.dumps({"id": "warm-up", "body": "Talks in Oslo went on."}))])
    read_topic(settings, topics.enriched, 1, timeout_s=60)  # the stream runs; now the poison

    not_json = b"\x80not json " + b"x" * (950_000 - 10)
    started = time.monotonic()
    publish_raw(producer, topics.raw, [(b"p-1", not_json)])
    letter, seen = first_on(settings, topics.deadletter, timeout_s=10)
    not_json_s = seen - started
    assert letter["reason"] == "not_utf8"
    assert letter["original_size"] == len(not_json) and letter["original_truncated"] is True
    assert base64.b64decode(letter["original_b64"]) == not_json[:settings.deadletter_max_original_bytes]
    assert letter["original_sha256"] == hashlib.sha256(not_json).hexdigest()
    assert_conforms("deadletter", letter)

    nul_body = orjson.dumps({"id": "nul", "body": "word " * 199_999 + "word\u0000"})  # 1,000,000 characters
    started = time.monotonic()
    publish_raw(producer, topics.raw, [(b"p-2", nul_body)])
    letters = read_topic(settings, topics.deadletter, 2, timeout_s=10)
    nul_s = time.monotonic() - started
    second = orjson.loads(letters[1].value)
    assert second["reason"] == "invalid_article" and "NUL character at index 999999" in second["error"], second["error"]

    started = time.monotonic()
    publish_raw(producer, topics.raw, [(b"after", orjson.dumps({"id": "after", "author": "Jane Roe",
                                                                "body": "Ministers from Chile and Peru met in Lima."}))])
    read_topic(settings, topics.enriched, 2, timeout_s=10)
    after_s = time.monotonic() - started
    print(f"\nnot-JSON 950 KB dead-lettered in {not_json_s:.2f}s, 1 MB body ending in NUL in {nul_s:.2f}s, "
          f"the next article enriched in {after_s:.2f}s")
    assert not_json_s < 2.0 and nul_s < 2.0, (not_json_s, nul_s)
    assert after_s < 10.0

    # Counted read_committed: two dead letters, two enriched records, nothing else.
    assert len(read_settled(settings, topics.deadletter, quiet_s=2)) == 2
    records = [orjson.loads(m.value) for m in read_settled(settings, topics.enriched, quiet_s=2)]
    assert [r["id"] for r in records] == ["warm-up", "after"]
    assert_conforms("enriched", records[1])
    samples = scrape(worker.metrics_url)
    assert samples.value("newsstream_articles_unknown_fields_total", field="author") == 1.0
    assert samples.value("newsstream_articles_deadlettered_total", reason="not_utf8") == 1.0
    assert worker.process.poll() is None
    assert records[1]["metadata"]["extra"] == {"author": "Jane Roe"}


def test_an_output_the_broker_refuses_as_too_large_is_dead_lettered(pipeline_settings, start_worker, producer):
    from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient

    settings = pipeline_settings
    topics = settings.topics
    admin = KafkaAdminClient(**client_config(settings))
    try:  # a cluster whose enriched topic takes smaller records than the worker's own limit
        admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topics.enriched,
                                            configs={"max.message.bytes": "20000"})])
    finally:
        admin.close()
    worker = start_worker(settings)
    long_body = " ".join(f"Ministers from Chile and Peru met in Lima for round {n} of the talks." for n in range(400))
    publish_raw(producer, topics.raw, [
        (b"big", orjson.dumps({"id": "big", "body": long_body})),
        (b"small", orjson.dumps({"id": "small", "body": "Talks in Oslo went well, officials said."})),
    ])
    [letter] = [orjson.loads(m.value) for m in read_topic(settings, topics.deadletter, 1, timeout_s=60)]
    assert letter["reason"] == "output_too_large" and letter["article_id"] == "big"
    assert "max.message.bytes" in letter["error"]
    assert_conforms("deadletter", letter)
    records = [orjson.loads(m.value) for m in read_topic(settings, topics.enriched, 1, timeout_s=60)]
    assert [r["id"] for r in records] == ["small"]
    assert len(read_settled(settings, topics.deadletter, quiet_s=2)) == 1
    assert [orjson.loads(m.value)["id"] for m in read_settled(settings, topics.enriched, quiet_s=2)] == ["small"]
    assert worker.process.poll() is None


def test_sigterm_during_a_broker_outage_ends_the_worker_within_10s(private_pipeline_settings, start_worker):
    settings = private_pipeline_settings
    articles = synthetic_articles(600, seed=21)  # so that it is mid-stream when the broker goes
    worker = start_worker(settings)
    with private_producer(settings) as producer:
        publish_articles(producer, settings, articles)
    wait_for_enriched(worker, at_least=20)
    localkafka.stop(settings)
    try:
        wait_for_log(worker, "Connect call failed", timeout_s=60)  # the worker has seen the broker go
        started = time.monotonic()
        worker.process.send_signal(signal.SIGTERM)
        try:
            code = worker.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running 15 s after SIGTERM:\n{worker.log()}") from None
        stopped_s = time.monotonic() - started
    finally:
        localkafka.start(settings)
    print(f"\nSIGTERM during the outage: the worker exited with {code} after {stopped_s:.2f}s")
    assert stopped_s < 10.0, worker.log()
    # Nothing half committed: a new worker finishes the rest, and every article is out exactly once.
    start_worker(settings)
    assert_exactly_once(settings, articles)


def test_an_exception_mid_batch_neither_loses_nor_duplicates(pipeline_settings, start_worker, producer):
    settings = pipeline_settings.with_(test_faults="enrich_batch=3,9")
    articles = synthetic_articles(500, seed=22)
    worker = start_worker(settings)
    publish_articles(producer, settings, articles)
    assert_exactly_once(settings, articles)
    log = worker.log_path.read_text(errors="replace")
    assert log.count("injected failure in enrichment batch") >= 2, worker.log()
    assert "enrich: a batch failed" in log
    assert "will be read again from the committed offset" in log  # rewound, not skipped
    assert scrape(worker.metrics_url).value("newsstream_agent_errors_total", stage="enrich") == 2.0
    assert worker.process.poll() is None


def test_a_worker_paused_past_the_session_timeout_duplicates_and_loses_nothing(pipeline_settings, start_worker,
                                                                                producer):
    settings = pipeline_settings.with_(session_timeout_s=8.0)
    articles = synthetic_articles(600, seed=23)
    zombie = start_worker(settings)
    other = start_worker(settings)
    publish_articles(producer, settings, articles)
    wait_for_enriched(zombie, at_least=40)
    zombie.process.send_signal(signal.SIGSTOP)
    paused = time.monotonic()
    try:
        # The group drops the paused worker after the session timeout, and the other takes its partitions.
        # Held at least 2 s past the session timeout, until then.
        deadline = paused + 60
        while time.monotonic() < deadline:
            claims = other.log_path.read_text(errors="replace").count("enrich: processing")
            if claims >= 2 and time.monotonic() - paused > settings.session_timeout_s + 2:
                break
            time.sleep(0.5)
        assert claims >= 2, other.log()
        paused_s = time.monotonic() - paused
    finally:
        zombie.process.send_signal(signal.SIGCONT)
    assert paused_s > settings.session_timeout_s
    assert_exactly_once(settings, articles)
    log = zombie.log_path.read_text(errors="replace")
    fenced = "fenced: another worker took over" in log
    lost = "was reassigned during its batch" in log
    print(f"\npaused {paused_s:.1f}s; the zombie's in-flight batch was {'fenced' if fenced else ''}"
          f"{' and ' if fenced and lost else ''}{'dropped on reassignment' if lost else ''}")
    assert fenced or lost, zombie.log()
    assert other.process.poll() is None


def changelog(settings) -> list[tuple[list, dict | None, float]]:
    from kafka import KafkaConsumer, TopicPartition

    topic = f"{settings.app_id}-alerting-state"
    consumer = KafkaConsumer(**client_config(settings), group_id=None, enable_auto_commit=False,
                             isolation_level="read_committed")
    try:
        tp = TopicPartition(topic, 0)
        consumer.assign([tp])
        consumer.seek_to_beginning(tp)
        end = consumer.end_offsets([tp])[tp]
        records = []
        deadline = time.monotonic() + 30
        while consumer.position(tp) < end and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=500).values():
                records += [(orjson.loads(r.key), r.value and orjson.loads(r.value), r.timestamp / 1000) for r in batch]
        return records
    finally:
        consumer.close()


def test_alerting_state_older_than_the_ttl_is_tombstoned_and_not_restored(pipeline_settings, start_worker, producer):
    settings = pipeline_settings.with_(alert_state_ttl_s=20.0)
    topics = settings.topics
    old = [{"id": f"old-{n}", "body": body} for n, body in enumerate((
        "Canada imposed sanctions on Belarus on Monday over the crackdown.",
        "Japan imposed sanctions on North Korea on Tuesday after the launch."))]
    new = [{"id": f"new-{n}", "body": body} for n, body in enumerate((
        "Australia imposed sanctions on Myanmar on Friday over the coup.",
        "Britain imposed sanctions on Iran on Thursday over the drones."))]
    first = start_worker(settings)
    publish_articles(producer, settings, old)
    read_topic(settings, topics.alerts_sanctions, 2, timeout_s=90)

    # The sweep tombstones the old articles' keys once they are older than the TTL, with no new input.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        latest = {tuple(key): value for key, value, _ in changelog(settings)}
        if all(latest.get(("articles", a["id"]), "absent") is None for a in old):
            break
        time.sleep(1.0)
    assert all(latest.get(("articles", a["id"]), "absent") is None for a in old), latest
    assert any(value is None for key, value in latest.items() if key[0] == "alerted")

    publish_articles(producer, settings, new)
    read_topic(settings, topics.alerts_sanctions, 4, timeout_s=90)
    first.stop()
    records = changelog(settings)  # what the next claim will find
    latest = {}
    for key, value, _ in records:
        latest[tuple(key)] = value
    live = {key for key, value in latest.items() if value is not None}
    tombstoned = {key for key, value in latest.items() if value is None}
    assert {("articles", a["id"]) for a in old} <= tombstoned
    assert {("articles", a["id"]) for a in new} <= live
    assert not any(key[1] in {a["id"] for a in old} for key in live)

    from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient

    admin = KafkaAdminClient(**client_config(settings))
    try:
        [response] = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, f"{settings.app_id}-alerting-state")])
        configs = {entry[0]: entry[1] for resource in response.resources for entry in resource[4]}
    finally:
        admin.close()
    assert configs["cleanup.policy"] == "compact"
    assert int(configs["min.compaction.lag.ms"]) > 0 and int(configs["delete.retention.ms"]) >= 3600_000

    second = start_worker(settings)
    publish_articles(producer, settings, [{"id": "nudge", "body": "Rain is expected in Dublin."}])
    wait_for_log(second, "alerting: restored", timeout_s=60)
    restored = [line for line in second.log_path.read_text().splitlines() if "alerting: restored" in line][0]
    restored_keys = int(restored.split("restored ")[1].split()[0])
    print(f"\n{restored.split('] ')[-1]}; {len(tombstoned)} tombstoned keys, {len(live)} live")
    assert restored_keys == len(live), (restored, live)  # only the live keys: no tombstoned one came back
    assert f"({len(records)} records read" in restored


@pytest.mark.parametrize("case", ["missing model", "corrupt list"])
def test_a_worker_that_cannot_load_stops_with_code_2_before_joining_the_group(pipeline_settings, tmp_path, case):
    from kafka.admin import KafkaAdminClient

    if case == "missing model":
        settings = pipeline_settings.with_(spacy_model="no_such_model_xx")
    else:
        corrupt = tmp_path / "un.xml"
        corrupt.write_text("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>TRUNC")
        settings = pipeline_settings.with_(sanctions_lists=f"un={corrupt}")
    started = time.monotonic()
    done = subprocess.run([NEWSSTREAM, "worker"], env=settings_env(settings), capture_output=True, text=True,
                          timeout=120)
    took = time.monotonic() - started
    print(f"\n{case}: exit {done.returncode} after {took:.1f}s: {done.stderr.strip().splitlines()[-1]}")
    assert done.returncode == 2, done.stderr
    reasons = [line for line in done.stderr.splitlines() if line.startswith("newsstream:")]
    assert len(reasons) == 1 and "cannot start the worker" in reasons[0], done.stderr
    expected = "no_such_model_xx' is not installed" if case == "missing model" else "ParseError"
    assert expected in reasons[0], reasons[0]
    assert reasons[0] == done.stderr.strip().splitlines()[-1]  # the reason is the last word, on one line
    admin = KafkaAdminClient(**client_config(settings))
    try:
        groups = {group[0] if isinstance(group, tuple) else group.group_id for group in admin.list_consumer_groups()}
    finally:
        admin.close()
    assert settings.app_id not in groups
