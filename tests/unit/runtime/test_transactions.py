"""The publisher's bookkeeping without a broker: a batch read and not published is redone, never skipped."""
import asyncio
from types import SimpleNamespace

from aiokafka import TopicPartition

from streams.settings import Settings
from streams.runtime.transactions import Claim, PartitionBatch, TransactionalPublisher, claim_batches

TP = TopicPartition("raw", 0)


def event(offset):
    return SimpleNamespace(message=SimpleNamespace(topic="raw", partition=0, offset=offset))


class Publisher(TransactionalPublisher):
    """Claims from a fixed committed offset and records seeks, with no Kafka behind it."""

    def __init__(self, committed):
        super().__init__(Settings(), "test")
        self.committed = committed
        self.seeks = []

    async def claim(self, tp):
        return Claim(self.committed, fresh=True)

    async def _seek(self, tp, offset):
        self.seeks.append(offset)


def offsets(batches):
    return [[e.message.offset for e in b.events] for b in batches]


def test_events_read_ahead_of_a_failed_batch_wait_for_the_re_read_input():
    async def run():
        publisher = Publisher(committed=100)
        publisher.hold(PartitionBatch(TP, [event(o) for o in range(100, 116)], fresh=False))
        # Still buffered from before the seek: dropped, not published past the failed batch.
        assert offsets(await claim_batches(publisher, [event(o) for o in range(116, 132)])) == []
        # The re-read input arrives after the stale tail of the buffer: only it is kept, in order.
        mixed = [event(o) for o in (132, 133)] + [event(o) for o in range(100, 108)]
        assert offsets(await claim_batches(publisher, mixed)) == [list(range(100, 108))]
        # The hold is over: later batches go through.
        assert offsets(await claim_batches(publisher, [event(108)])) == [[108]]

    asyncio.run(run())


def test_a_hold_repeats_the_seek_while_nothing_comes_round(monkeypatch):
    import streams.runtime.transactions as transactions

    async def run():
        publisher = Publisher(committed=100)
        publisher.hold(PartitionBatch(TP, [event(100)], fresh=False))
        monkeypatch.setattr(transactions, "REWIND_AGAIN_S", 0.0)
        assert await claim_batches(publisher, [event(140)]) == []
        assert publisher.seeks == [100]

    asyncio.run(run())


def test_a_hold_ends_when_another_owner_published_past_it():
    async def run():
        publisher = Publisher(committed=200)
        publisher.hold(PartitionBatch(TP, [event(100)], fresh=False))
        assert offsets(await claim_batches(publisher, [event(200), event(201)])) == [[200, 201]]

    asyncio.run(run())
