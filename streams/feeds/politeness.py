"""When to poll a feed again, and when a host may be asked again: pure decisions, no clock and no network.

The poller passes the time and a random number in; the tests pass fixed ones.
"""
from __future__ import annotations

import email.utils
from datetime import timezone

MAX_BACKOFF_FACTOR = 8  # a failing feed is asked at most every 8 intervals
MAX_RETRY_AFTER_S = 24 * 3600.0  # a server asking for longer than a day is asked again after a day


def parse_retry_after(value: str | None, now_s: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return min(max(0.0, when.timestamp() - now_s), MAX_RETRY_AFTER_S)


def next_poll_delay(interval_s: float, jitter: float, random_unit: float, failures: int = 0,
                    retry_after_s: float | None = None) -> float:
    """Seconds until the next poll of a feed.

    The interval varies by up to `jitter` of itself either way (`random_unit` in [0, 1)), so that feeds
    started together drift apart; after `failures` failed polls in a row it doubles each time, up to
    MAX_BACKOFF_FACTOR intervals; a server's Retry-After is honoured when it asks for longer.
    """
    factor = min(2 ** max(failures - 1, 0), MAX_BACKOFF_FACTOR) if failures else 1
    delay = interval_s * factor * (1.0 + jitter * (2.0 * random_unit - 1.0))
    if retry_after_s is not None:
        delay = max(delay, retry_after_s)
    return max(delay, 0.0)


def first_poll_delay(interval_s: float, jitter: float, random_unit: float) -> float:
    """The first poll comes soon after start, spread over a jitter's share of the interval (at most 5 s)."""
    return min(interval_s * jitter, 5.0) * random_unit


def host_wait(last_request_end_s: float | None, now_s: float, min_delay_s: float) -> float:
    """How long to wait before the next request to a host whose last request ended at `last_request_end_s`."""
    if last_request_end_s is None:
        return 0.0
    return max(0.0, last_request_end_s + min_delay_s - now_s)
