"""The alerting state in memory, and the changelog records that rebuild it.

Each processed batch's changes are written to a compacted topic in the same transaction as the
alerts they led to, so the state a new owner rebuilds is exactly the state those alerts saw.
"""
from __future__ import annotations

from typing import Iterable

import orjson

from streams.alerts.evaluate import AlertState
from streams.transactions import Output

TABLES = ("articles", "bands", "alerted", "relationships")


class TrackedDict(dict):
    """A dict that remembers which keys were set since the last `take_changes`."""

    def __init__(self):
        super().__init__()
        self.changed: set = set()

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.changed.add(key)


class StoryState:
    def __init__(self):
        self.tables = {name: TrackedDict() for name in TABLES}

    @property
    def alert_state(self) -> AlertState:
        return AlertState(**self.tables)

    def take_changes(self, topic: str) -> list[Output]:
        """Changelog records for everything set since the last call."""
        outputs = []
        for name, table in self.tables.items():
            for key in table.changed:
                outputs.append(Output(topic, orjson.dumps([name, key]), orjson.dumps(table[key])))
            table.changed.clear()
        return outputs

    def restore(self, records: Iterable[tuple[bytes, bytes | None]]) -> int:
        """Replace the state with the one a changelog describes; return the number of keys."""
        self.tables = {name: TrackedDict() for name in TABLES}
        for key, value in records:
            name, item = orjson.loads(key)
            table = self.tables[name]
            if value is None:
                table.pop(item, None)
            else:
                dict.__setitem__(table, item, orjson.loads(value))
        return sum(len(table) for table in self.tables.values())
