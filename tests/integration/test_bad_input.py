"""Every kind of bad message among good ones: each bad one is dead-lettered, each good one enriched, counted by offsets."""
from __future__ import annotations

import base64

import orjson
import pytest

from fixtures.kafka import publish_raw, read_topic
from support import assert_conforms

pytestmark = pytest.mark.integration


def good(n: int) -> bytes:
    return orjson.dumps({"id": f"ok-{n}", "body": f"Ministers from Chile and Peru met in Lima for round {n} of talks."})


BAD = [
    (b"\xff\xfe\x00 not utf-8", "not_utf8"),
    (b"{'single': 'quotes'}", "not_json"),
    (b"[1, 2, 3]", "not_object"),
    (b'"just a string"', "not_object"),
    (orjson.dumps({"body": "no id"}), "invalid_article"),
    (orjson.dumps({"id": "", "body": "empty id"}), "invalid_article"),
    (orjson.dumps({"id": "no-body"}), "invalid_article"),
    (orjson.dumps({"id": "empty-body", "body": ""}), "invalid_article"),
    (orjson.dumps({"id": 7, "body": "id of the wrong type"}), "invalid_article"),
    (orjson.dumps({"id": "bad-time", "body": "text", "published_at": "last Tuesday"}), "invalid_article"),
    (orjson.dumps({"id": "nul", "body": "before\u0000after"}), "invalid_article"),
    (orjson.dumps({"id": "huge", "body": "word " * 2000}), "body_too_long"),
    (b"", "empty"),
    (None, "tombstone"),
]
ODD_BUT_GOOD = [
    orjson.dumps({"id": "rtl", "body": "قال وزير الخارجية إن المحادثات في القاهرة كانت مثمرة."}),
    orjson.dumps({"id": "emoji", "body": "Talks in Oslo 🇳🇴 went well 👍, officials said."}),
    # A field the schema does not list is kept (under metadata.extra), not refused.
    orjson.dumps({"id": "unknown-field", "body": "Talks in Lima went well.", "section": "world"}),
]


def test_bad_messages_among_good_ones(pipeline_settings, start_worker, producer):
    settings = pipeline_settings.with_(max_body_chars=5000)
    start_worker(settings)
    topics = settings.topics
    messages = []
    for n, (value, _) in enumerate(BAD):
        messages.append((f"k{n}".encode(), good(n)))
        messages.append((f"b{n}".encode(), value))
    messages += [(b"rtl", ODD_BUT_GOOD[0]), (b"emoji", ODD_BUT_GOOD[1]), (b"unknown-field", ODD_BUT_GOOD[2])]
    publish_raw(producer, topics.raw, messages)
    valid = len(BAD) + len(ODD_BUT_GOOD)

    letters = [orjson.loads(m.value) for m in read_topic(settings, topics.deadletter, len(BAD))]
    enriched = [orjson.loads(m.value) for m in read_topic(settings, topics.enriched, valid)]
    assert len(letters) == len(BAD) and len(enriched) == valid  # bad in = dead letters out, valid in = enriched out
    for letter in letters:
        assert_conforms("deadletter", letter)
    for record in enriched:
        assert_conforms("enriched", record)

    by_key = {base64.b64decode(l["source"]["key_b64"]).decode(): l for l in letters}
    for n, (value, reason) in enumerate(BAD):
        letter = by_key[f"b{n}"]
        assert letter["reason"] == reason, (n, letter["error"])
        assert letter["original_b64"] == (None if value is None else base64.b64encode(value).decode())
        assert letter["source"]["topic"] == topics.raw

    # Counted by offsets: every raw offset shows up exactly once, as enriched or as dead letter.
    positions = [(l["source"]["partition"], l["source"]["offset"]) for l in letters]
    positions += [(r["processing"]["source_offset"]["partition"], r["processing"]["source_offset"]["offset"]) for r in enriched]
    assert len(positions) == len(set(positions)) == len(messages)
    assert {r["id"] for r in enriched} >= {"rtl", "emoji", "unknown-field"}
