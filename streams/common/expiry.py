"""Expiry of compacted-changelog state: keys written longer ago than a TTL get tombstones.

The alerting stage's story state and the feed poller's seen ids both keep {key: time written} in
insertion order, oldest first, so the expired keys are a prefix.
"""
from __future__ import annotations


def older_than(written: dict, cutoff: float) -> list:
    """Keys of an insertion-ordered {key: time written} (oldest first) written at or before `cutoff`."""
    expired = []
    for key, at in written.items():
        if at > cutoff:
            break  # oldest first: the rest are younger
        expired.append(key)
    return expired
