"""The ids of feed items already published, and the compacted-topic records that rebuild them.

Each poll's new ids are written to `<app id>-feeds-seen` in the same Kafka transaction as the articles,
so a poller that restarts (or takes over from another) knows exactly what is on the raw topic. Ids
expire after `ttl_s` (NEWSSTREAM_FEEDS_SEEN_TTL_S): they are dropped and tombstoned, and a restore
skips records older than the TTL. Pure: the transport is in streams.feeds.poller.
"""
from __future__ import annotations

import time
from typing import Iterable

import orjson

from streams.common.expiry import older_than
from streams.runtime.transactions import Output

# As the alerting state's changelog: compaction leaves a record alone for an hour and keeps a tombstone a day.
SEEN_TOPIC_CONFIG = {"cleanup.policy": "compact", "min.compaction.lag.ms": str(3600 * 1000),
                     "delete.retention.ms": str(24 * 3600 * 1000)}


def seen_topic(app_id: str) -> str:
    return f"{app_id}-feeds-seen"


class SeenIds:
    def __init__(self, ttl_s: float, clock=time.time):
        self.ttl_s = ttl_s
        self.clock = clock
        self.written: dict[str, float] = {}  # id -> when its record was written, oldest first
        self.to_tombstone: set[str] = set()

    def __contains__(self, item_id: str) -> bool:
        return item_id in self.written

    def __len__(self) -> int:
        return len(self.written)

    def expire(self, now: float | None = None) -> int:
        """Drop ids older than the TTL; their tombstones go out with the next `records`."""
        expired = older_than(self.written, (self.clock() if now is None else now) - self.ttl_s)
        for item_id in expired:
            del self.written[item_id]
            self.to_tombstone.add(item_id)
        return len(expired)

    def records(self, topic: str, new: Iterable[tuple[str, str]]) -> list[Output]:
        """Records for (id, feed name) pairs about to be published, and tombstones for expired ids.
        The ids count as seen only once `mark` is called, after the transaction committed."""
        now = self.clock()
        outputs = [Output(topic, item_id.encode(), orjson.dumps({"feed": feed, "seen_at": round(now, 3)}))
                   for item_id, feed in new]
        outputs.extend(Output(topic, item_id.encode(), None) for item_id in sorted(self.to_tombstone))
        return outputs

    def mark(self, item_ids: Iterable[str], tombstoned: Iterable[str] = ()) -> None:
        now = self.clock()
        for item_id in item_ids:
            self.written.pop(item_id, None)
            self.written[item_id] = now
        self.to_tombstone.difference_update(tombstoned)

    def restore(self, records: Iterable[tuple]) -> int:
        """Replace the ids with the live ones of a topic's (key, value, Kafka timestamp in ms) records."""
        self.written, self.to_tombstone = {}, set()
        latest: dict[str, tuple[bytes | None, float | None]] = {}
        for record in records:
            if record[0] is None:
                continue
            key = record[0].decode("utf-8", "replace")
            timestamp_s = record[2] / 1000 if len(record) > 2 and record[2] is not None else None
            latest.pop(key, None)
            latest[key] = (record[1], timestamp_s)
        cutoff = self.clock() - self.ttl_s
        for key, (value, timestamp_s) in sorted(latest.items(), key=lambda kv: kv[1][1] or 0.0):
            if value is None:
                continue
            if timestamp_s is not None and timestamp_s <= cutoff:
                self.to_tombstone.add(key)  # expired while no poller ran
                continue
            self.written[key] = timestamp_s if timestamp_s is not None else self.clock()
        return len(self.written)
