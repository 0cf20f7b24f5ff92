"""A batch in, everything to publish out: nothing is lost, every output conforms."""
import base64

import orjson

from streams.records.models import SourcePosition
from streams.runtime.process import BatchProcessor, RawMessage
from support import assert_conforms

GOOD = {"id": "g-1", "title": "Sanctions", "body": "The European Union imposed sanctions on Belarus on Monday."}


def message(value, offset):
    return RawMessage(value, SourcePosition("raw", 0, offset, b"key", 1_700_000_000.0))


def test_every_message_is_enriched_or_dead_lettered(enricher, limits):
    values = [orjson.dumps(GOOD), b"\xff\xfe", None, b"[]", orjson.dumps({"id": "n", "body": ""}),
              orjson.dumps({"id": "q", "body": "A quiet day in Oslo."})]
    result = BatchProcessor(enricher, limits).process([message(v, i) for i, v in enumerate(values)])

    assert [article_id for article_id, _, _ in result.enriched] == ["g-1", "q"]
    assert sorted(reason for reason, _ in result.dead) == ["invalid_article", "not_object", "not_utf8", "tombstone"]
    assert len(result.enriched) + len(result.dead) == len(values)
    for _, record, _ in result.enriched:
        assert_conforms("enriched", record)
    for _, letter in result.dead:
        assert_conforms("deadletter", letter)
        raw = values[letter["source"]["offset"]]
        assert letter["original_b64"] == (None if raw is None else base64.b64encode(raw).decode())
    assert result.enriched[0][1]["sanctions"][0]["status"] == "imposed"
    assert result.enriched[0][1]["processing"]["produced_at"].startswith("2023-11-14T22:13:20")


def test_one_article_that_breaks_the_enricher_does_not_sink_its_batch(enricher, limits):
    class Fragile:
        """The real enricher, except that it fails on one article, as a bug in a model might."""

        def enrich_many(self, articles, timer=None):
            if any(a.id == "poison" for a in articles):
                raise RuntimeError("model crashed")
            return enricher.enrich_many(articles, timer)

    values = [orjson.dumps({"id": "poison", "body": "x y z"}), orjson.dumps(GOOD)]
    result = BatchProcessor(Fragile(), limits).process([message(v, i) for i, v in enumerate(values)])
    assert [i for i, _, _ in result.enriched] == ["g-1"]
    [(reason, letter)] = result.dead
    assert reason == "enrichment_failed"
    assert letter["article_id"] == "poison" and "model crashed" in letter["error"]




def test_a_dead_letter_keeps_a_bounded_prefix_with_the_size_and_sha256_of_the_whole(blank_enricher, limits):
    import dataclasses
    import hashlib

    value = b"\x80" * 900_000  # not UTF-8, 900 KB
    small = dataclasses.replace(limits, deadletter_max_original_bytes=1024)
    [(reason, letter)] = BatchProcessor(blank_enricher, small).process([message(value, 0)]).dead
    assert reason == "not_utf8"
    assert base64.b64decode(letter["original_b64"]) == value[:1024]
    assert letter["original_size"] == 900_000 and letter["original_truncated"] is True
    assert letter["original_sha256"] == hashlib.sha256(value).hexdigest()
    assert len(orjson.dumps(letter)) < 4096
    assert_conforms("deadletter", letter)


def test_an_enriched_record_over_the_output_limit_is_dead_lettered(enricher, limits):
    import dataclasses

    tight = dataclasses.replace(limits, max_output_bytes=300)
    result = BatchProcessor(enricher, tight).process([message(orjson.dumps(GOOD), 0)])
    assert result.enriched == []
    [(reason, letter)] = result.dead
    assert reason == "output_too_large" and "NEWSSTREAM_MAX_OUTPUT_BYTES" in letter["error"]
    assert_conforms("deadletter", letter)


def test_unknown_fields_are_counted_and_the_article_enriched(enricher, limits):
    value = orjson.dumps({**GOOD, "author": "Jane Roe"})
    result = BatchProcessor(enricher, limits).process([message(value, 0)])
    [(article_id, record, _)] = result.enriched
    assert article_id == "g-1" and result.unknown_fields == {"author": 1}
    assert_conforms("enriched", record)
