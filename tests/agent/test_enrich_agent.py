"""The agent in Faust's test context: real batching and routing, an in-memory publisher instead of Kafka."""
import asyncio

import orjson
import pytest

from streams.records.decode import Limits
from streams.runtime.app import create_app
from streams.runtime.process import BatchProcessor
from streams.runtime.transactions import Claim, PartitionLost
from support import assert_conforms, metric_value


class MemoryPublisher:
    """Records each partition's transactions; `committed` plays the group's offsets."""

    stage = "memory"

    def __init__(self, committed=None):
        self.abandoned = []
        self.committed_offsets = dict(committed or {})
        self.transactions = []
        self.lost = set()

    async def claim(self, tp):
        return Claim(self.committed_offsets.get(tuple(tp)), fresh=True)

    async def commit(self, tp, outputs, next_offset):
        if tuple(tp) in self.lost:
            raise PartitionLost(tp)
        self.transactions.append((tuple(tp), outputs, next_offset))
        self.committed_offsets[tuple(tp)] = next_offset

    async def abandon(self, batches, why):
        self.abandoned.append(why)

    def sent(self, topic):
        return [(o.key, orjson.loads(o.value)) for _, outputs, _ in self.transactions for o in outputs if o.topic == topic]


@pytest.fixture
def build(settings, enricher):
    """An app wired by create_app, with the session's enricher and the given in-memory publisher."""

    def with_publisher(publisher):
        processor = BatchProcessor(enricher, Limits.from_settings(settings))
        return create_app(settings, enrich_publisher=publisher, alert_publisher=MemoryPublisher(),
                          processor_factory=lambda: processor)

    return with_publisher


async def _run(stage, until, messages=None):
    async with stage.agent.test_context() as agent:
        for key, value in messages or MESSAGES:
            await agent.put(value, key=key)
        for _ in range(600):
            if until():
                break
            await asyncio.sleep(0.05)


MESSAGES = [
    (b"s-1", orjson.dumps({"id": "s-1", "body": "Canada imposed sanctions on Russian banks on Friday."})),
    (b"bad", b"\x00\x01"),
    (b"q-1", orjson.dumps({"id": "q-1", "body": "Rain is expected in Dublin."})),
]


def test_agent_publishes_enriched_records_and_dead_letters_with_their_offsets(build, settings):
    publisher = MemoryPublisher()
    stage = build(publisher).enrichment
    asyncio.run(_run(stage, until=lambda: len(publisher.transactions) >= 1))
    enriched = publisher.sent(stage.topics["enriched"])
    assert [key for key, _ in enriched] == [b"s-1", b"q-1"]
    assert enriched[0][1]["sanctions"][0]["status"] == "imposed"
    # The alerting stage gets the same records, on its own one-partition topic.
    assert [record["id"] for _, record in publisher.sent(stage.topics["alerting"])] == ["s-1", "q-1"]
    [(_, letter)] = publisher.sent(stage.topics["deadletter"])
    assert letter["reason"] == "not_json"
    # Outputs and the offset after the last input travel in the same transaction.
    [(tp, _, next_offset)] = publisher.transactions
    assert next_offset == 3 and tp[0] == settings.topics.raw
    for topic, kind in [("enriched", "enriched"), ("deadletter", "deadletter")]:
        for _, document in publisher.sent(stage.topics[topic]):
            assert_conforms(kind, document)


def test_agent_skips_input_already_published_before_a_restart(build, settings):
    publisher = MemoryPublisher(committed={(settings.topics.raw, 0): 2})
    stage = build(publisher).enrichment
    asyncio.run(_run(stage, until=lambda: len(publisher.transactions) >= 1))
    assert [record["id"] for _, record in publisher.sent(stage.topics["enriched"])] == ["q-1"]
    assert publisher.sent(stage.topics["deadletter"]) == []


def test_agent_publishes_nothing_for_a_partition_taken_away_mid_batch(build, settings):
    publisher = MemoryPublisher()
    publisher.lost.add((settings.topics.raw, 0))
    stage = build(publisher).enrichment
    consumed = ("newsstream_articles_consumed_total", {"topic": settings.topics.raw})
    before = metric_value(*consumed)
    asyncio.run(_run(stage, until=lambda: metric_value(*consumed) >= before + 3))
    assert metric_value(*consumed) == before + 3
    assert publisher.transactions == [] and publisher.abandoned == []  # lost, not failed
    assert stage.progress == {}  # the lag gauges do not count it as done either


def test_two_apps_from_different_settings_do_not_share_topics_or_state(settings):
    """Nothing lives at module level: each create_app call has its own topics, publishers and progress."""
    other = settings.with_(app_id="other-app", topics=settings.topics.with_(raw="elsewhere.raw"))
    first = create_app(settings, enrich_publisher=MemoryPublisher(), alert_publisher=MemoryPublisher())
    second = create_app(other, enrich_publisher=MemoryPublisher(), alert_publisher=MemoryPublisher())
    assert first.channels.raw.get_topic_name() == settings.topics.raw
    assert second.channels.raw.get_topic_name() == "elsewhere.raw"
    assert second.channels.alerting.get_topic_name() == "other-app-alerting"
    assert first.enrichment.progress is not second.enrichment.progress
    assert first.alerting.state is not second.alerting.state
