"""Consumer lag: counted from the group's committed offset until this worker has published a batch."""
import asyncio
from types import SimpleNamespace

from aiokafka import TopicPartition

from streams.runtime.monitors import ConsumerLag
from streams.settings import Settings
from support import metric_value

RAW = "lag-test.raw"
LAG = "newsstream_consumer_lag_messages"


class FakeConsumer:
    def __init__(self, highwater: dict):
        self.highwaters = highwater

    def assignment(self):
        return set(self.highwaters)

    def highwater(self, tp):
        return self.highwaters[tp]


class FakePublisher:
    def __init__(self, committed: dict, failing: bool = False):
        self.offsets, self.failing, self.asked = committed, failing, 0

    async def committed(self, tp):
        self.asked += 1
        if self.failing:
            raise ConnectionError("broker unreachable")
        return self.offsets.get(tp)


def _lag(highwater, committed, progress=None, failing=False):
    settings = Settings().with_(topics=Settings().topics.with_(raw=RAW))
    stage = SimpleNamespace(publisher=FakePublisher(committed, failing), progress=progress or {})
    app = SimpleNamespace(consumer=FakeConsumer(highwater), settings=settings)
    return ConsumerLag(app, stage), stage


def test_lag_before_the_first_batch_counts_from_the_committed_offset_not_the_whole_log():
    tp0, tp1 = TopicPartition(RAW, 0), TopicPartition(RAW, 1)
    monitor, stage = _lag({tp0: 1000, tp1: 50}, {tp0: 990})
    asyncio.run(monitor.report())
    assert metric_value(LAG, {"topic": RAW, "partition": "0"}) == 10
    assert metric_value(LAG, {"topic": RAW, "partition": "1"}) == 50  # never committed: all of it
    asyncio.run(monitor.report())
    assert stage.publisher.asked == 2  # read once per partition, then kept


def test_lag_after_a_batch_counts_from_the_last_published_offset():
    tp = TopicPartition(RAW, 2)
    monitor, _ = _lag({tp: 500}, {tp: 100}, progress={(RAW, 2): (489, None)})
    asyncio.run(monitor.report())
    assert metric_value(LAG, {"topic": RAW, "partition": "2"}) == 10


def test_an_unreadable_committed_offset_skips_the_partition_and_never_raises():
    tp = TopicPartition(RAW, 3)
    monitor, stage = _lag({tp: 500}, {}, failing=True)
    asyncio.run(monitor.report())  # a Faust timer that raises would stop the worker
    assert stage.publisher.asked == 1
    assert metric_value(LAG, {"topic": RAW, "partition": "3"}) == 0  # not reported this round
    stage.publisher.failing = False
    asyncio.run(monitor.report())
    assert metric_value(LAG, {"topic": RAW, "partition": "3"}) == 500  # retried, not cached as a failure
