"""The alerting state's TTL: expired keys are dropped and tombstoned; a restore loads only live keys."""
import orjson

from streams.alerts.store import StoryState


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_keys_not_written_within_the_ttl_are_dropped_and_tombstoned():
    clock = Clock(1000.0)
    state = StoryState(ttl_s=60, clock=clock)
    state.tables["articles"]["old"] = "story-1"
    state.take_changes()
    clock.now = 1030.0
    state.tables["articles"]["young"] = "story-2"
    state.take_changes()
    clock.now = 1061.0
    assert state.expire() == 1
    assert dict(state.tables["articles"]) == {"young": "story-2"}
    [tombstone] = state.take_changes()
    assert (orjson.loads(tombstone.key), tombstone.value) == (["articles", "old"], None)
    assert state.take_changes() == []  # once


def test_a_key_written_again_lives_on():
    clock = Clock(0.0)
    state = StoryState(ttl_s=60, clock=clock)
    state.tables["alerted"]["k"] = "a1"
    state.take_changes()
    clock.now = 50.0
    state.tables["alerted"]["k"] = "a2"
    state.take_changes()
    clock.now = 100.0
    assert state.expire() == 0 and state.tables["alerted"]["k"] == "a2"


def test_a_restore_loads_only_live_keys_and_tombstones_the_expired_ones():
    now = 10_000.0
    state = StoryState(ttl_s=100, clock=Clock(now))
    key = lambda name, item: orjson.dumps([name, item])  # noqa: E731
    records = [
        (key("articles", "expired"), orjson.dumps("s1"), (now - 500) * 1000),
        (key("articles", "live"), orjson.dumps("s2"), (now - 10) * 1000),
        (key("articles", "deleted"), orjson.dumps("s3"), (now - 10) * 1000),
        (key("articles", "deleted"), None, (now - 5) * 1000),
        (key("bands", "b1"), orjson.dumps([["f", "s2"]]), (now - 1) * 1000),
    ]
    assert state.restore(records) == 2
    assert dict(state.tables["articles"]) == {"live": "s2"}
    assert [(orjson.loads(o.key), o.value) for o in state.take_changes()] == [(["articles", "expired"], None)]


def test_without_timestamps_every_key_is_live():
    state = StoryState(ttl_s=100)
    assert state.restore([(orjson.dumps(["articles", "a"]), orjson.dumps("s"))]) == 1
