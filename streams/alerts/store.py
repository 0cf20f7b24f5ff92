"""The alerting state in memory, and the changelog records that rebuild it.

Each processed batch's changes are written to a compacted topic in the same transaction as the
alerts they led to, so the state a new owner rebuilds is exactly the state those alerts saw.

Keys expire: one not written for `ttl_s` (NEWSSTREAM_ALERT_STATE_TTL_S, 30 days by default) is dropped
and gets a tombstone in the changelog, so that compaction removes it there too. A restore loads only
live keys: tombstoned ones and ones whose last record (by its Kafka timestamp) is older than the TTL
are skipped, and the latter are tombstoned with the next transaction.
"""
from __future__ import annotations

import time
from typing import Iterable, NamedTuple

import orjson

from streams.alerts.evaluate import AlertState
from streams.common.expiry import older_than

TABLES = ("articles", "bands", "alerted", "relationships")


class Change(NamedTuple):
    """One changelog record: its key, and its value (None: a tombstone)."""
    key: bytes
    value: bytes | None


class TrackedDict(dict):
    """A dict that remembers which keys were set since the last `take_changes`."""

    def __init__(self):
        super().__init__()
        self.changed: set = set()

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.changed.add(key)


class StoryState:
    def __init__(self, ttl_s: float | None = None, clock=time.time):
        self.ttl_s = ttl_s
        self.clock = clock
        self.tables = {name: TrackedDict() for name in TABLES}
        # changelog key -> when it was last written, oldest first (a write moves the key to the end)
        self.written: dict[bytes, float] = {}
        self.to_tombstone: set[bytes] = set()
        self.expired_total = 0

    @property
    def alert_state(self) -> AlertState:
        return AlertState(**self.tables)

    def expire(self, now: float | None = None) -> int:
        """Drop keys not written within the TTL; their tombstones go out with the next `take_changes`."""
        if self.ttl_s is None:
            return 0
        expired = older_than(self.written, (self.clock() if now is None else now) - self.ttl_s)
        for key in expired:
            del self.written[key]
            name, item = orjson.loads(key)
            table = self.tables[name]
            table.pop(_hashable(item), None)
            table.changed.discard(_hashable(item))
            self.to_tombstone.add(key)
        self.expired_total += len(expired)
        return len(expired)

    def take_changes(self) -> list[Change]:
        """Changelog records for everything set since the last call, and tombstones for expired keys."""
        now = self.clock()
        outputs = []
        for name, table in self.tables.items():
            for key in table.changed:
                changelog_key = orjson.dumps([name, key])
                outputs.append(Change(changelog_key, orjson.dumps(table[key])))
                self.written.pop(changelog_key, None)
                self.written[changelog_key] = now
                self.to_tombstone.discard(changelog_key)
            table.changed.clear()
        outputs.extend(Change(key, None) for key in sorted(self.to_tombstone))
        self.to_tombstone.clear()
        return outputs

    def restore(self, records: Iterable[tuple]) -> int:
        """Replace the state with the live keys a changelog describes; return their number.

        Records are (key, value) or (key, value, Kafka timestamp in ms); without a timestamp a key is live.
        """
        self.tables = {name: TrackedDict() for name in TABLES}
        self.written = {}
        self.to_tombstone = set()
        latest: dict[bytes, tuple[bytes | None, float | None]] = {}
        for record in records:
            key, value = record[0], record[1]
            timestamp_s = record[2] / 1000 if len(record) > 2 and record[2] is not None else None
            latest.pop(key, None)
            latest[key] = (value, timestamp_s)
        cutoff = None if self.ttl_s is None else self.clock() - self.ttl_s
        for key, (value, timestamp_s) in sorted(latest.items(), key=lambda kv: kv[1][1] or 0.0):
            if value is None:
                continue  # a tombstone: compaction will drop the key
            if cutoff is not None and timestamp_s is not None and timestamp_s <= cutoff:
                self.to_tombstone.add(key)  # expired while nobody owned the state
                continue
            name, item = orjson.loads(key)
            dict.__setitem__(self.tables[name], _hashable(item), orjson.loads(value))
            self.written[key] = timestamp_s if timestamp_s is not None else self.clock()
        return sum(len(table) for table in self.tables.values())


def _hashable(item):
    """Changelog keys come back from JSON: lists become the tuples they were written from."""
    return tuple(_hashable(part) for part in item) if isinstance(item, list) else item
