"""Scheduling, backoff, Retry-After and per-host delays; the feeds file; the seen ids: pure, no network."""
from __future__ import annotations

import pytest

from streams.feeds import politeness
from streams.feeds.config import FeedsConfigError, parse_feeds
from streams.feeds.seen import SeenIds


def test_interval_with_jitter_backoff_and_retry_after():
    assert politeness.next_poll_delay(100, 0.1, 0.5) == 100
    assert politeness.next_poll_delay(100, 0.1, 0.0) == pytest.approx(90)
    assert politeness.next_poll_delay(100, 0.1, 1.0) == pytest.approx(110)
    assert [politeness.next_poll_delay(100, 0, 0.5, failures=n) for n in (1, 2, 3, 4, 9)] == [100, 200, 400, 800, 800]
    assert politeness.next_poll_delay(100, 0, 0.5, retry_after_s=3600) == 3600
    assert politeness.next_poll_delay(100, 0, 0.5, retry_after_s=5) == 100
    assert 0 <= politeness.first_poll_delay(300, 0.1, 0.99) <= 5


def test_retry_after_in_seconds_or_a_date():
    now = 1_000_000_000.0
    assert politeness.parse_retry_after("120", now) == 120
    assert politeness.parse_retry_after("Sun, 09 Sep 2001 01:48:40 GMT", now) == pytest.approx(120)
    assert politeness.parse_retry_after("Sun, 09 Sep 2001 01:40:00 GMT", now) == 0  # in the past
    assert politeness.parse_retry_after("99999999", now) == politeness.MAX_RETRY_AFTER_S
    assert politeness.parse_retry_after("soon", now) is None and politeness.parse_retry_after(None, now) is None


def test_host_wait():
    assert politeness.host_wait(None, 10, 2) == 0
    assert politeness.host_wait(9.5, 10, 2) == pytest.approx(1.5)
    assert politeness.host_wait(5, 10, 2) == 0


def test_feeds_file_defaults_overrides_and_host_delays():
    config = parse_feeds("""
defaults: {interval: 60, host_delay: 1}
feeds:
  - {name: a, url: "http://h.example/a.xml"}
  - {name: b, url: "http://H.example/b.xml", interval: 5, host_delay: 3, fetch_full_text: true}
""", "f.yml")
    a, b = config.feeds
    assert (a.interval, a.host_delay, a.fetch_full_text) == (60, 1, False)
    assert (b.interval, b.fetch_full_text) == (5, True)
    assert config.host_delays() == {"h.example": 3}


@pytest.mark.parametrize("text, message", [
    ("", "the file is empty"),
    ("feeds: [", "not valid YAML"),
    ("feeds: []", "line 1"),
    ("feeds:\n  - {name: a, url: 'ftp://x'}\n", "line 2"),
    ("feeds:\n  - name: a\n    url: http://x/\n    intervall: 3\n", "unknown key(s) ('intervall'"),
    ("feeds:\n  - {name: a, url: 'http://x/'}\n  - {name: a, url: 'http://y/'}\n", "line 3: feed name 'a' is used twice"),
    ("defaults: {interval: 0.1}\nfeeds:\n  - {name: a, url: 'http://x/'}\n", "line 1"),
])
def test_a_bad_feeds_file_names_the_line(text, message):
    with pytest.raises(FeedsConfigError, match=None) as raised:
        parse_feeds(text, "f.yml")
    assert message in str(raised.value), str(raised.value)


def test_the_example_feeds_file_is_valid():
    from streams.feeds.config import load_feeds
    from streams.settings import PROJECT_ROOT

    assert len(load_feeds(PROJECT_ROOT / "deploy" / "feeds.example.yml").feeds) >= 2


def test_seen_ids_records_marks_expiry_and_restore():
    now = [1000.0]
    seen = SeenIds(ttl_s=100, clock=lambda: now[0])
    outputs = seen.records("seen", [("a", "f"), ("b", "f")])
    assert [o.key for o in outputs] == [b"a", b"b"] and "a" not in seen  # seen only once committed
    seen.mark(["a", "b"])
    assert "a" in seen and len(seen) == 2
    now[0] = 1050.0
    seen.mark(["b"])
    now[0] = 1120.0
    assert seen.expire() == 1 and "a" not in seen and "b" in seen
    tombstones = seen.records("seen", [])
    assert [(o.key, o.value) for o in tombstones] == [(b"a", None)]
    seen.mark([], ["a"])
    assert seen.records("seen", []) == []
    restored = SeenIds(ttl_s=100, clock=lambda: 1120.0)
    assert restored.restore([(b"x", b"{}", 1_100_000), (b"old", b"{}", 1_000_000), (b"gone", b"{}", 1_110_000),
                             (b"gone", None, 1_111_000)]) == 1
    assert "x" in restored and "gone" not in restored and restored.to_tombstone == {"old"}
