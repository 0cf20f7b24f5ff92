"""The agent in Faust's test context: real batching and routing, an in-memory publisher instead of Kafka."""
import asyncio

import orjson
import pytest

from streams.pipeline import agents
from streams.transactions import Claim, PartitionLost
from support import assert_conforms


class MemoryPublisher:
    """Records each partition's transactions; `committed` plays the group's offsets."""

    def __init__(self, committed=None):
        self.committed = dict(committed or {})
        self.transactions = []
        self.lost = set()

    async def claim(self, tp):
        return Claim(self.committed.get(tuple(tp)), fresh=True)

    async def commit(self, tp, outputs, next_offset):
        if tuple(tp) in self.lost:
            raise PartitionLost(tp)
        self.transactions.append((tuple(tp), outputs, next_offset))
        self.committed[tuple(tp)] = next_offset

    def sent(self, topic):
        return [(o.key, orjson.loads(o.value)) for _, outputs, _ in self.transactions for o in outputs if o.topic == topic]


def _swap(monkeypatch, publisher):
    monkeypatch.setattr(agents, "PUBLISHER", publisher)
    return publisher


async def _run(publisher, messages, expected_transactions):
    async with agents.enrich_articles.test_context() as agent:
        for key, value in messages:
            await agent.put(value, key=key)
        for _ in range(600):
            if len(publisher.transactions) >= expected_transactions:
                break
            await asyncio.sleep(0.05)


MESSAGES = [
    (b"s-1", orjson.dumps({"id": "s-1", "body": "Canada imposed sanctions on Russian banks on Friday."})),
    (b"bad", b"\x00\x01"),
    (b"q-1", orjson.dumps({"id": "q-1", "body": "Rain is expected in Dublin."})),
]


def test_agent_publishes_enriched_records_and_dead_letters_with_their_offsets(monkeypatch):
    publisher = _swap(monkeypatch, MemoryPublisher())
    asyncio.run(_run(publisher, MESSAGES, expected_transactions=1))
    enriched = publisher.sent(agents.TOPICS["enriched"])
    assert [key for key, _ in enriched] == [b"s-1", b"q-1"]
    assert enriched[0][1]["sanctions"][0]["status"] == "imposed"
    # The alerting stage gets the same records, on its own one-partition topic.
    assert [record["id"] for _, record in publisher.sent(agents.TOPICS["alerting"])] == ["s-1", "q-1"]
    [(_, letter)] = publisher.sent(agents.TOPICS["deadletter"])
    assert letter["reason"] == "not_json"
    # Outputs and the offset after the last input travel in the same transaction.
    [(tp, _, next_offset)] = publisher.transactions
    assert next_offset == 3 and tp[0] == agents.settings.topics.raw
    for topic, kind in [("enriched", "enriched"), ("deadletter", "deadletter")]:
        for _, document in publisher.sent(agents.TOPICS[topic]):
            assert_conforms(kind, document)


def test_agent_skips_input_already_published_before_a_restart(monkeypatch):
    raw = agents.settings.topics.raw
    publisher = _swap(monkeypatch, MemoryPublisher(committed={(raw, 0): 2}))
    asyncio.run(_run(publisher, MESSAGES, expected_transactions=1))
    assert [record["id"] for _, record in publisher.sent(agents.TOPICS["enriched"])] == ["q-1"]
    assert publisher.sent(agents.TOPICS["deadletter"]) == []


def test_agent_publishes_nothing_for_a_partition_taken_away_mid_batch(monkeypatch):
    publisher = _swap(monkeypatch, MemoryPublisher())
    publisher.lost.add((agents.settings.topics.raw, 0))
    monkeypatch.setattr(agents, "_progress", {})

    async def run():
        async with agents.enrich_articles.test_context() as agent:
            for key, value in MESSAGES:
                await agent.put(value, key=key)
            for _ in range(600):
                if agents.metrics.ARTICLES_CONSUMED.labels(agents.settings.topics.raw)._value.get() >= before + 3:
                    break
                await asyncio.sleep(0.05)

    before = agents.metrics.ARTICLES_CONSUMED.labels(agents.settings.topics.raw)._value.get()
    asyncio.run(run())
    assert publisher.transactions == []
    assert agents._progress == {}  # the lag gauges do not count it as done either
