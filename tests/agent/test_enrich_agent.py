"""The agent in Faust's test context: real batching and routing, in-memory sinks instead of Kafka."""
import asyncio

import orjson
import pytest

from streams.pipeline import agents
from support import assert_conforms


class MemorySink:
    def __init__(self):
        self.sent = []

    async def send(self, key=None, value=None):
        self.sent.append((key, orjson.loads(value)))
        future = asyncio.get_running_loop().create_future()
        future.set_result(None)
        return future


@pytest.fixture
def sinks(monkeypatch):
    memory = {name: MemorySink() for name in agents.OUTPUTS}
    monkeypatch.setattr(agents, "OUTPUTS", memory)
    return memory


async def _run(sinks, messages, expected_outputs):
    async with agents.enrich_articles.test_context() as agent:
        for key, value in messages:
            await agent.put(value, key=key)
        for _ in range(600):
            if sum(len(s.sent) for s in sinks.values()) >= expected_outputs:
                break
            await asyncio.sleep(0.05)


def test_agent_routes_enriched_records_and_dead_letters(sinks):
    messages = [
        (b"s-1", orjson.dumps({"id": "s-1", "body": "Canada imposed sanctions on Russian banks on Friday."})),
        (b"bad", b"\x00\x01"),
        (b"q-1", orjson.dumps({"id": "q-1", "body": "Rain is expected in Dublin."})),
    ]
    asyncio.run(_run(sinks, messages, expected_outputs=3))
    assert [key for key, _ in sinks["enriched"].sent] == [b"s-1", b"q-1"]
    assert sinks["enriched"].sent[0][1]["sanctions"][0]["status"] == "imposed"
    [(_, letter)] = sinks["deadletter"].sent
    assert letter["reason"] == "not_json"
    for sink, kind in [("enriched", "enriched"), ("deadletter", "deadletter")]:
        for _, document in sinks[sink].sent:
            assert_conforms(kind, document)
